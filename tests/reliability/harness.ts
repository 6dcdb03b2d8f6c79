// One warehouse opened once for many loads (the reliability suite runs hundreds of them; a
// fresh open + catalogue sync per load would dominate on a 2-core machine). Every load goes
// through the same landLocalFile + loadFile path as `brecha ingest` / `refresh`.
import { Effect, ManagedRuntime } from "effect"
import { landLocalFile } from "../../pipelines/load/land.ts"
import { loadFile, type FileOutcome } from "../../pipelines/load/loadFile.ts"
import { syncCatalogFromDisk } from "../../pipelines/catalog/syncFromDisk.ts"
import { sourceById } from "../../pipelines/sources/registry.ts"
import { Warehouse } from "../../pipelines/warehouse/Warehouse.ts"

export type LoadResult =
  | { readonly kind: "loaded"; readonly outcome: FileOutcome }
  /** A typed failure (the error channel): SourceFormatError, WarehouseError, ... */
  | { readonly kind: "failed"; readonly error: { readonly _tag: string; readonly message: string; readonly line?: number; readonly column?: string } }
  /** Anything else: a thrown exception or a defect. Never acceptable. */
  | { readonly kind: "crashed"; readonly error: string }

export interface Harness {
  readonly path: string
  readonly load: (sourceId: string, file: string, unit: string) => Promise<LoadResult>
  readonly query: <T = Record<string, unknown>>(sql: string) => Promise<Array<T>>
  readonly run: (sql: string) => Promise<void>
  readonly fingerprint: () => Promise<string>
  readonly close: () => Promise<void>
}

export const openHarness = async (path: string): Promise<Harness> => {
  const runtime = ManagedRuntime.make(Warehouse.layer({ path }))
  await runtime.runPromise(syncCatalogFromDisk)
  const query = <T>(sql: string) => runtime.runPromise(Warehouse.use((wh) => wh.query(sql))) as Promise<Array<T>>
  return {
    path,
    query,
    run: (sql) => runtime.runPromise(Warehouse.use((wh) => wh.run(sql))),
    load: async (sourceId, file, unit) => {
      const source = sourceById(sourceId)
      if (!source) throw new Error(`no source ${sourceId} in the registry`)
      try {
        const result = await runtime.runPromise(
          Effect.result(
            Effect.gen(function* () {
              const landed = yield* landLocalFile(sourceId, file, unit)
              return yield* loadFile(source, landed)
            })
          )
        )
        if (result._tag === "Success") return { kind: "loaded", outcome: result.success }
        const e = result.failure as { _tag?: string; message?: string; line?: number; column?: string }
        return { kind: "failed", error: { _tag: e._tag ?? "unknown", message: String(e.message), line: e.line, column: e.column } }
      } catch (cause) {
        return { kind: "crashed", error: cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause) }
      }
    },
    fingerprint: () => contentFingerprintOf(query),
    close: () => runtime.dispose()
  }
}

/** Same definition as tests/support/warehouse.ts contentFingerprint, on an open warehouse. */
export const contentFingerprintOf = async (query: <T>(sql: string) => Promise<Array<T>>): Promise<string> => {
  const tables = await query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema = 'main'
     AND table_name NOT LIKE 'catalog_%' ORDER BY table_name`
  )
  const parts: Array<string> = []
  for (const { table_name } of tables) {
    const rows = await query<{ n: number; h: string | null }>(`SELECT count(*) AS n, CAST(sum(hash(t)) AS VARCHAR) AS h FROM "${table_name}" t`)
    parts.push(`${table_name}:${rows[0].n}:${rows[0].h}`)
  }
  return parts.join("|")
}

/** Values no observation may ever hold: the usual missing-value codes. */
export const sentinelValues = [-99, -999, -9999, -99999, -999999, 9999, 99999, 999999] as const

/** Rows of observation_log (optionally of one vintage) that are NaN, infinite or a sentinel. */
export const badValues = (h: Harness, vintageId?: number) =>
  h.query<{ indicator_id: string; country_iso3: string; year: number; value: number | string }>(`
    SELECT indicator_id, country_iso3, year, CAST(value AS VARCHAR) AS value FROM observation_log
    WHERE (isnan(value) OR isinf(value) OR value IN (${sentinelValues.join(", ")}))
    ${vintageId !== undefined ? `AND vintage_id = ${vintageId}` : ""}
    UNION ALL
    SELECT indicator_id, area_code, year, CAST(value AS VARCHAR) FROM aggregate_log
    WHERE (isnan(value) OR isinf(value) OR value IN (${sentinelValues.join(", ")}))
    ${vintageId !== undefined ? `AND vintage_id = ${vintageId}` : ""}`)

/** Rejected rows of a vintage whose key nevertheless has a value in that vintage. */
export const rejectedThatLoaded = (h: Harness, vintageId: number) =>
  h.query<{ line: number; field: string; reason: string }>(`
    SELECT r.line, r.field, r.reason FROM rejected_rows r
    JOIN catalog_area_keys k ON k.area_key = lower(trim(r.area))
    JOIN observation_log o ON o.vintage_id = r.vintage_id AND o.indicator_id = trim(r.indicator_id)
      AND o.country_iso3 = k.iso3
      AND o.year = CASE WHEN regexp_full_match(trim(r.raw_year), '[0-9]+(\\.0+)?') THEN TRY_CAST(TRY_CAST(trim(r.raw_year) AS DOUBLE) AS INTEGER) END
    WHERE r.vintage_id = ${vintageId}`)
