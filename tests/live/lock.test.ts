// The refresh lock next to the warehouse: one refresh at a time, a clear refusal naming the
// holder, takeover of a lock whose process is gone, release on interrupt.
import { Effect, Fiber } from "effect"
import { spawnSync } from "node:child_process"
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { hostname } from "node:os"
import { describe, expect, it } from "vitest"
import { lockPath, withRefreshLock } from "../../pipelines/warehouse/refreshLock.ts"
import { tempDbPath } from "../support/warehouse.ts"
import { runCli } from "../support/cli.ts"

const deadPid = (): number => {
  const child = spawnSync(process.execPath, ["-e", ""])
  return child.pid!
}

describe("refresh lock", () => {
  it("refuses a second holder, naming the first; releases when done", async () => {
    const db = tempDbPath()
    const inner = await Effect.runPromise(
      withRefreshLock(
        db,
        "brecha refresh"
      )(
        Effect.gen(function* () {
          expect(JSON.parse(readFileSync(lockPath(db), "utf8"))).toMatchObject({ pid: process.pid, command: "brecha refresh", host: hostname() })
          return yield* Effect.result(withRefreshLock(db, "brecha schedule")(Effect.succeed("should not run")))
        })
      )
    )
    expect(inner._tag).toBe("Failure")
    if (inner._tag === "Failure") {
      expect(inner.failure.message).toMatch(new RegExp(`another refresh is running on this warehouse \\(pid ${process.pid}, "brecha refresh", started \\d{4}-`))
    }
    expect(existsSync(lockPath(db))).toBe(false)
  })

  it("takes over a lock left by a process that no longer exists", async () => {
    const db = tempDbPath()
    const pid = deadPid()
    writeFileSync(lockPath(db), JSON.stringify({ pid, startedAt: "2025-07-01T00:00:00Z", command: "brecha refresh", host: hostname() }))
    const result = await Effect.runPromise(withRefreshLock(db, "brecha refresh")(Effect.sync(() => JSON.parse(readFileSync(lockPath(db), "utf8")).pid)))
    expect(result).toBe(process.pid)
    expect(existsSync(lockPath(db))).toBe(false)
  })

  it("takes over a half-written lock file", async () => {
    const db = tempDbPath()
    writeFileSync(lockPath(db), "")
    expect(await Effect.runPromise(withRefreshLock(db, "x")(Effect.succeed(1)))).toBe(1)
  })

  it("is released when the holder is interrupted (SIGTERM)", async () => {
    const db = tempDbPath()
    await Effect.runPromise(
      Effect.gen(function* () {
        const fiber = yield* Effect.forkChild(withRefreshLock(db, "brecha schedule")(Effect.never))
        yield* Effect.sleep(20)
        expect(existsSync(lockPath(db))).toBe(true)
        yield* Fiber.interrupt(fiber)
      })
    )
    expect(existsSync(lockPath(db))).toBe(false)
  })

  it("`brecha refresh` refuses to start while another holds the lock, with a clear message, touching nothing", async () => {
    const db = tempDbPath()
    writeFileSync(
      lockPath(db),
      JSON.stringify({ pid: process.pid, startedAt: "2025-07-01T06:00:00.000Z", command: 'brecha schedule --cron "0 6 * * *"', host: hostname() })
    )
    const result = await runCli(["refresh", "--mirror", "/nonexistent", "--db", db])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(
      `brecha: another refresh is running on this warehouse (pid ${process.pid}, "brecha schedule --cron "0 6 * * *"", started 2025-07-01T06:00:00.000Z)`
    )
    expect(existsSync(db)).toBe(false)
  }, 60_000)
})
