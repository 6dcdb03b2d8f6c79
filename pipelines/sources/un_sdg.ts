// UN SDG Global Database series, in two forms.
//
// Live: the UN Statistics Division's SDG API v1 (the custodian's own service),
//   GET https://unstats.un.org/SDGAPI/v1/sdg/Series/Data?seriesCode=<code>&page=N&pageSize=1000
// for SE_ADT_ACTS and IT_NET_BBND, all areas (no areaCode). Documentation: the API's swagger,
// https://unstats.un.org/SDGAPI/swagger/ (`/v1/sdg/Series/Data`: seriesCode, areaCode,
// timePeriod, dimensions, page, pageSize). Paging is by page from 1; each page is
//   {size, totalElements, totalPages, pageNumber, attributes:[code lists], dimensions:[code lists],
//    data:[{series, geoAreaCode:"4" (text, unpadded M49), timePeriodStart:2019.0, value:"41.77" (text),
//           attributes:{Nature, Units}, dimensions:{Age, Sex, Location, "Type of skill", ...}, footnotes:[...]}]}
// and the pages are landed as one canonical JSON of all records (pipelines/live/retrieve.ts,
// paging "un-sdg"). Dimension names are matched case- and separator-blind ("Type of skill",
// "Type_of_skill"), and the key order inside `dimensions` varies between records. A dimension a
// record does not carry is "no breakdown" (the DDF's notspec / allage). Nature comes as an
// attribute, not a dimension. A record without series, geoAreaCode, timePeriodStart or
// value is a changed API: the whole file fails.
//
// Files: the same series as re-published by open-numbers in the long DDF layout
// (one CSV per series, one column per dimension, the value in a column named after the
// series). Areas are UN M49 numbers without zero padding; the countries catalogue knows
// them, and M49 regions are aggregates, so they are kept apart by the shared loader.
//  - SDG 4.4.1 SE_ADT_ACTS: share of people with an ICT skill, by type of skill. Skill codes
//    come and go between survey years; a code missing in a year is simply not staged, so a
//    chart never sees a value the survey did not ask for.
//  - SDG 17.6.1 IT_NET_BBND: fixed broadband per 100 inhabitants, by speed tier.
// Facts about the files: ../shared/data/raw/PROVENANCE.md §6.1.
import { Effect, Schema } from "effect"
import { decodeExternal } from "../decode.ts"
import { SourceFormatError } from "../errors.ts"
import { readLongCsv, type LongCsv } from "../files/ddf.ts"
import { decodeText, firstByteWhere } from "../files/text.ts"
import type { LandedFile, Source, StageContext, StagedRow } from "../source.ts"

const id = "un_sdg"

/** Skills whose women/men split is loaded under its own id (see the catalogue note on SDG.SE_ADT_ACTS.PCPR.F). */
export const sexSplitSkills: ReadonlyArray<string> = ["pcpr"]

/** SDG "nature" codes as value flags; c (country data) and n (not relevant, aggregates) carry none. */
const natureFlag = (column: string) => `CASE lower(${column}) WHEN 'e' THEN 'estimate' WHEN 'm' THEN 'modelled' WHEN 'ca' THEN 'adjusted' ELSE NULL END`

/** M49 codes are unpadded in this layout; a re-saved file might pad them ("008"). */
const m49 = (column: string) => `CASE WHEN regexp_matches(${column}, '^0+[0-9]+$') THEN ltrim(${column}, '0') ELSE ${column} END`

/** Fails the file when a column that must hold one known code holds another (a changed series). */
const requireOnly = (file: LandedFile, ctx: StageContext, csv: LongCsv, column: string, allowed: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    if (!csv.has(column)) return
    const list = allowed.map((a) => ctx.literal(a)).join(", ")
    const other = yield* ctx.sql.query<{ v: string; line: number }>(
      `SELECT v, line FROM (SELECT lower(trim(${csv.col(column)})) AS v, row_number() OVER () + 1 AS line FROM ${csv.read})
       WHERE v NOT IN (${list}) LIMIT 1`
    )
    if (other.length > 0) {
      return yield* new SourceFormatError({
        sourceId: id,
        file: file.origin,
        line: Number(other[0].line),
        column,
        problem: `"${column}" is "${other[0].v}" but only ${allowed.join(", ")} is expected; the series has changed shape and needs review`
      })
    }
  })

const stageSkills = (file: LandedFile, ctx: StageContext) =>
  Effect.gen(function* () {
    const csv = yield* readLongCsv(id, file, ctx, ["geo_area", "year", "type_of_skill", "age", "sex", "location", "units", "nature", "se_adt_acts"])
    yield* requireOnly(file, ctx, csv, "units", ["percent"])
    const c = csv.col
    const split = sexSplitSkills.map((s) => ctx.literal(s)).join(", ")
    // All ages, both sexes, all areas per skill; women and men apart for the skills listed above.
    yield* ctx.stageSelect(`
      SELECT 'SDG.SE_ADT_ACTS.' || upper(skill) || CASE sex WHEN 'female' THEN '.F' WHEN 'male' THEN '.M' ELSE '' END AS indicator_id,
             area, year, value, flag, line, 'se_adt_acts' AS field
      FROM (
        SELECT lower(trim(${c("type_of_skill")})) AS skill, lower(trim(${c("sex")})) AS sex, lower(trim(${c("age")})) AS age,
               lower(trim(${c("location")})) AS location, ${m49(`trim(${c("geo_area")})`)} AS area, ${c("year")} AS year,
               ${c("se_adt_acts")} AS value, ${natureFlag(c("nature"))} AS flag, row_number() OVER () + 1 AS line
        FROM ${csv.read})
      WHERE age = 'allage' AND location = 'allarea' AND skill <> ''
        AND (sex = 'bothsex' OR (sex IN ('female', 'male') AND skill IN (${split})))`)
    return "un-sdg-ddf:se_adt_acts"
  })

const stageBroadband = (file: LandedFile, ctx: StageContext) =>
  Effect.gen(function* () {
    const csv = yield* readLongCsv(id, file, ctx, ["geo_area", "year", "type_of_speed", "units", "nature", "it_net_bbnd"])
    yield* requireOnly(file, ctx, csv, "units", ["per_100_pop"])
    const c = csv.col
    // The series has no other breakdown today; if one appears, only the unbroken rows are loaded.
    const unbroken = ["age", "freq", "location", "sex"].filter((d) => csv.has(d)).map((d) => `lower(trim(${c(d)})) = 'notspec'`)
    yield* ctx.stageSelect(`
      SELECT 'SDG.IT_NET_BBND.' || upper(trim(${c("type_of_speed")})) AS indicator_id, ${m49(`trim(${c("geo_area")})`)} AS area,
             ${c("year")} AS year, ${c("it_net_bbnd")} AS value, ${natureFlag(c("nature"))} AS flag,
             line, 'it_net_bbnd' AS field
      FROM (SELECT *, row_number() OVER () + 1 AS line FROM ${csv.read})
      WHERE trim(${c("type_of_speed")}) <> '' ${unbroken.map((u) => `AND ${u}`).join(" ")}`)
    return "un-sdg-ddf:it_net_bbnd"
  })

/** The SDG API's series codes brecha retrieves, with the unit each must carry. */
export const sdgSeries = [
  { code: "SE_ADT_ACTS", units: "percent" },
  { code: "IT_NET_BBND", units: "per_100_pop" }
] as const

const natureFlags: Readonly<Record<string, string>> = { e: "estimate", m: "modelled", ca: "adjusted" }

/** "Type of skill", "Type_of_skill", "type of skill" → "type_of_skill". */
const dimKey = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")

/** The SDG API answer's outer shape: `{totalElements, totalPages, pageNumber, data:[...]}`; a record is checked below. */
const SdgApiPage = Schema.Struct({ data: Schema.Array(Schema.Record(Schema.String, Schema.Unknown)) })

const Labels = Schema.optionalKey(Schema.NullOr(Schema.Record(Schema.String, Schema.Unknown)))

/** The fields of a record we read; the API sends the value as text, but a number is taken too. */
const SdgRecord = Schema.Struct({
  series: Schema.String,
  geoAreaCode: Schema.Union([Schema.String, Schema.Number]),
  timePeriodStart: Schema.Union([Schema.Number, Schema.String]),
  value: Schema.NullOr(Schema.Union([Schema.String, Schema.Number])),
  attributes: Labels,
  dimensions: Labels
})

/** The SDG API answer (one page, or all pages landed as one). */
const stageApiJson = (file: LandedFile, ctx: StageContext) =>
  Effect.gen(function* () {
    const where = { sourceId: id, file: file.origin }
    const fail = (problem: string) => new SourceFormatError({ ...where, problem })
    const text = yield* decodeText(file.bytes, where)
    const doc = yield* Effect.try({
      try: (): unknown => JSON.parse(text),
      catch: (e) => fail(`not valid JSON (${e instanceof Error ? e.message : String(e)})`)
    })
    const { data } = yield* decodeExternal(SdgApiPage, doc, (problem) =>
      fail(`expected the UN SDG API layout {totalElements, totalPages, pageNumber, data:[...]} (${problem})`)
    )
    const rows: Array<StagedRow> = []
    const series = new Set<string>()
    for (const [i, fields] of data.entries()) {
      const at = `record ${i + 1}`
      const missing = ["series", "geoAreaCode", "timePeriodStart", "value"].filter((k) => !(k in fields))
      if (missing.length > 0) {
        return yield* fail(
          `${at}: field(s) ${missing.map((m) => `"${m}"`).join(", ")} missing (it has ${Object.keys(fields).join(", ") || "no fields"}); the API layout changed`
        )
      }
      const record = yield* decodeExternal(SdgRecord, fields, (problem) => fail(`${at}: ${problem}`))
      const code = record.series
      const known = sdgSeries.find((s) => s.code === code)
      if (!known) return yield* fail(`${at}: series "${code}" is not one brecha asks for (${sdgSeries.map((s) => s.code).join(", ")})`)
      series.add(code)
      const dims = Object.fromEntries(
        Object.entries(record.dimensions ?? {}).map(([k, v]) => [
          dimKey(k),
          String(v ?? "")
            .trim()
            .toLowerCase()
        ])
      )
      const attrs = Object.fromEntries(
        Object.entries(record.attributes ?? {}).map(([k, v]) => [
          dimKey(k),
          String(v ?? "")
            .trim()
            .toLowerCase()
        ])
      )
      if (attrs.units !== undefined && attrs.units !== known.units) {
        return yield* new SourceFormatError({
          ...where,
          column: "Units",
          problem: `${at}: Units is "${attrs.units}" but only ${known.units} is expected; the series has changed shape and needs review`
        })
      }
      const year = String(record.timePeriodStart)
      const value = record.value === null ? null : String(record.value)
      const base = { area: String(record.geoAreaCode).trim(), year, value, flag: natureFlags[attrs.nature ?? ""] ?? null, line: i + 1 }
      // An absent dimension is no breakdown by it.
      const none = (name: string, total: string) => dims[name] === undefined || dims[name] === "" || dims[name] === total
      if (code === "SE_ADT_ACTS") {
        const skill = dims.type_of_skill ?? ""
        const sex = dims.sex ?? "bothsex"
        if (skill === "" || !none("age", "allage") || !none("location", "allarea")) continue
        const suffix =
          sex === "bothsex" ? "" : sex === "female" && sexSplitSkills.includes(skill) ? ".F" : sex === "male" && sexSplitSkills.includes(skill) ? ".M" : null
        if (suffix === null) continue
        rows.push({ ...base, indicator_id: `SDG.SE_ADT_ACTS.${skill.toUpperCase()}${suffix}`, field: "value" })
      } else {
        const speed = dims.type_of_speed ?? ""
        if (speed === "" || !["age", "freq", "location", "sex"].every((d) => none(d, "notspec"))) continue
        rows.push({ ...base, indicator_id: `SDG.IT_NET_BBND.${speed.toUpperCase()}`, field: "value" })
      }
    }
    yield* ctx.stageRows(rows)
    return `un-sdg-api-json:${[...series].sort().join("+").toLowerCase() || "empty"}`
  })

const skillName = (code: string) => `Proportion of youth and adults with ICT skills, skill ${code} (%)`

export const unSdg: Source = {
  id,
  title: "UN SDG Global Database (SDG 4.4.1 ICT skills, SDG 17.6.1 broadband by speed)",
  publisher: "UN Statistics Division (custodian: ITU); files re-published as DDF by open-numbers",
  licence: "CC BY 4.0",
  homepage: "https://unstats.un.org/sdgs/dataportal",
  mirror: ["un-sdg/ddf--datapoints--se_adt_acts--by--*.csv", "un-sdg/ddf--datapoints--it_net_bbnd--by--*.csv"],
  live: {
    baseUrl: "https://unstats.un.org/SDGAPI",
    datasets: (base) =>
      sdgSeries.map(({ code }) => ({
        unit: `api/${code}`,
        url: `${base}/v1/sdg/Series/Data?seriesCode=${code}`,
        fileName: `${code}.json`,
        paging: "un-sdg" as const,
        pageSize: 1000,
        expect: "json" as const
      }))
  },
  stage: (file, ctx) =>
    Effect.gen(function* () {
      const first = firstByteWhere(file, (b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0xef && b !== 0xbb && b !== 0xbf)
      const isJson = first === 0x7b /* { */
      const csv = isJson ? undefined : yield* readLongCsv(id, file, ctx, [])
      const format = isJson
        ? yield* stageApiJson(file, ctx)
        : csv!.has("se_adt_acts")
          ? yield* stageSkills(file, ctx)
          : csv!.has("it_net_bbnd")
            ? yield* stageBroadband(file, ctx)
            : yield* new SourceFormatError({
                sourceId: id,
                file: file.origin,
                line: 1,
                column: "se_adt_acts",
                problem: `not a known SDG series file: the header has neither a "se_adt_acts" nor an "it_net_bbnd" value column (found: ${csv!.header.join(", ").slice(0, 200)})`
              })
      const ids = yield* ctx.sql.query<{ indicator_id: string }>("SELECT DISTINCT indicator_id FROM staged ORDER BY 1")
      const indicatorNames = Object.fromEntries(
        ids.map(({ indicator_id }) => {
          const [, series, code, sex] = indicator_id.split(".")
          const name =
            series === "SE_ADT_ACTS"
              ? skillName(code) + (sex === "F" ? ", women" : sex === "M" ? ", men" : "")
              : `Fixed broadband subscriptions per 100 inhabitants, speed ${code}`
          return [indicator_id, name]
        })
      )
      return { format, releasedAt: null, indicatorNames }
    })
}
