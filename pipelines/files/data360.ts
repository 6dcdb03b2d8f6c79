// Reading World Bank Data360 extracts (SDMX-style long Parquet: OBS_VALUE and TIME_PERIOD
// are text; breakdown columns SEX/AGE/URBANISATION/COMP_BREAKDOWN_*). Several sources read
// this layout, each declaring which series it wants.
import { Effect, Schema } from "effect"
import { basename } from "node:path"
import { decodeExternal } from "../decode.ts"
import { SourceFormatError } from "../errors.ts"
import type { LandedFile, LiveDataset, StageContext } from "../source.ts"

/** One wanted series: an INDICATOR code, the breakdown values that select it, our id. */
export interface Data360Series {
  /** DATABASE_ID of the series in the Data360 API (for live retrieval). */
  readonly database?: string
  readonly code: string
  readonly id: string
  /** Column = value conditions, e.g. { SEX: "_T", AGE: "_T" }. */
  readonly where?: Readonly<Record<string, string>>
  /** The publisher writes 0 for "not measured" in this series (UN EGDI): 0 is then missing. */
  readonly zeroIsMissing?: boolean
}

export const data360Columns = ["REF_AREA", "INDICATOR", "TIME_PERIOD", "OBS_VALUE"] as const

/** One page of the Data360 API's answer: `{count, value: [row, ...]}`, a row being column → value. */
const Data360Page = Schema.Struct({ value: Schema.Array(Schema.Record(Schema.String, Schema.Unknown)) })

/** Stages the rows of `series` found in a Data360 Parquet file; other series are ignored. */
export const stageData360 = (sourceId: string, file: LandedFile, ctx: StageContext, series: ReadonlyArray<Data360Series>) =>
  Effect.gen(function* () {
    const read = `read_parquet(${ctx.literal(file.path)})`
    const columns = yield* ctx.sql
      .query<{ column_name: string }>(`SELECT column_name FROM (DESCRIBE SELECT * FROM ${read})`)
      .pipe(Effect.mapError((e) => new SourceFormatError({ sourceId, file: file.origin, problem: `not a readable Parquet file (${e.detail.split("\n")[0]})` })))
    yield* stageData360Relation(sourceId, file, ctx, series, read, new Set(columns.map((c) => c.column_name)))
  })

/**
 * Stages the rows of the Data360 API's JSON answer (`{count, value:[{OBS_VALUE, TIME_PERIOD,
 * REF_AREA, INDICATOR, SEX, ...}]}`, as landed by pipelines/live) through the same series
 * filter as the Parquet extracts: the rows go into a temp table of text columns first.
 */
export const stageData360Json = (sourceId: string, file: LandedFile, ctx: StageContext, series: ReadonlyArray<Data360Series>) =>
  Effect.gen(function* () {
    const fail = (problem: string) => new SourceFormatError({ sourceId, file: file.origin, problem })
    const text = new TextDecoder("utf-8").decode(file.bytes)
    const doc = yield* Effect.try({
      try: (): unknown => JSON.parse(text),
      catch: (e) => fail(`not valid JSON (${e instanceof Error ? e.message : String(e)})`)
    })
    const { value: rows } = yield* decodeExternal(Data360Page, doc, (problem) => fail(`expected the Data360 API layout {count, value:[...]} (${problem})`))
    const names = new Set<string>(data360Columns)
    for (const row of rows) for (const key of Object.keys(row)) names.add(key)
    if (rows.length > 0) {
      const present = new Set(Object.keys(rows[0]))
      for (const required of data360Columns) {
        if (!present.has(required)) return yield* fail(`row 1 has no "${required}" field (it has ${[...present].join(", ")}); the API layout changed`)
      }
    }
    const columns = [...names].filter((n) => /^[A-Za-z0-9_]+$/.test(n))
    yield* ctx.sql.run(`CREATE OR REPLACE TEMP TABLE data360_api_rows (${columns.map((c) => `"${c}" VARCHAR`).join(", ")})`)
    yield* ctx.sql.append(
      "data360_api_rows",
      rows.map((row) =>
        columns.map((c) => {
          const v = row[c]
          return v === null || v === undefined ? null : typeof v === "object" ? JSON.stringify(v) : String(v)
        })
      )
    )
    yield* stageData360Relation(sourceId, file, ctx, series, "data360_api_rows", new Set(columns))
  })

/** The series filter shared by every Data360 layout: `relation` has the Data360 columns as text. */
const stageData360Relation = (
  sourceId: string,
  file: LandedFile,
  ctx: StageContext,
  series: ReadonlyArray<Data360Series>,
  read: string,
  names: ReadonlySet<string>
) =>
  Effect.gen(function* () {
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
    const zeroMissing = series.filter((s) => s.zeroIsMissing).map((s) => ctx.literal(s.id))
    const value =
      zeroMissing.length === 0 ? "value" : `CASE WHEN indicator_id IN (${zeroMissing.join(", ")}) AND TRY_CAST(value AS DOUBLE) = 0 THEN NULL ELSE value END`
    yield* ctx.stageSelect(`
      SELECT indicator_id, area, year, ${value} AS value, flag, line, 'OBS_VALUE' AS field FROM (
        SELECT CASE ${arms.join(" ")} END AS indicator_id, REF_AREA AS area, TIME_PERIOD AS year,
               OBS_VALUE AS value, ${statusFlag} AS flag, row_number() OVER () AS line
        FROM ${read}
      ) WHERE indicator_id IS NOT NULL`)
    const matched = yield* ctx.sql.query<{ n: number; total: number }>(`SELECT (SELECT count(*) FROM staged) AS n, (SELECT count(*) FROM ${read}) AS total`)
    // An answer with no rows at all is left to the shared load path (first load: an error;
    // after earlier vintages: an implausible empty series, quarantined). Rows of other series only is this file's problem.
    if (Number(matched[0]?.n ?? 0) === 0 && Number(matched[0]?.total ?? 0) > 0) {
      return yield* new SourceFormatError({
        sourceId,
        file: file.origin,
        problem: `none of the expected series (${[...new Set(series.map((s) => s.code))].join(", ")}) is in this file`
      })
    }
  })

/** Live datasets of the Data360 API for a list of series: one per (database, indicator), paged. */
export const data360LiveDatasets = (base: string, series: ReadonlyArray<Data360Series>): ReadonlyArray<LiveDataset> =>
  [...new Set(series.filter((s) => s.database).map((s) => `${s.database}/${s.code}`))].map((key) => {
    const [database, code] = key.split("/")
    return {
      unit: `api/${database}/${code}`,
      url: `${base}/data360/data?DATABASE_ID=${encodeURIComponent(database)}&INDICATOR=${encodeURIComponent(code)}`,
      fileName: `${database}_${code}.json`,
      // The API pages with skip/top, at most 1000 rows a page.
      paging: "data360" as const,
      pageSize: 1000,
      expect: "json" as const
    }
  })

/** Stages a Data360 file of either kind: an API answer (JSON) or an extract (Parquet). */
export const stageData360File = (sourceId: string, file: LandedFile, ctx: StageContext, series: ReadonlyArray<Data360Series>) =>
  Effect.gen(function* () {
    if (file.path.endsWith(".json")) {
      yield* stageData360Json(sourceId, file, ctx, series)
      return { format: "data360-api-json", releasedAt: null }
    }
    yield* stageData360(sourceId, file, ctx, series)
    return { format: `data360-parquet:${basename(file.path)}`, releasedAt: null }
  })
