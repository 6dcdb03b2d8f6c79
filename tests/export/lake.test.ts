// `brecha export --lake DIR` over the warehouse loaded from the real mirror: DuckDB reads the
// Hive-partitioned lake back equal to the warehouse row for row; hyparquet (an independent
// Parquet reader) reads every file; a re-export after one source got a new vintage rewrites
// only that source's partition; a SIGKILL, a non-lake folder, a read-only folder and a full
// disk each leave the previous export as it was.
import { execFileSync, spawnSync } from "node:child_process"
import { createHash } from "node:crypto"
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, relative } from "node:path"
import { zstdDecompressSync } from "node:zlib"
import { Effect } from "effect"
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from "hyparquet"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { lakeTables } from "../../pipelines/export/lakeTables.ts"
import type { LakeManifest } from "../../pipelines/export/lakeManifest.ts"
import { literal } from "../../pipelines/load/stageContext.ts"
import { Warehouse } from "../../pipelines/warehouse/Warehouse.ts"
import { runCli, startCli } from "../support/cli.ts"
import { fixture, hasRaw, rawDir } from "../support/raw.ts"
import { runWith } from "../support/warehouse.ts"
import { brechaFor } from "../support/worldReadable.ts"

const root = mkdtempSync(join(tmpdir(), "brecha-lake-"))
chmodSync(root, 0o755) // the read-only case runs a child as another user, who must reach the files
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** Every file under the lake (manifest included) with its sha256, by relative path. */
const snapshotOf = (dir: string): Record<string, string> => {
  const out: Record<string, string> = {}
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name)
      if (e.isDirectory()) walk(p)
      else out[relative(dir, p)] = createHash("sha256").update(readFileSync(p)).digest("hex")
    }
  }
  walk(dir)
  return out
}
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, "_brecha_manifest.json"), "utf8")) as LakeManifest
const changed = (a: Record<string, string>, b: Record<string, string>) =>
  [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]).sort()

const exportTo = async (db: string, dir: string) => {
  const run = await runCli(["export", "--lake", dir, "--db", db])
  expect(run.code, run.stderr).toBe(0)
  return run
}

const zstd = { ZSTD: (input: Uint8Array) => new Uint8Array(zstdDecompressSync(input)) }

describe.skipIf(!hasRaw)("brecha export --lake (warehouse from the real mirror)", () => {
  const db = join(root, "warehouse.duckdb")
  const lake = join(root, "lake")
  beforeAll(async () => {
    const refresh = await runCli(["refresh", "--mirror", rawDir, "--db", db])
    expect(refresh.code, refresh.stderr).toBe(0)
    await exportTo(db, lake)
  }, 600_000)

  it("writes Hive partitions and a manifest whose sizes, hashes and row counts are those of the files", async () => {
    const manifest = manifestOf(lake)
    expect(manifest.tables.map((t) => [t.name, t.partition_column])).toEqual(lakeTables.map((t) => [t.name, t.partitionBy]))
    const history = manifest.tables.find((t) => t.name === "observation_history")!
    expect(history.files.map((f) => f.path)).toContain("observation_history/source_id=wdi/part-0.parquet")
    expect(
      manifest.tables
        .find((t) => t.name === "observations")!
        .files.map((f) => f.partition)
        .sort()
    ).toEqual(["connectivity", "context", "data_capability", "digital_talent"])
    const onDisk = snapshotOf(lake)
    for (const t of manifest.tables) {
      for (const f of t.files) {
        expect(onDisk[f.path], f.path).toBe(f.sha256)
        expect(statSync(join(lake, f.path)).size).toBe(f.bytes)
      }
    }
    // Nothing else is there: no staging folder, no stray files.
    expect(Object.keys(onDisk).sort()).toEqual(["_brecha_manifest.json", ...manifest.tables.flatMap((t) => t.files.map((f) => f.path))].sort())
    expect(manifest.vintages).toEqual({ min: 1, max: history.vintages!.max, count: expect.any(Number) })
    const types = Object.fromEntries(history.schema.map((c) => [c.name, c.portable_type]))
    expect(types).toMatchObject({ year: "int16", value: "double", vintage_id: "int32", retrieved_at: "timestamp[us, UTC]", source_id: "string" })
    const vintages = manifest.tables.find((t) => t.name === "vintages")!
    expect(Object.fromEntries(vintages.schema.map((c) => [c.name, c.portable_type]))).toMatchObject({ released_at: "date", retrieved_at: "timestamp[us, UTC]" })
  })

  it("DuckDB reads every table back (hive_partitioning) equal to the warehouse, row for row, with one schema in every partition", async () => {
    const manifest = manifestOf(lake)
    const problems = await runWith(
      db,
      Effect.gen(function* () {
        const wh = yield* Warehouse
        // The warehouse keeps UTC wall times; the lake writes instants. Compare in UTC.
        yield* wh.run("SET TimeZone = 'UTC'")
        const out: Array<string> = []
        for (const table of lakeTables) {
          const entry = manifest.tables.find((t) => t.name === table.name)!
          const glob = literal(join(lake, table.name, table.partitionBy ? "*/*.parquet" : "*.parquet"))
          const cols = entry.schema.map((c) => `"${c.name}"`).join(", ")
          const fromLake = `SELECT ${cols} FROM read_parquet(${glob}, hive_partitioning = true)`
          const fromWarehouse = `SELECT ${cols} FROM (${table.query})`
          const [counts] = yield* wh.query<{ lake: number; wh: number; missing: number; extra: number }>(`SELECT
          (SELECT count(*) FROM (${fromLake})) AS lake, (SELECT count(*) FROM (${fromWarehouse})) AS wh,
          (SELECT count(*) FROM (${fromWarehouse} EXCEPT ALL ${fromLake})) AS missing,
          (SELECT count(*) FROM (${fromLake} EXCEPT ALL ${fromWarehouse})) AS extra`)
          if (counts.wh === 0) out.push(`${table.name}: the warehouse has no rows, nothing was compared`)
          if (counts.lake !== counts.wh || counts.missing !== 0 || counts.extra !== 0 || entry.rows !== counts.wh) {
            out.push(
              `${table.name}: lake ${counts.lake} rows, warehouse ${counts.wh}, manifest ${entry.rows}; ${counts.missing} missing, ${counts.extra} extra`
            )
          }
          const described = yield* wh.query<{ column_name: string; column_type: string }>(`SELECT column_name, column_type FROM (DESCRIBE ${fromLake})`)
          for (const c of entry.schema) {
            const got = described.find((d) => d.column_name === c.name)?.column_type
            if (got !== c.type) out.push(`${table.name}.${c.name}: read as ${got}, manifest says ${c.type}`)
          }
          const schemas = yield* wh.query<{ s: string }>(`SELECT DISTINCT s FROM (
          SELECT file_name, string_agg(concat_ws(':', name, type, converted_type, CAST(logical_type AS VARCHAR)), ',' ORDER BY name) AS s
          FROM parquet_schema(${glob}) GROUP BY file_name)`)
          if (schemas.length !== 1) out.push(`${table.name}: ${schemas.length} different file schemas`)
        }
        return out
      })
    )
    expect(problems).toEqual([])
  }, 300_000)

  it("hyparquet (an independent reader) reads every file, with the same rows and types", async () => {
    const manifest = manifestOf(lake)
    for (const t of manifest.tables) {
      for (const f of t.files) {
        const file = await asyncBufferFromFile(join(lake, f.path))
        const rows = await parquetReadObjects({ file, compressors: zstd })
        expect(rows.length, f.path).toBe(f.rows)
        const meta = await parquetMetadataAsync(file)
        for (const c of t.schema.filter((c) => !c.partition)) {
          const el = meta.schema.find((s) => s.name === c.name)
          expect(el, `${f.path}: ${c.name}`).toBeDefined()
          if (c.portable_type === "int16") expect([el!.type, el!.converted_type]).toEqual(["INT32", "INT_16"])
          if (c.portable_type === "double") expect(el!.type).toBe("DOUBLE")
          if (c.portable_type === "date") expect([el!.type, el!.converted_type]).toEqual(["INT32", "DATE"])
          if (c.portable_type === "timestamp[us, UTC]") expect(el!.logical_type).toEqual({ type: "TIMESTAMP", isAdjustedToUTC: true, unit: "MICROS" })
        }
      }
    }
    // The values themselves: the WDI history, compared with the warehouse.
    const wdi = await parquetReadObjects({ file: await asyncBufferFromFile(join(lake, "observation_history/source_id=wdi/part-0.parquet")), compressors: zstd })
    const fromWarehouse = await runWith(
      db,
      Effect.gen(function* () {
        const wh = yield* Warehouse
        return yield* wh.query<{ indicator_id: string; country_iso3: string; year: number; value: number; vintage_id: number; retrieved_at: string }>(
          "SELECT indicator_id, country_iso3, year, value, vintage_id, strftime(retrieved_at, '%Y-%m-%dT%H:%M:%S.%g') || 'Z' AS retrieved_at FROM observation_history WHERE source_id = 'wdi'"
        )
      })
    )
    const key = (r: Record<string, unknown>) => `${r.indicator_id}|${r.country_iso3}|${r.year}|${r.vintage_id}`
    const byKey = new Map(fromWarehouse.map((r) => [key(r), r]))
    expect(wdi.length).toBe(fromWarehouse.length)
    for (const r of wdi) {
      const w = byKey.get(key(r))
      expect(w, key(r)).toBeDefined()
      expect(r.value).toBe(w!.value)
      expect(Number.isInteger(r.year)).toBe(true)
      expect((r.retrieved_at as Date).toISOString()).toBe(w!.retrieved_at)
    }
  }, 300_000)

  it("re-exporting after one source got a new vintage rewrites only that source's partition (by sha256), and says so", async () => {
    const before = snapshotOf(lake)
    const again = await exportTo(db, lake)
    expect(again.stdout).toMatch(/rewrote 0, kept \d+ unchanged/)
    expect(changed(before, snapshotOf(lake))).toEqual(["_brecha_manifest.json"])

    const ingest = await runCli(["ingest", "wdi", fixture("wdi", "API_IT.NET.BBND.P2_DS2_original.csv"), "--db", db])
    expect(ingest.code, ingest.stderr).toBe(0)
    const run = await exportTo(db, lake)
    const diff = changed(before, snapshotOf(lake))
    expect(diff.filter((p) => p.startsWith("observation_history/"))).toEqual(["observation_history/source_id=wdi/part-0.parquet"])
    // IT.NET.BBND.P2 is a connectivity indicator: no other pillar's current values can move
    // (this older release may not move any).
    expect(diff.filter((p) => p.startsWith("observations/") && p !== "observations/pillar=connectivity/part-0.parquet")).toEqual([])
    expect(diff).toContain("vintages/part-0.parquet")
    expect(run.stdout).toMatch(/rewrote observation_history\/source_id=wdi\/part-0\.parquet \([\d,]+ rows; vintages \d+–\d+ → \d+–\d+\)/)
    expect(run.stdout).not.toMatch(/source_id=un_egov/)
  }, 300_000)

  it("SIGKILL during an export leaves the previous export complete; the next export finishes cleanly", async () => {
    const ingest = await runCli(["ingest", "un_egov", fixture("un_egov", "EGOV_DATA_2024.csv"), "--db", db])
    expect(ingest.code, ingest.stderr).toBe(0)
    const before = snapshotOf(lake)
    const cli = startCli(["export", "--lake", lake, "--db", db])
    await cli.waitFor(/^\s+wrote observation_history\//)
    cli.child.kill("SIGKILL")
    const killed = await cli.done
    expect(killed.signal).toBe("SIGKILL")
    // The previous export is byte for byte as it was; only the staging folder was added.
    const after = snapshotOf(lake)
    expect(changed(before, after).every((p) => p.startsWith("_brecha_staging/"))).toBe(true)
    const m = manifestOf(lake)
    for (const t of m.tables) for (const f of t.files) expect(after[f.path], f.path).toBe(f.sha256)

    const run = await exportTo(db, lake)
    expect(run.stdout).toMatch(/rewrote observation_history\/source_id=un_egov/)
    expect(existsSync(join(lake, "_brecha_staging"))).toBe(false)
    const manifest = manifestOf(lake)
    const final = snapshotOf(lake)
    for (const t of manifest.tables) for (const f of t.files) expect(final[f.path], f.path).toBe(f.sha256)
  }, 300_000)

  it("an export interrupted while putting files in place is completed from its journal by the next one", async () => {
    // A commit stopped half-way: the journal is there, one staged file not yet moved.
    const copy = join(root, "lake-journal")
    execFileSync("cp", ["-a", lake, copy])
    const manifest = manifestOf(copy)
    const rel = "vintages/part-0.parquet"
    const staged = join(copy, "_brecha_staging", "files", rel)
    mkdirSync(join(staged, ".."), { recursive: true })
    copyFileSync(join(copy, rel), staged)
    writeFileSync(
      join(copy, "_brecha_staging", "commit.json"),
      JSON.stringify({ moves: [rel], removes: [], manifest: { ...manifest, generated_at: "2026-01-02T03:04:05.000Z" } })
    )
    const run = await exportTo(db, copy)
    expect(run.stdout).toMatch(/first completed the export of 2026-01-02T03:04:05.000Z/)
    expect(existsSync(join(copy, "_brecha_staging"))).toBe(false)
    expect(run.stdout).toMatch(/rewrote 0,/)
  }, 300_000)

  it("a second export into the same folder while one is running is refused; the running one's staging is left alone", async () => {
    // A live process (this test runner) owns the staging folder, as a running export would.
    const copy = join(root, "lake-busy")
    execFileSync("cp", ["-a", lake, copy])
    const before = snapshotOf(copy)
    mkdirSync(join(copy, "_brecha_staging"))
    writeFileSync(join(copy, "_brecha_staging", "owner.json"), JSON.stringify({ pid: process.pid, started_at: "2026-11-30T01:02:03.000Z" }))
    const run = await runCli(["export", "--lake", copy, "--db", db])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(new RegExp(`another export is writing this lake \\(pid ${process.pid}, started 2026-11-30T01:02:03.000Z\\)`))
    expect(existsSync(join(copy, "_brecha_staging", "owner.json"))).toBe(true)
    rmSync(join(copy, "_brecha_staging"), { recursive: true })
    expect(snapshotOf(copy)).toEqual(before)
  }, 300_000)

  describe("bad input", () => {
    it("an existing folder that is not a lake, or a file: refused clearly, nothing written", async () => {
      const other = join(root, "not-a-lake")
      mkdirSync(other)
      writeFileSync(join(other, "notes.txt"), "mine\n")
      const run = await runCli(["export", "--lake", other, "--db", db])
      expect(run.code).toBe(1)
      expect(run.stderr).toMatch(/lake .*not-a-lake: not a brecha lake: the folder already holds notes\.txt and no _brecha_manifest\.json/)
      expect(readdirSync(other)).toEqual(["notes.txt"])
      const file = await runCli(["export", "--lake", join(other, "notes.txt"), "--db", db])
      expect(file.code).toBe(1)
      expect(file.stderr).toMatch(/this is a file, not a folder/)
      const foreign = join(root, "foreign-manifest")
      mkdirSync(foreign)
      writeFileSync(join(foreign, "_brecha_manifest.json"), '{"format": "something-else"}')
      const bad = await runCli(["export", "--lake", foreign, "--db", db])
      expect(bad.code).toBe(1)
      expect(bad.stderr).toMatch(/_brecha_manifest\.json is not a brecha-lake\/1 manifest/)
    }, 300_000)

    it("a read-only folder (the child runs as uid 65534: root ignores permission bits): refused clearly, the previous export untouched", async () => {
      const user = { uid: 65534, gid: 65534 }
      const bin = brechaFor(join(root, "as-nobody"), user)
      const shared = join(root, "ro")
      mkdirSync(shared)
      chmodSync(shared, 0o755)
      const roDb = join(shared, "warehouse.duckdb")
      copyFileSync(db, roDb)
      chmodSync(roDb, 0o644)
      const roLake = join(shared, "lake")
      execFileSync("cp", ["-a", lake, roLake]) // owned by root, mode 755: not writable by uid 65534
      const before = snapshotOf(roLake)
      const run = spawnSync(bin, ["export", "--lake", roLake, "--db", roDb], { ...user, cwd: "/", encoding: "utf8", timeout: 300_000 })
      expect(run.status, run.error?.message ?? run.stdout).toBe(1)
      expect(run.stderr).toMatch(/lake .*: cannot write here: .*permission denied.*the previous export is untouched/i)
      expect(snapshotOf(roLake)).toEqual(before)
    }, 600_000)

    it("a full disk (writes in the lake fail with ENOSPC after 50 kB): a clear error, the previous export untouched", async (ctx) => {
      const shim = join(root, "enospc.so")
      try {
        execFileSync("cc", ["-shared", "-fPIC", "-O1", "-o", shim, join(import.meta.dirname, "..", "reliability", "native", "enospc.c"), "-ldl"], {
          stdio: "pipe"
        })
      } catch {
        console.warn("SKIPPED: the disk-full case needs a C compiler (cc) to build the LD_PRELOAD shim")
        return ctx.skip()
      }
      const ingest = await runCli(["ingest", "wdi", fixture("wdi", "long", "it.net.bbnd.p2", "data.csv"), "--db", db])
      expect(ingest.code, ingest.stderr).toBe(0)
      const before = snapshotOf(lake)
      const run = await runCli(["export", "--lake", lake, "--db", db], { LD_PRELOAD: shim, BRECHA_FULL_PATH: "_brecha_staging", BRECHA_FULL_AFTER: "50000" })
      expect(run.code).toBe(1)
      expect(run.stderr).toMatch(/lake .*: writing observation_history\/source_id=wdi\/part-0\.parquet: .*the disk is full.*the previous export is untouched/s)
      expect(snapshotOf(lake)).toEqual(before)
      // With room again, the same export goes through.
      const again = await exportTo(db, lake)
      expect(again.stdout).toMatch(/rewrote observation_history\/source_id=wdi/)
    }, 300_000)
  })
})
