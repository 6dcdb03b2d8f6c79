// npm run test:reliability: runs the reliability suite (tests/reliability: the damaged-file
// corpus, property tests, warehouse faults, integrity checks) and ends with one JSON line:
// {"cases":..,"handled":..,"lost_data":..,"crashes":..}. Each case records its verdict
// (tests/reliability/record.ts); a test that failed without recording one counts as a crash.
// Exit code 0 only when every case was handled.
import { spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

interface Verdict {
  id: string
  handled: boolean
  lostData: boolean
  crash: boolean
  problems: Array<string>
}

const root = join(import.meta.dirname, "..")
const work = mkdtempSync(join(tmpdir(), "brecha-reliability-"))
const verdicts = join(work, "verdicts.jsonl")
const report = join(work, "vitest.json")
const run = spawnSync(
  process.execPath,
  [
    join(root, "node_modules", "vitest", "vitest.mjs"),
    "run",
    "--config",
    join(root, "tests", "reliability", "vitest.config.ts"),
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
    ...process.argv.slice(2)
  ],
  { cwd: root, stdio: "inherit", env: { ...process.env, BRECHA_RELIABILITY_OUT: verdicts } }
)

const recorded: Array<Verdict> = existsSync(verdicts)
  ? readFileSync(verdicts, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Verdict)
  : []
const failedTests = existsSync(report) ? Number((JSON.parse(readFileSync(report, "utf8")) as { numFailedTests?: number }).numFailedTests ?? 0) : 1
const unrecordedFailures = Math.max(0, failedTests - recorded.filter((v) => !v.handled).length)
rmSync(work, { recursive: true, force: true })

for (const v of recorded.filter((x) => !x.handled)) process.stderr.write(`NOT HANDLED ${v.id}: ${v.problems.join(" | ").slice(0, 300)}\n`)
const summary = {
  cases: recorded.length + unrecordedFailures,
  handled: recorded.filter((v) => v.handled).length,
  lost_data: recorded.filter((v) => v.lostData).length,
  crashes: recorded.filter((v) => v.crash).length + unrecordedFailures + (run.status === null ? 1 : 0)
}
process.stdout.write(`${JSON.stringify(summary)}\n`)
process.exitCode = run.status === 0 && summary.handled === summary.cases ? 0 : 1
