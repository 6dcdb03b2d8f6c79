// Test helpers: a fresh warehouse file in a temp folder, running Effect programs against
// it, and a content fingerprint of every table to prove a failed load changed nothing.
import { Effect, Layer } from "effect"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { readCatalog } from "../../pipelines/catalog/read.ts"
import { syncCatalog } from "../../pipelines/catalog/sync.ts"
import { landForSource } from "../../pipelines/load/land.ts"
import { loadFile } from "../../pipelines/load/loadFile.ts"
import { sourceById } from "../../pipelines/sources/registry.ts"
import { LiveFetchError } from "../../pipelines/errors.ts"
import { Http } from "../../pipelines/live/Http.ts"
import { Warehouse } from "../../pipelines/warehouse/Warehouse.ts"
import { basename } from "node:path"

export const tempDbPath = (name = "test"): string => join(mkdtempSync(join(tmpdir(), "brecha-")), `${name}.duckdb`)

/** Runs a program against the warehouse at `path` (opened, catalogue synced, closed after). */
/**
 * The Http a refresh from a mirror is given: it never reaches the network (tests stay on
 * loopback), and a request made by mistake fails at once naming its URL.
 */
export const offlineHttp = Layer.succeed(Http, {
  get: (request) => Effect.fail(new LiveFetchError({ sourceId: request.sourceId, url: request.url, attempts: 1, problem: "no network in this test" }))
})

export const runWith = <A, E>(path: string, program: Effect.Effect<A, E, Warehouse | Http>): Promise<A> =>
  Effect.runPromise(
    Effect.gen(function* () {
      const wh = yield* Warehouse
      const catalog = yield* readCatalog()
      yield* wh.transaction((tx) => syncCatalog(tx, catalog))
      return yield* program
    }).pipe(Effect.provide(Layer.mergeAll(Layer.fresh(Warehouse.layer({ path })), offlineHttp))) as Effect.Effect<A, never, never>
  )

/** Loads one file as `brecha ingest` would; resolves to the outcome or rejects with the error. */
export const ingest = (path: string, sourceId: string, file: string) =>
  runWith(
    path,
    Effect.gen(function* () {
      const source = sourceById(sourceId)
      if (!source) throw new Error(`no source ${sourceId}`)
      const landed = yield* landForSource(source, file, basename(file))
      return yield* loadFile(source, landed)
    })
  )

/** Same, but resolves to the failure (or throws if the load succeeded). */
export const ingestFailure = async (
  path: string,
  sourceId: string,
  file: string
): Promise<{ _tag: string; message: string; line?: number; column?: string }> => {
  const result = await runWith(
    path,
    Effect.result(
      Effect.gen(function* () {
        const source = sourceById(sourceId)!
        const landed = yield* landForSource(source, file, basename(file))
        return yield* loadFile(source, landed)
      })
    )
  )
  if (result._tag === "Success") throw new Error(`expected ${file} to fail, but it loaded: ${JSON.stringify(result.success)}`)
  return result.failure as never
}

export const query = <T extends Record<string, unknown> = Record<string, unknown>>(path: string, sql: string) =>
  runWith(
    path,
    Effect.gen(function* () {
      const wh = yield* Warehouse
      return (yield* wh.query(sql)) as Array<T>
    })
  )

export interface FingerprintOptions {
  /** Tables left out entirely (e.g. run_log, which every run adds to). */
  readonly excludeTables?: ReadonlyArray<string>
  /** Columns left out per table (e.g. retrieval times, which differ between two runs of the same content). */
  readonly ignoreColumns?: Readonly<Record<string, ReadonlyArray<string>>>
}

/** A hash of the content of every data table (not the catalogue copy, which is re-synced on open). */
export const contentFingerprint = (path: string, options: FingerprintOptions = {}) =>
  runWith(
    path,
    Effect.gen(function* () {
      const wh = yield* Warehouse
      const tables = yield* wh.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema = 'main'
       AND table_name NOT LIKE 'catalog_%' ORDER BY table_name`
      )
      const parts: Array<string> = []
      for (const { table_name } of tables) {
        if (options.excludeTables?.includes(table_name)) continue
        const ignored = options.ignoreColumns?.[table_name] ?? []
        const relation = ignored.length > 0 ? `(SELECT * EXCLUDE (${ignored.map((c) => `"${c}"`).join(", ")}) FROM "${table_name}")` : `"${table_name}"`
        const rows = yield* wh.query<{ n: number; h: string | null }>(`SELECT count(*) AS n, CAST(sum(hash(t)) AS VARCHAR) AS h FROM ${relation} t`)
        parts.push(`${table_name}:${rows[0].n}:${rows[0].h}`)
      }
      return parts.join("|")
    })
  )

/** Observations matching a WHERE clause, in a stable order. */
export const observationsWhere = (path: string, where: string) =>
  query<{ indicator_id: string; country_iso3: string; year: number; value: number; flag: string | null }>(
    path,
    `SELECT indicator_id, country_iso3, year, value, flag FROM observations WHERE ${where} ORDER BY indicator_id, country_iso3, year`
  )
