// The root `brecha` command and its shared --db flag, imported by every subcommand file.
// Subcommands read the warehouse path through `warehousePath`, so every command honours
// --db and $BRECHA_DB alike. Its help lists the environment variables.
import { Effect, Option } from "effect"
import { Command, Flag } from "effect/cli"
import { resolve } from "node:path"
import { environment, environmentHelp } from "../environment.ts"
import { defaultWarehousePath } from "../warehouse/defaultPath.ts"

/** A command that has already printed what went wrong and must exit non-zero (1 unless given). */
export class CommandFailed extends Error {
  readonly exitCode: number
  constructor(message: string, exitCode = 1) {
    super(message)
    this.exitCode = exitCode
  }
}

export const db = Flag.String("db").pipe(Flag.withDescription("Warehouse file (default data/warehouse.duckdb, or $BRECHA_DB)"), Flag.optional)
export const dbPath = (flag: Option.Option<string>) => Option.getOrElse(flag, defaultWarehousePath)

export const national = Flag.String("national").pipe(
  Flag.withDescription("Folder of your own indicators, <ID>.csv + <ID>.yaml (default data/national, or $BRECHA_NATIONAL)"),
  Flag.optional
)
export const targets = Flag.String("targets").pipe(Flag.withDescription("Targets file (default data/targets.yaml, or $BRECHA_TARGETS)"), Flag.optional)

export const root = Command.make("brecha").pipe(
  Command.withSharedFlags({ db, national, targets }),
  Command.withDescription(
    "How far a country's digital government stands from the OECD, tied to the OECD review of Mexico (2020).\n\n" +
      `Environment variables (checked before any command runs):\n${environmentHelp()}`
  )
)

/**
 * --national and --targets do what BRECHA_NATIONAL and BRECHA_TARGETS do: set in the
 * environment, they reach every reader of the catalogue in this process and its children.
 */
export const applyInputFlags = Effect.map(root, (flags) => {
  if (Option.isSome(flags.national)) process.env[environment.national.name] = resolve(flags.national.value)
  if (Option.isSome(flags.targets)) process.env[environment.targets.name] = resolve(flags.targets.value)
  return flags
})

export const warehousePath = Effect.map(applyInputFlags, ({ db }) => dbPath(db))

/**
 * A module a command needs only when it runs, loaded then: the command files are all loaded
 * for every invocation (help included), so a static import of DuckDB, the site builder or
 * the HTTP client would be paid by every command. A module that cannot load is a defect.
 */
export const load = <M>(importModule: () => Promise<M>): Effect.Effect<M> => Effect.promise(importModule)
