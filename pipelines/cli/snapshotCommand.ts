// `brecha snapshot`: writes data/snapshot from the warehouse (maintainers run it after a
// refresh from the publishers, and commit the result).
import { Effect, Option } from "effect"
import { Command, Flag } from "effect/cli"
import { load, warehousePath } from "./root.ts"

export const snapshotCommand = Command.make(
  "snapshot",
  { out: Flag.String("out").pipe(Flag.withDescription("Folder to write (default data/snapshot)"), Flag.optional) },
  Effect.fn(function* ({ out }) {
    const path = yield* warehousePath
    const [{ writeSnapshot, defaultSnapshotDir }, { Warehouse }] = yield* load(() =>
      Promise.all([import("../snapshot.ts"), import("../warehouse/Warehouse.ts")])
    )
    const dir = Option.getOrElse(out, defaultSnapshotDir)
    const manifest = yield* writeSnapshot(dir).pipe(Effect.provide(Warehouse.layer({ path })))
    const rows = manifest.vintages.reduce((n, v) => n + Number(v.rows_loaded), 0)
    process.stdout.write(`snapshot: ${manifest.vintages.length} vintages, ${rows.toLocaleString("en-US")} values written to ${dir}\n`)
  })
).pipe(Command.withDescription("Write the bundled offline snapshot (data/snapshot) from the warehouse"))
