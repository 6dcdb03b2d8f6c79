// The scheduler: wait for the next time the cron expression names, run once, repeat. Runs
// never overlap (the next time is computed after a run ends, so a run longer than the
// interval skips the missed times instead of queueing them), a failed run is logged and
// the schedule goes on, and time comes from Effect's Clock so tests drive it with TestClock.
import { Cause, Clock, Cron, Duration, Effect, Result } from "effect"

export interface ScheduleEvent {
  readonly kind: "waiting" | "run-start" | "run-done" | "run-failed"
  readonly at: Date
  readonly next?: Date
  readonly detail?: string
}

export class CronExpressionError extends Error {}

/** Parses and checks the expression and zone up front, so a typo fails at start, not at 3 a.m. */
export const parseCron = (expression: string, timeZone?: string): Cron.Cron => {
  if (timeZone !== undefined) {
    try {
      new Intl.DateTimeFormat("en", { timeZone }).format(0)
    } catch {
      throw new CronExpressionError(`unknown time zone "${timeZone}" (use an IANA name such as America/Mexico_City or UTC)`)
    }
  }
  const parsed = Cron.parse(expression, timeZone)
  if (Result.isFailure(parsed)) {
    throw new CronExpressionError(
      `invalid cron expression "${expression}": ${parsed.failure.message} ` +
        `(five fields: minute hour day-of-month month day-of-week, e.g. "0 6 * * 1" for Mondays at 06:00)`
    )
  }
  return parsed.success
}

/**
 * Runs `run` at every time `cron` names, forever (until interrupted). `run` reports its own
 * outcome as a string; a failure or defect in it is logged and does not stop the loop.
 */
export const runOnSchedule = <E, R>(cron: Cron.Cron, run: Effect.Effect<string, E, R>, log: (event: ScheduleEvent) => void): Effect.Effect<never, never, R> =>
  Effect.gen(function* () {
    while (true) {
      const now = yield* Clock.currentTimeMillis
      const next = Cron.next(cron, now)
      log({ kind: "waiting", at: new Date(now), next })
      yield* Effect.sleep(Duration.millis(Math.max(0, next.getTime() - now)))
      log({ kind: "run-start", at: new Date(yield* Clock.currentTimeMillis) })
      const exit = yield* Effect.exit(run)
      const at = new Date(yield* Clock.currentTimeMillis)
      if (exit._tag === "Success") log({ kind: "run-done", at, detail: exit.value })
      else if (Cause.hasInterruptsOnly(exit.cause)) return yield* Effect.interrupt
      else log({ kind: "run-failed", at, detail: describeCause(Cause.squash(exit.cause)) })
    }
  })

const describeCause = (error: unknown): string =>
  error instanceof Error ? error.message : typeof error === "object" && error !== null && "message" in error ? String(error.message) : String(error)
