// `brecha sql "…"` runs a read-only query against the warehouse (opened read-only), printed as
// a table, JSON or CSV, or written as an Arrow IPC file (typed columns, codes dictionary-encoded).
import { writeFileSync } from "node:fs"
import { Effect, Option } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { describeError } from "../errors.ts"
import { formatRows } from "./format.ts"
import { CommandFailed, load, warehousePath } from "./root.ts"

export const sqlCommand = Command.make(
  "sql",
  {
    query: Argument.String("query").pipe(Argument.withDescription("A read-only SQL query")),
    format: Flag.Literals("format", ["table", "json", "csv", "arrow"]).pipe(
      Flag.withDefault("table"),
      Flag.withDescription("Output format (arrow: an Arrow IPC file, typed columns, repeated codes dictionary-encoded)")
    ),
    out: Flag.String("out").pipe(Flag.withDescription("Write to this file instead of the terminal"), Flag.optional)
  },
  Effect.fn(function* ({ query, format, out }) {
    const path = yield* warehousePath
    const file = Option.getOrUndefined(out)
    if (format === "arrow" && file === undefined && process.stdout.isTTY) {
      return yield* Effect.fail(new CommandFailed("--format arrow writes binary: give --out FILE, or redirect the output to a file"))
    }
    const { Warehouse } = yield* load(() => import("../warehouse/Warehouse.ts"))
    const bytes = yield* Effect.gen(function* () {
      const wh = yield* Warehouse
      if (format === "arrow") {
        const { queryToArrow } = yield* load(() => import("../export/arrow.ts"))
        return yield* queryToArrow(wh, query)
      }
      return new TextEncoder().encode(`${formatRows(yield* wh.query(query), format)}\n`)
    }).pipe(Effect.provide(Warehouse.layer({ path, readOnly: true })))
    if (file === undefined) process.stdout.write(bytes)
    else yield* Effect.try({ try: () => writeFileSync(file, bytes), catch: (e) => new CommandFailed(`cannot write ${file}: ${describeError(e)}`) })
  })
).pipe(Command.withDescription("Run a read-only SQL query against the warehouse"))
