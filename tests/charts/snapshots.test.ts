// Chart snapshots, as Observable Plot tests its own marks: each chart renders from a small
// fixture to SVG in the server-side DOM the build uses, and must equal its committed file
// in tests/charts/snapshots/. Any difference fails. After a deliberate change, rewrite them
// with BRECHA_UPDATE_SNAPSHOTS=1 and review the SVG diff before committing.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { gapChart, gapRows } from "../../src/web/charts/gap.ts"
import { partRows, partsChart } from "../../src/web/charts/parts.ts"
import { rankingChart, rankingRows } from "../../src/web/charts/ranking.ts"
import { revisionsChart } from "../../src/web/charts/revisions.ts"
import { sparkline } from "../../src/web/charts/sparkline.ts"
import { trendChart } from "../../src/web/charts/trend.ts"
import type { Benchmark, CountryRef, IndicatorPart, Point } from "../../src/contract/types.ts"
import { serverDocument } from "../support/dom.ts"

const dir = join(import.meta.dirname, "snapshots")
const update = process.env.BRECHA_UPDATE_SNAPSHOTS === "1"

/** Pretty enough to diff: one element per line. Plot's style class is stable, but named once. */
const normalise = (node: unknown): string =>
  (node as { outerHTML: string }).outerHTML.replace(/plot-[0-9a-f]{6}(?![0-9a-z-])/g, "plot-x").replace(/></g, ">\n<") + "\n"

const check = (name: string, node: unknown) => {
  const file = join(dir, `${name}.svg`)
  const svg = normalise(node)
  if (update) {
    mkdirSync(dir, { recursive: true })
    writeFileSync(file, svg)
    return
  }
  if (!existsSync(file)) throw new Error(`no snapshot ${file}: run with BRECHA_UPDATE_SNAPSHOTS=1 to write it, then review it`)
  expect(svg, `${name}.svg differs from its snapshot (BRECHA_UPDATE_SNAPSHOTS=1 rewrites it)`).toBe(readFileSync(file, "utf8"))
}

const band = (year: number, median: number): Benchmark => ({
  year,
  group_id: "oecd",
  n: 30,
  mean: median + 1,
  median,
  p25: median - 8,
  p75: median + 7,
  min: median - 30,
  max: median + 12
})
const bands = [2018, 2019, 2020, 2021, 2022].map((y, i) => band(y, 70 + i * 3))
const mex: Array<Point> = [
  [2018, 52.1, null],
  [2019, 57.4, "estimate"],
  [2020, 62, "break"],
  [2021, 66.3, null],
  [2022, 72.4, null]
]
const chl: Array<Point> = [
  [2018, 80, null],
  [2020, 84.5, null],
  [2022, 88.1, null]
]

describe("chart snapshots (SVG in the build's DOM)", () => {
  it("trend: focus, peer, OECD bands, estimate and break markers, last-value label", () => {
    check(
      "trend",
      trendChart(
        { focus: { iso3: "MEX", name: "México", points: mex }, peers: [{ iso3: "CHL", name: "Chile", points: chl }], bands },
        { lang: "es", unit: "percent", width: 640, document: serverDocument() }
      )
    )
  })
  it("trend, compact and single-edition (small multiples)", () => {
    check(
      "trend-compact-single",
      trendChart(
        { focus: { iso3: "MEX", name: "Mexico", points: [[2023, 0.536, null]] }, peers: [], bands: [band(2023, 0.6)], compact: true },
        { lang: "en", unit: "index_0_1", width: 320, document: serverDocument() }
      )
    )
  })
  it("ranking: members sorted, focus highlighted, a non-member focus, the OECD mean labelled above the bars", () => {
    const countries: Array<CountryRef> = [
      { iso3: "MEX", name_en: "Mexico", name_es: "México", oecd: 1994 },
      { iso3: "CHL", name_en: "Chile", name_es: "Chile", oecd: 2010 },
      { iso3: "GBR", name_en: "United Kingdom", name_es: "Reino Unido", oecd: 1961 },
      { iso3: "BRA", name_en: "Brazil", name_es: "Brasil", oecd: null }
    ]
    const series = { MEX: [[2022, 72.4, null]], CHL: [[2022, 88.1, null]], GBR: [[2022, 95, null]], BRA: [[2022, 80.2, null]] } satisfies Record<
      string,
      Array<Point>
    >
    check(
      "ranking",
      rankingChart(rankingRows(series, countries, "en", 2022, "BRA", true), 85.2, { lang: "en", unit: "percent", width: 560, document: serverDocument() })
    )
  })
  it("gap: above and below the median shaded, in percentage points", () => {
    check(
      "gap",
      gapChart(
        gapRows(
          [
            [2018, 80, null],
            [2019, 70, null],
            [2020, 78, null],
            [2021, 60, null]
          ],
          bands
        ),
        { above: "above the median", below: "below the median" },
        true,
        { lang: "en", unit: "percent", width: 560, document: serverDocument() }
      )
    )
  })
  it("parts: focus against the OECD mean per part, sorted by gap", () => {
    const parts: Array<IndicatorPart> = [
      { id: "P1", short: { en: "Digital by design", es: "Digital por diseño" }, latest: { MEX: [2023, 0.61] }, oecd_mean: 0.58, oecd_year: 2023 },
      { id: "P2", short: { en: "Data-driven", es: "Basado en datos" }, latest: { MEX: [2023, 0.42] }, oecd_mean: 0.55, oecd_year: 2023 },
      { id: "P3", short: { en: "Open by default", es: "Abierto por defecto" }, latest: {}, oecd_mean: 0.6, oecd_year: 2023 }
    ]
    check(
      "parts",
      partsChart(
        partRows(parts, "MEX", "es"),
        { focus: "México", oecd: "Promedio OCDE" },
        { lang: "es", unit: "index_0_1", width: 560, document: serverDocument() }
      )
    )
  })
  it("revisions: old value hollow, new filled, an arrow between", () => {
    check(
      "revisions",
      revisionsChart(
        [
          { year: 2019, old_value: 15.2, new_value: 15.6, old_vintage: 1, new_vintage: 2 },
          { year: 2020, old_value: 17, new_value: 16.1, old_vintage: 1, new_vintage: 2 }
        ],
        { lang: "en", unit: null, width: 480, document: serverDocument() }
      )
    )
  })
  it("sparkline: last point marked, hollow when an estimate", () => {
    check(
      "sparkline",
      sparkline(
        [
          [2019, 1, null],
          [2020, 2, null],
          [2021, 2.5, "estimate"]
        ],
        { document: serverDocument() }
      )
    )
  })
})
