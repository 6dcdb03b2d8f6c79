// `brecha up` (npm start) with no publisher reachable: a quick per-host probe finds that
// out once, every live source is recorded unreachable without another request, and the
// user reads one line per source ("un_egov: publisher unreachable, showing data retrieved
// 2026-11-26") and one summary. The warehouse starts from the bundled snapshot.
import { Effect } from "effect"
import { readFileSync } from "node:fs"
import { createServer } from "node:net"
import { beforeAll, describe, expect, it } from "vitest"
import { logWriter, refreshLogPath, sourceLine, startSummaryLine } from "../../pipelines/cli/startReport.ts"
import { sourceUrlVariable } from "../../pipelines/environment.ts"
import { restoreSnapshot } from "../../pipelines/snapshot.ts"
import { sourceKind } from "../../pipelines/source.ts"
import { sources } from "../../pipelines/sources/registry.ts"
import { refreshOrSnapshot } from "../../pipelines/up.ts"
import { runWith, tempDbPath } from "../support/warehouse.ts"

const closedPort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0))
    })
  })

describe("brecha up offline", () => {
  const db = tempDbPath("up-offline")
  let port = 0
  const saved: Record<string, string | undefined> = {}

  beforeAll(async () => {
    await runWith(db, restoreSnapshot())
    port = await closedPort()
    for (const s of sources) {
      const name = sourceUrlVariable(s.id).name
      saved[name] = process.env[name]
      process.env[name] = `http://127.0.0.1:${port}/api`
    }
    return () => {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name]
        else process.env[name] = value
      }
    }
  }, 120_000)

  it("says one line per source and one summary, with the date of the data it shows", async () => {
    const lines: Array<string> = []
    let before: ReadonlyMap<string, string> = new Map()
    const result = await Effect.runPromise(
      refreshOrSnapshot({
        dbPath: db,
        onStart: (retrievedOn) => (before = retrievedOn),
        onProgress: (event) => event.kind === "source-done" && lines.push(sourceLine(event.summary, before))
      })
    )
    expect(result.reachable).toBe(false)
    expect([...result.unreachableHosts.keys()]).toEqual([`127.0.0.1:${port}`])
    expect(lines).toHaveLength(sources.length)
    for (const s of sources) {
      const line = lines.find((l) => l.startsWith(`${s.id}: `))
      const day = before.get(s.id)
      // The user's own folder (none here) has no publisher to reach.
      if (sourceKind(s) === "local") {
        expect(line).toMatch(new RegExp(`^${s.id}: no files in .* \\(add your own indicators with brecha national init ID\\)$`))
        continue
      }
      expect(day, s.id).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      if (sourceKind(s) === "final") expect(line).toBe(`${s.id}: final edition (${s.final!.lastEdition.slice(0, 4)}), no further releases expected`)
      if (sourceKind(s) === "live") expect(line).toBe(`${s.id}: publisher unreachable, showing data retrieved ${day}`)
      if (sourceKind(s) === "undeclared") {
        expect(line).toBe(`${s.id}: no publisher endpoints declared yet (load it with --mirror DIR or brecha ingest), showing data retrieved ${day}`)
      }
    }
    // The probe's finding is reused: no live dataset was asked for again.
    for (const s of result.summary.sources.filter((x) => x.outcome === "unreachable")) {
      expect(s.error).toMatch(new RegExp(`publisher unreachable \\(a quick check of 127\\.0\\.0\\.1:${port} found: could not connect`))
    }
    expect(result.fromSnapshot).toEqual({})
    const summary = startSummaryLine(result.summary, { reachable: result.reachable, logFile: refreshLogPath(db) })
    expect(summary).toMatch(
      /^offline: the publishers could not be reached; the dashboards show the data last retrieved, marked stale \(\d+ sources: (\d+ up to date, )?4 final, \d+ unreachable(, \d+ failed)?\)\. Details: .*brecha-refresh\.log$/
    )
    expect([...lines, summary].join("\n")).not.toMatch(/no live URL|https?:\/\//)
  }, 120_000)

  it("keeps writing the start when the log file cannot be written", () => {
    // Under a regular file (the warehouse), no folder can be made.
    const write = logWriter(`${db}/logs/brecha-refresh.log`)
    expect(() => write("a line")).not.toThrow()
    const path = refreshLogPath(db)
    logWriter(path)("a line")
    expect(readFileSync(path, "utf8")).toContain("a line\n")
  })
})
