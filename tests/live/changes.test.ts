// `brecha changes` and the feeds, over a warehouse refreshed twice from a small mirror: the
// first run adds values, the second revises two and adds a year; a third fails (stale).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { changesReport, parseSince } from "../../pipelines/changes.ts"
import { renderChangesTable } from "../../pipelines/cli/changesCommand.ts"
import { refresh } from "../../pipelines/refresh.ts"
import { runCli } from "../support/cli.ts"
import { fixture } from "../support/raw.ts"
import { runWith, tempDbPath } from "../support/warehouse.ts"

const db = tempDbPath("changes")
const mirror = mkdtempSync(join(tmpdir(), "brecha-mirror-"))
const file = join(mirror, "wb-wdi", "bulk-csv-original", "API_IT.NET.BBND.P2_DS2_test.csv")

beforeAll(async () => {
  mkdirSync(join(mirror, "wb-wdi", "bulk-csv-original"), { recursive: true })
  cpSync(fixture("wdi", "API_IT.NET.BBND.P2_DS2_original.csv"), file)
  await runWith(db, refresh({ mirror, sourceIds: ["wdi"] }))
  // Second release: MEX 2019 and KOR 2019 revised, KOR 2020 filled in.
  const text = readFileSync(file, "utf8")
    .replace('"Last Updated Date","2021-03-04"', '"Last Updated Date","2021-06-30"')
    .replace(
      '"MEX","Fixed broadband subscriptions (per 100 people)","IT.NET.BBND.P2","14.5","15.2"',
      '"MEX","Fixed broadband subscriptions (per 100 people)","IT.NET.BBND.P2","14.5","15.4"'
    )
    .replace('"IT.NET.BBND.P2","41.6","43.5",""', '"IT.NET.BBND.P2","41.6","43.7","44.1"')
  writeFileSync(file, text)
  await runWith(db, refresh({ mirror, sourceIds: ["wdi"] }))
  // Third: the file is gone from the mirror: the source fails and goes stale.
  rmSync(file)
  await runWith(db, refresh({ mirror, sourceIds: ["wdi"] }))
}, 300_000)

const report = (since: string | undefined, limit = 50) => {
  const parsed = parseSince(since)
  if ("error" in parsed) throw new Error(parsed.error)
  return runWith(db, changesReport(parsed, limit))
}

describe("changes", () => {
  it("parses --since as a run id or a date, and refuses anything else", () => {
    expect(parseSince("12")).toEqual({ runId: 12 })
    expect(parseSince("2025-07-01")).toEqual({ date: "2025-07-01" })
    expect(parseSince(undefined)).toEqual({ latest: true })
    expect(parseSince("last week")).toEqual({ error: '--since "last week" is neither a run id (e.g. 12) nor a date (e.g. 2025-07-01)' })
  })

  it("by default shows the last run: here, the source going stale", async () => {
    const r = await report(undefined)
    expect(r.since).toMatchObject({ runId: 3 })
    expect(r.counts).toEqual([])
    expect(r.events.map((e) => [e.kind, e.source_id, e.run_id])).toEqual([["stale", "wdi", 3]])
    expect(r.events[0].error).toMatch(/no file of this source in the mirror/)
  })

  it("run 2: two revisions (old, new, both vintages) and one new value", async () => {
    const r = await report("2")
    expect(r.counts).toEqual(
      [
        { kind: "revised", source_id: "wdi", indicator_id: "IT.NET.BBND.P2", values: 2, countries: 2, first_year: 2019, last_year: 2019 },
        { kind: "new_value", source_id: "wdi", indicator_id: "IT.NET.BBND.P2", values: 1, countries: 1, first_year: 2020, last_year: 2020 }
      ].map((c) => expect.objectContaining(c))
    )
    expect(r.details.slice(0, 2).map((d) => [d.kind, d.country_iso3, d.year, d.old_value, d.new_value, d.old_vintage_id, d.new_vintage_id])).toEqual([
      ["revised", "MEX", 2019, 15.2, 15.4, 1, 2],
      ["revised", "KOR", 2019, 43.5, 43.7, 1, 2]
    ])
    const table = renderChangesTable(r)
    expect(table).toContain("Changes in runs 2 and later")
    expect(table).toMatch(/revised\s+wdi\s+IT\.NET\.BBND\.P2\s+MEX\s+2019\s+15\.2\s+15\.4\s+1→2/)
    expect(table).toMatch(/wdi\s+stale\s+3/)
  })

  it("a first load is summarised as counts, with the details capped and the rest counted", async () => {
    const r = await report("1", 2)
    expect(r.counts.find((c) => c.kind === "new_value")).toMatchObject({ values: 6, countries: 2 })
    expect(r.details).toHaveLength(2)
    expect(r.omitted).toBe(6 + 2 - 2)
    expect(renderChangesTable(r)).toContain("… and 6 more value changes not listed")
  })

  it("`brecha changes` prints the table and JSON", async () => {
    const table = await runCli(["changes", "--since", "2", "--db", db])
    expect(table.code, table.stderr).toBe(0)
    expect(table.stdout).toMatch(/IT\.NET\.BBND\.P2\s+revised\s+2\s+2\s+2019/)
    const json = await runCli(["changes", "--since", "2025-01-01", "--format", "json", "--limit", "0", "--db", db])
    expect(json.code, json.stderr).toBe(0)
    const parsed = JSON.parse(json.stdout) as { details: Array<unknown>; omitted: number }
    expect(parsed.details).toHaveLength(8)
    expect(parsed.omitted).toBe(0)
    const bad = await runCli(["changes", "--since", "yesterday", "--db", db])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('--since "yesterday" is neither a run id')
  }, 120_000)
})
