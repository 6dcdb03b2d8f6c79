// Staleness follows each source's cadence (data/catalog/sources.yaml, the source_freshness
// view): data last confirmed 13 months ago is stale for an annual source but not for a
// biennial survey (EGDI); irregular sources do not age; final sources are never stale.
import { Effect } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { Warehouse } from "../../pipelines/warehouse/Warehouse.ts"
import { query, runWith, tempDbPath } from "../support/warehouse.ts"

const monthsAgo = (n: number, extraDays = 0): string => {
  const d = new Date()
  d.setUTCMonth(d.getUTCMonth() - n)
  d.setUTCDate(d.getUTCDate() - extraDays)
  return d.toISOString().slice(0, 19).replace("T", " ")
}

describe("source_freshness follows each source's cadence", () => {
  const db = tempDbPath("cadence")
  // source, months since its data was last confirmed, by a run (true) or only by the vintage itself
  const cases: Array<[string, number, boolean]> = [
    ["wdi", 13, true], // annual
    ["data360", 11, true], // annual, within its year
    ["un_egov", 13, true], // biennial
    ["governance", 25, false], // annual, never refreshed since it was loaded
    ["odin", 25, true], // biennial, past two years
    ["gtmi", 40, false], // irregular
    ["odb", 90, false] // final
  ]

  beforeAll(async () => {
    await runWith(
      db,
      Effect.gen(function* () {
        const wh = yield* Warehouse
        yield* wh.transaction((tx) =>
          Effect.gen(function* () {
            let id = 0
            for (const [source, months, byRun] of cases) {
              id++
              // Loaded two days before it was last confirmed.
              yield* tx.run(
                `INSERT INTO vintage_log (vintage_id, source_id, unit, origin, content_sha256, retrieved_at, released_at, rows_loaded, rows_rejected, rows_aggregate, status, run_id)
                         VALUES (?, ?, 'u', 'o', 'sha', CAST(? AS TIMESTAMP), NULL, 1, 0, 0, 'current', NULL)`,
                [id, source, monthsAgo(months, byRun ? 2 : 0)]
              )
              if (byRun) {
                yield* tx.run(`INSERT INTO run_source_log VALUES (?, ?, 'unchanged', NULL, 0, 0, NULL, CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP))`, [
                  id,
                  source,
                  monthsAgo(months),
                  monthsAgo(months)
                ])
              }
            }
          })
        )
      })
    )
  }, 60_000)

  it("marks stale exactly the sources unconfirmed for longer than one cycle, and says why", async () => {
    const rows = await query<{ source_id: string; kind: string; cadence: string; stale: boolean; stale_reason: string | null; stale_since: unknown }>(
      db,
      "SELECT source_id, kind, cadence, stale, stale_reason, stale_since FROM source_freshness"
    )
    const by = Object.fromEntries(rows.map((r) => [r.source_id, r]))
    expect(by.wdi).toMatchObject({ cadence: "annual", stale: true })
    expect(by.wdi.stale_reason).toMatch(/^not confirmed since \d{4}-\d{2}-\d{2}; a source with annual releases should be checked at least every 12 months$/)
    expect(by.wdi.stale_since).not.toBeNull()
    expect(by.data360).toMatchObject({ cadence: "annual", stale: false, stale_reason: null, stale_since: null })
    expect(by.un_egov).toMatchObject({ cadence: "biennial", stale: false, stale_reason: null })
    expect(by.governance).toMatchObject({ cadence: "annual", stale: true })
    expect(by.odin).toMatchObject({ cadence: "biennial", stale: true })
    expect(by.gtmi).toMatchObject({ cadence: "irregular", stale: false })
    expect(by.odb).toMatchObject({ kind: "final", stale: false, stale_reason: null })
    // Every registry source has a row, even one never loaded nor run.
    expect(by.piaac).toMatchObject({ kind: "final", stale: false })
    expect(by.oecd_dx).toMatchObject({ kind: "live", stale: false })
  })

  it("a final source stays not stale whatever its runs say", async () => {
    await runWith(
      db,
      Effect.gen(function* () {
        const wh = yield* Warehouse
        yield* wh.transaction((tx) => tx.run(`INSERT INTO run_source_log VALUES (99, 'odb', 'final', NULL, 0, 0, NULL, now()::TIMESTAMP, now()::TIMESTAMP)`))
      })
    )
    const [odb] = await query<{ stale: boolean; last_outcome: string }>(db, "SELECT stale, last_outcome FROM source_freshness WHERE source_id = 'odb'")
    expect(odb).toEqual({ stale: false, last_outcome: "final" })
  })
})
