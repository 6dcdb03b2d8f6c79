// OECD OURdata Index (Open, Useful and Re-usable data), 2023 edition, reference year 2022.
// Blavatnik's extract from the OECD PDF: long "cc_iso3c","ref_year","variable","value".
// The file has the three pillar scores and their sub-scores, not the composite. The
// composite is derived here, in SQL, from the same file in the same vintage: the mean of
// the three pillars (this reproduces the published composites: Korea 0.91, France 0.83,
// GaaG 2025). It carries the flag `derived`, and only exists when all three pillars of a
// country are numbers between 0 and 1 without conflicting repeats.
import { Effect } from "effect"
import { readBlavatnikLong } from "../files/blavatnikLong.ts"
import type { Source } from "../source.ts"

const id = "oecd_ourdata"

export const ourdataVariables: Readonly<Record<string, string>> = {
  availability_score: "OECD.OURDATA.AVAILABILITY",
  availability_policy: "OECD.OURDATA.AVAILABILITY.POLICY",
  availability_implementation: "OECD.OURDATA.AVAILABILITY.IMPLEMENTATION",
  availability_release: "OECD.OURDATA.AVAILABILITY.RELEASE",
  accessibility_score: "OECD.OURDATA.ACCESSIBILITY",
  accessibility_policy: "OECD.OURDATA.ACCESSIBILITY.POLICY",
  accessibility_implementation: "OECD.OURDATA.ACCESSIBILITY.IMPLEMENTATION",
  accessibility_release: "OECD.OURDATA.ACCESSIBILITY.RELEASE",
  reuse_score: "OECD.OURDATA.REUSE",
  reuse_promotion: "OECD.OURDATA.REUSE.PROMOTION",
  reuse_dataliteracy: "OECD.OURDATA.REUSE.DATA_LITERACY",
  reuse_monitoring: "OECD.OURDATA.REUSE.MONITORING"
}
export const ourdataComposite = "OECD.OURDATA"
const pillars = ["OECD.OURDATA.AVAILABILITY", "OECD.OURDATA.ACCESSIBILITY", "OECD.OURDATA.REUSE"]

const idOf = (variable: string) => ourdataVariables[variable] ?? `OECD.OURDATA.${variable.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}`

// Per country and year: one number per pillar (repeats must agree), then their mean, rounded
// to 10 decimals so (0.35 + 0.39 + 0.07) / 3 is 0.27 and not 0.26999999999999996.
const compositeSql = (literal: (s: string) => string) => `
  SELECT indicator_id, area, year, value, flag, line, field FROM staged_rows
  UNION ALL
  SELECT ${literal(ourdataComposite)}, area, year, CAST(round(sum(lo) / 3, 10) AS VARCHAR), 'derived', min(line),
         'mean of availability_score, accessibility_score, reuse_score'
  FROM (
    SELECT trim(area) AS area, trim(year) AS year, indicator_id,
           min(TRY_CAST(trim(value) AS DOUBLE)) AS lo, max(TRY_CAST(trim(value) AS DOUBLE)) AS hi,
           count(TRY_CAST(trim(value) AS DOUBLE)) AS numeric_rows, count(*) AS all_rows, min(line) AS line
    FROM staged_rows
    WHERE indicator_id IN (${pillars.map(literal).join(", ")})
    GROUP BY ALL)
  GROUP BY area, year
  HAVING count(*) = 3 AND bool_and(numeric_rows = all_rows AND lo = hi AND isfinite(lo) AND lo BETWEEN 0 AND 1)`

export const oecdOurdata: Source = {
  id,
  title: "OECD OURdata Index (open government data)",
  publisher: "OECD",
  licence: "OECD terms: re-use permitted for any purpose",
  homepage: "https://www.oecd.org/en/publications/2023-oecd-open-useful-and-re-usable-data-ourdata-index_a37f51c3-en.html",
  mirror: ["oecd-ourdata/oecd_ourdata_*.csv"],
  // Final: a one-off extract of a PDF edition; the index itself comes live through oecd_dx
  // (measures OUR, OUR_*), as weighted contributions rather than these 0–1 pillar scores.
  final: {
    reason:
      "One-off extract: the OURdata Index 2023 (reference year 2022) extracted from the OECD PDF, with the pillar " +
      "sub-scores the OECD does not publish as data. The index is refreshed live through oecd_dx (OECD Data Explorer dataflow " +
      "DSD_GOV@DF_GOV_DGOGD_2025, measures OUR, OUR_*).",
    lastEdition: "2023",
    releasedOn: "2023-12-22", // the OECD publication page of the 2023 OURdata Index
    liveCounterpart: "oecd_dx"
  },
  stage: (file, ctx) =>
    Effect.gen(function* () {
      const { rows, variables } = yield* readBlavatnikLong(id, file, idOf)
      if (rows.length === 0) return { format: "blavatnik-long", releasedAt: null }
      yield* ctx.stageRows(rows)
      yield* ctx.stageSelect(compositeSql(ctx.literal))
      const unknown = [...variables].filter((v) => !(v in ourdataVariables))
      return { format: "blavatnik-long", releasedAt: null, indicatorNames: Object.fromEntries(unknown.map((v) => [idOf(v), `OURdata ${v}`])) }
    })
}
