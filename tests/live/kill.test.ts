// A refresh killed with SIGKILL half-way, then run again, leaves the same warehouse as a
// clean run; SIGTERM stops `brecha schedule` cleanly (the file in progress rolls back, the
// lock is released). Real child processes of the CLI against the mirror of real files.
import { existsSync, readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { lockPath, processAlive } from "../../pipelines/warehouse/refreshLock.ts"
import { runCli, startCli } from "../support/cli.ts"
import { hasRaw, rawDir } from "../support/raw.ts"
import { contentFingerprint, query, tempDbPath } from "../support/warehouse.ts"

const args = (db: string) => ["refresh", "--mirror", rawDir, "--source", "wdi", "--db", db]

/** Content that two runs of the same files must share: not when they ran, not which run did it. */
const comparable = (db: string) =>
  contentFingerprint(db, {
    excludeTables: ["run_log", "run_source_log", "http_validators"],
    ignoreColumns: { vintage_log: ["retrieved_at", "run_id"] }
  })

describe.skipIf(!hasRaw)("interrupted refreshes", () => {
  let clean: string | undefined
  const cleanFingerprint = async () => {
    if (clean === undefined) {
      const db = tempDbPath("clean")
      const result = await runCli(args(db))
      expect(result.code, result.stderr).toBe(0)
      clean = await comparable(db)
    }
    return clean
  }

  it("SIGKILL after the first file is committed, then refresh again: same content as a clean run", async () => {
    const db = tempDbPath("killed")
    const cli = startCli(args(db))
    // The second file: the first is committed, the second is being loaded.
    await cli.waitFor(/^\s+\S+: [\d,]+ values/)
    cli.child.kill("SIGKILL")
    const killed = await cli.done
    expect(killed.signal).toBe("SIGKILL")
    // The lock is left behind by the dead process...
    const lock = JSON.parse(readFileSync(lockPath(db), "utf8")) as { pid: number }
    expect(lock.pid).toBe(cli.child.pid)
    expect(processAlive(lock.pid)).toBe(false)
    // ...and taken over by the next refresh, which completes the work.
    const again = await runCli(args(db))
    expect(again.code, again.stderr).toBe(0)
    expect(again.stderr).toMatch(/unchanged/)
    expect(await comparable(db)).toBe(await cleanFingerprint())
    expect(existsSync(lockPath(db))).toBe(false)
    const runs = await query<{ status: string }>(db, "SELECT status FROM run_log ORDER BY run_id")
    expect(runs.map((r) => r.status)).toEqual(["interrupted", "ok"])
  }, 600_000)

  it("SIGKILL at an arbitrary moment (mid-transaction or not), then refresh again: same content as a clean run", async () => {
    const db = tempDbPath("killed-anywhere")
    const cli = startCli(args(db))
    await cli.waitFor(/^\[1\/1\] wdi/)
    // Somewhere inside the loading of the first files.
    await new Promise((r) => setTimeout(r, 300 + Math.floor(Math.random() * 3_000)))
    cli.child.kill("SIGKILL")
    await cli.done
    const again = await runCli(args(db))
    expect(again.code, again.stderr).toBe(0)
    expect(await comparable(db)).toBe(await cleanFingerprint())
  }, 600_000)

  it("SIGTERM stops `brecha schedule` cleanly: the run is marked interrupted, the lock released, the warehouse consistent", async () => {
    const db = tempDbPath("sigterm")
    // Six fields: every second, so the first run starts at once.
    const cli = startCli(["schedule", "--cron", "* * * * * *", "--mirror", rawDir, "--source", "wdi", "--db", db])
    await cli.waitFor(/schedule: run starting/)
    await cli.waitFor(/^\s+\S+: [\d,]+ values/)
    cli.child.kill("SIGTERM")
    const result = await cli.done
    expect(result.signal).toBeNull()
    expect(result.stderr).toMatch(/schedule: stopped/)
    expect(existsSync(lockPath(db))).toBe(false)
    const runs = await query<{ status: string; trigger: string }>(db, "SELECT status, trigger FROM run_log")
    expect(runs).toEqual([{ status: "interrupted", trigger: "schedule" }])
    // Whatever was committed is whole: each vintage has exactly its rows.
    const incomplete = await query(
      db,
      `SELECT v.vintage_id FROM vintage_log v LEFT JOIN observation_log o USING (vintage_id)
      GROUP BY v.vintage_id, v.rows_loaded HAVING count(o.vintage_id) <> v.rows_loaded`
    )
    expect(incomplete).toEqual([])
    const again = await runCli(args(db))
    expect(again.code, again.stderr).toBe(0)
    expect(await comparable(db)).toBe(await cleanFingerprint())
  }, 600_000)
})
