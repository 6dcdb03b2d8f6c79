// ILOSTAT employment by ISCO-08 sub-major group (EMP_TEMP_SEX_OC2_NB), one country per
// file, as re-published by open-numbers in the DDF layout: lower-case codes (`mex`,
// `sex_t`, `oc2_isco08_25`), values in thousands with no unit column, small cells absent.
// brecha loads the two ICT groups and derives, in SQL, their share of total employment —
// the closest open series to the "ICT specialists" measure the review's talent
// recommendations call for. Facts about the file: ../shared/data/raw/PROVENANCE.md §6.3.
import { Effect } from "effect"
import { readLongCsv } from "../files/ddf.ts"
import type { Source } from "../source.ts"

const id = "ilostat"
const value = "emp_temp_sex_oc2_nb"

/** The ICT sub-major groups of ISCO-08 and the id each count is loaded under. */
export const ictGroups = [
  { code: "oc2_isco08_25", id: "ILO.EMP_ISCO08_25" },
  { code: "oc2_isco08_35", id: "ILO.EMP_ISCO08_35" }
] as const
export const ictShareId = "ILO.EMP_ICT_SHARE"
const totalCode = "oc2_isco08_total"

export const ilostat: Source = {
  id,
  title: "ILOSTAT employment by occupation (ISCO-08 sub-major groups)",
  publisher: "International Labour Organization (ILOSTAT), re-published as DDF by open-numbers",
  licence: "CC BY 4.0",
  homepage: "https://ilostat.ilo.org/data/",
  mirror: ["ilostat/ddf--datapoints--emp_temp_sex_oc2_nb--by--ref_area-*--sex--classif1--time.csv"],
  stage: (file, ctx) =>
    Effect.gen(function*() {
      const csv = yield* readLongCsv(id, file, ctx, ["ref_area", "sex", "classif1", "time", value])
      const c = csv.col
      const counts = ictGroups.map((g) => `WHEN ${ctx.literal(g.code)} THEN ${ctx.literal(g.id)}`).join(" ")
      // The share uses the published total as denominator, not the sum of groups: small cells
      // are missing in some years, so the groups add up to slightly less than the total.
      // A year lacking either ICT group or the total has no share (missing, not zero).
      yield* ctx.stageSelect(`
        WITH t AS (
          SELECT lower(trim(${c("ref_area")})) AS area, lower(trim(${c("sex")})) AS sex, lower(trim(${c("classif1")})) AS cls,
                 trim(${c("time")}) AS year, nullif(trim(${c(value)}), '') AS value, row_number() OVER () + 1 AS line
          FROM ${csv.read}
        ), totals AS (SELECT * FROM t WHERE sex = 'sex_t')
        SELECT CASE cls ${counts} END AS indicator_id, area, year, value, NULL AS flag, line, ${ctx.literal(value)} AS field
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
                 ELSE CAST(100 * (CAST(p.value AS DOUBLE) + CAST(q.value AS DOUBLE)) / CAST(n.value AS DOUBLE) AS VARCHAR)
               END,
               'derived', n.line, 'derived: 100 * (oc2_isco08_25 + oc2_isco08_35) / oc2_isco08_total'
        FROM (SELECT * FROM totals WHERE cls = ${ctx.literal(totalCode)}) n
        JOIN (SELECT * FROM totals WHERE cls = ${ctx.literal(ictGroups[0].code)}) p USING (area, year)
        JOIN (SELECT * FROM totals WHERE cls = ${ctx.literal(ictGroups[1].code)}) q USING (area, year)`)
      return {
        format: "ilostat-ddf:emp_temp_sex_oc2_nb",
        releasedAt: null,
        indicatorNames: {
          "ILO.EMP_ISCO08_25": "Employment, ISCO-08 25 Information and communications technology professionals (thousands)",
          "ILO.EMP_ISCO08_35": "Employment, ISCO-08 35 Information and communications technicians (thousands)",
          [ictShareId]: "ICT professionals and technicians (ISCO-08 25 + 35), % of total employment (derived)"
        }
      }
    })
}
