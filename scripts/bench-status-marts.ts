// Times the status marts of this checkout against those of another revision, on a copy of
// a warehouse, alternating rounds in one process so both see the same machine load:
//   sh scripts/node.sh scripts/bench-status-marts.ts WAREHOUSE [BASE_REVISION]
// (BASE_REVISION defaults to main). Prints the median of 5 runs per query and round.
import { DuckDBInstance } from "@duckdb/node-api"
import { execFileSync } from "node:child_process"
import { copyFileSync, mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { statements } from "../pipelines/warehouse/schema.ts"

const [warehouse, base = "main"] = process.argv.slice(2)
if (!warehouse) throw new Error("usage: bench-status-marts.ts WAREHOUSE [BASE_REVISION]")
const root = join(import.meta.dirname, "..")
const marts = ["010_benchmarks.sql", "020_indicator_status.sql", "030_recommendation_status.sql"]
const extra = ["025_target_status.sql", "026_trend_status.sql"]
const baseSql = marts.map((f) => execFileSync("git", ["show", `${base}:pipelines/sql/marts/${f}`], { cwd: root, encoding: "utf8" }))
const headSql = [...marts.slice(0, 2), ...extra, marts[2]].map((f) => readFileSync(join(root, "pipelines", "sql", "marts", f), "utf8"))

const copy = join(mkdtempSync(join(tmpdir(), "brecha-bench-")), "w.duckdb")
copyFileSync(warehouse, copy)
const connection = await (await DuckDBInstance.create(copy)).connect()
const apply = async (texts: ReadonlyArray<string>) => {
  for (const t of texts) for (const s of statements(t)) await connection.run(s)
}
const time = async (label: string, query: string) => {
  const runs: Array<number> = []
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now()
    await connection.run(query)
    runs.push(performance.now() - t0)
  }
  runs.sort((a, b) => a - b)
  console.log(`${label}: median ${runs[2].toFixed(0)} ms (min ${runs[0].toFixed(0)}, max ${runs[4].toFixed(0)})`)
}
for (let round = 1; round <= 3; round++) {
  await apply(baseSql)
  await time(`round ${round} ${base}: recommendation_status`, "SELECT count(*) FROM recommendation_status")
  await apply(headSql)
  await time(`round ${round} this checkout: recommendation_status`, "SELECT count(*) FROM recommendation_status")
}
