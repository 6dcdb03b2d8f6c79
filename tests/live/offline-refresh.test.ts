// The offline refresh, as a user without a network meets it: every publisher URL points at
// a closed port on 127.0.0.1 (connection refused), one attempt per request. The refresh
// must end promptly with every final source read as final and every live one as
// unreachable, never speak of a missing URL, exit with the "publishers unreachable" status,
// and leave the data and its vintages exactly as they were. The warehouse starts from the
// bundled snapshot (every source's real data).
import { createServer } from "node:net"
import { beforeAll, describe, expect, it } from "vitest"
import { sourceUrlVariable } from "../../pipelines/environment.ts"
import { restoreSnapshot } from "../../pipelines/snapshot.ts"
import { sourceKind } from "../../pipelines/source.ts"
import { sources } from "../../pipelines/sources/registry.ts"
import { runCli } from "../support/cli.ts"
import { contentFingerprint, query, runWith, tempDbPath } from "../support/warehouse.ts"

/** A loopback port that nothing listens on: bound, then released. */
const closedPort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })

// What a run writes even when nothing loads: its own log rows and the catalogue sync mark.
const dataOnly = { excludeTables: ["run_log", "run_source_log", "warehouse_meta"] }

describe("refresh with every publisher unreachable", () => {
  const db = tempDbPath("offline")
  let env: Record<string, string>
  let before: string

  beforeAll(async () => {
    await runWith(db, restoreSnapshot())
    before = await contentFingerprint(db, dataOnly)
    const port = await closedPort()
    env = { BRECHA_HTTP_ATTEMPTS: "1", BRECHA_HTTP_TIMEOUT_MS: "5000" }
    for (const s of sources) env[sourceUrlVariable(s.id).name] = `http://127.0.0.1:${port}`
  }, 120_000)

  it("records final sources as final and live ones as unreachable, changes no data, and exits 75 (1 while some source is undeclared)", async () => {
    const started = Date.now()
    const result = await runCli(["refresh", "--db", db], env)
    const seconds = (Date.now() - started) / 1000
    console.log(`offline refresh of ${sources.length} sources: ${seconds.toFixed(1)} s (exit status ${result.code}; machine shared)`)
    const output = result.stdout + result.stderr
    expect(output).not.toMatch(/no live URL/i)

    const [run] = await query<{ run_id: number; status: string }>(db, "SELECT run_id, status FROM run_log ORDER BY run_id DESC LIMIT 1")
    const outcomes = Object.fromEntries(
      (
        await query<{ source_id: string; outcome: string; error: string | null }>(
          db,
          `SELECT source_id, outcome, error FROM run_source_log WHERE run_id = ${run.run_id}`
        )
      ).map((r) => [r.source_id, r])
    )
    expect(Object.keys(outcomes).sort()).toEqual(sources.map((s) => s.id).sort())
    for (const s of sources) {
      const kind = sourceKind(s)
      const got = outcomes[s.id]
      if (kind === "final") expect(got, s.id).toMatchObject({ outcome: "final", error: null })
      if (kind === "live") {
        expect(got.outcome, s.id).toBe("unreachable")
        expect(got.error, s.id).toMatch(/could not connect \(.*ECONNREFUSED\)/)
      }
      // Not yet declared live or final: said plainly, as a failure of the declaration.
      if (kind === "undeclared") expect(got, s.id).toMatchObject({ outcome: "failed", error: expect.stringMatching(/declares neither publisher endpoints/) })
    }
    // A host that refused once is not asked again in the same run.
    expect(Object.values(outcomes).some((o) => /an earlier request to this host in the same run found: could not connect/.test(o.error ?? ""))).toBe(true)
    const undeclared = sources.filter((s) => sourceKind(s) === "undeclared").length
    expect(result.code).toBe(undeclared > 0 ? 1 : 75)
    expect(run.status).toBe(undeclared > 0 ? "partial" : "unreachable")

    expect(await contentFingerprint(db, dataOnly)).toBe(before)

    const fresh = await query<{ source_id: string; kind: string; stale: boolean; stale_reason: string | null; latest_vintage_at: unknown }>(
      db,
      "SELECT source_id, kind, stale, stale_reason, latest_vintage_at FROM source_freshness"
    )
    for (const f of fresh) {
      if (f.kind === "final") expect(f, f.source_id).toMatchObject({ stale: false, stale_reason: null })
      if (f.kind === "live") {
        expect(f.stale, f.source_id).toBe(true)
        expect(f.stale_reason, f.source_id).toMatch(/^publisher unreachable: /)
        expect(f.latest_vintage_at, f.source_id).not.toBeNull()
      }
    }
  }, 120_000)

  it("`brecha sources` then shows each source live or final, its endpoints or reason, cadence, vintage and staleness", async () => {
    const json = await runCli(["sources", "--db", db, "--format", "json"])
    expect(json.code).toBe(0)
    const statuses = JSON.parse(json.stdout) as Array<Record<string, unknown> & { sourceId: string; kind: string; endpoints: Array<string> }>
    expect(statuses.map((s) => s.sourceId)).toEqual(sources.map((s) => s.id))
    const odb = statuses.find((s) => s.sourceId === "odb")!
    expect(odb).toMatchObject({ kind: "final", cadence: "annual", stale: false, final: { lastEdition: "2017 (Leaders Edition)" } })
    expect(odb.latestVintageId).toEqual(expect.any(Number))
    const egov = statuses.find((s) => s.sourceId === "un_egov")!
    expect(egov).toMatchObject({ kind: "live", cadence: "biennial", stale: true, releasedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) })
    // The published endpoints, not the test's loopback override.
    expect(egov.endpoints[0]).toMatch(/^https:\/\/data360api\.worldbank\.org\//)
    expect(egov.staleReason).toMatch(/^publisher unreachable: /)

    const table = await runCli(["sources", "--db", db])
    expect(table.stdout).toMatch(/^odb +final +annual .* no \(final\)$/m)
    expect(table.stdout).toMatch(/^un_egov +live +biennial .* yes$/m)
    expect(table.stdout).toContain("final edition (2017), no further releases expected: 2017 (Leaders Edition), published 2018-09-20.")
    expect(table.stdout).toContain("  live: https://data360api.worldbank.org/data360/data?DATABASE_ID=UN_EGDI&INDICATOR=UN_EGDI_EGDI")
    expect(table.stdout).not.toMatch(/no live URL/i)
  }, 60_000)
})
