// The brecha command line: the subcommands (one file each) under the root command. Each
// opens the warehouse it needs (read-only for `sql`) and reports errors as one readable line
// with a non-zero exit code.
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as NodeServices from "@effect/platform-node/NodeServices"
import { Cause, Effect } from "effect"
import { Command } from "effect/cli"
import { checkEnvironment, environment, isOn } from "../environment.ts"
import { describeError } from "../errors.ts"
import { sources } from "../sources/registry.ts"
import { buildCommand, serveCommand } from "./buildCommand.ts"
import { changesCommand } from "./changesCommand.ts"
import { checkCommand } from "./checkCommand.ts"
import { exportCommand } from "./exportCommand.ts"
import { nationalCommand } from "./nationalCommand.ts"
import { ingestCommand } from "./ingestCommand.ts"
import { refreshCommand } from "./refreshCommand.ts"
import { CommandFailed, root } from "./root.ts"
import { scheduleCommand } from "./scheduleCommand.ts"
import { snapshotCommand } from "./snapshotCommand.ts"
import { sourcesCommand } from "./sourcesCommand.ts"
import { sqlCommand } from "./sqlCommand.ts"
import { upCommand } from "./upCommand.ts"

export const commands = [
  upCommand,
  refreshCommand,
  ingestCommand,
  sqlCommand,
  sourcesCommand,
  changesCommand,
  scheduleCommand,
  buildCommand,
  serveCommand,
  snapshotCommand,
  checkCommand,
  exportCommand,
  nationalCommand
]

const program = root.pipe(Command.withSubcommands(commands), Command.run({ version: "0.1.0" }))

// Benchmarks ask the process for its own peak memory (DuckDB's native memory included) and
// CPU time (DuckDB's threads included; on a shared machine it varies less than wall time).
const reportPeakMemory = Effect.sync(() => {
  if (!isOn(environment.reportRss)) return
  process.on("exit", () => {
    const usage = process.resourceUsage()
    process.stderr.write(`peak_rss_kb=${usage.maxRSS} cpu_s=${((usage.userCPUTime + usage.systemCPUTime) / 1e6).toFixed(3)}\n`)
  })
})

// Every BRECHA_* variable is checked before any command runs, so a bad value is one clear line.
checkEnvironment(sources.filter((s) => s.live !== undefined).map((s) => s.id)).pipe(
  Effect.andThen(reportPeakMemory),
  Effect.andThen(program),
  Effect.provide(NodeServices.layer),
  // Expected failures print their one-line message; an unexpected defect prints its cause
  // too, so nothing ever fails silently. Interruption (Ctrl-C) is not an error.
  Effect.catchCause((cause) =>
    Effect.sync(() => {
      if (Cause.hasInterruptsOnly(cause)) return
      const error = Cause.squash(cause)
      process.stderr.write(`brecha: ${describeError(error)}\n`)
      if (!Cause.hasFails(cause)) process.stderr.write(`${Cause.pretty(cause)}\n`)
      process.exitCode = error instanceof CommandFailed ? error.exitCode : 1
    })
  ),
  (effect) => NodeRuntime.runMain(effect, { disableErrorReporting: true })
)
