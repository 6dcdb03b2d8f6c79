// UNESCO Institute for Statistics (UIS). brecha uses it for the share of tertiary graduates
// who studied ICT, by sex (FOSGP.5T8.F600.F / .M); any indicator in a file is staged under
// the publisher's id. The answers are small: decoded in JS.
//
// Live: the UIS data API, the publisher's own service,
//   GET https://api.uis.unesco.org/api/public/data/indicators?indicator=FOSGP.5T8.F600.F
// (no geoUnit: every country and region). Documentation:
// https://api.uis.unesco.org/api/public/documentation/ (OpenAPI at /api/public/openapi/schema.json).
// There is no paging (one answer holds up to 100,000 records; these indicators hold a few
// thousand) and no rate limit. The answer is
//   {hints:[], records:[{indicatorId, geoUnit, year:2019, value:2.86, magnitude, qualifier}], indicatorMetadata:[]}
// The API reports problems as `hints` ({code:"UIS::HINT::003", message:"The geoUnit could not
// be found, XXX"}) with HTTP 200, and silently ignores parameters it does not know (the year
// filters are `start`/`end`; `startYear` would be dropped without a word): so any hint fails
// the file, and no filter is sent that could be ignored. No records and no hints is an empty
// series, judged by the shared plausibility check.
//
// Files: CSV as the same API's download gives it (`indicatorId,geoUnit,year,value,qualifier,magnitude`).
//
// The two metadata columns change what a value means, so both are read strictly:
//  - magnitude NA  = "not applicable" (the category does not exist, e.g. a territory with no
//    tertiary graduates). The 0 written beside it is a placeholder, not a measured share:
//    it is treated as missing.
//  - magnitude NIL = "nil or negligible": a real measurement that rounds to zero. The 0 is
//    kept as a value.
//  - qualifier NAT_EST / UIS_EST = a national or a UIS estimate: kept as flag "estimate".
// An unknown code in either column fails the file rather than being guessed at.
import { Effect, Schema } from "effect"
import { decodeExternal } from "../decode.ts"
import { SourceFormatError } from "../errors.ts"
import { readCsvTable } from "../files/csv.ts"
import { decodeText, firstByteWhere } from "../files/text.ts"
import type { LandedFile, Source, StagedRow } from "../source.ts"

const id = "unesco_uis"
const columns = ["indicatorId", "geoUnit", "year", "value", "qualifier", "magnitude"] as const

const qualifierFlags: Readonly<Record<string, string | null>> = { "": null, NAT_EST: "estimate", UIS_EST: "estimate" }
const magnitudes = new Set(["", "NA", "NIL"])

/**
 * Breaks in a series that the file does not mark, with the reason; the first value after
 * the break is flagged. Mexico's ICT-graduate shares move by a factor of 2–4 between two
 * consecutive years, for both sexes, twice (2009→2010 down, 2016→2017 up) and then stay at
 * the new level: a share of a graduating cohort of Mexico's size cannot move like that, so
 * these are changes in how programmes were classified or reported, not in the graduates.
 * The 2017 jump matches the move from ISCED-97 fields to ISCED-F 2013; the cause of the 2010
 * drop is not documented in the file (see the catalogue notes).
 */
export const knownBreaks: ReadonlyArray<{ readonly indicatorPrefix: string; readonly area: string; readonly years: ReadonlyArray<number> }> = [
  { indicatorPrefix: "FOSGP.5T8.F600.", area: "MEX", years: [2010, 2017] }
]

const isBreak = (indicator: string, area: string, year: string) =>
  knownBreaks.some((b) => indicator.startsWith(b.indicatorPrefix) && b.area === area && b.years.includes(Number(year)))

/** The indicators retrieved live. */
export const uisIndicators = ["FOSGP.5T8.F600.F", "FOSGP.5T8.F600.M"] as const

interface UisCells {
  readonly indicatorId: string
  readonly geoUnit: string
  readonly year: string
  readonly value: string | null
  readonly qualifier: string
  readonly magnitude: string
}

/** One record of either layout, read strictly (see the header). */
const stageRecord = (file: LandedFile, line: number, cells: UisCells) =>
  Effect.gen(function* () {
    const options = { sourceId: id, file: file.origin, line }
    const magnitude = cells.magnitude.toUpperCase()
    if (!Object.hasOwn(qualifierFlags, cells.qualifier)) {
      return yield* new SourceFormatError({
        ...options,
        column: "qualifier",
        problem: `unknown qualifier "${cells.qualifier}" (known: NAT_EST, UIS_EST or empty)`
      })
    }
    if (!magnitudes.has(magnitude)) {
      return yield* new SourceFormatError({ ...options, column: "magnitude", problem: `unknown magnitude "${magnitude}" (known: NA, NIL or empty)` })
    }
    return {
      indicator_id: cells.indicatorId,
      area: cells.geoUnit,
      year: cells.year,
      value: magnitude === "NA" ? null : cells.value,
      flag: isBreak(cells.indicatorId, cells.geoUnit, cells.year) ? "break" : qualifierFlags[cells.qualifier],
      line,
      field: "value"
    } satisfies StagedRow
  })

const text = (v: unknown): string => (v === null || v === undefined ? "" : String(v).trim())

/** The data API's answer: `{hints:[{code, message}], records:[...], indicatorMetadata:[...]}`; a record is checked below. */
const UisApiAnswer = Schema.Struct({
  hints: Schema.Array(Schema.Struct({ code: Schema.optionalKey(Schema.Unknown), message: Schema.optionalKey(Schema.Unknown) })),
  records: Schema.Array(Schema.Record(Schema.String, Schema.Unknown))
})

/** The fields of a record we read: `year` a number, `value` a float or null (text tolerated). */
const UisRecord = Schema.Struct({
  indicatorId: Schema.String,
  geoUnit: Schema.String,
  year: Schema.Union([Schema.Number, Schema.String]),
  value: Schema.NullOr(Schema.Union([Schema.Number, Schema.String])),
  qualifier: Schema.optionalKey(Schema.NullOr(Schema.String)),
  magnitude: Schema.optionalKey(Schema.NullOr(Schema.String))
})

/** The data API's JSON answer. */
const stageApiJson = (file: LandedFile) =>
  Effect.gen(function* () {
    const where = { sourceId: id, file: file.origin }
    const fail = (problem: string) => new SourceFormatError({ ...where, problem })
    const body = yield* decodeText(file.bytes, where)
    const doc = yield* Effect.try({
      try: (): unknown => JSON.parse(body),
      catch: (e) => fail(`not valid JSON (${e instanceof Error ? e.message : String(e)})`)
    })
    const { hints, records } = yield* decodeExternal(UisApiAnswer, doc, (problem) =>
      fail(`expected the UIS data API layout {hints:[...], records:[...], indicatorMetadata:[...]} (${problem})`)
    )
    if (hints.length > 0) {
      const said = hints.map((h) => `${text(h.code)} ${text(h.message)}`.trim()).join("; ")
      return yield* fail(`the UIS API answered with hints instead of data: ${said}`)
    }
    const rows: Array<StagedRow> = []
    for (const [i, fields] of records.entries()) {
      const missing = ["indicatorId", "geoUnit", "year", "value"].filter((k) => !(k in fields))
      if (missing.length > 0) {
        return yield* fail(
          `record ${i + 1}: field(s) ${missing.map((m) => `"${m}"`).join(", ")} missing (it has ${Object.keys(fields).join(", ") || "no fields"}); the API layout changed`
        )
      }
      const record = yield* decodeExternal(UisRecord, fields, (problem) => fail(`record ${i + 1}: ${problem}`))
      rows.push(
        yield* stageRecord(file, i + 1, {
          indicatorId: text(record.indicatorId),
          geoUnit: text(record.geoUnit),
          year: text(record.year),
          value: record.value === null ? null : String(record.value),
          qualifier: text(record.qualifier),
          magnitude: text(record.magnitude)
        })
      )
    }
    return rows
  })

const stageCsv = (file: LandedFile) =>
  Effect.gen(function* () {
    const { header, records, at } = yield* readCsvTable(id, file, columns)
    const rows: Array<StagedRow> = []
    for (const record of records) {
      // A short record is a cut or broken line, not a row of empty cells.
      if (record.fields.length !== header.fields.length) {
        return yield* new SourceFormatError({
          sourceId: id,
          file: file.origin,
          line: record.line,
          problem: `the record has ${record.fields.length} fields but the header has ${header.fields.length}`
        })
      }
      const cell = (name: (typeof columns)[number]) => (record.fields[at[name]] ?? "").trim()
      rows.push(
        yield* stageRecord(file, record.line, {
          indicatorId: cell("indicatorId"),
          geoUnit: cell("geoUnit"),
          year: cell("year"),
          value: cell("value"),
          qualifier: cell("qualifier"),
          magnitude: cell("magnitude")
        })
      )
    }
    return rows
  })

export const unescoUis: Source = {
  id,
  title: "UNESCO Institute for Statistics (graduates from ICT programmes)",
  publisher: "UNESCO Institute for Statistics",
  licence: "not stated in the copy held (a third-party GitHub copy of a UIS API download)",
  homepage: "https://databrowser.uis.unesco.org",
  mirror: ["unesco-uis/data_ICT_*.csv"],
  live: {
    baseUrl: "https://api.uis.unesco.org/api/public",
    datasets: (base) =>
      uisIndicators.map((indicator) => ({
        unit: `api/${indicator}`,
        url: `${base}/data/indicators?indicator=${encodeURIComponent(indicator)}`,
        fileName: `${indicator}.json`,
        paging: "none" as const,
        expect: "json" as const
      }))
  },
  stage: (file, ctx) =>
    Effect.gen(function* () {
      const first = firstByteWhere(file, (b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0xef && b !== 0xbb && b !== 0xbf)
      const json = first === 0x7b /* { */
      const rows = json ? yield* stageApiJson(file) : yield* stageCsv(file)
      yield* ctx.stageRows(rows)
      return { format: json ? "uis-api-json" : "uis-api-csv", releasedAt: null }
    })
}
