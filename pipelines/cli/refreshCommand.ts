// `brecha refresh`: progress per source on stderr while it runs, a summary table at the end.
// `runRefreshOnce` is the whole of one run (lock, warehouse, HTTP layer, refresh), shared
// with `brecha schedule` so a scheduled run is exactly a manual one.
import { Effect, Layer, Option } from "effect"
import { Command, Flag } from "effect/cli"
import { resolve } from "node:path"
import { Http, policyFromEnv, type HttpPolicy } from "../live/Http.ts"
import { refresh, type ProgressEvent, type RefreshOptions, type RefreshSummary } from "../refresh.ts"
import { withRefreshLock } from "../warehouse/refreshLock.ts"
import { Warehouse } from "../warehouse/Warehouse.ts"
import { thousands, toTable } from "./format.ts"
import { CommandFailed, applyInputFlags, dbPath, root } from "./root.ts"

export const printProgress = (event: ProgressEvent): void => {
  switch (event.kind) {
    case "source-start":
      process.stderr.write(`[${event.index}/${event.total}] ${event.sourceId} …\n`)
      break
    case "file-done": {
      const f = event.file
      const what = f.outcome === "unchanged"
        ? f.notModified ? "unchanged (304 Not Modified)" : "unchanged"
        : `${thousands(f.rowsLoaded)} values, ${thousands(f.rowsRejected)} rejected, ${thousands(f.rowsAggregate)} aggregate (vintage ${f.vintageId})` +
          (f.outcome === "quarantined" ? `: QUARANTINED, not made current: ${f.statusReason}` : "")
      process.stderr.write(`      ${f.unit}: ${what}\n`)
      break
    }
    case "file-failed":
      process.stderr.write(`      ${event.unit}: FAILED: ${event.error}\n`)
      break
    case "source-done":
      break
  }
}

export const summaryTable = (summary: RefreshSummary): string =>
  toTable(summary.sources.map((s) => ({
    source: s.sourceId,
    vintage: s.files.filter((f) => f.outcome !== "unchanged").map((f) => f.vintageId).join(",") || "-",
    loaded: s.rowsLoaded,
    rejected: s.rowsRejected,
    outcome: s.outcome,
    detail: s.error ?? `${s.files.length} file(s)`
  })))

export const reportSummary = (summary: RefreshSummary) =>
  Effect.sync(() => {
    process.stdout.write(`\nrun ${summary.runId} (${summary.mode})\n${summaryTable(summary)}\n`)
    for (const s of summary.sources.filter((x) => x.outcome === "failed")) {
      process.stderr.write(`\n${s.sourceId} failed (its previous data stays current, marked stale): ${s.error}\n`)
    }
    for (const s of summary.sources.filter((x) => x.outcome === "quarantined")) {
      process.stderr.write(`\n${s.sourceId}: a new vintage looked implausible and was quarantined (not shown): ${s.error}\n`)
    }
  })

export interface RunOnceOptions extends Omit<RefreshOptions, "http"> {
  readonly dbPath: string
  /** Recorded in the lock file, so a refused second run can say who holds it. */
  readonly command: string
  readonly http?: Partial<HttpPolicy>
}

/** One complete refresh: take the lock, open the warehouse, run, close, release. */
export const runRefreshOnce = (options: RunOnceOptions) => {
  const path = resolve(options.dbPath)
  return Effect.gen(function*() {
    const http = yield* Http
    return yield* refresh({ ...options, http })
  }).pipe(
    // Fresh layers per run: the schedule closes the warehouse between runs so `brecha sql` can read it.
    Effect.provide(Layer.mergeAll(Layer.fresh(Warehouse.layer({ path })), Layer.fresh(Http.layer({ ...policyFromEnv(), ...options.http })))),
    withRefreshLock(path, options.command)
  )
}

export const refreshCommand = Command.make(
  "refresh",
  {
    source: Flag.String("source").pipe(Flag.withDescription("Only this source (repeatable); see `brecha sources`"), Flag.atLeast(0)),
    mirror: Flag.String("mirror").pipe(Flag.withDescription("Read publishers' files from this folder instead of the network ($BRECHA_MIRROR)"), Flag.optional)
  },
  Effect.fn(function*({ source, mirror }) {
    const { db } = yield* applyInputFlags
    const mirrorDir = Option.getOrUndefined(mirror) ?? process.env.BRECHA_MIRROR
    const summary = yield* runRefreshOnce({
      dbPath: dbPath(db), command: `brecha refresh${mirrorDir ? " --mirror" : ""}`,
      sourceIds: source, ...(mirrorDir !== undefined ? { mirror: mirrorDir } : {}), trigger: "manual", onProgress: printProgress
    })
    yield* reportSummary(summary)
    if (!summary.ok) return yield* Effect.fail(new CommandFailed("some sources failed or were quarantined; the others were loaded"))
  })
).pipe(
  Command.withDescription("Retrieve every source (or those named) from the publishers, or a mirror folder, and load new vintages"),
  Command.withExamples([
    { command: "brecha refresh", description: "Retrieve every source live from its publisher" },
    { command: "brecha refresh --mirror ../shared/data/raw", description: "Load every source from a local copy of the publishers' files" },
    { command: "brecha refresh --source wdi --source data360", description: "Refresh two sources from the publishers" }
  ])
)
