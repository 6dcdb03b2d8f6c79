// What the lake holds: each table, its partition column, and the SQL that types its columns
// the same way in every file (years int16, values double, times as UTC instants), so engines
// that infer a schema from the files agree with the manifest.
import { Effect } from "effect"
import type { Sql } from "../warehouse/Warehouse.ts"

export interface LakeTable {
  readonly name: string
  /** Hive partition column (a folder level `name=value`), or null for one unpartitioned file. */
  readonly partitionBy: string | null
  readonly query: string
}

export const lakeTables: ReadonlyArray<LakeTable> = [
  // Every value of every vintage: revisions survive, vintage ids included.
  { name: "observation_history", partitionBy: "source_id", query: "SELECT * FROM observation_history" },
  // Current values; an indicator missing from the catalogue would still be exported, apart.
  {
    name: "observations",
    partitionBy: "pillar",
    query: "SELECT o.*, coalesce(i.pillar, 'uncatalogued') AS pillar FROM observations o LEFT JOIN indicators i USING (indicator_id)"
  },
  ...[
    "vintages",
    "indicators",
    "countries",
    "recommendations",
    "indicator_recommendations",
    "benchmarks",
    "indicator_status",
    "recommendation_status",
    "runs"
  ].map((name) => ({ name, partitionBy: null, query: `SELECT * FROM ${name}` }))
]

export interface LakeColumn {
  readonly name: string
  /** The DuckDB type written (Parquet's physical and logical types follow from it). */
  readonly type: string
  /** The same type in engine-neutral words (int16, double, string, date, timestamp[us, UTC], ...). */
  readonly portable_type: string
  /** True for the Hive partition column: it lives in the folder name, not in the files. */
  readonly partition?: true
}

const quoteId = (name: string) => `"${name.replaceAll('"', '""')}"`

const integerTypes = new Set(["TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER"])
/** Columns that hold a calendar year, whatever integer type the view gave them. */
const isYear = (name: string) => name === "year" || name.endsWith("_year") || name === "oecd_member_since"

const portable = (type: string): string => {
  const simple: Record<string, string> = {
    VARCHAR: "string",
    SMALLINT: "int16",
    INTEGER: "int32",
    BIGINT: "int64",
    DOUBLE: "double",
    BOOLEAN: "boolean",
    DATE: "date",
    "TIMESTAMP WITH TIME ZONE": "timestamp[us, UTC]"
  }
  if (simple[type]) return simple[type]
  if (type.endsWith("[]")) return `list<${portable(type.slice(0, -2))}>`
  const struct = /^STRUCT\((.*)\)$/.exec(type)
  if (struct) {
    const fields = struct[1].split(/,\s*(?=(?:[^()]*\([^()]*\))*[^()]*$)/).map((f) => {
      const m = /^"?([^"\s]+)"?\s+(.+)$/.exec(f.trim())
      return m ? `${m[1]}: ${portable(m[2])}` : f
    })
    return `struct<${fields.join(", ")}>`
  }
  return type.toLowerCase()
}

export interface TypedTable {
  readonly table: LakeTable
  /** SELECT with every column cast to its lake type (the partition column included, last unchanged). */
  readonly select: string
  /** Columns inside the files, in order, then the partition column. */
  readonly columns: ReadonlyArray<LakeColumn>
  readonly hasVintageId: boolean
}

/** Types a table's columns for the lake from what the warehouse view declares. */
export const typedTable = (sql: Sql, table: LakeTable) =>
  Effect.gen(function* () {
    const described = yield* sql.query<{ column_name: string; column_type: string }>(`SELECT column_name, column_type FROM (DESCRIBE ${table.query})`)
    const exprs: Array<string> = []
    const columns: Array<LakeColumn> = []
    for (const { column_name: name, column_type: type } of described) {
      const id = quoteId(name)
      let expr = id
      let out = type
      if (type === "TIMESTAMP") {
        // Stored as UTC wall time; written as an instant so every engine reads the same moment.
        expr = `timezone('UTC', ${id})`
        out = "TIMESTAMP WITH TIME ZONE"
      } else if (isYear(name) && integerTypes.has(type)) {
        expr = `CAST(${id} AS SMALLINT)`
        out = "SMALLINT"
      } else if (type === "HUGEINT") {
        expr = `CAST(${id} AS BIGINT)`
        out = "BIGINT"
      }
      exprs.push(`${expr} AS ${id}`)
      if (name !== table.partitionBy) columns.push({ name, type: out, portable_type: portable(out) })
    }
    if (table.partitionBy !== null) {
      const p = described.find((c) => c.column_name === table.partitionBy)
      if (p?.column_type !== "VARCHAR") throw new Error(`lake table ${table.name}: partition column ${table.partitionBy} must be VARCHAR`)
      columns.push({ name: table.partitionBy, type: "VARCHAR", portable_type: "string", partition: true })
    }
    return {
      table,
      select: `SELECT ${exprs.join(", ")} FROM (${table.query})`,
      columns,
      hasVintageId: described.some((c) => c.column_name === "vintage_id")
    } satisfies TypedTable
  })

/** Hive's folder name for a partition value (its escaping: % and unsafe characters as %XX). */
export const partitionFolder = (column: string, value: string) =>
  `${column}=${value.replace(/[^A-Za-z0-9_.-]/g, (c) => Array.from(new TextEncoder().encode(c), (b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join(""))}`
