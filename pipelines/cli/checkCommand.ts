// `brecha check`: verifies the warehouse's invariants (pipelines/sql/checks) and prints
// what fails; exit code 1 when any check fails. Syncs the catalogue first, so "is in the
// catalogue" means the catalogue on disk now.
import { Effect } from "effect"
import { Command } from "effect/cli"
import { existsSync } from "node:fs"
import { WarehouseError } from "../errors.ts"
import { load, warehousePath } from "./root.ts"

export class IntegrityCheckFailed extends Error {}

export const checkCommand = Command.make("check", {}, () =>
  Effect.gen(function* () {
    const path = yield* warehousePath
    if (!existsSync(path)) {
      return yield* new WarehouseError({ operation: "check", path, detail: "no warehouse file here; run `brecha refresh` first" })
    }
    const [{ checkIntegrity, formatIntegrity, integrityFailed }, { syncCatalogFromDisk }, { Warehouse }] = yield* load(() =>
      Promise.all([import("../integrity.ts"), import("../catalog/syncFromDisk.ts"), import("../warehouse/Warehouse.ts")])
    )
    const results = yield* Effect.gen(function* () {
      yield* syncCatalogFromDisk
      return yield* checkIntegrity()
    }).pipe(Effect.provide(Warehouse.layer({ path })))
    process.stdout.write(`warehouse ${path}\n${formatIntegrity(results)}\n`)
    if (integrityFailed(results)) return yield* Effect.fail(new IntegrityCheckFailed("the warehouse breaks its invariants (see above)"))
  })
).pipe(Command.withDescription("Verify the warehouse's invariants; exit code 1 if any fails"))
