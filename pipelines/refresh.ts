// A refresh: for each chosen source, retrieve its files (mirror folder, live publisher, or
// the bundled snapshot), load each as a vintage, and record the run. A failing source is
// reported and recorded; it never stops the others, and what loaded stays committed.
import { Effect } from "effect"
import { existsSync } from "node:fs"
import { syncCatalogFromDisk } from "./catalog/syncFromDisk.ts"
import { describeError, isNetworkFailure, LiveFetchError, UnknownSourceError } from "./errors.ts"
import { landForSource } from "./load/land.ts"
import { latestShas, loadFile, type FileOutcome } from "./load/loadFile.ts"
import { mirrorFiles } from "./load/mirror.ts"
import { finalYear, type LandedFile, type Source } from "./source.ts"
import { sources as registry } from "./sources/registry.ts"
import { Warehouse } from "./warehouse/Warehouse.ts"
import { liveDatasets, rememberValidators, retrieveDataset } from "./live/retrieve.ts"
import { warehouseTimestamp } from "./warehouse/timestamp.ts"

/**
 * What happened to one source in a run:
 *  - loaded / unchanged: retrieved; a new vintage, or the same content (or 304) as before;
 *  - final: a finished publication (its `final` declaration); nothing to retrieve;
 *  - unreachable: the publisher never answered (DNS, refused, timeout); data stays, marked stale;
 *  - failed: the publisher answered something that is not the data (or the file is malformed);
 *  - quarantined: a new vintage looked implausible and was not made current.
 */
export type SourceOutcome = "loaded" | "unchanged" | "final" | "unreachable" | "failed" | "quarantined"

export interface SourceSummary {
  readonly sourceId: string
  readonly outcome: SourceOutcome
  readonly files: ReadonlyArray<FileOutcome>
  readonly rowsLoaded: number
  readonly rowsRejected: number
  readonly error?: string
  /** For a final source "final edition (2017), no further releases expected"; for an undeclared one, what to do instead. */
  readonly note?: string
}

/**
 * Exit status of `brecha refresh` and of each scheduled run (docs/scheduling.md):
 * 0 every live source loaded or unchanged (final sources do not count against it);
 * 75 (EX_TEMPFAIL) the only problem was publishers that could not be reached: the data
 *    stays current, marked stale, and the next run will try again;
 * 1 some source failed (a bad answer or file) or had a vintage quarantined.
 */
export const refreshExitCodes = { ok: 0, failed: 1, unreachable: 75 } as const

/** The run's status in run_log, and the exit status it maps to. */
export const runStatus = (
  sources: ReadonlyArray<Pick<SourceSummary, "outcome">>
): { status: "ok" | "unreachable" | "partial" | "failed"; exitCode: number } => {
  const bad = sources.filter((s) => s.outcome === "failed" || s.outcome === "quarantined").length
  const unreachable = sources.filter((s) => s.outcome === "unreachable").length
  if (bad > 0) return { status: bad === sources.length ? "failed" : "partial", exitCode: refreshExitCodes.failed }
  if (unreachable > 0) return { status: "unreachable", exitCode: refreshExitCodes.unreachable }
  return { status: "ok", exitCode: refreshExitCodes.ok }
}

export interface RefreshSummary {
  readonly runId: number
  readonly mode: "mirror" | "live"
  readonly sources: ReadonlyArray<SourceSummary>
  /** Every chosen live source was loaded or unchanged (final sources count as fine). */
  readonly ok: boolean
  /** ok | unreachable (only network problems) | partial | failed, as recorded in run_log. */
  readonly status: "ok" | "unreachable" | "partial" | "failed"
  /** See `refreshExitCodes`. */
  readonly exitCode: number
  /** Some vintage became current: what the site shows has changed. */
  readonly changed: boolean
}

export type ProgressEvent =
  | { readonly kind: "source-start"; readonly sourceId: string; readonly index: number; readonly total: number }
  | { readonly kind: "file-done"; readonly sourceId: string; readonly file: FileOutcome }
  | { readonly kind: "file-failed"; readonly sourceId: string; readonly unit: string; readonly error: string; readonly network: boolean }
  | { readonly kind: "source-done"; readonly summary: SourceSummary }

export interface RefreshOptions {
  readonly sourceIds?: ReadonlyArray<string>
  readonly mirror?: string
  readonly trigger?: "manual" | "schedule" | "start"
  readonly onProgress?: (event: ProgressEvent) => void
  /**
   * Hosts already found unreachable (by `brecha up`'s quick probe), with the problem seen:
   * their datasets are recorded unreachable without another wait. A host that refuses or
   * fails to resolve during the run joins them, so an offline run tries each host once.
   */
  readonly unreachableHosts?: ReadonlyMap<string, string>
}

/** One problem of a source in a run; `network` when the publisher never answered. */
interface Problem {
  readonly message: string
  readonly network: boolean
}

export const chooseSources = (ids: ReadonlyArray<string> | undefined) =>
  Effect.gen(function* () {
    if (!ids || ids.length === 0) return [...registry]
    const chosen: Array<Source> = []
    for (const id of ids) {
      const source = registry.find((s) => s.id === id)
      if (!source) return yield* new UnknownSourceError({ sourceId: id, known: registry.map((s) => s.id) })
      chosen.push(source)
    }
    return chosen
  })

const now = () => warehouseTimestamp()

/** Loads landed files one by one; a file that fails is reported and the others still load. */
const loadAll =
  (source: Source, runId: number, progress: (e: ProgressEvent) => void, files: Array<FileOutcome>, errors: Array<Problem>, shas: ReadonlyMap<string, string>) =>
  (file: LandedFile) =>
    Effect.gen(function* () {
      const result = yield* Effect.result(loadFile(source, file, { runId, latestShas: shas }))
      if (result._tag === "Success") {
        files.push(result.success)
        progress({ kind: "file-done", sourceId: source.id, file: result.success })
        return result.success
      }
      const message = describeError(result.failure)
      errors.push({ message, network: false })
      progress({ kind: "file-failed", sourceId: source.id, unit: file.unit, error: message, network: false })
      return undefined
    })

const refreshSource = (source: Source, options: RefreshOptions, runId: number, downHosts: Map<string, string>) =>
  Effect.gen(function* () {
    const progress = options.onProgress ?? (() => {})
    const files: Array<FileOutcome> = []
    const errors: Array<Problem> = []
    // One look-up of every unit's latest sha256, rather than one query per file.
    const load = loadAll(source, runId, progress, files, errors, yield* latestShas(source.id))
    if (source.localFolder) {
      // A user's own folder: read in every mode; no folder or no file is nothing to load.
      const folder = source.localFolder()
      if (!existsSync(folder)) return { files, errors, final: false }
      const found = yield* mirrorFiles(source, folder).pipe(Effect.catchTag("InputMissingError", () => Effect.succeed([])))
      for (const f of found) {
        const landed = yield* Effect.result(landForSource(source, f.path, f.unit))
        if (landed._tag === "Failure") errors.push({ message: describeError(landed.failure), network: false })
        else yield* load(landed.success)
      }
      return { files, errors, final: false }
    }
    if (options.mirror !== undefined) {
      const found = yield* mirrorFiles(source, options.mirror)
      for (const f of found) yield* load(yield* landForSource(source, f.path, f.unit))
      return { files, errors, final: false }
    }
    // A finished publication has nothing to retrieve: that is its normal state, not a failure.
    if (source.final) return { files, errors, final: true }
    const datasets = liveDatasets(source)
    if (datasets.length === 0) {
      return yield* Effect.fail(
        new UndeclaredSourceError(
          `${source.id}: declares neither publisher endpoints (live) nor a final edition, so there is ` +
            `nothing to retrieve; load it from a folder of the publisher's files (--mirror DIR) or one file (brecha ingest)`
        )
      )
    }
    // Dataset by dataset: one publisher URL failing leaves the others of the same source loaded.
    for (const dataset of datasets) {
      const down = downHosts.get(hostOf(dataset.url))
      if (down !== undefined) {
        const message = `${source.id}: GET ${dataset.url}: ${down}`
        errors.push({ message, network: true })
        progress({ kind: "file-failed", sourceId: source.id, unit: dataset.unit, error: message, network: true })
        continue
      }
      const retrieved = yield* Effect.result(retrieveDataset(source, dataset))
      if (retrieved._tag === "Failure") {
        const message = describeError(retrieved.failure)
        const network = isNetworkFailure(retrieved.failure)
        if (retrieved.failure instanceof LiveFetchError && retrieved.failure.noConnection) {
          downHosts.set(hostOf(dataset.url), `publisher unreachable (an earlier request to this host in the same run found: ${retrieved.failure.problem})`)
        }
        errors.push({ message, network })
        progress({ kind: "file-failed", sourceId: source.id, unit: dataset.unit, error: message, network })
        continue
      }
      const item = retrieved.success
      if (item.kind === "not-modified") {
        const outcome: FileOutcome = {
          unit: item.unit,
          origin: item.url,
          outcome: "unchanged",
          notModified: true,
          rowsLoaded: 0,
          rowsRejected: 0,
          rowsAggregate: 0
        }
        files.push(outcome)
        progress({ kind: "file-done", sourceId: source.id, file: outcome })
        continue
      }
      const outcome = yield* load(item.file)
      // Remember ETag / Last-Modified only once their content is safely in the warehouse.
      if (outcome) yield* rememberValidators(source.id, item.file.unit, item.url, item.validators, item.file.sha256).pipe(Effect.ignore)
    }
    return { files, errors, final: false }
  })

/** A source with neither `live` nor `final`: a gap in its declaration, not a publisher problem. */
class UndeclaredSourceError extends Error {}

/** The host part of a URL, for matching probe results ("" when the URL does not parse). */
export const hostOf = (url: string): string => {
  try {
    return new URL(url).host
  } catch {
    return ""
  }
}

const outcomeOf = (files: ReadonlyArray<FileOutcome>, errors: ReadonlyArray<Problem>, final: boolean): SourceOutcome =>
  final
    ? "final"
    : errors.some((e) => !e.network)
      ? "failed"
      : errors.length > 0
        ? "unreachable"
        : files.some((f) => f.outcome === "quarantined")
          ? "quarantined"
          : files.some((f) => f.outcome === "loaded")
            ? "loaded"
            : "unchanged"

/**
 * A run left "running" can only be one whose process died (the caller holds the refresh
 * lock, so no other run is live): record it as interrupted rather than leave it open forever.
 */
const closeAbandonedRuns = Effect.gen(function* () {
  const wh = yield* Warehouse
  yield* wh.transaction((tx) => tx.run("UPDATE run_log SET status = 'interrupted' WHERE status = 'running'"))
})

export const refresh = (options: RefreshOptions) =>
  Effect.gen(function* () {
    const wh = yield* Warehouse
    const progress = options.onProgress ?? (() => {})
    const chosen = yield* chooseSources(options.sourceIds)
    yield* syncCatalogFromDisk
    const mode = options.mirror !== undefined ? "mirror" : "live"
    yield* closeAbandonedRuns
    const runId = yield* wh.transaction((tx) =>
      Effect.gen(function* () {
        const rows = yield* tx.query<{ id: number }>("SELECT coalesce(max(run_id), 0) + 1 AS id FROM run_log")
        const id = Number(rows[0].id)
        yield* tx.run("INSERT INTO run_log VALUES (?, CAST(? AS TIMESTAMP), NULL, ?, ?, 'running')", [id, now(), options.trigger ?? "manual", mode])
        return id
      })
    )
    const summaries: Array<SourceSummary> = []
    const downHosts = new Map(options.unreachableHosts ?? [])
    const runSources = Effect.gen(function* () {
      for (const [index, source] of chosen.entries()) {
        progress({ kind: "source-start", sourceId: source.id, index: index + 1, total: chosen.length })
        const startedAt = now()
        const result = yield* Effect.result(refreshSource(source, options, runId, downHosts))
        const files = result._tag === "Success" ? result.success.files : []
        const errors =
          result._tag === "Success" ? result.success.errors : [{ message: describeError(result.failure), network: isNetworkFailure(result.failure) }]
        const final = result._tag === "Success" && result.success.final
        const loaded = files.filter((f) => f.outcome === "loaded" || f.outcome === "quarantined")
        const quarantined = files.filter((f) => f.outcome === "quarantined")
        const problems = [...errors.map((e) => e.message), ...quarantined.map((f) => `${f.unit}: quarantined: ${f.statusReason}`)]
        const summary: SourceSummary = {
          sourceId: source.id,
          outcome: outcomeOf(files, errors, final),
          files,
          rowsLoaded: loaded.reduce((n, f) => n + f.rowsLoaded, 0),
          rowsRejected: loaded.reduce((n, f) => n + f.rowsRejected, 0),
          ...(problems.length > 0 ? { error: problems.join(" | ") } : {}),
          ...(final && source.final ? { note: `final edition (${finalYear(source.final)}), no further releases expected` } : {}),
          ...(source.localFolder && files.length === 0 && problems.length === 0
            ? { note: `no files in ${source.localFolder()} (add your own indicators with brecha national init ID)` }
            : {}),
          ...(result._tag === "Failure" && result.failure instanceof UndeclaredSourceError
            ? { note: "no publisher endpoints declared yet (load it with --mirror DIR or brecha ingest)" }
            : {})
        }
        summaries.push(summary)
        progress({ kind: "source-done", summary })
        yield* wh.transaction((tx) =>
          tx.run("INSERT INTO run_source_log VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP))", [
            runId,
            source.id,
            summary.outcome,
            loaded.map((f) => f.vintageId).join(",") || null,
            summary.rowsLoaded,
            summary.rowsRejected,
            summary.error ?? null,
            startedAt,
            now()
          ])
        )
      }
    })
    yield* runSources.pipe(
      Effect.onInterrupt(() =>
        // Stopped by SIGTERM / SIGINT: what loaded is committed, the file in progress rolled back.
        wh
          .transaction((tx) => tx.run("UPDATE run_log SET finished_at = CAST(? AS TIMESTAMP), status = 'interrupted' WHERE run_id = ?", [now(), runId]))
          .pipe(Effect.ignore)
      )
    )
    const { status, exitCode } = runStatus(summaries)
    yield* wh.transaction((tx) => tx.run("UPDATE run_log SET finished_at = CAST(? AS TIMESTAMP), status = ? WHERE run_id = ?", [now(), status, runId]))
    const changed = summaries.some((s) => s.files.some((f) => f.outcome === "loaded"))
    return { runId, mode, sources: summaries, ok: status === "ok", status, exitCode, changed } satisfies RefreshSummary
  })
