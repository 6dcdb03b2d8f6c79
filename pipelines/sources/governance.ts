// Governance context from World Bank Data360 extracts (Parquet): the Worldwide Governance
// Indicators' government effectiveness and two World Justice Project open-government
// measures. One source for the three because they share the Data360 layout (read by
// pipelines/files/data360.ts) and the same role: context for reading the digital
// indicators, not measures of digital government themselves.
// The WGI file holds six rows per country-year (estimate, standard error, percentile score
// and its bounds, number of sources); only the estimate (COMP_BREAKDOWN_1 = WGI_EST) is
// loaded, so a standard error or a percentile can never be read as the estimate.
import { data360LiveDatasets, stageData360File, type Data360Series } from "../files/data360.ts"
import type { Source } from "../source.ts"

export const governanceSeries: ReadonlyArray<Data360Series> = [
  { database: "WB_WGI", code: "GOV_WGI_GE", id: "WB.WGI.GE.EST", where: { COMP_BREAKDOWN_1: "WGI_EST" } },
  { database: "WJP_ROL", code: "WJP_ROL_FAC_3", id: "WJP.ROL.FAC_3" },
  { database: "WJP_ROL", code: "WJP_ROL_3_1", id: "WJP.ROL.3_1" }
]

export const governance: Source = {
  id: "governance",
  title: "Governance context (WGI government effectiveness; WJP open government)",
  publisher: "World Bank (WGI) and World Justice Project, via World Bank Data360",
  licence: "not stated in the extract; World Bank Data360 terms apply",
  homepage: "https://data360.worldbank.org",
  mirror: [
    "wb-data360/governance/worldwide_governance_government_effectiveness.parquet",
    "wb-data360/rule_of_law/wjp_rule_law_factor_open_government.parquet",
    "wb-data360/rule_of_law/wjp_rule_law_publicized_laws_and_government_data.parquet"
  ],
  live: {
    baseUrl: "https://data360api.worldbank.org",
    datasets: (base) => data360LiveDatasets(base, governanceSeries)
  },
  stage: (file, ctx) => stageData360File("governance", file, ctx, governanceSeries)
}
