// The root `brecha` command and its shared flags, imported by every subcommand file.
import { Option } from "effect"
import { Command, Flag } from "effect/cli"
import { defaultWarehousePath } from "../warehouse/Warehouse.ts"

export class CommandFailed extends Error {}

export const db = Flag.String("db").pipe(
  Flag.withDescription("Warehouse file (default data/warehouse.duckdb, or $BRECHA_DB)"),
  Flag.optional
)
export const dbPath = (flag: Option.Option<string>) => Option.getOrElse(flag, defaultWarehousePath)

export const root = Command.make("brecha").pipe(
  Command.withSharedFlags({ db }),
  Command.withDescription("How far a country's digital government stands from the OECD, tied to the OECD review of Mexico (2020).")
)
