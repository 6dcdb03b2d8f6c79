// `brecha sql "…"` runs a read-only query against the warehouse (opened read-only).
import { Effect } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { Warehouse } from "../warehouse/Warehouse.ts"
import { formatRows } from "./format.ts"
import { warehousePath } from "./root.ts"

export const sqlCommand = Command.make(
  "sql",
  {
    query: Argument.String("query").pipe(Argument.withDescription("A read-only SQL query")),
    format: Flag.Literals("format", ["table", "json", "csv"]).pipe(Flag.withDefault("table"), Flag.withDescription("Output format"))
  },
  Effect.fn(function*({ query, format }) {
    const path = yield* warehousePath
    const rows = yield* Effect.gen(function*() {
      const wh = yield* Warehouse
      return yield* wh.query(query)
    }).pipe(Effect.provide(Warehouse.layer({ path, readOnly: true })))
    process.stdout.write(`${formatRows(rows, format)}\n`)
  })
).pipe(Command.withDescription("Run a read-only SQL query against the warehouse"))
