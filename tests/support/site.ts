// Building a site for tests: a warehouse loaded through the real refresh (from a small
// fixture mirror, or from the real publishers' mirror), then `buildSite` into a temp folder.
import { Effect, Layer } from "effect"
import { copyFileSync, mkdirSync, mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { buildSite } from "../../pipelines/export/buildSite.ts"
import { refresh } from "../../pipelines/refresh.ts"
import { Warehouse } from "../../pipelines/warehouse/Warehouse.ts"
import { fixture } from "./raw.ts"
import { offlineHttp, tempDbPath } from "./warehouse.ts"

export const refreshFrom = (db: string, mirror: string, sourceIds?: ReadonlyArray<string>) =>
  Effect.runPromise(refresh({ mirror, sourceIds }).pipe(Effect.provide(Layer.mergeAll(Layer.fresh(Warehouse.layer({ path: db })), offlineHttp))))

/** Runs SQL statements on the warehouse in one writable session. */
export const execute = (db: string, statements: ReadonlyArray<string>) =>
  Effect.runPromise(
    Effect.gen(function* () {
      const wh = yield* Warehouse
      for (const s of statements) yield* wh.run(s)
    }).pipe(Effect.provide(Layer.fresh(Warehouse.layer({ path: db }))))
  )

export const build = (db: string, outDir = join(mkdtempSync(join(tmpdir(), "brecha-site-")), "dist")) => Effect.runPromise(buildSite({ dbPath: db, outDir }))

/**
 * Two refreshes of a small WDI mirror: run 1 loads bbnd_v1.csv, run 2 a later release that
 * revises Mexico's 2019 value and adds 2021.
 */
export const fixtureWarehouse = async (): Promise<string> => {
  const db = tempDbPath("web")
  const mirror = mkdtempSync(join(tmpdir(), "brecha-mirror-"))
  const dir = join(mirror, "wb-wdi", "bulk-csv-original")
  mkdirSync(dir, { recursive: true })
  const target = join(dir, "API_IT.NET.BBND.P2_DS2_en_csv_v2_test.csv")
  copyFileSync(fixture("web", "bbnd_v1.csv"), target)
  await refreshFrom(db, mirror, ["wdi"])
  copyFileSync(fixture("web", "bbnd_v2.csv"), target)
  await refreshFrom(db, mirror, ["wdi"])
  return db
}

/**
 * Stand-ins for the benchmark marts, with hand-made numbers, so the export's handling of
 * their numbers is tested independently of the marts' own maths. Never used by the product.
 */
export const handMadeMarts = [
  "DROP VIEW IF EXISTS benchmarks",
  "DROP VIEW IF EXISTS indicator_status",
  "DROP VIEW IF EXISTS recommendation_status",
  `CREATE TABLE benchmarks AS SELECT * FROM (VALUES
     ('IT.NET.BBND.P2', 2020, 'oecd', 2, 30.0, 30.0, 24.0, 36.0, 16.9, 43.6),
     ('IT.NET.BBND.P2', 2021, 'oecd', 3, 28.0, 21.9, 19.0, 33.0, 17.8, 44.3)
   ) t(indicator_id, year, group_id, n, mean, median, p25, p75, min, max)`,
  `CREATE TABLE indicator_status AS SELECT * FROM (VALUES
     ('IT.NET.BBND.P2', 'MEX', 2021, 17.8, 'oecd', 28.0, -10.2, -36.4, 3, 3, 0.054, 0.2, 'insufficient', 11.0)
   ) t(indicator_id, country_iso3, latest_year, latest_value, group_id, benchmark_value, gap, gap_pct, rank, rank_of, cagr, required_cagr, status, years_to_parity)`,
  `CREATE TABLE recommendation_status AS SELECT * FROM (VALUES ('C3-CONNECT', 'MEX', 'oecd', 'insufficient', 8, 1, 0, 0, 0, 1, 0, 0))
     t(recommendation_id, country_iso3, group_id, status, n_indicators, n_with_data, n_above_benchmark, n_on_track, n_moderate, n_insufficient, n_moving_away, n_not_enough_data)`
]
