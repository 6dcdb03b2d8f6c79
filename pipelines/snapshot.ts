// The bundled snapshot (data/snapshot): the normalised history of every vintage, made by
// `brecha snapshot` from a warehouse, so a fresh clone with no network and no mirror still
// has data to show. Restoring is idempotent: a vintage already present (same source, unit
// and sha256) is not restored twice.
import { Effect, Schema } from "effect"
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { decodeExternal } from "./decode.ts"
import { InputMissingError } from "./errors.ts"
import { literal } from "./load/stageContext.ts"
import { Warehouse } from "./warehouse/Warehouse.ts"

export const defaultSnapshotDir = (): string => resolve(join(import.meta.dirname, "..", "data", "snapshot"))

const tables = ["observation_log", "aggregate_log", "rejected_rows", "source_indicator_names"] as const

export interface SnapshotManifest {
  readonly made_at: string
  readonly made_by: string
  readonly vintages: ReadonlyArray<Record<string, unknown>>
}

/** Writes the warehouse's current-status vintages and their rows as Parquet + a JSON manifest. */
export const writeSnapshot = (dir: string = defaultSnapshotDir()) =>
  Effect.gen(function* () {
    const wh = yield* Warehouse
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    const vintages = yield* wh.query(
      // A local mirror path means nothing on another machine: keep the path inside the mirror.
      `SELECT vintage_id, source_id, unit,
              CASE WHEN origin LIKE '/%' AND ends_with(origin, unit) THEN 'mirror:' || unit ELSE origin END AS origin, content_sha256, CAST(retrieved_at AS VARCHAR) AS retrieved_at,
              CAST(released_at AS VARCHAR) AS released_at, rows_loaded, rows_rejected, rows_aggregate, format
       FROM vintage_log WHERE status = 'current' ORDER BY vintage_id`
    )
    for (const table of tables) {
      // Sorted so the same warehouse content gives byte-identical files (clean diffs).
      yield* wh.run(
        `COPY (SELECT * FROM ${table} WHERE vintage_id IN (SELECT vintage_id FROM vintage_log WHERE status = 'current')
               ORDER BY ALL) TO ${literal(join(dir, `${table}.parquet`))} (FORMAT parquet, COMPRESSION zstd)`
      )
    }
    const manifest: SnapshotManifest = { made_at: new Date().toISOString(), made_by: "brecha snapshot", vintages }
    writeFileSync(join(dir, "manifest.json"), `${JSON.stringify(manifest, null, 1)}\n`)
    return manifest
  })

const Manifest = Schema.Struct({ made_at: Schema.String, made_by: Schema.String, vintages: Schema.Array(Schema.Record(Schema.String, Schema.Unknown)) })

export const readManifest = (dir: string = defaultSnapshotDir()): Effect.Effect<SnapshotManifest, InputMissingError> =>
  Effect.try({
    try: (): unknown => JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")),
    catch: () => new InputMissingError({ sourceId: "snapshot", path: dir, detail: "no bundled snapshot here (manifest.json missing or unreadable)" })
  }).pipe(
    Effect.flatMap((json) =>
      decodeExternal(
        Manifest,
        json,
        (problem) => new InputMissingError({ sourceId: "snapshot", path: dir, detail: `manifest.json is not a snapshot manifest (${problem})` })
      )
    )
  )

/**
 * Restores the snapshot's vintages of the given sources (all when omitted) that the
 * warehouse does not have yet, under new vintage ids, in one transaction. Returns how many
 * vintages were restored per source.
 */
export const restoreSnapshot = (options: { readonly dir?: string; readonly sourceIds?: ReadonlyArray<string> } = {}) =>
  Effect.gen(function* () {
    const dir = options.dir ?? defaultSnapshotDir()
    if (!existsSync(join(dir, "manifest.json"))) {
      return yield* new InputMissingError({ sourceId: "snapshot", path: dir, detail: "no bundled snapshot here" })
    }
    const manifest = yield* readManifest(dir)
    const wh = yield* Warehouse
    return yield* wh.transaction((tx) =>
      Effect.gen(function* () {
        const present = new Set(
          (yield* tx.query<{ k: string }>("SELECT source_id || '|' || unit || '|' || content_sha256 AS k FROM vintage_log")).map((r) => r.k)
        )
        const wanted = manifest.vintages.filter(
          (v) => (!options.sourceIds || options.sourceIds.includes(String(v.source_id))) && !present.has(`${v.source_id}|${v.unit}|${v.content_sha256}`)
        )
        if (wanted.length === 0) return {} as Record<string, number>
        const offsetRows = yield* tx.query<{ n: number }>("SELECT coalesce(max(vintage_id), 0) AS n FROM vintage_log")
        const offset = Number(offsetRows[0].n)
        const ids = wanted.map((v) => Number(v.vintage_id))
        const idList = ids.join(",")
        for (const v of wanted) {
          yield* tx.run(
            `INSERT INTO vintage_log (vintage_id, source_id, unit, origin, content_sha256, retrieved_at, released_at,
               rows_loaded, rows_rejected, rows_aggregate, format, status, status_reason, run_id)
             VALUES (?, ?, ?, ?, ?, CAST(? AS TIMESTAMP), CAST(? AS DATE), ?, ?, ?, ?, 'current', 'restored from the bundled snapshot', NULL)`,
            [
              Number(v.vintage_id) + offset,
              String(v.source_id),
              String(v.unit),
              String(v.origin),
              String(v.content_sha256),
              String(v.retrieved_at),
              v.released_at === null ? null : String(v.released_at),
              Number(v.rows_loaded),
              Number(v.rows_rejected),
              Number(v.rows_aggregate),
              v.format === null ? null : String(v.format)
            ]
          )
        }
        for (const table of tables) {
          const file = literal(join(dir, `${table}.parquet`))
          // By name, the table's own columns: a snapshot written before a column was
          // dropped (observation_log.source_id) still imports.
          const columns = (yield* tx.query<{ name: string }>(
            `SELECT column_name AS name FROM duckdb_columns()
             WHERE database_name = current_database() AND schema_name = 'main' AND table_name = ? ORDER BY column_index`,
            [table]
          )).map((c) => `"${c.name}"`)
          const picked = columns.map((c) => (c === '"vintage_id"' ? `vintage_id + ${offset} AS vintage_id` : c))
          yield* tx.run(
            `INSERT INTO ${table} (${columns.join(", ")}) SELECT ${picked.join(", ")} FROM read_parquet(${file})
             WHERE vintage_id IN (${idList})`
          )
        }
        const counts: Record<string, number> = {}
        for (const v of wanted) counts[String(v.source_id)] = (counts[String(v.source_id)] ?? 0) + 1
        return counts
      })
    )
  })
