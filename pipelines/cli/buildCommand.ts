// `brecha build` exports the page data and builds the static site; `brecha serve` serves it
// on 127.0.0.1 until interrupted.
import { Effect, Option } from "effect"
import { Command, Flag } from "effect/cli"
import { load, warehousePath } from "./root.ts"
import { environment, readEnv } from "../environment.ts"

export const buildCommand = Command.make(
  "build",
  {
    out: Flag.String("out").pipe(Flag.withDescription("Folder to write the site to (default dist/; emptied first)"), Flag.optional),
    siteUrl: Flag.String("site-url").pipe(Flag.withDescription("Public address of the site, for absolute links in the feeds ($BRECHA_SITE_URL)"), Flag.optional)
  },
  Effect.fn(function* ({ out, siteUrl }) {
    const dbPath = yield* warehousePath
    const { buildSite, defaultOutDir } = yield* load(() => import("../export/buildSite.ts"))
    yield* buildSite({
      dbPath,
      outDir: Option.getOrElse(out, defaultOutDir),
      siteUrl: Option.getOrUndefined(siteUrl) ?? readEnv(environment.siteUrl),
      onProgress: (message) => process.stderr.write(`${message}\n`)
    })
  })
).pipe(
  Command.withDescription("Export the page data from the warehouse and build the static site"),
  Command.withExamples([{ command: "brecha build --out dist", description: "Build the site into dist/" }])
)

export const serveCommand = Command.make(
  "serve",
  {
    dir: Flag.String("dir").pipe(Flag.withDescription("Built site folder (default dist/)"), Flag.optional),
    port: Flag.Int("port").pipe(Flag.withDescription("Port on 127.0.0.1 (default 8080; 0 picks a free one)"), Flag.withDefault(8080))
  },
  Effect.fn(function* ({ dir, port }) {
    const [{ defaultOutDir }, { serveSite }] = yield* load(() => Promise.all([import("../export/buildSite.ts"), import("../export/serveSite.ts")]))
    const site = yield* serveSite({ dir: Option.getOrElse(dir, defaultOutDir), port })
    process.stdout.write(`brecha: serving ${site.url} (Ctrl+C to stop)\n`)
    yield* Effect.never.pipe(Effect.ensuring(Effect.promise(() => site.close())))
  })
).pipe(Command.withDescription("Serve the built site on localhost"))
