// UN SDG Global Database series, as re-published by open-numbers in the long DDF layout
// (one CSV per series, one column per dimension, the value in a column named after the
// series). Areas are UN M49 numbers without zero padding; the countries catalogue knows
// them, and M49 regions are aggregates, so they are kept apart by the shared loader.
//  - SDG 4.4.1 SE_ADT_ACTS: share of people with an ICT skill, by type of skill. Skill codes
//    come and go between survey years; a code missing in a year is simply not staged, so a
//    chart never sees a value the survey did not ask for.
//  - SDG 17.6.1 IT_NET_BBND: fixed broadband per 100 inhabitants, by speed tier.
// Facts about the files: ../shared/data/raw/PROVENANCE.md §6.1.
import { Effect } from "effect"
import { SourceFormatError } from "../errors.ts"
import { readLongCsv, type LongCsv } from "../files/ddf.ts"
import type { LandedFile, Source, StageContext } from "../source.ts"

const id = "un_sdg"

/** Skills whose women/men split is loaded under its own id (see the catalogue note on SDG.SE_ADT_ACTS.PCPR.F). */
export const sexSplitSkills: ReadonlyArray<string> = ["pcpr"]

/** SDG "nature" codes as value flags; c (country data) and n (not relevant, aggregates) carry none. */
const natureFlag = (column: string) =>
  `CASE lower(${column}) WHEN 'e' THEN 'estimate' WHEN 'm' THEN 'modelled' WHEN 'ca' THEN 'adjusted' ELSE NULL END`

/** M49 codes are unpadded in this layout; a re-saved file might pad them ("008"). */
const m49 = (column: string) => `CASE WHEN regexp_matches(${column}, '^0+[0-9]+$') THEN ltrim(${column}, '0') ELSE ${column} END`

/** Fails the file when a column that must hold one known code holds another (a changed series). */
const requireOnly = (file: LandedFile, ctx: StageContext, csv: LongCsv, column: string, allowed: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    if (!csv.has(column)) return
    const list = allowed.map((a) => ctx.literal(a)).join(", ")
    const other = yield* ctx.sql.query<{ v: string; line: number }>(
      `SELECT v, line FROM (SELECT lower(trim(${csv.col(column)})) AS v, row_number() OVER () + 1 AS line FROM ${csv.read})
       WHERE v NOT IN (${list}) LIMIT 1`)
    if (other.length > 0) {
      return yield* new SourceFormatError({
        sourceId: id, file: file.origin, line: Number(other[0].line), column,
        problem: `"${column}" is "${other[0].v}" but only ${allowed.join(", ")} is expected; the series has changed shape and needs review`
      })
    }
  })

const stageSkills = (file: LandedFile, ctx: StageContext) =>
  Effect.gen(function*() {
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
  Effect.gen(function*() {
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

const skillName = (code: string) => `Proportion of youth and adults with ICT skills, skill ${code} (%)`

export const unSdg: Source = {
  id,
  title: "UN SDG Global Database (SDG 4.4.1 ICT skills, SDG 17.6.1 broadband by speed)",
  publisher: "UN Statistics Division (custodian: ITU), re-published as DDF by open-numbers",
  licence: "CC BY 4.0",
  homepage: "https://unstats.un.org/sdgs/dataportal",
  mirror: [
    "un-sdg/ddf--datapoints--se_adt_acts--by--*.csv",
    "un-sdg/ddf--datapoints--it_net_bbnd--by--*.csv"
  ],
  stage: (file, ctx) =>
    Effect.gen(function*() {
      const csv = yield* readLongCsv(id, file, ctx, [])
      const format = csv.has("se_adt_acts")
        ? yield* stageSkills(file, ctx)
        : csv.has("it_net_bbnd")
        ? yield* stageBroadband(file, ctx)
        : yield* new SourceFormatError({
          sourceId: id, file: file.origin, line: 1, column: "se_adt_acts",
          problem: `not a known SDG series file: the header has neither a "se_adt_acts" nor an "it_net_bbnd" value column (found: ${csv.header.join(", ").slice(0, 200)})`
        })
      const ids = yield* ctx.sql.query<{ indicator_id: string }>("SELECT DISTINCT indicator_id FROM staged ORDER BY 1")
      const indicatorNames = Object.fromEntries(ids.map(({ indicator_id }) => {
        const [, series, code, sex] = indicator_id.split(".")
        const name = series === "SE_ADT_ACTS"
          ? skillName(code) + (sex === "F" ? ", women" : sex === "M" ? ", men" : "")
          : `Fixed broadband subscriptions per 100 inhabitants, speed ${code}`
        return [indicator_id, name]
      }))
      return { format, releasedAt: null, indicatorNames }
    })
}
