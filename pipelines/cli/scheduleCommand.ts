// `brecha schedule --cron "EXPR" [--tz ZONE] [--build]`: a long-running process that runs the
// same refresh as `brecha refresh` at the times the cron expression names. Each run takes the
// refresh lock (a manual refresh in progress makes that run skip, logged), opens the
// warehouse only for the run, and logs one line. SIGTERM / SIGINT stop it: the file being
// loaded rolls back (its transaction), the lock is released, the warehouse closed.
import { Effect, Option } from "effect"
import { Command, Flag } from "effect/cli"
import { spawn } from "node:child_process"
import { existsSync } from "node:fs"
import { join, resolve } from "node:path"
import { describeError } from "../errors.ts"
import { CronExpressionError, parseCron, runOnSchedule, type ScheduleEvent } from "../schedule.ts"
import type { RefreshSummary } from "../refresh.ts"
import { printProgress, runRefreshOnce } from "./refreshCommand.ts"
import { CommandFailed, load, warehousePath } from "./root.ts"
import { environment, readEnv } from "../environment.ts"

const stamp = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z")

export const logScheduleEvent =
  (write: (line: string) => void) =>
  (event: ScheduleEvent): void => {
    switch (event.kind) {
      case "waiting":
        write(`${stamp(event.at)} schedule: next run at ${stamp(event.next!)}`)
        break
      case "run-start":
        write(`${stamp(event.at)} schedule: run starting`)
        break
      case "run-done":
        write(`${stamp(event.at)} schedule: ${event.detail}`)
        break
      case "run-failed":
        write(`${stamp(event.at)} schedule: run failed: ${event.detail} (the schedule continues)`)
        break
    }
  }

/**
 * One line about a finished run: its id, status (with the exit status a manual refresh
 * would have had, when not 0), and each source's outcome.
 */
export const describeRun = (summary: RefreshSummary): string =>
  `run ${summary.runId} ${summary.ok ? "ok" : summary.status === "unreachable" ? `publishers unreachable (status ${summary.exitCode})` : `with problems (status ${summary.exitCode})`}` +
  `${summary.changed ? ", data changed" : ", no data changed"}: ` +
  summary.sources.map((s) => `${s.sourceId} ${s.outcome}${s.error ? ` (${s.error.slice(0, 300)})` : ""}`).join(", ")

/** `brecha build` is another team's command; it exists once its file does. */
export const buildCommandFile = join(import.meta.dirname, "buildCommand.ts")

/** Rebuilds the site in a child process, so a broken build never takes the scheduler down. */
export const runBuild = (warehousePath: string) =>
  Effect.callback<string>((resume) => {
    if (!existsSync(buildCommandFile)) {
      resume(Effect.succeed("data changed but `brecha build` is not available in this installation; site not rebuilt"))
      return
    }
    const child = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", join(import.meta.dirname, "main.ts"), "build", "--db", warehousePath], {
      stdio: ["ignore", "inherit", "inherit"]
    })
    child.on("error", (error) => resume(Effect.succeed(`site build could not start: ${error.message}`)))
    child.on("exit", (code, signal) =>
      resume(Effect.succeed(code === 0 ? "site rebuilt" : `site build failed (${signal ? `signal ${signal}` : `exit code ${code}`})`))
    )
    // Interrupted (SIGTERM): stop the build too rather than leave it orphaned.
    return Effect.sync(() => child.kill("SIGTERM"))
  })

export const scheduleCommand = Command.make(
  "schedule",
  {
    cron: Flag.String("cron").pipe(Flag.withDescription('Cron expression: minute hour day-of-month month day-of-week, e.g. "0 6 * * 1"')),
    tz: Flag.String("tz").pipe(Flag.withDescription("IANA time zone of the expression (default: the system's)"), Flag.optional),
    build: Flag.Boolean("build").pipe(Flag.withDefault(false), Flag.withDescription("Rebuild the site (`brecha build`) after a run that changed data")),
    source: Flag.String("source").pipe(Flag.withDescription("Only this source (repeatable)"), Flag.atLeast(0)),
    mirror: Flag.String("mirror").pipe(Flag.withDescription("Refresh from this folder instead of the publishers ($BRECHA_MIRROR)"), Flag.optional)
  },
  Effect.fn(function* ({ cron, tz, build, source, mirror }) {
    const path = resolve(yield* warehousePath)
    const zone = Option.getOrUndefined(tz)
    const parsed = yield* Effect.try({
      try: () => parseCron(cron, zone),
      catch: (e) => new CommandFailed(e instanceof CronExpressionError ? e.message : describeError(e))
    })
    // A misspelt source should fail now, not at every scheduled time.
    const { chooseSources } = yield* load(() => import("../refresh.ts"))
    yield* chooseSources(source)
    const mirrorDir = Option.getOrUndefined(mirror) ?? readEnv(environment.mirror)
    const write = (line: string) => process.stderr.write(`${line}\n`)
    write(
      `schedule: refreshing ${source.length > 0 ? source.join(", ") : "every source"} ${mirrorDir ? `from ${mirrorDir}` : "from the publishers"} ` +
        `on "${cron}"${zone ? ` (${zone})` : ""} into ${path}; stop with Ctrl-C or SIGTERM`
    )
    const run = Effect.gen(function* () {
      const summary = yield* runRefreshOnce({
        dbPath: path,
        command: `brecha schedule --cron "${cron}"`,
        sourceIds: source,
        trigger: "schedule",
        onProgress: printProgress,
        ...(mirrorDir !== undefined ? { mirror: mirrorDir } : {})
      })
      let line = describeRun(summary)
      if (build && summary.changed) line += `; ${yield* runBuild(path)}`
      return line
    }).pipe(
      // A manual refresh holding the lock is not a failure of the schedule: skip this time.
      Effect.catchTag("RefreshLockedError", (e) => Effect.succeed(`skipped: ${e.message}`))
    )
    return yield* runOnSchedule(parsed, run, logScheduleEvent(write)).pipe(
      Effect.onInterrupt(() => Effect.sync(() => write(`${stamp(new Date())} schedule: stopped`)))
    )
  })
).pipe(
  Command.withDescription("Run refresh on a cron schedule (long-running; never overlaps another refresh)"),
  Command.withExamples([
    { command: 'brecha schedule --cron "0 6 * * *" --tz America/Mexico_City', description: "Refresh every day at 06:00 Mexico City time" },
    { command: 'brecha schedule --cron "30 5 * * 1" --build', description: "Refresh on Mondays at 05:30 and rebuild the site when data changed" }
  ])
)
