// World Bank Data360 extracts of ITU and World Bank connectivity series (Parquet). Each
// file may hold several series and breakdowns (sex, age, urbanisation); only the series
// listed here are loaded, the rest of a file is left aside.
import { data360LiveDatasets, stageData360File, type Data360Series } from "../files/data360.ts"
import type { Source } from "../source.ts"

const totals = { SEX: "_T", AGE: "_T", URBANISATION: "_T" }

export const data360Series: ReadonlyArray<Data360Series> = [
  { database: "ITU_DH", code: "IT_NET_USER", id: "ITU.IT_NET_USER", where: totals },
  { database: "ITU_DH", code: "IT_NET_USER", id: "ITU.IT_NET_USER.F", where: { SEX: "F", AGE: "_T", URBANISATION: "_T" } },
  { database: "ITU_DH", code: "IT_NET_USER", id: "ITU.IT_NET_USER.M", where: { SEX: "M", AGE: "_T", URBANISATION: "_T" } },
  { database: "ITU_DH", code: "IT_HH_INT", id: "ITU.IT_HH_INT" }
]

export const data360: Source = {
  id: "data360",
  title: "World Bank Data360 (ITU connectivity series)",
  publisher: "ITU, via World Bank Data360",
  licence: "not stated in the extract; World Bank Data360 terms apply",
  homepage: "https://data360.worldbank.org",
  mirror: [
    "wb-data360/internet/percentage_individuals_using_internet_(itu).parquet",
    "wb-data360/internet/percentage_households_with_internet_access_home_(itu).parquet"
  ],
  live: {
    baseUrl: "https://data360api.worldbank.org",
    datasets: (base) => data360LiveDatasets(base, data360Series)
  },
  stage: (file, ctx) => stageData360File("data360", file, ctx, data360Series)
}
