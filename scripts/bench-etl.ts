// ETL benchmark: generates a WDI-format bulk CSV at full-WDI scale (about 1,500 indicators x
// 266 areas x 64 years), then times, each as its own process:
//   1. `brecha ingest wdi FILE` into a fresh warehouse,
//   2. DuckDB alone reading and unpivoting the same file into a table,
//   3. a refresh where no source changed (the real mirror, loaded once before).
// Prints figures as it goes and, last, one JSON line. Targets (issue): ratio <= 1.5,
// peak RSS < 1 GiB, no-op refresh < 1.5 s. Knobs: BENCH_INDICATORS, BENCH_YEARS, BENCH_FILL.
import { spawnSync } from "node:child_process"
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs"
import { join, resolve } from "node:path"

const root = resolve(import.meta.dirname, "..")
const work = join(root, ".bench")
const indicators = Number(process.env.BENCH_INDICATORS ?? 1500)
const years = Number(process.env.BENCH_YEARS ?? 64)
const fill = Number(process.env.BENCH_FILL ?? 0.6)
const mirror = resolve(process.env.BRECHA_MIRROR ?? join(root, "..", "shared", "data", "raw"))
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
    const [, ...lines] = readFileSync(join(root, "data", "catalog", file), "utf8").trim().split("\n")
    for (const line of lines) {
      const code = line.split(",")[0]
      if (/^[A-Z]{3}$/.test(code)) list.push([code, `Area ${code}`])
    }
  }
  return list.slice(0, 266)
}

const generate = async (path: string) => {
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
    cwd: root, env: { ...process.env, ...env, BRECHA_REPORT_RSS: "1" }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024
  })
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  if (result.status !== 0) throw new Error(`${args.join(" ")} failed:\n${result.stderr}\n${result.stdout}`)
  const rss = /peak_rss_kb=(\d+)/.exec(result.stderr)
  return { seconds, peakRssMb: rss ? Number(rss[1]) / 1024 : NaN, stdout: result.stdout, stderr: result.stderr }
}

const main = async () => {
  mkdirSync(work, { recursive: true })
  const csv = join(work, `API_BENCH_DS2_en_csv_v2_${indicators}x${years}.csv`)
  if (!existsSync(csv)) {
    process.stderr.write(`generating ${csv} …\n`)
    const shape = await generate(csv)
    process.stderr.write(`  ${shape.rows.toLocaleString("en-US")} rows x ${years} years, ${shape.cells.toLocaleString("en-US")} values, ${(statSync(csv).size / 2 ** 20).toFixed(0)} MiB\n`)
  }
  const ingestDb = join(work, "ingest.duckdb")
  const duckDb = join(work, "duckdb-alone.duckdb")
  for (const f of [ingestDb, duckDb]) {
    rmSync(f, { force: true })
    rmSync(`${f}.wal`, { force: true })
  }

  process.stderr.write("brecha ingest …\n")
  const ingest = timed([join(root, "pipelines", "cli", "main.ts"), "ingest", "wdi", csv, "--db", ingestDb])
  process.stderr.write(`  ${ingest.stdout.trim()}\n  ${ingest.seconds.toFixed(2)} s, peak RSS ${ingest.peakRssMb.toFixed(0)} MiB\n`)

  process.stderr.write("DuckDB alone (read_csv + UNPIVOT into a table) …\n")
  const alone = timed([join(root, "scripts", "bench-duckdb-alone.ts"), csv, duckDb])
  process.stderr.write(`  ${alone.stdout.trim()}\n  ${alone.seconds.toFixed(2)} s, peak RSS ${alone.peakRssMb.toFixed(0)} MiB\n`)

  let noop = NaN
  if (existsSync(mirror)) {
    process.stderr.write(`refresh --mirror ${mirror} (first, loads) …\n`)
    timed([join(root, "pipelines", "cli", "main.ts"), "refresh", "--mirror", mirror, "--db", ingestDb])
    const runs = [1, 2, 3].map(() => timed([join(root, "pipelines", "cli", "main.ts"), "refresh", "--mirror", mirror, "--db", ingestDb]).seconds)
    noop = runs.sort((a, b) => a - b)[1]
    process.stderr.write(`  no-op refresh: ${runs.map((s) => s.toFixed(2)).join(", ")} s (median ${noop.toFixed(2)})\n`)
  } else {
    process.stderr.write(`no mirror at ${mirror}: no-op refresh not measured\n`)
  }
  const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d
  console.log(JSON.stringify({
    ingest_s: round(ingest.seconds), duckdb_s: round(alone.seconds), ratio: round(ingest.seconds / alone.seconds),
    peak_rss_mb: round(Math.max(ingest.peakRssMb), 0), noop_refresh_s: round(noop)
  }))
}

await main()
