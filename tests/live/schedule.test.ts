// The scheduler under Effect's TestClock: virtual hours pass instantly, so these tests prove
// when runs happen without sleeping. Also the cron / zone parsing a user sees at start.
import { Effect, Fiber, Layer } from "effect"
import { TestClock } from "effect/testing"
import { describe, expect, it } from "vitest"
import { parseCron, runOnSchedule, type ScheduleEvent } from "../../pipelines/schedule.ts"

const hour = 3_600_000
const start = Date.parse("2025-07-01T00:00:00Z")

/** Runs the schedule under a TestClock, advancing virtual time by `steps` (ms each), and returns what happened. */
const simulate = (cron: string, steps: Array<number>, run: (n: number) => Effect.Effect<string, Error>, tz = "UTC") =>
  Effect.runPromise(
    Effect.gen(function* () {
      yield* TestClock.setTime(start)
      const events: Array<ScheduleEvent> = []
      const starts: Array<string> = []
      let n = 0
      const fiber = yield* Effect.forkChild(
        runOnSchedule(
          parseCron(cron, tz),
          Effect.gen(function* () {
            n++
            starts.push(new Date(yield* Effect.clockWith((c) => c.currentTimeMillis)).toISOString())
            return yield* run(n)
          }),
          (e) => events.push(e)
        )
      )
      for (const step of steps) yield* TestClock.adjust(step)
      yield* Fiber.interrupt(fiber)
      return { events, starts }
    }).pipe(Effect.provide(Layer.fresh(TestClock.layer())))
  )

describe("runOnSchedule", () => {
  it("runs at each time the expression names, and not before", async () => {
    const { starts, events } = await simulate("0 */6 * * *", [hour * 5, hour, hour * 6, hour * 6], () => Effect.succeed("ok"))
    expect(starts).toEqual(["2025-07-01T06:00:00.000Z", "2025-07-01T12:00:00.000Z", "2025-07-01T18:00:00.000Z"])
    expect(events[0]).toMatchObject({ kind: "waiting", next: new Date("2025-07-01T06:00:00.000Z") })
    expect(events.filter((e) => e.kind === "run-done").map((e) => e.detail)).toEqual(["ok", "ok", "ok"])
  })

  it("a failed run is logged and the schedule goes on", async () => {
    const { starts, events } = await simulate("0 * * * *", [hour, hour, hour], (n) =>
      n === 2 ? Effect.fail(new Error("wdi: GET http://x: HTTP 500")) : Effect.succeed(`run ${n}`)
    )
    expect(starts).toHaveLength(3)
    expect(events.filter((e) => e.kind.startsWith("run-") && e.kind !== "run-start").map((e) => [e.kind, e.detail])).toEqual([
      ["run-done", "run 1"],
      ["run-failed", "wdi: GET http://x: HTTP 500"],
      ["run-done", "run 3"]
    ])
  })

  it("a defect (a bug) in a run does not stop the schedule either", async () => {
    const { starts } = await simulate("0 * * * *", [hour, hour], (n) => (n === 1 ? Effect.die(new Error("boom")) : Effect.succeed("ok")))
    expect(starts).toHaveLength(2)
  })

  it("never overlaps: a run longer than the interval skips the times it covered instead of queueing them", async () => {
    // Hourly, but the first run takes 2.5 hours (virtual): the next run is at 04:00, not 02:00 and 03:00 back to back.
    const { starts } = await simulate("0 * * * *", [hour, hour * 2.5, hour, hour], (n) =>
      n === 1 ? Effect.sleep(hour * 2.5).pipe(Effect.as("long")) : Effect.succeed("short")
    )
    expect(starts).toEqual(["2025-07-01T01:00:00.000Z", "2025-07-01T04:00:00.000Z", "2025-07-01T05:00:00.000Z"])
  })

  it("reads the expression in the given time zone", async () => {
    // 06:00 in Mexico City (UTC-6, no DST since 2022) is 12:00 UTC.
    const { starts } = await simulate("0 6 * * *", [hour * 24], () => Effect.succeed("ok"), "America/Mexico_City")
    expect(starts).toEqual(["2025-07-01T12:00:00.000Z"])
  })
})

describe("parseCron", () => {
  it("rejects a malformed expression or an unknown zone with a message saying what is expected", () => {
    expect(() => parseCron("every day")).toThrow(/invalid cron expression "every day".*five fields/)
    expect(() => parseCron("0 6 * * *", "Mars/Olympus")).toThrow(/unknown time zone "Mars\/Olympus"/)
    expect(parseCron("0 6 * * 1", "UTC")).toBeDefined()
  })
})

describe("after a run", () => {
  it("describes the run in one log line", async () => {
    const { describeRun } = await import("../../pipelines/cli/scheduleCommand.ts")
    expect(
      describeRun({
        runId: 12,
        mode: "live",
        ok: false,
        status: "partial",
        exitCode: 1,
        changed: true,
        sources: [
          { sourceId: "wdi", outcome: "loaded", files: [], rowsLoaded: 10, rowsRejected: 0 },
          { sourceId: "data360", outcome: "failed", files: [], rowsLoaded: 0, rowsRejected: 0, error: "data360: GET http://x: HTTP 503" }
        ]
      })
    ).toBe("run 12 with problems (status 1), data changed: wdi loaded, data360 failed (data360: GET http://x: HTTP 503)")
  })

  it("a run whose only problem is the network says so, with its own status; final sources are fine", async () => {
    const { describeRun } = await import("../../pipelines/cli/scheduleCommand.ts")
    const { runStatus } = await import("../../pipelines/refresh.ts")
    const sources = [
      {
        sourceId: "wdi",
        outcome: "unreachable" as const,
        files: [],
        rowsLoaded: 0,
        rowsRejected: 0,
        error: "wdi: GET http://x: could not connect (ECONNREFUSED)"
      },
      { sourceId: "odb", outcome: "final" as const, files: [], rowsLoaded: 0, rowsRejected: 0, note: "final edition (2017), no further releases expected" }
    ]
    expect(runStatus(sources)).toEqual({ status: "unreachable", exitCode: 75 })
    expect(runStatus([sources[1]])).toEqual({ status: "ok", exitCode: 0 })
    expect(runStatus([...sources, { ...sources[0], outcome: "failed" as const }])).toEqual({ status: "partial", exitCode: 1 })
    expect(describeRun({ runId: 3, mode: "live", ok: false, status: "unreachable", exitCode: 75, changed: false, sources })).toBe(
      "run 3 publishers unreachable (status 75), no data changed: wdi unreachable (wdi: GET http://x: could not connect (ECONNREFUSED)), odb final"
    )
  })

  it("--build says so when `brecha build` is not installed, instead of failing the schedule", async () => {
    const { buildCommandFile, runBuild } = await import("../../pipelines/cli/scheduleCommand.ts")
    const { existsSync } = await import("node:fs")
    if (existsSync(buildCommandFile)) return // the dashboards' build command is installed: nothing to prove here
    expect(await Effect.runPromise(runBuild("/tmp/none.duckdb"))).toBe(
      "data changed but `brecha build` is not available in this installation; site not rebuilt"
    )
  })
})
