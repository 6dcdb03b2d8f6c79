// A refresh: for each chosen source, retrieve its files (mirror folder, live publisher, or
// the bundled snapshot), load each as a vintage, and record the run. A failing source is
// reported and recorded; it never stops the others, and what loaded stays committed.
import { Effect } from "effect"
import { readCatalog } from "./catalog/read.ts"
import { catalogFingerprint } from "./catalog/fingerprint.ts"
import { syncCatalog } from "./catalog/sync.ts"
import { describeError, UnknownSourceError } from "./errors.ts"
import { landLocalFile } from "./load/land.ts"
import { latestShas, loadFile, type FileOutcome } from "./load/loadFile.ts"
import { mirrorFiles } from "./load/mirror.ts"
import type { Source } from "./source.ts"
import { sources as registry } from "./sources/registry.ts"
import { Warehouse } from "./warehouse/Warehouse.ts"

export type SourceOutcome = "loaded" | "unchanged" | "failed"

export interface SourceSummary {
  readonly sourceId: string
  readonly outcome: SourceOutcome
  readonly files: ReadonlyArray<FileOutcome>
  readonly rowsLoaded: number
  readonly rowsRejected: number
  readonly error?: string
}

export interface RefreshSummary {
  readonly runId: number
  readonly mode: "mirror" | "live"
  readonly sources: ReadonlyArray<SourceSummary>
  readonly ok: boolean
}

export type ProgressEvent =
  | { readonly kind: "source-start"; readonly sourceId: string; readonly index: number; readonly total: number }
  | { readonly kind: "file-done"; readonly sourceId: string; readonly file: FileOutcome }
  | { readonly kind: "file-failed"; readonly sourceId: string; readonly unit: string; readonly error: string }
  | { readonly kind: "source-done"; readonly summary: SourceSummary }

export interface RefreshOptions {
  readonly sourceIds?: ReadonlyArray<string>
  readonly mirror?: string
  readonly trigger?: "manual" | "schedule" | "start"
  readonly onProgress?: (event: ProgressEvent) => void
  /** Live retrieval of one source (pipelines/live); without it, refresh needs a mirror. */
  readonly fetchLive?: (source: Source) => Effect.Effect<ReadonlyArray<import("./source.ts").LandedFile>, unknown, Warehouse>
}

export const chooseSources = (ids: ReadonlyArray<string> | undefined) =>
  Effect.gen(function*() {
    if (!ids || ids.length === 0) return [...registry]
    const chosen: Array<Source> = []
    for (const id of ids) {
      const source = registry.find((s) => s.id === id)
      if (!source) return yield* new UnknownSourceError({ sourceId: id, known: registry.map((s) => s.id) })
      chosen.push(source)
    }
    return chosen
  })

const now = () => new Date().toISOString().replace("T", " ").replace("Z", "")

/**
 * Brings the warehouse's copy of data/catalog and the settings up to date (one
 * transaction), unless nothing changed since the last sync: parsing the YAML is most of a
 * no-op refresh's work otherwise.
 */
export const syncCatalogFromDisk = Effect.gen(function*() {
  const wh = yield* Warehouse
  const fingerprint = catalogFingerprint()
  const current = yield* wh.query<{ value: string }>("SELECT value FROM warehouse_meta WHERE key = 'catalog'")
  if (current[0]?.value === fingerprint) return
  const catalog = yield* readCatalog()
  yield* wh.transaction((tx) =>
    Effect.gen(function*() {
      yield* syncCatalog(tx, catalog)
      yield* tx.run("INSERT OR REPLACE INTO warehouse_meta VALUES ('catalog', ?)", [fingerprint])
    })
  )
})

const refreshSource = (source: Source, options: RefreshOptions, runId: number) =>
  Effect.gen(function*() {
    const progress = options.onProgress ?? (() => {})
    const files: Array<FileOutcome> = []
    const errors: Array<string> = []
    const landed = options.mirror !== undefined
      ? yield* mirrorFiles(source, options.mirror).pipe(
          Effect.flatMap((found) => Effect.forEach(found, (f) => landLocalFile(source.id, f.path, f.unit)))
        )
      : options.fetchLive
      ? yield* options.fetchLive(source)
      : yield* Effect.fail(new Error("no mirror given and live retrieval is not available for this source; use --mirror DIR"))
    const shas = yield* latestShas(source.id)
    for (const file of landed) {
      const result = yield* Effect.result(loadFile(source, file, { runId, latestShas: shas }))
      if (result._tag === "Success") {
        files.push(result.success)
        progress({ kind: "file-done", sourceId: source.id, file: result.success })
      } else {
        const message = describeError(result.failure)
        errors.push(message)
        progress({ kind: "file-failed", sourceId: source.id, unit: file.unit, error: message })
      }
    }
    return { files, errors }
  })

export const refresh = (options: RefreshOptions) =>
  Effect.gen(function*() {
    const wh = yield* Warehouse
    const progress = options.onProgress ?? (() => {})
    const chosen = yield* chooseSources(options.sourceIds)
    yield* syncCatalogFromDisk
    const mode = options.mirror !== undefined ? "mirror" : "live"
    const runId = yield* wh.transaction((tx) =>
      Effect.gen(function*() {
        const rows = yield* tx.query<{ id: number }>("SELECT coalesce(max(run_id), 0) + 1 AS id FROM run_log")
        const id = Number(rows[0].id)
        yield* tx.run("INSERT INTO run_log VALUES (?, CAST(? AS TIMESTAMP), NULL, ?, ?, 'running')", [id, now(), options.trigger ?? "manual", mode])
        return id
      })
    )
    const summaries: Array<SourceSummary> = []
    for (const [index, source] of chosen.entries()) {
      progress({ kind: "source-start", sourceId: source.id, index: index + 1, total: chosen.length })
      const startedAt = now()
      const result = yield* Effect.result(refreshSource(source, options, runId))
      const files = result._tag === "Success" ? result.success.files : []
      const errors = result._tag === "Success" ? result.success.errors : [describeError(result.failure)]
      const loaded = files.filter((f) => f.outcome === "loaded")
      const summary: SourceSummary = {
        sourceId: source.id,
        outcome: errors.length > 0 ? "failed" : loaded.length > 0 ? "loaded" : "unchanged",
        files,
        rowsLoaded: loaded.reduce((n, f) => n + f.rowsLoaded, 0),
        rowsRejected: loaded.reduce((n, f) => n + f.rowsRejected, 0),
        ...(errors.length > 0 ? { error: errors.join(" | ") } : {})
      }
      summaries.push(summary)
      progress({ kind: "source-done", summary })
      yield* wh.transaction((tx) =>
        tx.run("INSERT INTO run_source_log VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP))", [
          runId, source.id, summary.outcome, loaded.map((f) => f.vintageId).join(",") || null,
          summary.rowsLoaded, summary.rowsRejected, summary.error ?? null, startedAt, now()
        ])
      )
    }
    const failed = summaries.filter((s) => s.outcome === "failed").length
    const status = failed === 0 ? "ok" : failed === summaries.length ? "failed" : "partial"
    yield* wh.transaction((tx) =>
      tx.run("UPDATE run_log SET finished_at = CAST(? AS TIMESTAMP), status = ? WHERE run_id = ?", [now(), status, runId])
    )
    return { runId, mode, sources: summaries, ok: failed === 0 } satisfies RefreshSummary
  })
