// Start-up benchmark: the fixed cost every brecha command pays whatever its input. Times, each
// as its own process, RUNS times (default 5), and reports the median of each:
//   - floors: Node starting with nothing to do, and DuckDB alone (bench-duckdb-alone.ts) on
//     a file of one value;
//   - `brecha --help` (Node start + loading the CLI), and the same through bin/brecha (which
//     first picks a Node with scripts/node.sh);
//   - `brecha ingest wdi FILE` of a one-value file into a fresh warehouse (the fixed cost of
//     bench:etl's ingest: schema, catalogue sync, one load);
//   - the same ingest into a warehouse that already holds it (unchanged: schema and catalogue
//     already current);
//   - a no-op `brecha refresh --mirror RAW` on a warehouse loaded from the real mirror.
// `--against DIR` times another checkout of brecha (e.g. an export of main with node_modules
// linked) in the same runs, interleaved, so a before/after on a shared machine compares
// figures measured side by side. Prints figures as it goes and, last, one JSON line.
import { spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { cpus, loadavg } from "node:os"
import { join, resolve } from "node:path"

const root = resolve(import.meta.dirname, "..")
const work = join(root, ".bench", "startup")
const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 5))
const argv = process.argv.slice(2)
const againstAt = argv.indexOf("--against")
const against = againstAt >= 0 ? resolve(argv[againstAt + 1] ?? "") : undefined
const mirror = resolve(
  process.env.BRECHA_MIRROR ??
    [join(root, "..", "shared", "data", "raw"), join(root, "..", "..", "shared", "data", "raw")].find((d) => existsSync(d)) ??
    join(root, "..", "shared", "data", "raw")
)

const median = (xs: ReadonlyArray<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const round = (n: number) => Math.round(n * 1000) / 1000

/** Runs `command` (node on `args` unless given) from `cwd`, returning wall seconds; a failure stops the benchmark. */
const timed = (cwd: string, args: ReadonlyArray<string>, command?: string): number => {
  const started = process.hrtime.bigint()
  const argv = command === undefined ? ["--disable-warning=ExperimentalWarning", ...args] : args
  const result = spawnSync(command ?? process.execPath, argv, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 })
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  if (result.status !== 0) throw new Error(`${args.join(" ")} (in ${cwd}) failed:\n${result.stderr}\n${result.stdout}`)
  return seconds
}

const fresh = (db: string) => {
  for (const f of [db, `${db}.wal`]) rmSync(f, { force: true })
  return db
}

mkdirSync(work, { recursive: true })
const tiny = join(work, "API_BENCH_DS2_en_csv_v2_tiny.csv")
writeFileSync(
  tiny,
  `"Country Name","Country Code","Indicator Name","Indicator Code","2020",\r\n"Area MEX","MEX","Benchmark indicator","BENCH.IND.0000","1.5",\r\n`
)
// bench-duckdb-alone.ts skips the four lines of preamble a World Bank bulk file starts with.
const tinyForDuckdb = join(work, "API_BENCH_DS2_en_csv_v2_tiny_preamble.csv")
writeFileSync(tinyForDuckdb, `"Data Source","World Development Indicators",\r\n\r\n"Last Updated Date","2026-07-01",\r\n\r\n${readFileSync(tiny, "utf8")}`)

interface Checkout {
  readonly name: string
  readonly dir: string
  readonly cli: string
  readonly loadedDb: string
  readonly times: Record<string, Array<number>>
}

const checkout = (name: string, dir: string): Checkout => ({
  name,
  dir,
  cli: join(dir, "pipelines", "cli", "main.ts"),
  loadedDb: join(work, `${name}-loaded.duckdb`),
  times: {}
})

const checkouts = [checkout("this", root), ...(against ? [checkout("against", against)] : [])]
const floors: Record<string, Array<number>> = { node: [], duckdb_alone: [] }
const hasMirror = existsSync(mirror)

process.stderr.write(
  `load average before: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(", ")} (${cpus().length} cores)\n`
)
// Set-up, not timed: each checkout's warehouse loaded from the mirror (for the no-op
// refresh), and one run of each command so the compile cache is warm.
for (const c of checkouts) {
  process.stderr.write(`${c.name} (${c.dir}): preparing …\n`)
  timed(c.dir, [c.cli, "--help"])
  if (hasMirror) timed(c.dir, [c.cli, "refresh", "--mirror", mirror, "--db", fresh(c.loadedDb)])
}
if (!hasMirror) process.stderr.write(`no mirror at ${mirror}: no-op refresh not measured\n`)

const record = (times: Record<string, Array<number>>, what: string, seconds: number) => {
  times[what] = times[what] ?? []
  times[what].push(seconds)
}

for (let i = 0; i < runs; i++) {
  floors.node.push(timed(root, ["-e", ""]))
  floors.duckdb_alone.push(timed(root, [join(root, "scripts", "bench-duckdb-alone.ts"), tinyForDuckdb, fresh(join(work, "alone.duckdb"))]))
  for (const c of checkouts) {
    const db = fresh(join(work, `${c.name}-ingest.duckdb`))
    record(c.times, "help", timed(c.dir, [c.cli, "--help"]))
    // What a user runs: bin/brecha picks a Node (scripts/node.sh), then the same.
    record(c.times, "bin_help", timed(c.dir, [join(c.dir, "bin", "brecha"), "--help"], "sh"))
    record(c.times, "ingest_fresh", timed(c.dir, [c.cli, "ingest", "wdi", tiny, "--db", db]))
    record(c.times, "ingest_unchanged", timed(c.dir, [c.cli, "ingest", "wdi", tiny, "--db", db]))
    if (hasMirror) record(c.times, "noop_refresh", timed(c.dir, [c.cli, "refresh", "--mirror", mirror, "--db", c.loadedDb]))
  }
  process.stderr.write(`run ${i + 1} of ${runs} done\n`)
}

const medians = (times: Record<string, Array<number>>) => Object.fromEntries(Object.entries(times).map(([k, v]) => [k, round(median(v))]))
const seconds = (xs: ReadonlyArray<number>) => xs.map((x) => x.toFixed(2)).join(" ")
process.stderr.write(
  `floors (median of ${runs}): node ${median(floors.node).toFixed(2)} s, DuckDB alone on one value ${median(floors.duckdb_alone).toFixed(2)} s\n`
)
for (const c of checkouts) {
  process.stderr.write(`${c.name} (${c.dir}):\n`)
  for (const [what, xs] of Object.entries(c.times)) process.stderr.write(`  ${what.padEnd(18)} median ${median(xs).toFixed(2)} s  (${seconds(xs)})\n`)
}
process.stderr.write(
  `load average after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(", ")}\n`
)
console.log(
  JSON.stringify({
    runs,
    floors: medians(floors),
    ...Object.fromEntries(checkouts.map((c) => [c.name, medians(c.times)]))
  })
)
