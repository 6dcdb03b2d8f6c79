// The Warehouse service: one embedded DuckDB file, opened once per process, with the
// schema and views applied on open. Every write goes through `transaction`, which
// serialises writers and rolls back on any failure, so a failed load leaves the
// warehouse exactly as it was.
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from "@duckdb/node-api"
import { Context, Effect, Layer, Semaphore } from "effect"
import { existsSync, mkdirSync } from "node:fs"
import { dirname, resolve } from "node:path"
import { WarehouseError } from "../errors.ts"
import { applySchema } from "./schema.ts"
import { environment, isOn, readEnv } from "../environment.ts"

export type Row = Record<string, unknown>
export type Params = ReadonlyArray<DuckDBValue>

/** SQL access on one connection; inside a transaction it is that transaction's connection. */
export interface Sql {
  readonly query: <T extends Row = Row>(sql: string, params?: Params) => Effect.Effect<Array<T>, WarehouseError>
  readonly run: (sql: string, params?: Params) => Effect.Effect<void, WarehouseError>
  /** Bulk insert of JS rows through DuckDB's appender (fast path for row-decoded sources). */
  readonly append: (table: string, rows: ReadonlyArray<ReadonlyArray<DuckDBValue>>) => Effect.Effect<void, WarehouseError>
}

export interface WarehouseService extends Sql {
  readonly path: string
  readonly readOnly: boolean
  readonly transaction: <A, E, R>(body: (tx: Sql) => Effect.Effect<A, E, R>) => Effect.Effect<A, E | WarehouseError, R>
}

export interface WarehouseOptions {
  readonly path: string
  /** Open for reading only (the `sql` command): no schema changes, no writes. */
  readonly readOnly?: boolean
}

export { defaultWarehousePath } from "./defaultPath.ts"

/** DuckDB values (BIGINT, DATE, TIMESTAMP, DECIMAL) converted to plain JSON-friendly JS values. */
const toPlain = (value: unknown): unknown => {
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString()
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map(toPlain)
  return value
}

// BRECHA_TRACE_SQL=1 prints each statement's duration to stderr (for profiling loads).
const traced =
  <T>(sql: string, run: () => Promise<T>) =>
  async () => {
    const t0 = performance.now()
    try {
      return await run()
    } finally {
      process.stderr.write(`[sql ${(performance.now() - t0).toFixed(0).padStart(6)} ms] ${sql.replace(/\s+/g, " ").trim().slice(0, 110)}\n`)
    }
  }
const untraced = <T>(_sql: string, run: () => Promise<T>) => run

const makeSql = (conn: DuckDBConnection, path: string): Sql => {
  const trace = isOn(environment.traceSql) ? traced : untraced
  const fail = (operation: string) => (cause: unknown) =>
    new WarehouseError({ operation, path, detail: explainFailure(cause instanceof Error ? cause.message : String(cause)) })
  // Interrupting a fiber does not stop a DuckDB call already running on the connection. Each
  // statement is therefore uninterruptible: an interrupt (SIGTERM, a timeout) lands between
  // statements, so the ROLLBACK that follows never races a statement still in flight.
  const sql: Sql = {
    query: <T extends Row = Row>(sql: string, params?: Params) =>
      Effect.tryPromise({
        try: trace(sql, async () => {
          const reader = await conn.runAndReadAll(sql, params as DuckDBValue[] | undefined)
          return reader.getRowObjectsJS().map((row) => {
            const out: Row = {}
            for (const [k, v] of Object.entries(row)) out[k] = toPlain(v)
            return out as T
          })
        }),
        catch: fail(`query (${sql.trim().slice(0, 60)}…)`)
      }),
    run: (sql: string, params?: Params) =>
      Effect.tryPromise({
        try: trace(sql, async () => {
          await conn.run(sql, params as DuckDBValue[] | undefined)
        }),
        catch: fail(`statement (${sql.trim().slice(0, 60)}…)`)
      }),
    append: (table, rows) =>
      Effect.tryPromise({
        try: async () => {
          const appender = await conn.createAppender(table)
          try {
            for (const row of rows) {
              for (const value of row) {
                // Strings cast to the column's type inside DuckDB, which keeps this path type-agnostic.
                if (value === null || value === undefined) appender.appendNull()
                else appender.appendVarchar(String(value))
              }
              appender.endRow()
            }
            appender.flushSync()
          } finally {
            appender.closeSync()
          }
        },
        catch: fail(`append to ${table}`)
      })
  }
  // Named spans, so a trace reads Warehouse.query / Warehouse.run / Warehouse.append.
  return {
    query: <T extends Row = Row>(text: string, params?: Params) => Effect.uninterruptible(sql.query<T>(text, params)).pipe(Effect.withSpan("Warehouse.query")),
    run: Effect.fn("Warehouse.run")((text: string, params?: Params) => Effect.uninterruptible(sql.run(text, params))),
    append: Effect.fn("Warehouse.append")((table: string, rows: ReadonlyArray<ReadonlyArray<DuckDBValue>>) => Effect.uninterruptible(sql.append(table, rows)))
  }
}

export class Warehouse extends Context.Service<Warehouse, WarehouseService>()("brecha/Warehouse") {
  static readonly layer = (options: WarehouseOptions) =>
    Layer.effect(
      Warehouse,
      Effect.gen(function* () {
        const path = resolve(options.path)
        const readOnly = options.readOnly ?? false
        if (readOnly && !existsSync(path)) {
          return yield* new WarehouseError({
            operation: "open",
            path,
            detail: "no warehouse file here yet; run `brecha refresh` (or `npm start`) first"
          })
        }
        if (!readOnly) {
          // A folder that cannot be created (permissions, a file in the way) is a warehouse
          // error naming the path, not an exception.
          yield* Effect.try({
            try: () => mkdirSync(dirname(path), { recursive: true }),
            catch: (cause) => new WarehouseError({ operation: "open", path, detail: explainOpenFailure(cause) })
          })
        }
        const conn = yield* Effect.acquireRelease(
          Effect.tryPromise({
            try: async () => {
              // A bounded memory budget: big loads spill to disk next to the warehouse rather
              // than growing the process past what a laptop (or CI) can give.
              const memory = { memory_limit: readEnv(environment.duckdbMemoryLimit) ?? "500MB" }
              const instance = await DuckDBInstance.create(path, readOnly ? { ...memory, access_mode: "READ_ONLY" } : memory)
              return { instance, conn: await instance.connect() }
            },
            catch: (cause) => new WarehouseError({ operation: "open", path, detail: explainOpenFailure(cause) })
          }),
          ({ conn, instance }) =>
            Effect.sync(() => {
              conn.closeSync()
              instance.closeSync()
            })
        ).pipe(Effect.map(({ conn }) => conn))

        const sql = makeSql(conn, path)
        if (!readOnly) yield* applySchema(sql)

        // One writer at a time inside this process; DuckDB's own file lock keeps other processes out.
        // The body runs interruptibly (restore) so SIGTERM can stop a long load, but every
        // exit, interrupt included, ends in COMMIT or ROLLBACK before the interrupt is honoured.
        const lock = yield* Semaphore.make(1)
        const transaction = <A, E, R>(body: (tx: Sql) => Effect.Effect<A, E, R>) =>
          Effect.withSpan("Warehouse.transaction")(
            lock.withPermits(1)(
              Effect.uninterruptibleMask((restore) =>
                Effect.gen(function* () {
                  yield* sql.run("BEGIN TRANSACTION")
                  const exit = yield* Effect.exit(restore(body(sql)))
                  if (exit._tag === "Success") {
                    yield* sql.run("COMMIT")
                    return exit.value
                  }
                  yield* sql.run("ROLLBACK").pipe(Effect.ignore)
                  return yield* exit
                })
              )
            )
          )

        return Warehouse.of({ ...sql, path, readOnly, transaction })
      })
    )
}

/** Adds what the user can do to the storage failures DuckDB reports tersely. */
const explainFailure = (text: string): string => {
  if (/No space left on device/i.test(text)) return `${text} (the disk is full: free some space and run again; the failed operation was rolled back)`
  if (/read-only|Permission denied/i.test(text)) return `${text} (the warehouse file or its folder is not writable)`
  return text
}

const explainOpenFailure = (cause: unknown): string => {
  const text = cause instanceof Error ? cause.message : String(cause)
  if (/lock/i.test(text)) return `${text} (another brecha process is using this warehouse; wait for it to finish)`
  if (/read-only|permission denied|EACCES/i.test(text)) return `${text} (the file or its folder is not writable)`
  return text
}
