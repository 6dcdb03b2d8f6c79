// A refresh: for each chosen source, retrieve its files (mirror folder, live publisher, or
// the bundled snapshot), load each as a vintage, and record the run. A failing source is
// reported and recorded; it never stops the others, and what loaded stays committed.
import { Effect } from "effect"
import { existsSync } from "node:fs"
import { readCatalog } from "./catalog/read.ts"
import { catalogFingerprint } from "./catalog/fingerprint.ts"
import { syncCatalog } from "./catalog/sync.ts"
import { describeError, UnknownSourceError } from "./errors.ts"
import { landForSource } from "./load/land.ts"
import { latestShas, loadFile, type FileOutcome } from "./load/loadFile.ts"
import { mirrorFiles } from "./load/mirror.ts"
import type { LandedFile, Source } from "./source.ts"
import { sources as registry } from "./sources/registry.ts"
import { Warehouse } from "./warehouse/Warehouse.ts"
import { Http, type HttpService } from "./live/Http.ts"
import { liveDatasets, rememberValidators, retrieveDataset } from "./live/retrieve.ts"

export type SourceOutcome = "loaded" | "unchanged" | "failed" | "quarantined"

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
  /** Every chosen source was retrieved and nothing was quarantined. */
  readonly ok: boolean
  /** Some vintage became current: what the site shows has changed. */
  readonly changed: boolean
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
  /** The HTTP layer for live retrieval (pipelines/live/Http.ts); without it, refresh needs a mirror. */
  readonly http?: HttpService
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

/** Loads landed files one by one; a file that fails is reported and the others still load. */
const loadAll = (source: Source, runId: number, progress: (e: ProgressEvent) => void, files: Array<FileOutcome>, errors: Array<string>, shas: ReadonlyMap<string, string>) =>
  (file: LandedFile) =>
    Effect.gen(function*() {
      const result = yield* Effect.result(loadFile(source, file, { runId, latestShas: shas }))
      if (result._tag === "Success") {
        files.push(result.success)
        progress({ kind: "file-done", sourceId: source.id, file: result.success })
        return result.success
      }
      const message = describeError(result.failure)
      errors.push(message)
      progress({ kind: "file-failed", sourceId: source.id, unit: file.unit, error: message })
      return undefined
    })

const refreshSource = (source: Source, options: RefreshOptions, runId: number) =>
  Effect.gen(function*() {
    const progress = options.onProgress ?? (() => {})
    const files: Array<FileOutcome> = []
    const errors: Array<string> = []
    // One look-up of every unit's latest sha256, rather than one query per file.
    const load = loadAll(source, runId, progress, files, errors, yield* latestShas(source.id))
    if (source.localFolder) {
      // A user's own folder: read in every mode; no folder or no file is nothing to load.
      const folder = source.localFolder()
      if (!existsSync(folder)) return { files, errors }
      const found = yield* mirrorFiles(source, folder).pipe(Effect.catchTag("InputMissingError", () => Effect.succeed([])))
      for (const f of found) {
        const landed = yield* Effect.result(landForSource(source, f.path, f.unit))
        if (landed._tag === "Failure") errors.push(describeError(landed.failure))
        else yield* load(landed.success)
      }
      return { files, errors }
    }
    if (options.mirror !== undefined) {
      const found = yield* mirrorFiles(source, options.mirror)
      for (const f of found) yield* load(yield* landForSource(source, f.path, f.unit))
      return { files, errors }
    }
    if (!options.http) {
      return yield* Effect.fail(new Error("no mirror given and live retrieval is not available here; use --mirror DIR"))
    }
    const datasets = liveDatasets(source)
    if (datasets.length === 0) {
      return yield* Effect.fail(new Error(`${source.id}: no live URL is declared for this source yet; refresh it with --mirror DIR`))
    }
    // Dataset by dataset: one publisher URL failing leaves the others of the same source loaded.
    for (const dataset of datasets) {
      const retrieved = yield* Effect.result(retrieveDataset(source, dataset).pipe(Effect.provideService(Http, options.http)))
      if (retrieved._tag === "Failure") {
        const message = describeError(retrieved.failure)
        errors.push(message)
        progress({ kind: "file-failed", sourceId: source.id, unit: dataset.unit, error: message })
        continue
      }
      const item = retrieved.success
      if (item.kind === "not-modified") {
        const outcome: FileOutcome = { unit: item.unit, origin: item.url, outcome: "unchanged", notModified: true, rowsLoaded: 0, rowsRejected: 0, rowsAggregate: 0 }
        files.push(outcome)
        progress({ kind: "file-done", sourceId: source.id, file: outcome })
        continue
      }
      const outcome = yield* load(item.file)
      // Remember ETag / Last-Modified only once their content is safely in the warehouse.
      if (outcome) yield* rememberValidators(source.id, item.file.unit, item.url, item.validators, item.file.sha256).pipe(Effect.ignore)
    }
    return { files, errors }
  })

const outcomeOf = (files: ReadonlyArray<FileOutcome>, errors: ReadonlyArray<string>): SourceOutcome =>
  errors.length > 0
    ? "failed"
    : files.some((f) => f.outcome === "quarantined")
    ? "quarantined"
    : files.some((f) => f.outcome === "loaded")
    ? "loaded"
    : "unchanged"

/**
 * A run left "running" can only be one whose process died (the caller holds the refresh
 * lock, so no other run is live): record it as interrupted rather than leave it open forever.
 */
const closeAbandonedRuns = Effect.gen(function*() {
  const wh = yield* Warehouse
  yield* wh.transaction((tx) => tx.run("UPDATE run_log SET status = 'interrupted' WHERE status = 'running'"))
})

export const refresh = (options: RefreshOptions) =>
  Effect.gen(function*() {
    const wh = yield* Warehouse
    const progress = options.onProgress ?? (() => {})
    const chosen = yield* chooseSources(options.sourceIds)
    yield* syncCatalogFromDisk
    const mode = options.mirror !== undefined ? "mirror" : "live"
    yield* closeAbandonedRuns
    const runId = yield* wh.transaction((tx) =>
      Effect.gen(function*() {
        const rows = yield* tx.query<{ id: number }>("SELECT coalesce(max(run_id), 0) + 1 AS id FROM run_log")
        const id = Number(rows[0].id)
        yield* tx.run("INSERT INTO run_log VALUES (?, CAST(? AS TIMESTAMP), NULL, ?, ?, 'running')", [id, now(), options.trigger ?? "manual", mode])
        return id
      })
    )
    const summaries: Array<SourceSummary> = []
    const runSources = Effect.gen(function*() {
      for (const [index, source] of chosen.entries()) {
        progress({ kind: "source-start", sourceId: source.id, index: index + 1, total: chosen.length })
        const startedAt = now()
        const result = yield* Effect.result(refreshSource(source, options, runId))
        const files = result._tag === "Success" ? result.success.files : []
        const errors = result._tag === "Success" ? result.success.errors : [describeError(result.failure)]
        const loaded = files.filter((f) => f.outcome === "loaded" || f.outcome === "quarantined")
        const quarantined = files.filter((f) => f.outcome === "quarantined")
        const problems = [...errors, ...quarantined.map((f) => `${f.unit}: quarantined: ${f.statusReason}`)]
        const summary: SourceSummary = {
          sourceId: source.id,
          outcome: outcomeOf(files, errors),
          files,
          rowsLoaded: loaded.reduce((n, f) => n + f.rowsLoaded, 0),
          rowsRejected: loaded.reduce((n, f) => n + f.rowsRejected, 0),
          ...(problems.length > 0 ? { error: problems.join(" | ") } : {})
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
    })
    yield* runSources.pipe(Effect.onInterrupt(() =>
      // Stopped by SIGTERM / SIGINT: what loaded is committed, the file in progress rolled back.
      wh.transaction((tx) =>
        tx.run("UPDATE run_log SET finished_at = CAST(? AS TIMESTAMP), status = 'interrupted' WHERE run_id = ?", [now(), runId])
      ).pipe(Effect.ignore)))
    const failed = summaries.filter((s) => s.outcome === "failed").length
    const quarantined = summaries.filter((s) => s.outcome === "quarantined").length
    const status = failed + quarantined === 0 ? "ok" : failed === summaries.length ? "failed" : "partial"
    yield* wh.transaction((tx) =>
      tx.run("UPDATE run_log SET finished_at = CAST(? AS TIMESTAMP), status = ? WHERE run_id = ?", [now(), status, runId])
    )
    const changed = summaries.some((s) => s.files.some((f) => f.outcome === "loaded"))
    return { runId, mode, sources: summaries, ok: failed + quarantined === 0, changed } satisfies RefreshSummary
  })
