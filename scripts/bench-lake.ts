// Lake export benchmark: `brecha export --lake` of the warehouse loaded from the real mirror
// (1x), then of a generated warehouse 10x its size, each as its own process. The 10x warehouse
// is made in SQL from the 1x one (nine more copies of every vintage, under new indicator ids
// with their catalogue entries, values scaled), not through the ETL, so it takes seconds.
// Prints seconds, bytes and bytes per value for each, the floor (a process that opens the
// warehouse and does nothing), and last one JSON line. Targets (issue 14): the cost grows
// linearly (10x values cost at most 1.2 x 10 the time and bytes, floor removed), peak RSS
// under 1 GiB at 10x.
import { DuckDBInstance } from "@duckdb/node-api"
import { spawnSync } from "node:child_process"
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs"
import { join, resolve } from "node:path"

const root = resolve(import.meta.dirname, "..")
const work = join(root, ".bench", "lake")
const mirror = resolve(process.env.BRECHA_MIRROR ?? join(root, "..", "shared", "data", "raw"))
const factor = Number(process.env.BENCH_FACTOR ?? 10)
const cli = join(root, "pipelines", "cli", "main.ts")

/** Runs the CLI, returning wall seconds and the process's peak RSS (reported by itself). */
const timed = (args: ReadonlyArray<string>) => {
  const started = process.hrtime.bigint()
  const result = spawnSync(process.execPath, ["--disable-warning=ExperimentalWarning", cli, ...args], {
    cwd: root,
    env: { ...process.env, BRECHA_REPORT_RSS: "1" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024
  })
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  if (result.status !== 0) throw new Error(`brecha ${args.join(" ")} failed:\n${result.stderr}\n${result.stdout}`)
  const rss = /peak_rss_kb=(\d+)/.exec(result.stderr)
  return { seconds, peakRssMb: rss ? Number(rss[1]) / 1024 : NaN, stdout: result.stdout }
}

/** Nine (factor - 1) more copies of every vintage, its values and its indicators' catalogue entries. */
const grow = async (from: string, to: string) => {
  for (const f of [to, `${to}.wal`]) rmSync(f, { force: true })
  copyFileSync(from, to)
  const instance = await DuckDBInstance.create(to)
  const conn = await instance.connect()
  const max = Number((await conn.runAndReadAll("SELECT max(vintage_id) AS m FROM vintage_log")).getRowObjectsJS()[0].m)
  const copies = `range(1, ${factor}) r(k)`
  await conn.run("BEGIN")
  await conn.run(`INSERT INTO vintage_log SELECT * EXCLUDE (k) REPLACE (vintage_id + k * ${max} AS vintage_id, unit || '#copy' || k AS unit,
    retrieved_at + k * INTERVAL 1 DAY AS retrieved_at) FROM vintage_log CROSS JOIN ${copies} WHERE vintage_id <= ${max}`)
  await conn.run(`INSERT INTO observation_log SELECT indicator_id || '.COPY' || k, country_iso3, year, value * (1 + k / 100.0), flag,
    vintage_id + k * ${max} FROM observation_log CROSS JOIN ${copies} WHERE vintage_id <= ${max}`)
  await conn.run(`INSERT INTO catalog_indicators SELECT * EXCLUDE (k) REPLACE (indicator_id || '.COPY' || k AS indicator_id)
    FROM catalog_indicators CROSS JOIN ${copies} WHERE indicator_id NOT LIKE '%.COPY%'`)
  await conn.run(`INSERT INTO catalog_indicator_recommendations SELECT * EXCLUDE (k) REPLACE (indicator_id || '.COPY' || k AS indicator_id)
    FROM catalog_indicator_recommendations CROSS JOIN ${copies} WHERE indicator_id NOT LIKE '%.COPY%'`)
  await conn.run("COMMIT")
  await conn.run("CHECKPOINT")
  conn.closeSync()
  instance.closeSync()
}

const lakeFigures = (dir: string) => {
  const manifest = JSON.parse(readFileSync(join(dir, "_brecha_manifest.json"), "utf8")) as {
    tables: Array<{ name: string; rows: number; schema: Array<{ partition?: boolean }>; files: Array<{ bytes: number }> }>
  }
  let bytes = 0
  let values = 0
  for (const t of manifest.tables) {
    bytes += t.files.reduce((n, f) => n + f.bytes, 0)
    values += t.rows * t.schema.filter((c) => !c.partition).length
  }
  const history = manifest.tables.find((t) => t.name === "observation_history")!
  return { bytes, values, historyRows: history.rows, historyBytes: history.files.reduce((n, f) => n + f.bytes, 0) }
}

const main = async () => {
  mkdirSync(work, { recursive: true })
  const base = join(work, "x1.duckdb")
  const big = join(work, `x${factor}.duckdb`)
  // Loaded afresh each run, so the warehouse has this checkout's views and marts.
  if (!existsSync(mirror)) throw new Error(`no mirror at ${mirror} (set BRECHA_MIRROR)`)
  for (const f of [base, `${base}.wal`]) rmSync(f, { force: true })
  process.stderr.write(`loading the real mirror ${mirror} into ${base} …\n`)
  timed(["refresh", "--mirror", mirror, "--db", base])
  process.stderr.write(`generating the ${factor}x warehouse in SQL …\n`)
  const t0 = performance.now()
  await grow(base, big)
  process.stderr.write(`  ${((performance.now() - t0) / 1000).toFixed(1)} s\n`)

  // The floor: start the CLI and open the warehouse read-only, no export.
  const floor = timed(["sql", "SELECT 1", "--db", base]).seconds
  const results: Record<
    string,
    { seconds: number; peakRssMb: number; bytes: number; values: number; historyRows: number; historyBytes: number; reexportSeconds: number }
  > = {}
  for (const [label, db] of [
    ["x1", base],
    [`x${factor}`, big]
  ] as const) {
    const dir = join(work, `lake-${label}`)
    rmSync(dir, { recursive: true, force: true })
    const run = timed(["export", "--lake", dir, "--db", db])
    const again = timed(["export", "--lake", dir, "--db", db])
    const f = lakeFigures(dir)
    results[label] = { seconds: run.seconds, peakRssMb: Math.max(run.peakRssMb, again.peakRssMb), ...f, reexportSeconds: again.seconds }
    process.stderr.write(
      `${label}: ${run.seconds.toFixed(2)} s, ${f.bytes.toLocaleString("en-US")} bytes, ${f.values.toLocaleString("en-US")} values ` +
        `(${(f.bytes / f.values).toFixed(3)} bytes/value; history ${(f.historyBytes / f.historyRows).toFixed(2)} bytes/row), ` +
        `peak RSS ${run.peakRssMb.toFixed(0)} MiB; unchanged re-export ${again.seconds.toFixed(2)} s\n`
    )
  }
  const small = results.x1
  const large = results[`x${factor}`]
  const scale = large.values / small.values
  const timeGrowth = (large.seconds - floor) / (small.seconds - floor) / scale
  const bytesGrowth = large.bytes / small.bytes / scale
  process.stderr.write(
    `floor (CLI start + read-only open) ${floor.toFixed(2)} s; ${scale.toFixed(2)}x the values cost ${((large.seconds - floor) / (small.seconds - floor)).toFixed(2)}x the time ` +
      `(per value: ${timeGrowth.toFixed(2)} of linear) and ${(large.bytes / small.bytes).toFixed(2)}x the bytes (${bytesGrowth.toFixed(2)} of linear)\n`
  )
  const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d
  console.log(
    JSON.stringify({
      floor_s: round(floor),
      x1_s: round(small.seconds),
      x1_bytes: small.bytes,
      x1_values: small.values,
      x1_bytes_per_value: round(small.bytes / small.values, 3),
      [`x${factor}_s`]: round(large.seconds),
      [`x${factor}_bytes`]: large.bytes,
      [`x${factor}_values`]: large.values,
      [`x${factor}_bytes_per_value`]: round(large.bytes / large.values, 3),
      time_per_value_vs_linear: round(timeGrowth),
      bytes_per_value_vs_linear: round(bytesGrowth),
      peak_rss_mb: round(large.peakRssMb, 0),
      reexport_unchanged_s: round(large.reexportSeconds),
      linear_within_20pct: timeGrowth <= 1.2 && bytesGrowth <= 1.2,
      rss_under_1gib: large.peakRssMb < 1024
    })
  )
}

await main()
