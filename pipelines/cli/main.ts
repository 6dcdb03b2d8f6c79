// The brecha command line. Each subcommand opens the warehouse it needs (read-only for
// `sql`) and reports errors as one readable line with a non-zero exit code.
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as NodeServices from "@effect/platform-node/NodeServices"
import { Cause, Effect } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { describeError } from "../errors.ts"
import { landLocalFile } from "../load/land.ts"
import { loadFile } from "../load/loadFile.ts"
import { syncCatalogFromDisk } from "../refresh.ts"
import { sourceById, sources } from "../sources/registry.ts"
import { withRefreshLock } from "../warehouse/refreshLock.ts"
import { Warehouse } from "../warehouse/Warehouse.ts"
import { changesCommand } from "./changesCommand.ts"
import { snapshotCommand } from "./snapshotCommand.ts"
import { checkCommand } from "./checkCommand.ts"
import { buildCommand, serveCommand } from "./buildCommand.ts"
import { upCommand } from "./upCommand.ts"
import { formatRows, thousands } from "./format.ts"
import { refreshCommand } from "./refreshCommand.ts"
import { dbPath, root } from "./root.ts"
import { scheduleCommand } from "./scheduleCommand.ts"
import { UnknownSourceError } from "../errors.ts"
import { basename, resolve } from "node:path"

const ingestCommand = Command.make(
  "ingest",
  {
    sourceId: Argument.String("source").pipe(Argument.withDescription("Source id, e.g. wdi")),
    file: Argument.String("file").pipe(Argument.withDescription("A file in that source's format"))
  },
  Effect.fn(function*({ sourceId, file }) {
    const { db } = yield* root
    const source = sourceById(sourceId)
    if (!source) return yield* new UnknownSourceError({ sourceId, known: sources.map((s) => s.id) })
    const path = resolve(dbPath(db))
    const outcome = yield* Effect.gen(function*() {
      yield* syncCatalogFromDisk
      const landed = yield* landLocalFile(source.id, file, basename(file))
      return yield* loadFile(source, landed)
    }).pipe(Effect.provide(Warehouse.layer({ path })), withRefreshLock(path, `brecha ingest ${sourceId}`))
    if (outcome.outcome === "unchanged") {
      process.stdout.write(`${sourceId}: ${file}: unchanged (same content as the latest vintage of ${outcome.unit})\n`)
    } else {
      process.stdout.write(
        `${sourceId}: ${file}: vintage ${outcome.vintageId} (${outcome.format}): ${thousands(outcome.rowsLoaded)} values loaded, ` +
          `${thousands(outcome.rowsRejected)} rejected, ${thousands(outcome.rowsAggregate)} aggregate values` +
          `${outcome.releasedAt ? `, released ${outcome.releasedAt}` : ""}` +
          `${outcome.outcome === "quarantined" ? `; QUARANTINED (not made current): ${outcome.statusReason}` : ""}\n`
      )
    }
  })
).pipe(Command.withDescription("Load one local file as a new vintage of a source"))

const sqlCommand = Command.make(
  "sql",
  {
    query: Argument.String("query").pipe(Argument.withDescription("A read-only SQL query")),
    format: Flag.Literals("format", ["table", "json", "csv"]).pipe(Flag.withDefault("table"), Flag.withDescription("Output format"))
  },
  Effect.fn(function*({ query, format }) {
    const { db } = yield* root
    const rows = yield* Effect.gen(function*() {
      const wh = yield* Warehouse
      return yield* wh.query(query)
    }).pipe(Effect.provide(Warehouse.layer({ path: dbPath(db), readOnly: true })))
    process.stdout.write(formatRows(rows, format) + "\n")
  })
).pipe(Command.withDescription("Run a read-only SQL query against the warehouse"))

const sourcesCommand = Command.make("sources", {}, () =>
  Effect.sync(() => {
    for (const s of sources) process.stdout.write(`${s.id.padEnd(14)} ${s.title} — ${s.publisher} (${s.licence})\n`)
  })
).pipe(Command.withDescription("List the sources brecha knows"))

export const commands = [
  upCommand, refreshCommand, ingestCommand, sqlCommand, sourcesCommand, changesCommand, scheduleCommand, buildCommand, serveCommand,
  snapshotCommand, checkCommand
]

const program = root.pipe(
  Command.withSubcommands(commands),
  Command.run({ version: "0.1.0" })
)

// Benchmarks ask the process for its own peak memory (DuckDB's native memory included) and
// CPU time (DuckDB's threads included; on a shared machine it varies less than wall time).
if (process.env.BRECHA_REPORT_RSS) {
  process.on("exit", () => {
    const usage = process.resourceUsage()
    process.stderr.write(`peak_rss_kb=${usage.maxRSS} cpu_s=${((usage.userCPUTime + usage.systemCPUTime) / 1e6).toFixed(3)}\n`)
  })
}

program.pipe(
  Effect.provide(NodeServices.layer),
  // Expected failures print their one-line message; an unexpected defect prints its cause
  // too, so nothing ever fails silently. Interruption (Ctrl-C) is not an error.
  Effect.catchCause((cause) =>
    Effect.sync(() => {
      if (Cause.hasInterruptsOnly(cause)) return
      const error = Cause.squash(cause)
      process.stderr.write(`brecha: ${describeError(error)}\n`)
      if (!Cause.hasFails(cause)) process.stderr.write(`${Cause.pretty(cause)}\n`)
      process.exitCode = 1
    })
  ),
  (effect) => NodeRuntime.runMain(effect, { disableErrorReporting: true })
)
