import { describe, expect, it } from "vitest"
import { breakYears, requiredPath, trendChart, trendRows } from "../../src/web/charts/trend.ts"
import type { Benchmark, Point } from "../../src/contract/types.ts"
import { markup, serverDocument } from "../support/dom.ts"

const mex: Array<Point> = [
  [2018, 60, null],
  [2019, 65, "estimate"],
  [2020, 70, "break"],
  [2021, 72.4, null]
]
const chl: Array<Point> = [
  [2019, 80, null],
  [2021, 85, null]
]
const band = (year: number, median: number): Benchmark => ({
  year,
  group_id: "oecd",
  n: 38,
  mean: median,
  median,
  p25: median - 5,
  p75: median + 5,
  min: median - 20,
  max: median + 10
})
const bands = [band(2018, 80), band(2019, 82), band(2020, 84), band(2021, 86)]
const input = { focus: { iso3: "MEX", name: "México", points: mex }, peers: [{ iso3: "CHL", name: "Chile", points: chl }], bands }
const env = { lang: "es" as const, unit: "percent", width: 640, document: serverDocument() }

describe("trend chart", () => {
  it("has one row per drawn value: focus, peers and the OECD median with its bands", () => {
    const rows = trendRows(input, "Mediana OCDE")
    expect(rows.filter((r) => r.role === "focus").map((r) => r.value)).toEqual([60, 65, 70, 72.4])
    expect(rows.filter((r) => r.role === "peer")).toHaveLength(2)
    expect(rows.find((r) => r.role === "oecd" && r.year === 2021)).toMatchObject({ value: 86, p25: 81, p75: 91, min: 66, max: 96 })
  })

  it("finds series breaks from the flags", () => {
    expect(breakYears(mex)).toEqual([2020])
  })

  it("draws the focus line, hollow estimate marker, break rule, peer label and last-value label", () => {
    const svg = { outerHTML: markup(trendChart(input, env)) }
    const html = svg.outerHTML
    // Thick accent line for the focus, dashed median.
    expect(html).toMatch(/stroke="#c2410c"[^>]*stroke-width="3"|stroke-width="3"[^>]*stroke="#c2410c"/)
    expect(html).toContain('stroke-dasharray="5,3"')
    // The estimate of 2019 is a hollow marker (white fill).
    expect(html).toContain('fill="white"')
    expect(html).toContain("ruptura de serie en 2020")
    expect(html).toContain(">Chile<")
    // Last value formatted for Spanish.
    expect(html).toContain("México: 72,4 %")
  })

  it("works with no benchmark at all (marts not built yet)", () => {
    const svg = { outerHTML: markup(trendChart({ ...input, bands: null }, env)) }
    expect(svg.outerHTML).not.toContain("Mediana OCDE")
    expect(svg.outerHTML).toContain("México: 72,4 %")
  })

  it("shows a hostile country name as text, never as markup", () => {
    const hostile = { ...input, peers: [{ iso3: "CHL", name: "<img src=x onerror=alert(1)>", points: chl }] }
    const html = markup(trendChart(hostile, env))
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;")
    // Inside a quoted attribute (the SVG's aria-description) "<" is inert; elsewhere it must be escaped.
    expect(html.replace(/="[^"]*"/g, '=""')).not.toContain("<img")
  })
})

describe("trend chart with a target", () => {
  const target = { value: 80, year: 2030, base_year: 2020, base_value: 38, method: "growth", required_pace: 0.077285 }
  it("draws the required pace year by year from the base, bending for growth and straight for change", () => {
    const path = requiredPath(target)
    expect(path[0]).toEqual({ year: 2020, value: 38 })
    expect(path).toHaveLength(11)
    // 38 * 1.077285^10 = 80.0
    expect(path[10].value).toBeCloseTo(80, 3)
    // 38 * 1.077285^5 = 55.14 (a straight line would give 59)
    expect(path[5].value).toBeCloseTo(55.14, 2)
    const straight = requiredPath({ ...target, method: "change", required_pace: 4.2 })
    expect(straight[5].value).toBeCloseTo(59, 9)
    expect(requiredPath({ ...target, base_year: null })).toEqual([])
  })

  it("draws the target point, its label and the required-pace line", () => {
    const html = markup(trendChart({ ...input, target }, env))
    expect(html).toContain('class="target"')
    expect(html).toContain('class="required-pace"')
    expect(html).toMatch(/Meta 2030: 80,0\s%/)
    const none = markup(trendChart(input, env))
    expect(none).not.toContain('class="target"')
  })
})
