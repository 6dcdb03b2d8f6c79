// `brecha refresh`: progress per source on stderr while it runs, a summary table at the end.
// `runRefreshOnce` is the whole of one run (lock, warehouse, HTTP layer, refresh), shared
// with `brecha schedule` so a scheduled run is exactly a manual one.
import { Effect, Layer, Option } from "effect"
import { Command, Flag } from "effect/cli"
import { resolve } from "node:path"
import type { HttpPolicy } from "../live/Http.ts"
import type { ProgressEvent, RefreshOptions, RefreshSummary } from "../refresh.ts"
import { thousands, toTable } from "./format.ts"
import { CommandFailed, load, warehousePath } from "./root.ts"
import { environment, readEnv } from "../environment.ts"

/** The full progress line of an event (`brecha refresh`, `brecha up --verbose` and its log file). */
export const progressLine = (event: ProgressEvent): string | undefined => {
  switch (event.kind) {
    case "source-start":
      return `[${event.index}/${event.total}] ${event.sourceId} …`
    case "file-done": {
      const f = event.file
      const what =
        f.outcome === "unchanged"
          ? f.notModified
            ? "unchanged (304 Not Modified)"
            : "unchanged"
          : `${thousands(f.rowsLoaded)} values, ${thousands(f.rowsRejected)} rejected, ${thousands(f.rowsAggregate)} aggregate (vintage ${f.vintageId})` +
            (f.outcome === "quarantined" ? `: QUARANTINED, not made current: ${f.statusReason}` : "")
      return `      ${f.unit}: ${what}`
    }
    case "file-failed":
      return `      ${event.unit}: ${event.network ? "UNREACHABLE" : "FAILED"}: ${event.error}`
    case "source-done":
      return event.summary.note ? `      ${event.summary.note}` : undefined
  }
}

export const printProgress = (event: ProgressEvent): void => {
  const line = progressLine(event)
  if (line !== undefined) process.stderr.write(line + "\n")
}

export const runHeader = (summary: RefreshSummary): string =>
  `run ${summary.runId} (${summary.mode}): ${summary.status}${summary.exitCode !== 0 ? `, exit status ${summary.exitCode}` : ""}`

export const summaryTable = (summary: RefreshSummary): string =>
  toTable(
    summary.sources.map((s) => ({
      source: s.sourceId,
      vintage:
        s.files
          .filter((f) => f.outcome !== "unchanged")
          .map((f) => f.vintageId)
          .join(",") || "-",
      loaded: s.rowsLoaded,
      rejected: s.rowsRejected,
      outcome: s.outcome,
      detail: s.error ?? s.note ?? `${s.files.length} file(s)`
    }))
  )

export const reportSummary = (summary: RefreshSummary) =>
  Effect.sync(() => {
    process.stdout.write(`\n${runHeader(summary)}\n${summaryTable(summary)}\n`)
    const unreachable = summary.sources.filter((x) => x.outcome === "unreachable")
    if (unreachable.length > 0) {
      process.stderr.write(
        `\npublisher unreachable (no network?) for ${unreachable.map((s) => s.sourceId).join(", ")}: ` +
          "their previous data stays current, marked stale; the next run tries again\n"
      )
    }
    for (const s of summary.sources.filter((x) => x.outcome === "failed")) {
      process.stderr.write(`\n${s.sourceId} failed (its previous data stays current, marked stale): ${s.error}\n`)
    }
    for (const s of summary.sources.filter((x) => x.outcome === "quarantined")) {
      process.stderr.write(`\n${s.sourceId}: a new vintage looked implausible and was quarantined (not shown): ${s.error}\n`)
    }
  })

export interface RunOnceOptions extends RefreshOptions {
  readonly dbPath: string
  /** Recorded in the lock file, so a refused second run can say who holds it. */
  readonly command: string
  readonly http?: Partial<HttpPolicy>
}

/** One complete refresh: take the lock, open the warehouse, run, close, release. */
export const runRefreshOnce = (options: RunOnceOptions) =>
  Effect.gen(function* () {
    const path = resolve(options.dbPath)
    const [{ refresh }, { Http, policyFromEnv }, { withRefreshLock }, { Warehouse }] = yield* load(() =>
      Promise.all([import("../refresh.ts"), import("../live/Http.ts"), import("../warehouse/refreshLock.ts"), import("../warehouse/Warehouse.ts")])
    )
    return yield* refresh(options).pipe(
      // Fresh layers per run: the schedule closes the warehouse between runs so `brecha sql` can read it.
      Effect.provide(Layer.mergeAll(Layer.fresh(Warehouse.layer({ path })), Layer.fresh(Http.layer({ ...policyFromEnv(), ...options.http })))),
      withRefreshLock(path, options.command)
    )
  })

export const refreshCommand = Command.make(
  "refresh",
  {
    source: Flag.String("source").pipe(Flag.withDescription("Only this source (repeatable); see `brecha sources`"), Flag.atLeast(0)),
    mirror: Flag.String("mirror").pipe(Flag.withDescription("Read publishers' files from this folder instead of the network ($BRECHA_MIRROR)"), Flag.optional)
  },
  Effect.fn(function* ({ source, mirror }) {
    const path = yield* warehousePath
    const mirrorDir = Option.getOrUndefined(mirror) ?? readEnv(environment.mirror)
    const summary = yield* runRefreshOnce({
      dbPath: path,
      command: `brecha refresh${mirrorDir ? " --mirror" : ""}`,
      sourceIds: source,
      ...(mirrorDir !== undefined ? { mirror: mirrorDir } : {}),
      trigger: "manual",
      onProgress: printProgress
    })
    yield* reportSummary(summary)
    const { refreshExitCodes } = yield* load(() => import("../refresh.ts"))
    if (summary.exitCode === refreshExitCodes.unreachable) {
      return yield* Effect.fail(
        new CommandFailed(`some publishers could not be reached (exit status ${summary.exitCode}); the other sources were refreshed`, summary.exitCode)
      )
    }
    if (summary.exitCode !== refreshExitCodes.ok) {
      return yield* Effect.fail(new CommandFailed("some sources failed or were quarantined; the others were loaded", summary.exitCode))
    }
  })
).pipe(
  Command.withDescription("Retrieve every source (or those named) from the publishers, or a mirror folder, and load new vintages"),
  Command.withExamples([
    { command: "brecha refresh", description: "Retrieve every source live from its publisher" },
    { command: "brecha refresh --mirror ../shared/data/raw", description: "Load every source from a local copy of the publishers' files" },
    { command: "brecha refresh --source wdi --source data360", description: "Refresh two sources from the publishers" }
  ])
)
