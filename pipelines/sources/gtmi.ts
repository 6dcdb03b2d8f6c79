// World Bank GovTech Maturity Index (GTMI), in two forms.
//
// Live: the World Bank's Data360 API, database WB_GTMI (the publisher's own service):
//   GET https://data360api.worldbank.org/data360/data?DATABASE_ID=WB_GTMI&INDICATOR=WB_GTMI_GTMI&skip=0&top=1000
// one request per index, paged by `skip` (at most 1000 records per call; loop while fewer
// than `count`), landed as one `{count, value:[...]}` (pipelines/live/retrieve.ts, paging
// "data360"). Records: OBS_VALUE as text ("0.51"), TIME_PERIOD as text ("2022"),
// TIME_FORMAT "602", REF_AREA ISO3, SEX/AGE/URBANISATION "_T", UNIT_MEASURE IX_0T1, null
// attributes. Documentation: the publisher's OpenAPI spec, worldbank/open-api-specs
// "Data360 Open_API.json" (`/data360/data`: DATABASE_ID, INDICATOR, REF_AREA, …, skip).
// brecha asks for the composite and its four sub-indices (all 0–1), loaded as
// WB.GTMI.<CODE>: WB_GTMI_GTMI → WB.GTMI.GTMI, WB_GTMI_CGSI → WB.GTMI.CGSI, and PSDI, DCEI,
// GTEI. The 48 question indicators (WB_GTMI_I_1…48) are not the question groups below and
// are not asked for. Read by pipelines/files/data360.ts.
//
// Files: the GTMI 2022 long question-group file
// `gtmi_2022_metadata.csv` ("cc_iso3c","ref_year","variable","value", BOM): 29 `gtmi_*`
// variables per economy, each the sum of the points of one group of GTMI survey questions.
// This is not the World Bank's workbook: the Blavatnik School re-processed it into this
// shape, and neither the GTMI composite nor its four sub-indices (CGSI, PSDI, DCEI, GTEI)
// are in it. Nothing is aggregated here: a composite made from these groups would be ours,
// not the World Bank's. Each variable becomes WB.GTMI.<NAME> (gtmi_data_exchange →
// WB.GTMI.DATA_EXCHANGE).
import { Effect } from "effect"
import { SourceFormatError } from "../errors.ts"
import { readBlavatnikLong } from "../files/blavatnikLong.ts"
import { data360LiveDatasets, stageData360Json, type Data360Series } from "../files/data360.ts"
import type { Source, StagedRow } from "../source.ts"

const id = "gtmi"

/** The GTMI composite and its sub-indices, as served by Data360 (WB_GTMI). */
export const gtmiIndices: ReadonlyArray<Data360Series> = ["GTMI", "CGSI", "PSDI", "DCEI", "GTEI"].map((code) => ({
  database: "WB_GTMI",
  code: `WB_GTMI_${code}`,
  id: `WB.GTMI.${code}`
}))

export const gtmiIndicatorId = (variable: string): string => `WB.GTMI.${variable.replace(/^gtmi_/, "").toUpperCase()}`

export const gtmi: Source = {
  id,
  title: "GovTech Maturity Index (indices from Data360; 2022 question groups)",
  publisher: "World Bank (question groups re-processed by the Blavatnik School of Government)",
  licence: "CC BY 4.0",
  homepage: "https://www.worldbank.org/en/programs/govtech/gtmi",
  mirror: ["wb-gtmi/gtmi_2022_metadata.csv"],
  live: {
    baseUrl: "https://data360api.worldbank.org",
    datasets: (base) => data360LiveDatasets(base, gtmiIndices)
  },
  stage: (file, ctx) =>
    Effect.gen(function* () {
      if (file.path.endsWith(".json")) {
        yield* stageData360Json(id, file, ctx, gtmiIndices)
        return { format: "data360-api-json:WB_GTMI", releasedAt: null }
      }
      const { rows } = yield* readBlavatnikLong(id, file, gtmiIndicatorId)
      for (const row of rows) {
        // Any other variable would be a different file, not a new GTMI question group.
        if (!/^gtmi_[a-z0-9_]+$/.test(row.field ?? "")) {
          return yield* new SourceFormatError({
            sourceId: id,
            file: file.origin,
            line: row.line,
            column: "variable",
            problem: `"${row.field}" is not a GTMI question-group variable (gtmi_…): is this the GTMI file?`
          })
        }
      }
      // R writes a missing value as NA.
      const isNa = (value: StagedRow["value"]) => typeof value === "string" && value.trim().toUpperCase() === "NA"
      yield* ctx.stageRows(rows.map((row) => ({ ...row, value: isNa(row.value) ? null : row.value, flag: null })))
      return { format: "gtmi-long-csv", releasedAt: null }
    })
}
