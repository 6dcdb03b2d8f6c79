// OECD PIAAC (Survey of Adult Skills, cycle 1) mean literacy and numeracy scores, as
// published in World Bank EdStats (LO.PIAAC.LIT / LO.PIAAC.NUM) and re-published by
// open-numbers in the DDF layout: `country,year,lo_piaac_lit`, lower-case ISO3, year 2012
// for round 1 and 2015 for round 2. Mexico (round 3, 2017) is not in this vintage.
// Facts about the files: ../shared/data/raw/PROVENANCE.md §6.4.
import { Effect } from "effect"
import { SourceFormatError } from "../errors.ts"
import { readLongCsv } from "../files/ddf.ts"
import type { Source } from "../source.ts"

const id = "piaac"

/** The value column of each EdStats series and the publisher's own code (our id). */
export const piaacSeries = [
  { column: "lo_piaac_lit", id: "LO.PIAAC.LIT", name: "PIAAC: mean adult literacy proficiency" },
  { column: "lo_piaac_num", id: "LO.PIAAC.NUM", name: "PIAAC: mean adult numeracy proficiency" }
] as const

export const piaac: Source = {
  id,
  title: "PIAAC adult skills (World Bank EdStats)",
  publisher: "OECD (PIAAC), via World Bank EdStats, re-published as DDF by open-numbers",
  licence: "CC BY 4.0",
  homepage: "https://datatopics.worldbank.org/education/",
  // Final: a finished survey cycle, re-published once; PIAAC Cycle 2 is a new scale, not more of this series.
  final: {
    reason:
      "Finished survey cycle: PIAAC Cycle 1 as published in World Bank EdStats (LO.PIAAC.LIT, LO.PIAAC.NUM) holds " +
      "rounds 1 (2012) and 2 (2015) and is no longer updated. PIAAC Cycle 2 (2023) reports on a new scale and would be a new source.",
    lastEdition: "2015 (Cycle 1, round 2)",
    releasedOn: "2016-06-28"
  },
  mirror: ["wb-edstats/ddf--datapoints--lo_piaac_lit--by--country--year.csv", "wb-edstats/ddf--datapoints--lo_piaac_num--by--country--year.csv"],
  stage: (file, ctx) =>
    Effect.gen(function* () {
      const csv = yield* readLongCsv(id, file, ctx, ["country", "year"])
      const series = piaacSeries.find((s) => csv.has(s.column))
      if (!series) {
        return yield* new SourceFormatError({
          sourceId: id,
          file: file.origin,
          line: 1,
          column: piaacSeries[0].column,
          problem: `no PIAAC value column: expected "lo_piaac_lit" or "lo_piaac_num" (found: ${csv.header.join(", ").slice(0, 200)})`
        })
      }
      yield* ctx.stageSelect(`
        SELECT ${ctx.literal(series.id)} AS indicator_id, trim(${csv.col("country")}) AS area, ${csv.col("year")} AS year,
               ${csv.col(series.column)} AS value, NULL AS flag, row_number() OVER () + 1 AS line, ${ctx.literal(series.column)} AS field
        FROM ${csv.read}`)
      return { format: `edstats-ddf:${series.column}`, releasedAt: null, indicatorNames: { [series.id]: series.name } }
    })
}
