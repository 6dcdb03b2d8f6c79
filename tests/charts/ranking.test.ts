import { describe, expect, it } from "vitest"
import { rankingChart, rankingRows, rankingYear } from "../../src/web/charts/ranking.ts"
import type { CountryRef, Point } from "../../src/contract/types.ts"
import { markup, serverDocument } from "../support/dom.ts"

const countries: Array<CountryRef> = [
  { iso3: "MEX", name_en: "Mexico", name_es: "México", oecd: 1994 },
  { iso3: "CHL", name_en: "Chile", name_es: "Chile", oecd: 2010 },
  { iso3: "FRA", name_en: "France", name_es: "Francia", oecd: 1961 },
  { iso3: "BRA", name_en: "Brazil", name_es: "Brasil", oecd: null }
]
const series: Record<string, Array<Point>> = {
  MEX: [
    [2022, 70, null],
    [2023, 72, null]
  ],
  CHL: [
    [2022, 85, null],
    [2023, 88, null]
  ],
  FRA: [[2022, 90, null]],
  BRA: [[2023, 80, null]]
}

describe("ranking", () => {
  it("ranks the latest year most members report, not a year only one reports", () => {
    // 2023: MEX and CHL (2 of 3 members) >= half; so 2023.
    expect(rankingYear(series, ["MEX", "CHL", "FRA"])).toBe(2023)
    expect(rankingYear({ ...series, CHL: [[2022, 85, null]] }, ["MEX", "CHL", "FRA"])).toBe(2022)
  })

  it("sorts members by value (best first), ranks among members and keeps non-members out unless focused", () => {
    const rows = rankingRows(series, countries, "es", 2022, "MEX", true)
    expect(rows.map((r) => [r.iso3, r.rank])).toEqual([
      ["FRA", 1],
      ["CHL", 2],
      ["MEX", 3]
    ])
    const br = rankingRows(series, countries, "en", 2023, "BRA", true)
    expect(br.map((r) => [r.iso3, r.rank, r.member])).toEqual([
      ["CHL", 1, true],
      ["BRA", 2, false],
      ["MEX", 2, true]
    ])
  })

  it("sorts ascending when lower is better", () => {
    expect(rankingRows(series, countries, "es", 2022, "MEX", false).map((r) => r.iso3)).toEqual(["MEX", "CHL", "FRA"])
  })

  it("highlights the focus and draws the OECD mean when there is one", () => {
    const rows = rankingRows(series, countries, "es", 2022, "MEX", true)
    const html = markup(rankingChart(rows, 81.7, { lang: "es", unit: "percent", width: 500, document: serverDocument() }))
    expect(html).toContain("▶ México")
    expect(html).toContain("Promedio OCDE: 81,7 %")
    expect(html).toContain('fill="#c2410c"')
  })
})
