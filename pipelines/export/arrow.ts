// Query results as an Apache Arrow IPC file (the "file" format: readable with random access by
// any Arrow library). Column types follow what DuckDB declares for the query; repeated codes
// (ids, names, units, flags) are dictionary-encoded. DuckDB here has no arrow extension, so the
// table is built with the apache-arrow library from the rows.
import {
  Bool,
  type DataType,
  DateDay,
  Dictionary,
  Float32,
  Float64,
  Int16,
  Int32,
  Int64,
  Int8,
  makeData,
  makeVector,
  Table,
  TimestampMicrosecond,
  tableToIPC,
  Utf8,
  type Vector,
  vectorFromArray
} from "apache-arrow"
import { Effect } from "effect"
import type { Row, Sql } from "../warehouse/Warehouse.ts"

export interface ColumnType {
  readonly name: string
  /** The DuckDB type name (`DESCRIBE`), or undefined where the query cannot be described. */
  readonly type?: string
}

/** Which string columns are dictionary-encoded: a fixed list, or "auto" (values repeat: at most half as many distinct as rows). */
export type DictionaryColumns = ReadonlyArray<string> | "auto"

const asDate = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)))
const asNumber = (v: unknown) => (v === null || v === undefined ? null : Number(v))

interface Plan {
  readonly type: DataType
  readonly convert: (v: unknown) => unknown
}

/** Microseconds since the epoch (integers, from `epoch_us`) as a timestamp vector, exactly. */
const timestampVector = (type: TimestampMicrosecond, values: ReadonlyArray<unknown>): Vector => {
  const data = new BigInt64Array(values.length)
  const valid = new Uint8Array(Math.ceil(values.length / 8))
  let nullCount = 0
  values.forEach((v, i) => {
    if (v === null || v === undefined) nullCount++
    else {
      data[i] = BigInt(v as number | string)
      valid[i >> 3] |= 1 << (i & 7)
    }
  })
  return makeVector(makeData({ type, length: values.length, nullCount, nullBitmap: nullCount > 0 ? valid : null, data }))
}

const plan = (column: ColumnType, values: ReadonlyArray<unknown>, dictionary: DictionaryColumns): Plan => {
  let type = column.type
  if (type === undefined) {
    // No declared type: from the values (numbers, booleans, text).
    const present = values.filter((v) => v !== null && v !== undefined)
    type =
      present.every((v) => typeof v === "number") && present.length > 0
        ? "DOUBLE"
        : present.every((v) => typeof v === "boolean") && present.length > 0
          ? "BOOLEAN"
          : "VARCHAR"
  }
  switch (type) {
    case "BOOLEAN":
      return { type: new Bool(), convert: (v) => (v === null || v === undefined ? null : Boolean(v)) }
    case "TINYINT":
      return { type: new Int8(), convert: asNumber }
    case "SMALLINT":
      return { type: new Int16(), convert: asNumber }
    case "INTEGER":
      return { type: new Int32(), convert: asNumber }
    case "BIGINT":
      return { type: new Int64(), convert: (v) => (v === null || v === undefined ? null : BigInt(v as string | number)) }
    case "FLOAT":
      return { type: new Float32(), convert: asNumber }
    case "DATE":
      return { type: new DateDay(), convert: asDate }
    case "VARCHAR": {
      const text = (v: unknown) => (v === null || v === undefined ? null : String(v))
      const encode = dictionary === "auto" ? values.length > 0 && new Set(values).size * 2 <= values.length : dictionary.includes(column.name)
      return { type: encode ? new Dictionary(new Utf8(), new Int32()) : new Utf8(), convert: text }
    }
  }
  if (/^(DOUBLE|DECIMAL|HUGEINT|UBIGINT|UINTEGER|USMALLINT|UTINYINT)/.test(type)) return { type: new Float64(), convert: asNumber }
  // Lists, structs, intervals and the rest: their JSON text.
  return { type: new Utf8(), convert: (v) => (v === null || v === undefined ? null : typeof v === "object" ? JSON.stringify(v) : String(v)) }
}

/** Rows with known column types as the bytes of an Arrow IPC file (timestamps as microseconds since the epoch). */
export const rowsToArrow = (rows: ReadonlyArray<Row>, columns: ReadonlyArray<ColumnType>, dictionary: DictionaryColumns = "auto"): Uint8Array => {
  const vectors: Record<string, Vector> = {}
  for (const column of columns) {
    const raw = rows.map((r) => r[column.name])
    if (column.type === "TIMESTAMP" || column.type === "TIMESTAMP WITH TIME ZONE") {
      // The warehouse keeps UTC times: both are instants in UTC.
      vectors[column.name] = timestampVector(new TimestampMicrosecond("UTC"), raw)
      continue
    }
    const p = plan(column, raw, dictionary)
    vectors[column.name] = vectorFromArray(raw.map(p.convert) as Array<never>, p.type)
  }
  return tableToIPC(new Table(vectors), "file")
}

/**
 * Runs a query and returns its result as an Arrow IPC file. The column types come from
 * `DESCRIBE` of the query; a statement that cannot be described (SHOW, PRAGMA) is typed
 * from its values.
 */
export const queryToArrow = (sql: Sql, query: string, dictionary: DictionaryColumns = "auto") =>
  Effect.gen(function* () {
    const described = yield* sql
      .query<{ column_name: string; column_type: string }>(`SELECT column_name, column_type FROM (DESCRIBE ${query.trim().replace(/;\s*$/, "")})`)
      .pipe(Effect.orElseSucceed(() => undefined))
    // Timestamps are read as microseconds (a JS Date would keep only milliseconds).
    const stamps = (described ?? []).filter((c) => c.column_type === "TIMESTAMP" || c.column_type === "TIMESTAMP WITH TIME ZONE")
    const rows = yield* sql.query(
      stamps.length === 0
        ? query
        : `SELECT * REPLACE (${stamps
            .map((c) => `epoch_us("${c.column_name.replaceAll('"', '""')}") AS "${c.column_name.replaceAll('"', '""')}"`)
            .join(", ")}) FROM (${query.trim().replace(/;\s*$/, "")})`
    )
    const columns: Array<ColumnType> =
      described?.map((c) => ({ name: c.column_name, type: c.column_type })) ?? (rows.length > 0 ? Object.keys(rows[0]).map((name) => ({ name })) : [])
    return rowsToArrow(rows, columns, dictionary)
  })
