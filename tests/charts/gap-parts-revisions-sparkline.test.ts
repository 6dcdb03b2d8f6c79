import { describe, expect, it } from "vitest"
import { gapChart, gapRows } from "../../src/web/charts/gap.ts"
import { partRows, partsChart } from "../../src/web/charts/parts.ts"
import { largestRevision, revisionsChart } from "../../src/web/charts/revisions.ts"
import { sparkline, sparkPoints } from "../../src/web/charts/sparkline.ts"
import type { Benchmark, IndicatorPart, Point } from "../../src/contract/types.ts"
import { markup, serverDocument } from "../support/dom.ts"

const html = markup

describe("gap over time", () => {
  const bands: Array<Benchmark> = [2019, 2020, 2021].map((year, i) => ({
    year,
    group_id: "oecd",
    n: 38,
    mean: null,
    median: 80 + i,
    p25: null,
    p75: null,
    min: null,
    max: null
  }))
  it("is the focus minus the OECD median, only in years with both", () => {
    const rows = gapRows(
      [
        [2018, 50, null],
        [2019, 60, null],
        [2021, 79, null]
      ],
      bands
    )
    expect(rows).toEqual([
      { year: 2019, value: 60, median: 80, gap: -20 },
      { year: 2021, value: 79, median: 82, gap: -3 }
    ])
  })
  it("labels both sides in words and draws the zero line", () => {
    const svg = html(
      gapChart(
        gapRows(
          [
            [2019, 60, null],
            [2020, 85, null]
          ],
          bands
        ),
        { above: "sobre la mediana", below: "bajo la mediana" },
        true,
        { lang: "es", unit: "percent", width: 500, document: serverDocument() }
      )
    )
    expect(svg).toContain("↑ sobre la mediana")
    expect(svg).toContain("↓ bajo la mediana")
    expect(svg).toContain("p. p.")
  })
})

describe("index parts", () => {
  const parts: Array<IndicatorPart> = [
    { id: "OECD.DGI.OPEN", short: { en: "Open by default", es: "Abierto por defecto" }, latest: { MEX: [2023, 0.6] }, oecd_mean: 0.5, oecd_year: 2023 },
    { id: "OECD.DGI.DATA", short: { en: "Data-driven", es: "Basado en datos" }, latest: { MEX: [2023, 0.3] }, oecd_mean: 0.55, oecd_year: 2023 },
    { id: "OECD.DGI.PLAT", short: { en: "Platform", es: "Plataforma" }, latest: {}, oecd_mean: 0.4, oecd_year: 2023 }
  ]
  it("sorts parts by gap, largest shortfall first, parts without data last", () => {
    const rows = partRows(parts, "MEX", "en")
    expect(rows.map((r) => r.id)).toEqual(["OECD.DGI.DATA", "OECD.DGI.OPEN", "OECD.DGI.PLAT"])
    expect(rows[0].gap).toBeCloseTo(-0.25)
    expect(rows[2]).toMatchObject({ value: null, gap: null })
  })
  it("draws focus dots and OECD mean diamonds", () => {
    const svg = html(
      partsChart(
        partRows(parts, "MEX", "es"),
        { focus: "México", oecd: "Promedio OCDE" },
        { lang: "es", unit: "index_0_1", width: 500, document: serverDocument() }
      )
    )
    expect(svg).toContain("Basado en datos")
    expect(svg).toContain("● México")
    expect(svg).toContain("◇ Promedio OCDE")
  })
})

describe("revisions", () => {
  const rows = [
    { year: 2012, old_value: 10.82, new_value: 11.19, old_vintage: 1, new_vintage: 2 },
    { year: 2017, old_value: 63.85, new_value: 53.03, old_vintage: 1, new_vintage: 2 }
  ]
  it("finds the largest change", () => {
    expect(largestRevision(rows)?.year).toBe(2017)
    expect(largestRevision([])).toBeNull()
  })
  it("draws old (hollow) and new (filled) values", () => {
    const svg = html(revisionsChart(rows, { lang: "en", unit: "percent", width: 400, document: serverDocument() }))
    expect(svg).toContain('fill="white"')
    expect(svg).toContain('fill="#c2410c"')
  })
})

describe("sparkline", () => {
  it("keeps the last fifteen years", () => {
    const points: Array<Point> = Array.from({ length: 30 }, (_, i) => [1995 + i, i, null])
    expect(sparkPoints(points).map((p) => p[0])).toEqual(Array.from({ length: 15 }, (_, i) => 2010 + i))
    expect(sparkPoints([])).toEqual([])
  })
  it("renders a small svg without axes", () => {
    const svg = html(
      sparkline(
        [
          [2020, 1, null],
          [2021, 2, "estimate"]
        ],
        { document: serverDocument() }
      )
    )
    expect(svg).toContain('width="110"')
    expect(svg).not.toContain("axis")
    expect(svg).toContain('fill="white"')
  })
})
