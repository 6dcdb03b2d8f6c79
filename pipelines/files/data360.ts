// Reading World Bank Data360 extracts (SDMX-style long Parquet: OBS_VALUE and TIME_PERIOD
// are text; breakdown columns SEX/AGE/URBANISATION/COMP_BREAKDOWN_*). Several sources read
// this layout, each declaring which series it wants.
import { Effect } from "effect"
import { SourceFormatError } from "../errors.ts"
import type { LandedFile, StageContext } from "../source.ts"

/** One wanted series: an INDICATOR code, the breakdown values that select it, our id. */
export interface Data360Series {
  readonly code: string
  readonly id: string
  /** Column = value conditions, e.g. { SEX: "_T", AGE: "_T" }. */
  readonly where?: Readonly<Record<string, string>>
}

export const data360Columns = ["REF_AREA", "INDICATOR", "TIME_PERIOD", "OBS_VALUE"] as const

/** Stages the rows of `series` found in a Data360 Parquet file; other series are ignored. */
export const stageData360 = (sourceId: string, file: LandedFile, ctx: StageContext, series: ReadonlyArray<Data360Series>) =>
  Effect.gen(function*() {
    const read = `read_parquet(${ctx.literal(file.path)})`
    const columns = yield* ctx.sql.query<{ column_name: string }>(`SELECT column_name FROM (DESCRIBE SELECT * FROM ${read})`).pipe(
      Effect.mapError((e) => new SourceFormatError({ sourceId, file: file.origin, problem: `not a readable Parquet file (${e.detail.split("\n")[0]})` }))
    )
    const names = new Set(columns.map((c) => c.column_name))
    for (const required of data360Columns) {
      if (!names.has(required)) {
        return yield* new SourceFormatError({ sourceId, file: file.origin, column: required, problem: `required column "${required}" is missing` })
      }
    }
    const arms = series.map((s) => {
      const conditions = [`INDICATOR = ${ctx.literal(s.code)}`]
      for (const [column, value] of Object.entries(s.where ?? {})) {
        if (!names.has(column)) conditions.push("false")
        else conditions.push(`"${column}" = ${ctx.literal(value)}`)
      }
      return `WHEN ${conditions.join(" AND ")} THEN ${ctx.literal(s.id)}`
    })
    const statusFlag = names.has("OBS_STATUS")
      ? `CASE OBS_STATUS WHEN 'E' THEN 'estimate' WHEN 'P' THEN 'provisional' WHEN 'B' THEN 'break' ELSE NULL END`
      : "NULL"
    // Parquet has no lines; the row's position in the file stands in for one.
    yield* ctx.stageSelect(`
      SELECT indicator_id, area, year, value, flag, line, 'OBS_VALUE' AS field FROM (
        SELECT CASE ${arms.join(" ")} END AS indicator_id, REF_AREA AS area, TIME_PERIOD AS year,
               OBS_VALUE AS value, ${statusFlag} AS flag, row_number() OVER () AS line
        FROM ${read}
      ) WHERE indicator_id IS NOT NULL`)
    const matched = yield* ctx.sql.query<{ n: number }>(`SELECT count(*) AS n FROM staged`)
    if (Number(matched[0]?.n ?? 0) === 0) {
      return yield* new SourceFormatError({
        sourceId, file: file.origin,
        problem: `none of the expected series (${series.map((s) => s.code).join(", ")}) is in this file`
      })
    }
  })
