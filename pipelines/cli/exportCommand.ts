// `brecha export --lake DIR`: the warehouse as Hive-partitioned Parquet with a manifest, for
// Spark, Trino, BigQuery, DuckDB and polars (docs/lake.md). Reads the warehouse only.
import { Effect } from "effect"
import { Command, Flag } from "effect/cli"
import { thousands } from "./format.ts"
import { load, warehousePath } from "./root.ts"

export const exportCommand = Command.make(
  "export",
  { lake: Flag.String("lake").pipe(Flag.withDescription("Folder of the lake: new, empty, or an earlier export (updated incrementally)")) },
  Effect.fn(function* ({ lake }) {
    const path = yield* warehousePath
    const [{ exportLake }, { Warehouse }] = yield* load(() => Promise.all([import("../export/lake.ts"), import("../warehouse/Warehouse.ts")]))
    process.stderr.write(`exporting ${path} to ${lake} …\n`)
    const report = yield* exportLake({ dir: lake, onProgress: (line) => process.stderr.write(line + "\n") }).pipe(
      Effect.provide(Warehouse.layer({ path, readOnly: true }))
    )
    const out: Array<string> = []
    if (report.recovered) out.push(`lake ${report.dir}: first ${report.recovered}`)
    const bytes = report.manifest.tables.reduce((n, t) => n + t.files.reduce((m, f) => m + f.bytes, 0), 0)
    out.push(
      `lake ${report.dir}: ${report.manifest.tables.length} tables, ${thousands(report.manifest.tables.reduce((n, t) => n + t.files.length, 0))} files, ` +
        `${thousands(bytes)} bytes; rewrote ${report.rewritten.length}, kept ${report.unchanged.length} unchanged` +
        `${report.removed.length > 0 ? `, removed ${report.removed.length}` : ""}`
    )
    for (const r of report.rewritten) out.push(`  rewrote ${r.path} (${thousands(r.rows)} rows; ${r.reason})`)
    for (const r of report.removed) out.push(`  removed ${r} (no rows left)`)
    process.stdout.write(out.join("\n") + "\n")
  })
).pipe(Command.withDescription("Write the warehouse as Hive-partitioned Parquet + _brecha_manifest.json (see docs/lake.md)"))
