// ETL benchmark: generates a WDI-format bulk CSV at full-WDI scale (about 1,500 indicators x
// 266 areas x 64 years), then times, each as its own process and back to back (the machine
// may be shared: a figure and its baseline are always measured in the same run):
//   1. `brecha ingest wdi FILE` into a fresh warehouse,
//   2. DuckDB alone reading and unpivoting the same file into a table (bench-duckdb-alone.ts),
//   3. a refresh where no source changed (the real mirror, loaded once before),
//   4. growth: the same pair at 0.25x and 2x the indicators, in seconds per million values.
// Each pair also times floors: DuckDB alone writing the same rows into a history-shaped table
// with no validation (bench-write-floor.ts), and reading every cell once more and numbering
// the rows in file order (bench-read-floor.ts). With the fixed cost they add up to a floor no
// validating load of this file can beat (`floor_total_s`).
// Prints figures as it goes and, last, one JSON line. Targets (issue 12): ratio <= 1.5,
// peak RSS < 1 GiB, no-op refresh < 1.5 s, seconds per million values within 20% from 0.25x
// to 2x. Flags: --profile (time and peak memory of each load phase, and DuckDB's time per
// operator of the fused pass), --no-growth. Knobs: BENCH_INDICATORS, BENCH_YEARS, BENCH_FILL,
// BENCH_REPEAT (pairs at 1x; the median ratio is reported).
import { spawnSync } from "node:child_process"
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { cpus, loadavg } from "node:os"
import { join, resolve } from "node:path"

const root = resolve(import.meta.dirname, "..")
const work = join(root, ".bench")
const indicators = Number(process.env.BENCH_INDICATORS ?? 1500)
const years = Number(process.env.BENCH_YEARS ?? 64)
const fill = Number(process.env.BENCH_FILL ?? 0.6)
// The shared raw folder sits beside the repository, or beside the folder of worktrees.
const mirror = resolve(
  process.env.BRECHA_MIRROR ??
    [join(root, "..", "shared", "data", "raw"), join(root, "..", "..", "shared", "data", "raw")].find((d) => existsSync(d)) ??
    join(root, "..", "shared", "data", "raw")
)
const args = new Set(process.argv.slice(2))
const profile = args.has("--profile")
const growth = !args.has("--no-growth")
const repeat = Math.max(1, Number(process.env.BENCH_REPEAT ?? 1))
const node = process.execPath

// Deterministic pseudo-random numbers so every run measures the same file.
let seed = 20260101
const random = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0
  return seed / 2 ** 32
}

const areas = (): Array<[string, string]> => {
  const list: Array<[string, string]> = []
  for (const file of ["countries.csv", "aggregates.csv"]) {
    const [, ...lines] = readFileSync(join(root, "data", "catalog", file), "utf8")
      .trim()
      .split("\n")
    for (const line of lines) {
      const code = line.split(",")[0]
      if (/^[A-Z]{3}$/.test(code)) list.push([code, `Area ${code}`])
    }
  }
  return list.slice(0, 266)
}

const generate = async (path: string, indicators: number) => {
  const out = createWriteStream(path)
  const yearList = Array.from({ length: years }, (_, i) => 1960 + i)
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((r) => out.once("drain", () => r())))
  await write(`\uFEFF"Data Source","World Development Indicators",\r\n\r\n"Last Updated Date","2026-07-01",\r\n\r\n`)
  await write(`"Country Name","Country Code","Indicator Name","Indicator Code",${yearList.map((y) => `"${y}"`).join(",")},\r\n`)
  const places = areas()
  let cells = 0
  for (let i = 0; i < indicators; i++) {
    const code = `BENCH.IND.${String(i).padStart(4, "0")}`
    const name = `Benchmark indicator ${i}, synthetic (% of total)`
    const scale = 10 ** Math.floor(random() * 8)
    let chunk = ""
    for (const [iso, name2] of places) {
      const row = [`"${name2}"`, `"${iso}"`, `"${name}"`, `"${code}"`]
      for (let y = 0; y < years; y++) {
        // Later years are better covered, as in the real WDI.
        if (random() < fill * (0.4 + (1.2 * y) / years)) {
          row.push(`"${(random() * scale).toPrecision(1 + Math.floor(random() * 15))}"`)
          cells++
        } else row.push(`""`)
      }
      chunk += `${row.join(",")},\r\n`
    }
    await write(chunk)
  }
  await new Promise<void>((r) => out.end(() => r()))
  return { cells, rows: indicators * places.length, areas: places.length }
}

/** Runs a command, returning wall seconds and the process's peak RSS (reported by itself). */
const timed = (args: ReadonlyArray<string>, env: Record<string, string> = {}) => {
  const started = process.hrtime.bigint()
  const result = spawnSync(node, ["--disable-warning=ExperimentalWarning", ...args], {
    cwd: root,
    env: { ...process.env, ...env, BRECHA_REPORT_RSS: "1" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024
  })
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  if (result.status !== 0) throw new Error(`${args.join(" ")} failed:\n${result.stderr}\n${result.stdout}`)
  const rss = /peak_rss_kb=(\d+)/.exec(result.stderr)
  const cpu = /cpu_s=([\d.]+)/.exec(result.stderr)
  return { seconds, peakRssMb: rss ? Number(rss[1]) / 1024 : NaN, cpuSeconds: cpu ? Number(cpu[1]) : NaN, stdout: result.stdout, stderr: result.stderr }
}

const csvFor = async (count: number) => {
  const csv = join(work, `API_BENCH_DS2_en_csv_v2_${count}x${years}.csv`)
  if (!existsSync(csv)) {
    process.stderr.write(`generating ${csv} …\n`)
    seed = 20260101
    const shape = await generate(csv, count)
    process.stderr.write(
      `  ${shape.rows.toLocaleString("en-US")} rows x ${years} years, ${shape.cells.toLocaleString("en-US")} values, ${(statSync(csv).size / 2 ** 20).toFixed(0)} MiB\n`
    )
  }
  return csv
}

const fresh = (db: string) => {
  for (const f of [db, `${db}.wal`]) rmSync(f, { force: true })
  return db
}

/** One ingest and, right after it, DuckDB alone on the same file. */
const pair = (csv: string, withProfile = false) => {
  const ingestDb = fresh(join(work, "ingest.duckdb"))
  const ingest = timed([join(root, "pipelines", "cli", "main.ts"), "ingest", "wdi", csv, "--db", ingestDb], withProfile ? { BRECHA_PROFILE: "1" } : {})
  const values = Number((/([\d,]+) values loaded/.exec(ingest.stdout)?.[1] ?? "0").replaceAll(",", ""))
  const aggregates = Number((/([\d,]+) aggregate values/.exec(ingest.stdout)?.[1] ?? "0").replaceAll(",", ""))
  const rejected = Number((/([\d,]+) rejected/.exec(ingest.stdout)?.[1] ?? "0").replaceAll(",", ""))
  const alone = timed([join(root, "scripts", "bench-duckdb-alone.ts"), csv, fresh(join(work, "duckdb-alone.duckdb"))])
  const cells = Number(/(\d+) values/.exec(alone.stdout)?.[1] ?? "0")
  const floor = timed([join(root, "scripts", "bench-write-floor.ts"), csv, fresh(join(work, "write-floor.duckdb"))])
  const reads = timed([join(root, "scripts", "bench-read-floor.ts"), csv])
  const readFloor = Number(/read_s=([\d.]+)/.exec(reads.stdout)?.[1] ?? NaN)
  const rowIndexFloor = Number(/row_index_s=([\d.]+)/.exec(reads.stdout)?.[1] ?? NaN)
  return { ingest, alone, floor, readFloor, rowIndexFloor, values, aggregates, rejected, cells, ingestDb }
}

const seconds = (s: number) => `${s.toFixed(2)} s`

/** The loader's phase lines, as a table (and DuckDB's operators of the fused statements). */
const printProfile = (stderr: string) => {
  const phases = [...stderr.matchAll(/^profile phase="([^"]+)" s=([\d.]+) peak_rss_mb=(\d+)$/gm)]
  process.stderr.write(`  profile (phase, seconds, peak RSS during the phase):\n`)
  for (const [, name, s, mb] of phases) process.stderr.write(`    ${name.padEnd(68)} ${Number(s).toFixed(2).padStart(7)} s ${mb.padStart(6)} MiB\n`)
  const operators = [...stderr.matchAll(/^profile operator phase="([^"]+)" depth=(\d+) op=(\S+) s=([\d.]+) rows=(\d+)(?: info="([^"]*)")?$/gm)]
  if (operators.length > 0) process.stderr.write(`  DuckDB operators of the fused statements (thread-seconds, rows out):\n`)
  for (const [, label, depth, op, s, rows, info] of operators) {
    if (Number(s) < 0.01) continue
    process.stderr.write(
      `    ${label.padEnd(8)} ${"  ".repeat(Number(depth))}${op}${info ? ` (${info})` : ""} ${Number(s).toFixed(2)} s, ${Number(rows).toLocaleString("en-US")} rows\n`
    )
  }
  return Object.fromEntries(phases.map(([, name, s, mb]) => [name, { s: Number(s), peak_rss_mb: Number(mb) }]))
}

const median = (xs: ReadonlyArray<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d

const main = async () => {
  mkdirSync(work, { recursive: true })
  const csv = await csvFor(indicators)
  process.stderr.write(
    `load average before: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(", ")} (${cpus().length} cores)\n`
  )

  const runs: Array<ReturnType<typeof pair>> = []
  for (let i = 0; i < repeat; i++) {
    process.stderr.write(`brecha ingest, then DuckDB alone (read_csv + UNPIVOT into a table)${repeat > 1 ? `, pair ${i + 1} of ${repeat}` : ""} …\n`)
    const run = pair(csv, profile && i === 0)
    process.stderr.write(
      `  ${run.ingest.stdout.trim()}\n  ingest ${seconds(run.ingest.seconds)} (CPU ${seconds(run.ingest.cpuSeconds)}), peak RSS ${run.ingest.peakRssMb.toFixed(0)} MiB\n`
    )
    process.stderr.write(`  DuckDB alone: ${run.alone.stdout.trim()}, ${seconds(run.alone.seconds)}, peak RSS ${run.alone.peakRssMb.toFixed(0)} MiB\n`)
    process.stderr.write(
      `  write floor (DuckDB alone writing the same rows into a history-shaped table, no validation): ${seconds(run.floor.seconds)}, ` +
        `${(run.floor.seconds / run.alone.seconds).toFixed(2)}x DuckDB alone\n`
    )
    process.stderr.write(
      `  read floors (DuckDB alone, in-process, no test on any cell): one more read + unpivot ${seconds(run.readFloor)}, ` +
        `the ordered row index ${seconds(run.rowIndexFloor)}\n`
    )
    process.stderr.write(`  ratio ${(run.ingest.seconds / run.alone.seconds).toFixed(2)}\n`)
    runs.push(run)
  }
  const ratios = runs.map((r) => r.ingest.seconds / r.alone.seconds)
  const chosen = runs[ratios.indexOf(median(ratios))]
  const profiled = profile ? printProfile(runs[0].ingest.stderr) : undefined

  let noop = NaN
  if (existsSync(mirror)) {
    const db = chosen.ingestDb
    process.stderr.write(`refresh --mirror ${mirror} (first, loads) …\n`)
    timed([join(root, "pipelines", "cli", "main.ts"), "refresh", "--mirror", mirror, "--db", db])
    const noops = [1, 2, 3].map(() => timed([join(root, "pipelines", "cli", "main.ts"), "refresh", "--mirror", mirror, "--db", db]).seconds)
    noop = median(noops)
    process.stderr.write(`  no-op refresh: ${noops.map(seconds).join(", ")} (median ${seconds(noop)})\n`)
  } else {
    process.stderr.write(`no mirror at ${mirror}: no-op refresh not measured\n`)
  }

  // Growth: cost per million values should not depend on the size of the file. A process
  // also pays a fixed cost whatever the file (Node start, the warehouse's schema, the
  // catalogue sync): measured on a file of one value, and reported apart, so the
  // per-value cost of each size can be read net of it.
  const tiny = join(work, "API_BENCH_DS2_en_csv_v2_tiny.csv")
  writeFileSync(
    tiny,
    `"Country Name","Country Code","Indicator Name","Indicator Code","2020",\r\n"Area MEX","MEX","Benchmark indicator","BENCH.IND.0000","1.5",\r\n`
  )
  const fixedRun = timed([join(root, "pipelines", "cli", "main.ts"), "ingest", "wdi", tiny, "--db", fresh(join(work, "ingest.duckdb"))])
  const fixed = fixedRun.seconds
  // What no validating load of this file can go below: the fixed cost, the write, one more
  // read of every cell and the ordered row index (each measured above, in this run).
  const floorTotal = fixed + chosen.floor.seconds + chosen.readFloor + chosen.rowIndexFloor
  process.stderr.write(
    `floor of a validating load: ${seconds(fixed)} fixed + ${seconds(chosen.floor.seconds)} write + ${seconds(chosen.readFloor)} read + ` +
      `${seconds(chosen.rowIndexFloor)} row index = ${seconds(floorTotal)}, ${(floorTotal / chosen.alone.seconds).toFixed(2)}x DuckDB alone\n`
  )
  process.stderr.write(`fixed cost of an ingest (a file of one value, fresh warehouse): ${seconds(fixed)} (CPU ${seconds(fixedRun.cpuSeconds)})\n`)
  const sizes: Array<{ scale: number; run: ReturnType<typeof pair> }> = [{ scale: 1, run: chosen }]
  if (growth) {
    for (const scale of [0.25, 2]) {
      const file = await csvFor(Math.round(indicators * scale))
      process.stderr.write(`growth ${scale}x: ingest, then DuckDB alone …\n`)
      const run = pair(file)
      process.stderr.write(
        `  ${run.values.toLocaleString("en-US")} values, ingest ${seconds(run.ingest.seconds)} (peak RSS ${run.ingest.peakRssMb.toFixed(0)} MiB), DuckDB alone ${seconds(run.alone.seconds)}\n`
      )
      sizes.push({ scale, run })
    }
  }
  sizes.sort((a, b) => a.scale - b.scale)
  const perMillion = sizes.map(({ scale, run }) => ({
    scale,
    values: run.cells,
    ingest_s: round(run.ingest.seconds),
    duckdb_s: round(run.alone.seconds),
    s_per_million: round(run.ingest.seconds / (run.cells / 1e6), 3),
    net_s_per_million: round((run.ingest.seconds - fixed) / (run.cells / 1e6), 3),
    cpu_s: round(run.ingest.cpuSeconds),
    cpu_s_per_million: round(run.ingest.cpuSeconds / (run.cells / 1e6), 3),
    duckdb_s_per_million: round(run.alone.seconds / (run.cells / 1e6), 3),
    peak_rss_mb: round(run.ingest.peakRssMb, 0)
  }))
  for (const g of perMillion) {
    process.stderr.write(
      `  ${String(g.scale).padStart(4)}x: ${g.s_per_million} s per million values, ${g.net_s_per_million} net of the fixed cost, ` +
        `${g.cpu_s_per_million} CPU-s (DuckDB alone ${g.duckdb_s_per_million})\n`
    )
  }
  const spreadOf = (costs: ReadonlyArray<number>) => (costs.length > 1 ? Math.max(...costs) / Math.min(...costs) - 1 : 0)
  const spread = spreadOf(perMillion.map((g) => g.s_per_million))
  const netSpread = spreadOf(perMillion.map((g) => g.net_s_per_million))
  const baselineSpread = spreadOf(perMillion.map((g) => g.duckdb_s_per_million))
  const cpuSpread = spreadOf(perMillion.map((g) => (g.cpu_s - round(fixedRun.cpuSeconds)) / (g.values / 1e6)))
  process.stderr.write(
    `load average after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(", ")}\n`
  )
  console.log(
    JSON.stringify({
      ingest_s: round(chosen.ingest.seconds),
      duckdb_s: round(chosen.alone.seconds),
      ratio: round(median(ratios)),
      ratios: ratios.map((r) => round(r)),
      floor_s: round(chosen.floor.seconds),
      floor_ratio: round(chosen.floor.seconds / chosen.alone.seconds),
      read_floor_s: round(chosen.readFloor),
      row_index_floor_s: round(chosen.rowIndexFloor),
      peak_rss_mb: round(Math.max(...sizes.filter((x) => x.scale <= 1).map((x) => x.run.ingest.peakRssMb)), 0),
      noop_refresh_s: round(noop),
      values: chosen.values,
      aggregates: chosen.aggregates,
      rejected: chosen.rejected,
      fixed_s: round(fixed),
      floor_total_s: round(floorTotal),
      floor_total_ratio: round(floorTotal / chosen.alone.seconds),
      growth: perMillion,
      growth_spread: round(spread, 3),
      growth_net_spread: round(netSpread, 3),
      growth_baseline_spread: round(baselineSpread, 3),
      growth_cpu_net_spread: round(cpuSpread, 3),
      growth_linear: spread <= 0.2,
      growth_net_linear: netSpread <= 0.2,
      growth_cpu_linear: cpuSpread <= 0.2,
      ...(profiled ? { profile: profiled } : {})
    })
  )
}

await main()
