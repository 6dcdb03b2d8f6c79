// Builds the StageContext a source writes its rows into: a `staged` relation with the
// columns of source.ts's StagedRow, either a view over a SELECT or a temp table of rows.
import { Effect } from "effect"
import type { StageContext, StagedRow } from "../source.ts"
import type { Sql } from "../warehouse/Warehouse.ts"

export const literal = (text: string): string => `'${text.replaceAll("'", "''")}'`

export const makeStageContext = (sql: Sql): StageContext => {
  let rowsTableReady = false
  return {
    sql,
    literal,
    stageSelect: (select, params) =>
      Effect.gen(function* () {
        // Parameters cannot be bound inside a view; inline them as literals.
        let text = select
        ;(params ?? []).forEach((p, i) => {
          text = text.replaceAll(`$${i + 1}`, p === null ? "NULL" : typeof p === "number" ? String(p) : literal(String(p)))
        })
        yield* sql.run(
          `CREATE OR REPLACE TEMP VIEW staged AS SELECT CAST(indicator_id AS VARCHAR) AS indicator_id, CAST(area AS VARCHAR) AS area,
             CAST(year AS VARCHAR) AS year, CAST(value AS VARCHAR) AS value, CAST(flag AS VARCHAR) AS flag,
             CAST(line AS BIGINT) AS line, CAST(field AS VARCHAR) AS field FROM (${text})`
        )
      }),
    stageRows: (rows) =>
      Effect.gen(function* () {
        if (!rowsTableReady) {
          yield* sql.run(
            `CREATE OR REPLACE TEMP TABLE staged_rows (indicator_id VARCHAR, area VARCHAR, year VARCHAR, value VARCHAR,
               flag VARCHAR, line BIGINT, field VARCHAR)`
          )
          yield* sql.run(`CREATE OR REPLACE TEMP VIEW staged AS SELECT * FROM staged_rows`)
          rowsTableReady = true
        }
        yield* sql.append(
          "staged_rows",
          rows.map((r: StagedRow) => [
            r.indicator_id,
            r.area,
            String(r.year),
            r.value === null ? null : String(r.value),
            r.flag ?? null,
            r.line ?? null,
            r.field ?? null
          ])
        )
      })
  }
}
