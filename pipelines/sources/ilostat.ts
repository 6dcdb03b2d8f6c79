// ILOSTAT employment by ISCO-08 sub-major group (EMP_TEMP_SEX_OC2_NB, thousands). brecha loads
// the two ICT groups and derives, in SQL, their share of total employment — the closest open
// series to the "ICT specialists" measure the review's talent recommendations call for.
//
// Live: ILOSTAT's SDMX REST API (the ILO's own service), every country, both sexes together:
//   GET https://sdmx.ilo.org/rest/data/ILO,DF_EMP_TEMP_SEX_OC2_NB,1.0/.A..SEX_T.?format=csv
//   Accept: application/vnd.sdmx.data+csv;version=1.0.0
// The key is REF_AREA.FREQ.MEASURE.SEX.OC2 (empty = all). No paging: one SDMX-CSV 1.0 answer,
//   DATAFLOW,REF_AREA,FREQ,MEASURE,SEX,OC2,TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MEASURE_TYPE,
//   UNIT_MEASURE,UNIT_MULT,SOURCE,NOTE_SOURCE,NOTE_INDICATOR,NOTE_CLASSIF,DECIMALS,UPPER_BOUND,LOWER_BOUND
// with upper-case codes (MEX, SEX_T, OC2_ISCO08_25), UNIT_MULT 3 (thousands; any other
// multiplier fails the file) and an empty OBS_VALUE with OBS_STATUS U for suppressed cells
// (missing here). OBS_STATUS is not kept as a flag: the DDF files carry none, and the live
// and file vintages must say the same thing about the same numbers.
// Documentation: ILOSTAT SDMX API Data Dissemination Web Service Reference Guide V4.1 (ILO
// Department of Statistics, 2024; base https://sdmx.ilo.org/rest) and the ILOSTAT SDMX user
// guide https://webapps.ilo.org/ilostat-files/Documents/SDMX_User_Guide.pdf. Errors come as
// plain text: 404 "No data is found. Please adjust your query parameters and try again.",
// "Could not find Dataflow and/or DSD related with this data request" for a wrong flow, and a
// 500 with a database message; the HTTP layer reports each with its body.
//
// Files: the same indicator per country as re-published by open-numbers in the DDF layout
// (`ref_area,sex,classif1,time,emp_temp_sex_oc2_nb`, lower-case codes, no unit column).
// 31 OECD members are in the mirror (../shared/data/raw/PROVENANCE.md §6.3, §6.3b).
//
// Two deliberate rules, for both layouts:
//  - ISCO-88 rows (`oc2_isco88_*`, earlier years in 27 of the 30 comparator files) are not
//    loaded: ISCO-88 has no ICT sub-major groups (25 and 35 exist only in ISCO-08), so they
//    cannot give the share, and mixing classifications in one series would make a break.
//  - A year whose employment "not classified by occupation" (`oc2_isco08_x`) exceeds
//    `maxUnclassifiedShare` of the total gets no ICT share: the ICT groups are then
//    understated by an unknown amount (SVK 2011: 75 % unclassified, share 0.47 %). It is
//    recorded as a rejected row with the reason, so it is visible, never a silent gap. The
//    group counts themselves are loaded as published.
import { Effect } from "effect"
import { SourceFormatError } from "../errors.ts"
import { readLongCsv, type LongCsv } from "../files/ddf.ts"
import type { LandedFile, Source, StageContext } from "../source.ts"

const id = "ilostat"
const value = "emp_temp_sex_oc2_nb"

/** The ICT sub-major groups of ISCO-08 and the id each count is loaded under. */
export const ictGroups = [
  { code: "oc2_isco08_25", id: "ILO.EMP_ISCO08_25" },
  { code: "oc2_isco08_35", id: "ILO.EMP_ISCO08_35" }
] as const
export const ictShareId = "ILO.EMP_ICT_SHARE"
const totalCode = "oc2_isco08_total"
const unclassifiedCode = "oc2_isco08_x"

/**
 * Above this share of total employment left unclassified, a year's ICT share is not
 * computed. 10 %: every usable year of the 31 OECD files is below it (ISR, the highest
 * steady level, is 6.7–7.8 %), and every year PROVENANCE §6.3b calls not comparable is
 * above it (SVK 2011/2013/2017/2021 at 25–75 %, TUR 2000 at 83 %).
 */
export const maxUnclassifiedShare = 0.1

/** The SDMX-CSV dataflow retrieved live. */
export const ilostatDataflow = { agency: "ILO", dataflow: "DF_EMP_TEMP_SEX_OC2_NB", version: "1.0", key: ".A..SEX_T." } as const

/**
 * The share and the two ICT counts from a relation `t(area, sex, cls, year, value, line)`
 * of lower-case codes (both layouts are brought to it).
 */
const stageShares = (ctx: StageContext, relation: string, field: string) => {
  const counts = ictGroups.map((g) => `WHEN ${ctx.literal(g.code)} THEN ${ctx.literal(g.id)}`).join(" ")
  // The share uses the published total as denominator, not the sum of groups: small cells
  // are missing in some years, so the groups add up to slightly less than the total.
  // A year lacking either ICT group or the total has no share (missing, not zero).
  return ctx.stageSelect(`
    WITH t AS (${relation}), totals AS (SELECT * FROM t WHERE sex = 'sex_t')
    SELECT CASE cls ${counts} END AS indicator_id, area, year, value, NULL AS flag, line, ${ctx.literal(field)} AS field
    FROM totals WHERE cls IN (${ictGroups.map((g) => ctx.literal(g.code)).join(", ")})
    UNION ALL
    SELECT ${ctx.literal(ictShareId)}, area, year,
           CASE
             WHEN p.value IS NULL OR q.value IS NULL OR n.value IS NULL THEN NULL
             -- A bad component makes the share a rejected row with a reason, never a silent gap.
             -- Only counts that validation would accept: a -99, 9999 or NaN component would
             -- itself be rejected, and must not leave a plausible share behind.
             WHEN NOT (valid_count(p.value) AND valid_count(q.value) AND valid_count(n.value))
               THEN 'component not a valid count'
             WHEN TRY_CAST(n.value AS DOUBLE) = 0 THEN 'total employment is 0'
             WHEN x.value IS NOT NULL AND valid_count(x.value)
                  AND CAST(x.value AS DOUBLE) > ${maxUnclassifiedShare} * CAST(n.value AS DOUBLE)
               THEN 'not comparable: ' || CAST(round(100 * CAST(x.value AS DOUBLE) / CAST(n.value AS DOUBLE), 1) AS VARCHAR)
                    || '% of employment not classified by occupation (over ${maxUnclassifiedShare * 100}%)'
             ELSE CAST(100 * (CAST(p.value AS DOUBLE) + CAST(q.value AS DOUBLE)) / CAST(n.value AS DOUBLE) AS VARCHAR)
           END,
           'derived', n.line, 'derived: 100 * (oc2_isco08_25 + oc2_isco08_35) / oc2_isco08_total'
    FROM (SELECT * FROM totals WHERE cls = ${ctx.literal(totalCode)}) n
    JOIN (SELECT * FROM totals WHERE cls = ${ctx.literal(ictGroups[0].code)}) p USING (area, year)
    JOIN (SELECT * FROM totals WHERE cls = ${ctx.literal(ictGroups[1].code)}) q USING (area, year)
    LEFT JOIN (SELECT area, year, value FROM totals WHERE cls = ${ctx.literal(unclassifiedCode)}) x USING (area, year)`)
}

const ddfRelation = (csv: LongCsv) => {
  const c = csv.col
  return `SELECT lower(trim(${c("ref_area")})) AS area, lower(trim(${c("sex")})) AS sex, lower(trim(${c("classif1")})) AS cls,
                 trim(${c("time")}) AS year, nullif(trim(${c(value)}), '') AS value, row_number() OVER () + 1 AS line
          FROM ${csv.read}`
}

const sdmxColumns = ["REF_AREA", "SEX", "OC2", "TIME_PERIOD", "OBS_VALUE"] as const

const stageSdmx = (file: LandedFile, ctx: StageContext, csv: LongCsv) =>
  Effect.gen(function* () {
    const c = csv.col
    if (csv.has("UNIT_MULT")) {
      const other = yield* ctx.sql.query<{ v: string; line: number }>(
        `SELECT v, line FROM (SELECT trim(${c("UNIT_MULT")}) AS v, row_number() OVER () + 1 AS line FROM ${csv.read}) WHERE v NOT IN ('3', '') LIMIT 1`
      )
      if (other.length > 0) {
        return yield* new SourceFormatError({
          sourceId: id,
          file: file.origin,
          line: Number(other[0].line),
          column: "UNIT_MULT",
          problem: `UNIT_MULT is "${other[0].v}" but the series is published in thousands (3); the series has changed shape and needs review`
        })
      }
    }
    yield* stageShares(
      ctx,
      `
      SELECT lower(trim(${c("REF_AREA")})) AS area, lower(trim(${c("SEX")})) AS sex, lower(trim(${c("OC2")})) AS cls,
             trim(${c("TIME_PERIOD")}) AS year, nullif(trim(${c("OBS_VALUE")}), '') AS value, row_number() OVER () + 1 AS line
      FROM ${csv.read}`,
      "OBS_VALUE"
    )
  })

export const ilostat: Source = {
  id,
  title: "ILOSTAT employment by occupation (ISCO-08 sub-major groups)",
  publisher: "International Labour Organization (ILOSTAT)",
  licence: "CC BY 4.0",
  homepage: "https://ilostat.ilo.org/data/",
  mirror: ["ilostat/ddf--datapoints--emp_temp_sex_oc2_nb--by--ref_area-*--sex--classif1--time.csv"],
  live: {
    baseUrl: "https://sdmx.ilo.org/rest",
    datasets: (base) => {
      const f = ilostatDataflow
      return [
        {
          unit: `sdmx/${f.agency}/${f.dataflow}`,
          url: `${base}/data/${f.agency},${f.dataflow},${f.version}/${f.key}?format=csv`,
          fileName: `${f.dataflow}.csv`,
          paging: "none" as const,
          accept: "application/vnd.sdmx.data+csv;version=1.0.0",
          expect: "csv" as const
        }
      ]
    }
  },
  stage: (file, ctx) =>
    Effect.gen(function* () {
      const csv = yield* readLongCsv(id, file, ctx, [])
      const sdmx = csv.has("OC2") || csv.has("DATAFLOW")
      if (sdmx) {
        for (const name of sdmxColumns) {
          if (!csv.has(name)) {
            return yield* new SourceFormatError({
              sourceId: id,
              file: file.origin,
              line: 1,
              column: name,
              problem: `required column "${name}" is missing from the SDMX-CSV header (found: ${csv.header.join(", ").slice(0, 200)})`
            })
          }
        }
        yield* stageSdmx(file, ctx, csv)
      } else {
        const ddf = yield* readLongCsv(id, file, ctx, ["ref_area", "sex", "classif1", "time", value])
        yield* stageShares(ctx, ddfRelation(ddf), value)
      }
      return {
        format: sdmx ? "ilostat-sdmx-csv:DF_EMP_TEMP_SEX_OC2_NB" : "ilostat-ddf:emp_temp_sex_oc2_nb",
        releasedAt: null,
        indicatorNames: {
          "ILO.EMP_ISCO08_25": "Employment, ISCO-08 25 Information and communications technology professionals (thousands)",
          "ILO.EMP_ISCO08_35": "Employment, ISCO-08 35 Information and communications technicians (thousands)",
          [ictShareId]: "ICT professionals and technicians (ISCO-08 25 + 35), % of total employment (derived)"
        }
      }
    })
}
