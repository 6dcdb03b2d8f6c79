// `brecha up` (what `npm start` runs): refresh, fall back to the bundled snapshot where a
// source has no data, build the site, serve it on localhost and print the address.
import { Effect, Option } from "effect"
import { Command, Flag } from "effect/cli"
import type { ProgressEvent } from "../refresh.ts"
import { printProgress, progressLine, reportSummary, runHeader, summaryTable } from "./refreshCommand.ts"
import { load, warehousePath } from "./root.ts"
import { logWriter, refreshLogPath, shortProgress, startSummaryLine } from "./startReport.ts"
import { environment, readEnv } from "../environment.ts"

export const upCommand = Command.make(
  "up",
  {
    mirror: Flag.String("mirror").pipe(Flag.withDescription("Refresh from this folder instead of the publishers ($BRECHA_MIRROR)"), Flag.optional),
    out: Flag.String("out").pipe(Flag.withDescription("Folder for the built site (default dist/)"), Flag.optional),
    port: Flag.Int("port").pipe(Flag.withDescription("Port on 127.0.0.1 (default 4173; taken → a free one)"), Flag.withDefault(4173)),
    serve: Flag.Boolean("serve").pipe(Flag.withDescription("Serve the site after building it"), Flag.withDefault(true)),
    verbose: Flag.Boolean("verbose").pipe(
      Flag.withDescription("Print every URL and error of the refresh (otherwise they go to brecha-refresh.log beside the warehouse)"),
      Flag.withDefault(false)
    )
  },
  Effect.fn(function* ({ mirror, out, port, serve, verbose }) {
    const dbPath = yield* warehousePath
    const [{ refreshOrSnapshot }, { buildSite, defaultOutDir }, { serveSite }] = yield* load(() =>
      Promise.all([import("../up.ts"), import("../export/buildSite.ts"), import("../export/serveSite.ts")])
    )
    const mirrorDir = Option.getOrUndefined(mirror) ?? readEnv(environment.mirror)
    const logFile = refreshLogPath(dbPath)
    const log = logWriter(logFile)
    const say = (line: string) => process.stderr.write(line + "\n")
    log(`\n== brecha up, ${new Date().toISOString()}, ${mirrorDir ? `mirror ${mirrorDir}` : "from the publishers"} ==`)
    say(mirrorDir ? `refreshing from the mirror ${mirrorDir}` : "refreshing from the publishers")
    let retrievedBefore: ReadonlyMap<string, string> = new Map()
    const short = shortProgress(say, () => retrievedBefore)
    const onProgress = (event: ProgressEvent) => {
      const line = progressLine(event)
      if (line !== undefined) log(line)
      if (verbose) printProgress(event)
      else short(event)
    }
    const result = yield* refreshOrSnapshot({
      dbPath,
      mirror: mirrorDir,
      onProgress,
      onStart: (retrievedOn, unreachableHosts) => {
        retrievedBefore = retrievedOn
        for (const [host, problem] of unreachableHosts) log(`${host}: ${problem}`)
      }
    })
    log(`${runHeader(result.summary)}\n${summaryTable(result.summary)}`)
    for (const s of result.summary.sources) if (s.error) log(`${s.sourceId}: ${s.error}`)
    if (verbose) yield* reportSummary(result.summary)
    say(startSummaryLine(result.summary, { reachable: result.reachable, logFile }))
    const filled = Object.keys(result.fromSnapshot)
    if (filled.length > 0) {
      process.stderr.write(
        `NOTICE: ${filled.length} source(s) had no data and were filled from the bundled snapshot` +
          `${result.snapshotMadeAt ? ` (made ${result.snapshotMadeAt.slice(0, 10)})` : ""}: ${filled.join(", ")}.\n` +
          "        Refresh again with a network (or --mirror DIR) for current figures.\n"
      )
    }
    const outDir = Option.getOrElse(out, defaultOutDir)
    yield* buildSite({ dbPath, outDir, onProgress: (message) => process.stderr.write(`${message}\n`) })
    if (!serve) return
    const site = yield* serveSite({ dir: outDir, port }).pipe(Effect.catch(() => serveSite({ dir: outDir, port: 0 })))
    process.stdout.write(`\nbrecha: the dashboards are at ${site.url} (Ctrl+C to stop)\n`)
    yield* Effect.never.pipe(Effect.ensuring(Effect.promise(() => site.close())))
  })
).pipe(
  Command.withDescription("Refresh, build the dashboards and serve them on localhost (what `npm start` runs)"),
  Command.withExamples([
    { command: "brecha up", description: "Refresh from the publishers (or the bundled snapshot offline), build, serve" },
    { command: "brecha up --mirror ../shared/data/raw --no-serve", description: "Refresh from a local mirror and build only" }
  ])
)
