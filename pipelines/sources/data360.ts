// World Bank Data360 extracts of ITU and World Bank connectivity series (Parquet). Each
// file may hold several series and breakdowns (sex, age, urbanisation); only the series
// listed here are loaded, the rest of a file is left aside.
import { Effect } from "effect"
import { basename } from "node:path"
import { stageData360, stageData360Json, type Data360Series } from "../files/data360.ts"
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
    // One dataset per (database, indicator): the API pages with skip/top, at most 1000 rows a page.
    datasets: (base) =>
      [...new Set(data360Series.filter((s) => s.database).map((s) => `${s.database}/${s.code}`))].map((key) => {
        const [database, code] = key.split("/")
        return {
          unit: `api/${database}/${code}`,
          url: `${base}/data360/data?DATABASE_ID=${encodeURIComponent(database)}&INDICATOR=${encodeURIComponent(code)}`,
          fileName: `${database}_${code}.json`,
          paging: "data360" as const,
          pageSize: 1000,
          expect: "json" as const
        }
      })
  },
  stage: (file, ctx) =>
    Effect.gen(function*() {
      if (file.path.endsWith(".json")) {
        yield* stageData360Json("data360", file, ctx, data360Series)
        return { format: "data360-api-json", releasedAt: null }
      }
      yield* stageData360("data360", file, ctx, data360Series)
      return { format: `data360-parquet:${basename(file.path)}`, releasedAt: null }
    })
}
