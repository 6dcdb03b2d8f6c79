// `brecha ingest SOURCE FILE` loads one local file as a new vintage of a source, under the
// refresh lock, after bringing the catalogue up to date.
import { Effect } from "effect"
import { Argument, Command } from "effect/cli"
import { basename } from "node:path"
import { UnknownSourceError } from "../errors.ts"
import { sourceById, sources } from "../sources/registry.ts"
import { thousands } from "./format.ts"
import { load, warehousePath } from "./root.ts"

export const ingestCommand = Command.make(
  "ingest",
  {
    sourceId: Argument.String("source").pipe(Argument.withDescription("Source id, e.g. wdi")),
    file: Argument.String("file").pipe(Argument.withDescription("A file in that source's format"))
  },
  Effect.fn(function* ({ sourceId, file }) {
    const path = yield* warehousePath
    const source = sourceById(sourceId)
    if (!source) return yield* new UnknownSourceError({ sourceId, known: sources.map((s) => s.id) })
    const [{ syncCatalogFromDisk }, { landForSource }, { loadFile }, { withRefreshLock }, { Warehouse }] = yield* load(() =>
      Promise.all([
        import("../catalog/syncFromDisk.ts"),
        import("../load/land.ts"),
        import("../load/loadFile.ts"),
        import("../warehouse/refreshLock.ts"),
        import("../warehouse/Warehouse.ts")
      ])
    )
    const outcome = yield* Effect.gen(function* () {
      yield* syncCatalogFromDisk
      const landed = yield* landForSource(source, file, basename(file))
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
