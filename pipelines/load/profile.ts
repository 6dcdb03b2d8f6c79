// Time and peak memory of each phase of a load, printed to stderr when BRECHA_PROFILE is set
// (`npm run bench:etl -- --profile` sets it). Phases follow one another: starting one ends
// the previous. Memory is sampled while DuckDB works (its queries run off the main thread),
// so a phase's peak is the highest resident size seen during it, not the process's lifetime
// maximum. Off by default: then every call is a no-op.
import { environment, isOn } from "../environment.ts"
import { Effect } from "effect"
import { existsSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { Sql } from "../warehouse/Warehouse.ts"

const enabled = (): boolean => isOn(environment.profile)

interface Running {
  readonly name: string
  readonly started: number
  peak: number
}

let running: Running | undefined
let sampler: ReturnType<typeof setInterval> | undefined

const rssMb = (): number => process.memoryUsage.rss() / 2 ** 20

const finish = (): void => {
  if (!running) return
  running.peak = Math.max(running.peak, rssMb())
  const seconds = (performance.now() - running.started) / 1000
  process.stderr.write(`profile phase="${running.name}" s=${seconds.toFixed(3)} peak_rss_mb=${running.peak.toFixed(0)}\n`)
  running = undefined
}

/** Ends the running phase (if any) and starts the next one. */
export const phase = (name: string): Effect.Effect<void> =>
  Effect.sync(() => {
    if (!enabled()) return
    finish()
    running = { name, started: performance.now(), peak: rssMb() }
    if (!sampler) {
      sampler = setInterval(() => {
        if (running) running.peak = Math.max(running.peak, rssMb())
      }, 20)
      sampler.unref()
    }
  })

/** Ends the running phase; the next `phase` starts a new series. */
export const phasesDone: Effect.Effect<void> = Effect.sync(() => {
  if (!enabled()) return
  finish()
  if (sampler) clearInterval(sampler)
  sampler = undefined
})

interface OperatorNode {
  readonly operator_type?: string
  readonly operator_timing?: number
  readonly operator_cardinality?: number
  readonly extra_info?: Record<string, unknown>
  readonly children?: ReadonlyArray<OperatorNode>
}

/** One line per operator of DuckDB's plan: what each part of a fused statement cost. */
const printOperators = (label: string, node: OperatorNode, depth = 0): void => {
  if (node.operator_type) {
    const info = node.extra_info ?? {}
    const what = String(info["Function"] ?? info["Table"] ?? info["Join Type"] ?? info["Conditions"] ?? "")
      .replace(/\s+/g, " ")
      .slice(0, 60)
    process.stderr.write(
      `profile operator phase="${label}" depth=${depth} op=${node.operator_type} s=${(node.operator_timing ?? 0).toFixed(3)} ` +
        `rows=${node.operator_cardinality ?? 0}${what ? ` info="${what.replaceAll('"', "'")}"` : ""}\n`
    )
  }
  for (const child of node.children ?? []) printOperators(label, child, node.operator_type ? depth + 1 : depth)
}

/**
 * Runs `body` with DuckDB's own profiler on, then prints the time of each operator of the
 * statements it ran (read, unpivot, projections that validate, joins that resolve areas,
 * the insert): a fused pass is one phase by the clock, several by the plan.
 */
export const withOperatorProfile = <A, E, R>(sql: Sql, label: string, body: Effect.Effect<A, E, R>) =>
  !enabled()
    ? body
    : Effect.gen(function* () {
        const output = join(tmpdir(), `brecha-profile-${process.pid}.json`)
        yield* sql.run("PRAGMA enable_profiling = 'json'").pipe(Effect.orDie)
        yield* sql.run(`PRAGMA profiling_output = '${output.replaceAll("'", "''")}'`).pipe(Effect.orDie)
        const result = yield* body.pipe(Effect.ensuring(sql.run("PRAGMA disable_profiling").pipe(Effect.ignore)))
        yield* Effect.sync(() => {
          if (!existsSync(output)) return
          printOperators(label, JSON.parse(readFileSync(output, "utf8")) as OperatorNode)
          rmSync(output, { force: true })
        })
        return result
      })
