// Faults around the warehouse, with ./bin/brecha run as child processes against a small
// mirror of real files: two refreshes at once, a reader during a refresh, SIGKILL in the
// middle of a load, a read-only warehouse, and a full disk. After each, the warehouse must
// be consistent (`brecha check` passes) and hold no half-written vintage.
//
// How the faults are made, honestly:
//  - tests run as root, for whom chmod does not stop writes: the read-only cases run the
//    child as uid/gid 65534 (nobody), for whom the permission bits do apply;
//  - a full disk: tmpfs cannot be mounted without privileges, so the child runs with an
//    LD_PRELOAD shim (native/enospc.c, compiled here with cc) that makes writes to the
//    warehouse and its WAL fail with ENOSPC after N bytes, as the kernel does on a full
//    disk. Skipped, with a message, where no C compiler is available.
import { execFileSync, spawn } from "node:child_process"
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Layer, ManagedRuntime } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { checkIntegrity, integrityFailed } from "../../pipelines/integrity.ts"
import { refresh } from "../../pipelines/refresh.ts"
import { Warehouse } from "../../pipelines/warehouse/Warehouse.ts"
import { sha256 } from "../../pipelines/load/land.ts"
import { hasRaw, rawDir } from "../support/raw.ts"
import { brechaFor } from "../support/worldReadable.ts"
import { contentFingerprintOf } from "./harness.ts"
import { verdict } from "./record.ts"
import { offlineHttp } from "../support/warehouse.ts"

const repo = join(import.meta.dirname, "..", "..")
const brecha = join(repo, "bin", "brecha")
const root = mkdtempSync(join(tmpdir(), "brecha-faults-"))
chmodSync(root, 0o755) // the read-only cases run a child as another user, who must reach the files
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** A small mirror: three real WDI files and one Data360 Parquet file. */
const mirrorFiles = [
  "wb-wdi/bulk-csv-original/API_IT.NET.USER.ZS_DS2_en_csv_v2_4150946.csv",
  "wb-wdi/bulk-csv-original/API_SP.POP.TOTL_DS2_en_csv_v2_4218816.csv",
  "wb-wdi/datasets-wdi/it.cel.sets.p2/data.csv",
  "wb-wdi/datasets-wdi/it.cel.sets.p2/datapackage.json",
  "wb-data360/internet/percentage_individuals_using_internet_(itu).parquet"
]
const mirror = join(root, "mirror")
const refreshArgs = (db: string) => ["refresh", "--mirror", mirror, "--source", "wdi", "--source", "data360", "--db", db]

interface Child {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** Runs brecha; `onStderr` may act (spawn another, signal this one) as progress appears. */
const runBrecha = (
  args: Array<string>,
  options: {
    env?: NodeJS.ProcessEnv
    uid?: number
    gid?: number
    bin?: string
    onStderr?: (text: string, signal: (signal: NodeJS.Signals) => void) => void
  } = {}
) =>
  new Promise<Child>((resolve) => {
    const child = spawn(options.bin ?? brecha, args, {
      env: { ...process.env, ...options.env },
      uid: options.uid,
      gid: options.gid,
      cwd: options.uid === undefined ? repo : "/"
    })
    // A child that cannot start (EACCES, ENOENT) ends the wait at once, with the reason.
    child.on("error", (e) => resolve({ code: -1, signal: null, stdout: "", stderr: `could not start ${options.bin ?? brecha}: ${e.message}` }))
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (d) => {
      stdout += d
    })
    child.stderr.on("data", (d) => {
      stderr += d
      options.onStderr?.(stderr, (signal) => child.kill(signal))
    })
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }))
  })

/** Opens a warehouse in this process: its integrity results and content fingerprints. */
const inspect = async (db: string) => {
  const runtime = ManagedRuntime.make(Warehouse.layer({ path: db }))
  try {
    return await runtime.runPromise(
      Effect.gen(function* () {
        const wh = yield* Warehouse
        const query = <T>(sql: string) => Effect.runPromise(wh.query(sql)) as Promise<Array<T>>
        const results = yield* checkIntegrity()
        const vintageTables = yield* wh.query<{ h: string }>(`
        SELECT (SELECT CAST(count(*) AS VARCHAR) || ':' || CAST(coalesce(sum(hash(v)), 0) AS VARCHAR) FROM vintage_log v) || '|' ||
               (SELECT CAST(count(*) AS VARCHAR) || ':' || CAST(coalesce(sum(hash(o)), 0) AS VARCHAR) FROM observation_log o) || '|' ||
               (SELECT CAST(count(*) AS VARCHAR) || ':' || CAST(coalesce(sum(hash(a)), 0) AS VARCHAR) FROM aggregate_log a) || '|' ||
               (SELECT CAST(count(*) AS VARCHAR) || ':' || CAST(coalesce(sum(hash(r)), 0) AS VARCHAR) FROM rejected_rows r) AS h`)
        const current = yield* wh.query<{ h: string; n: number }>(
          "SELECT CAST(coalesce(sum(hash(indicator_id, country_iso3, year, value)), 0) AS VARCHAR) AS h, count(*) AS n FROM observations"
        )
        const units = yield* wh.query<{ unit: string; n: number }>("SELECT unit, count(*) AS n FROM vintage_log GROUP BY unit ORDER BY unit")
        const all = yield* Effect.promise(() => contentFingerprintOf(query))
        return {
          failing: results.filter((r) => r.severity === "error" && r.violations > 0).map((r) => `${r.id}: ${r.examples.join(" | ")}`),
          ok: !integrityFailed(results),
          vintageTables: vintageTables[0].h,
          observations: `${current[0].n}:${current[0].h}`,
          units: units.map((u) => `${u.unit}×${u.n}`),
          fingerprint: all
        }
      })
    )
  } finally {
    await runtime.dispose()
  }
}

describe.skipIf(!hasRaw)("faults around the warehouse", () => {
  let reference: Awaited<ReturnType<typeof inspect>>
  const referenceDb = join(root, "reference.duckdb")

  beforeAll(async () => {
    for (const file of mirrorFiles) {
      mkdirSync(join(mirror, file, ".."), { recursive: true })
      copyFileSync(join(rawDir, file), join(mirror, file))
    }
    // What one clean, uninterrupted refresh of the mirror gives.
    const runtime = ManagedRuntime.make(Layer.mergeAll(Warehouse.layer({ path: referenceDb }), offlineHttp))
    await runtime.runPromise(refresh({ mirror, sourceIds: ["wdi", "data360"] }))
    await runtime.dispose()
    reference = await inspect(referenceDb)
    expect(reference.ok).toBe(true)
    expect(reference.units).toHaveLength(4)
  })

  it("two refreshes at once: the second is refused with a clear message, the first completes", async () => {
    const db = join(root, "concurrent.duckdb")
    const fullArgs = ["refresh", "--mirror", rawDir, "--source", "wdi", "--source", "data360", "--db", db]
    let second: Promise<Child> | undefined
    const first = await runBrecha(fullArgs, {
      onStderr: (text, signal) => {
        // The first holds the refresh lock once it reports its first source. It is paused
        // there (SIGSTOP) while the second runs, as a long refresh would be, however fast
        // this one is, and resumed once the second has ended.
        if (!second && text.includes("[1/2]")) {
          signal("SIGSTOP")
          second = runBrecha(fullArgs).then((result) => {
            signal("SIGCONT")
            return result
          })
        }
      }
    })
    const other = await second!
    const after = await inspect(db)
    const problems: Array<string> = []
    if (first.code !== 0) problems.push(`first refresh exited ${first.code}: ${first.stderr.slice(-500)}`)
    if (other.code === 0) problems.push(`the second refresh was not refused (it ran after the first?): ${other.stdout.slice(-300)}`)
    // The refresh lock (pipelines/warehouse/refreshLock.ts) names the running refresh; DuckDB's
    // own file lock is the fallback.
    if (!/another refresh is running on this warehouse \(pid \d+|another brecha process is using this warehouse/.test(other.stderr)) {
      problems.push(`the second refresh's error is not clear: ${other.stderr.slice(0, 400)}`)
    }
    if (!after.ok) problems.push(`check fails after: ${after.failing.join("; ")}`)
    if (after.units.some((u) => !u.endsWith("×1")) || after.units.length < 11) problems.push(`vintages: ${after.units.join(", ")}`)
    expect(verdict("faults/two-refreshes", problems, { lostData: !after.ok })).toEqual([])
  })

  it("a reader (`brecha sql`) during a refresh reads a committed state or is refused clearly, and the refresh completes", async () => {
    const db = join(root, "reader.duckdb")
    let reader: Promise<Child> | undefined
    const writer = await runBrecha(refreshArgs(db), {
      onStderr: (text) => {
        if (!reader && text.includes("[1/2]")) reader = runBrecha(["sql", "SELECT count(*) FROM observations", "--db", db])
      }
    })
    const read = await reader!
    const after = await inspect(db)
    const problems: Array<string> = []
    if (writer.code !== 0) problems.push(`refresh exited ${writer.code}`)
    // DuckDB lets no reader in while a writer process has the file open; between the writer's
    // opens (it does not hold the file for the whole run) a reader gets a committed state.
    if (read.code === 0) {
      if (!/^\s*count_star\(\)/m.test(read.stdout)) problems.push(`the reader printed no result: ${read.stdout.slice(0, 200)}`)
    } else if (!/another brecha process is using this warehouse/.test(read.stderr))
      problems.push(`the reader's error is not clear: ${read.stderr.slice(0, 400)}`)
    if (after.observations !== reference.observations) problems.push("observations differ from one clean refresh")
    expect(verdict("faults/reader-during-refresh", problems)).toEqual([])
  })

  it("SIGKILL in the middle of a load: the warehouse reopens consistent, and the next refresh completes it", async () => {
    const db = join(root, "killed.duckdb")
    const killed = await runBrecha(refreshArgs(db), {
      // After the first file is committed, the second is being loaded: kill then.
      onStderr: (text, signal) => {
        if (/values, .* rejected/.test(text)) signal("SIGKILL")
      }
    })
    const problems: Array<string> = []
    if (killed.signal !== "SIGKILL") problems.push(`the refresh was not killed mid-way (exit ${killed.code}): ${killed.stderr.slice(-300)}`)
    const afterKill = await inspect(db)
    if (!afterKill.ok) problems.push(`check fails after SIGKILL: ${afterKill.failing.join("; ")}`)
    if (afterKill.units.length >= reference.units.length) problems.push(`the kill came too late: ${afterKill.units.join(", ")}`)
    // Every vintage present is whole: the check's row counts hold (above), and no unit twice.
    if (afterKill.units.some((u) => !u.endsWith("×1"))) problems.push(`a unit loaded twice: ${afterKill.units.join(", ")}`)
    const again = await runBrecha(refreshArgs(db))
    if (again.code !== 0) problems.push(`the refresh after the kill failed: ${again.stderr.slice(-400)}`)
    const final = await inspect(db)
    if (!final.ok) problems.push(`check fails after the second refresh: ${final.failing.join("; ")}`)
    if (final.observations !== reference.observations) problems.push("observations differ from one clean refresh")
    if (final.units.join() !== reference.units.join()) problems.push(`vintages ${final.units.join(", ")} vs ${reference.units.join(", ")}`)
    const check = await runBrecha(["check", "--db", db])
    if (check.code !== 0 || !/WARN .*never finished|all invariants hold/.test(check.stdout)) problems.push(`brecha check: ${check.stdout.slice(-400)}`)
    expect(verdict("faults/sigkill-mid-load", problems, { lostData: final.observations !== reference.observations })).toEqual([])
  })

  describe("a read-only warehouse (child runs as uid 65534: root ignores permission bits)", () => {
    const user = { uid: 65534, gid: 65534 }
    // The checkout (and ../shared) may sit in a folder that user cannot enter: it runs a
    // world-readable copy of the CLI, on a copy of the input file.
    let nobody: typeof user & { bin: string }
    const file = join(root, "API_IT.NET.BBND.P2_DS2_en_csv_v2_43250.csv")
    beforeAll(() => {
      nobody = { ...user, bin: brechaFor(join(root, "as-nobody"), user) }
      copyFileSync(join(rawDir, "wb-wdi/bulk-csv-original/API_IT.NET.BBND.P2_DS2_en_csv_v2_43250.csv"), file)
      chmodSync(file, 0o644)
    })

    it("a read-only file: ingest fails clearly and the file is untouched; queries still work", async () => {
      const dir = join(root, "ro-file")
      mkdirSync(dir)
      chmodSync(dir, 0o777)
      const db = join(dir, "warehouse.duckdb")
      copyFileSync(referenceDb, db)
      chmodSync(db, 0o444)
      const before = sha256(readFileSync(db))
      const ingest = await runBrecha(["ingest", "wdi", file, "--db", db], nobody)
      const problems: Array<string> = []
      if (ingest.code === 0) problems.push("ingest into a read-only warehouse succeeded")
      if (!/not writable/.test(ingest.stderr)) problems.push(`unclear error: ${ingest.stderr.slice(0, 400)}`)
      if (sha256(readFileSync(db)) !== before) problems.push("the read-only file changed")
      if (existsSync(`${db}.wal`)) problems.push("a WAL was left beside the read-only file")
      const sql = await runBrecha(["sql", "SELECT count(*) AS n FROM observations", "--format", "csv", "--db", db], nobody)
      if (sql.code !== 0 || !sql.stdout.includes(reference.observations.split(":")[0])) problems.push(`read-only query failed: ${sql.stderr.slice(0, 300)}`)
      expect(verdict("faults/read-only-file", problems)).toEqual([])
    })

    it("a writable file in a read-only folder (no room for the WAL): the load fails clearly, nothing half-written", async () => {
      const dir = join(root, "ro-dir")
      mkdirSync(dir)
      const db = join(dir, "warehouse.duckdb")
      copyFileSync(referenceDb, db)
      chownSync(db, nobody.uid, nobody.gid)
      chmodSync(dir, 0o755) // owned by root: nobody cannot create warehouse.duckdb.wal here
      const ingest = await runBrecha(["ingest", "wdi", file, "--db", db], nobody)
      const after = await inspect(db)
      const problems: Array<string> = []
      if (ingest.code === 0) problems.push("ingest succeeded without being able to write a WAL")
      if (!/not writable|permission denied/i.test(ingest.stderr)) problems.push(`unclear error: ${ingest.stderr.slice(0, 400)}`)
      if (after.vintageTables !== reference.vintageTables) problems.push("vintage tables changed")
      if (!after.ok) problems.push(`check fails: ${after.failing.join("; ")}`)
      expect(verdict("faults/read-only-folder", problems, { lostData: after.vintageTables !== reference.vintageTables })).toEqual([])
    })
  })

  describe("a full disk (writes to the warehouse fail with ENOSPC after N bytes)", () => {
    let shim: string | undefined
    try {
      shim = join(root, "enospc.so")
      execFileSync("cc", ["-shared", "-fPIC", "-O1", "-o", shim, join(import.meta.dirname, "native", "enospc.c"), "-ldl"], { stdio: "pipe" })
    } catch {
      console.warn("SKIPPED: disk-full faults need a C compiler (cc) to build the LD_PRELOAD shim")
      shim = undefined
    }
    // Cut-offs from "before the catalogue sync commits" to "during the second file".
    for (const limit of [150_000, 400_000, 700_000, 1_200_000]) {
      it.skipIf(!shim)(`disk full after ${limit.toLocaleString("en-US")} bytes: the failed write is rolled back, what committed is whole`, async () => {
        const db = join(root, `full-${limit}.duckdb`)
        copyFileSync(join(root, "reference.duckdb"), db)
        // Start from a warehouse without the vintages, so the refresh has work to do.
        const runtime = ManagedRuntime.make(Warehouse.layer({ path: db }))
        await runtime.runPromise(
          Warehouse.use((wh) =>
            wh.transaction((tx) =>
              Effect.gen(function* () {
                for (const t of ["observation_log", "aggregate_log", "rejected_rows", "source_indicator_names", "vintage_log", "run_source_log", "run_log"])
                  yield* tx.run(`DELETE FROM ${t}`)
              })
            )
          )
        )
        await runtime.runPromise(Warehouse.use((wh) => wh.run("CHECKPOINT")))
        await runtime.dispose()
        const run = await runBrecha(refreshArgs(db), { env: { LD_PRELOAD: shim, BRECHA_FULL_AFTER: String(limit) } })
        const after = await inspect(db)
        const problems: Array<string> = []
        if (run.code === 0 && after.observations !== reference.observations) problems.push("the refresh reported success but the data is incomplete")
        if (run.code !== 0 && !/No space left on device.*the disk is full/s.test(run.stderr)) problems.push(`unclear error: ${run.stderr.slice(-500)}`)
        if (!after.ok) problems.push(`check fails after a full disk: ${after.failing.join("; ")}`)
        // Whatever committed is whole and equals the clean refresh for those units.
        const again = await runBrecha(refreshArgs(db))
        const final = await inspect(db)
        if (again.code !== 0) problems.push(`refresh after freeing space failed: ${again.stderr.slice(-300)}`)
        if (final.observations !== reference.observations) problems.push("after freeing space, observations differ from one clean refresh")
        expect(verdict(`faults/disk-full-${limit}`, problems, { lostData: final.observations !== reference.observations || !after.ok })).toEqual([])
      })
    }
  })
})
