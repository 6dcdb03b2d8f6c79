// Gap over time: the focus minus the OECD median each year, around a zero line; the side of
// zero that is good (from higher_is_better) is shaded in one tone, the other in another,
// and labelled in words so the shading is not the only signal.
import * as Plot from "@observablehq/plot"
import type { Benchmark, Point } from "../../contract/types.ts"
import { formatDelta } from "../i18n/format.ts"
import { baseOptions, type ChartEnv, NEUTRAL, valueTick, yearTick } from "./theme.ts"

export interface GapRow {
  readonly year: number
  readonly value: number
  readonly median: number
  readonly gap: number
}

export const gapRows = (points: ReadonlyArray<Point>, bands: ReadonlyArray<Benchmark>): Array<GapRow> => {
  const median = new Map(bands.filter((b) => b.median !== null).map((b) => [b.year, b.median as number]))
  return points.flatMap(([year, value]) => {
    const m = median.get(year)
    return m === undefined ? [] : [{ year, value, median: m, gap: value - m }]
  })
}

export const gapChart = (
  rows: ReadonlyArray<GapRow>,
  labels: { above: string; below: string },
  higherIsBetter: boolean | null,
  env: ChartEnv
): SVGSVGElement | HTMLElement => {
  const goodAbove = higherIsBetter !== false
  const good = "#0e7490"
  const bad = "#b45309"
  return Plot.plot({
    ...baseOptions(env),
    height: 220,
    marginLeft: 56,
    x: { label: null, tickFormat: yearTick, ticks: Math.max(3, Math.floor(env.width / 90)) },
    // Differences of percentages are percentage points, not percent.
    y: {
      label: null,
      grid: true,
      tickFormat: (v: number, i: number, ticks?: ReadonlyArray<number>) =>
        v === 0
          ? "0"
          : `${v > 0 ? "+" : "−"}${valueTick({ ...env, unit: null })(Math.abs(v), i, ticks)}${env.unit === "percent" ? (env.lang === "es" ? " p. p." : " pp") : ""}`
    },
    marks: [
      Plot.areaY(rows, { x: "year", y1: 0, y2: (r: GapRow) => Math.max(0, r.gap), fill: goodAbove ? good : bad, fillOpacity: 0.3 }),
      Plot.areaY(rows, { x: "year", y1: 0, y2: (r: GapRow) => Math.min(0, r.gap), fill: goodAbove ? bad : good, fillOpacity: 0.3 }),
      Plot.ruleY([0], { stroke: NEUTRAL }),
      Plot.lineY(rows, { x: "year", y: "gap", stroke: "currentColor", strokeWidth: 1.5 }),
      Plot.dot(rows, { x: "year", y: "gap", r: 2, fill: "currentColor" }),
      Plot.text([labels.above], { frameAnchor: "top-left", dx: 4, dy: 4, text: (d: string) => `↑ ${d}`, fill: goodAbove ? good : bad, textAnchor: "start" }),
      Plot.text([labels.below], {
        frameAnchor: "bottom-left",
        dx: 4,
        dy: -4,
        text: (d: string) => `↓ ${d}`,
        fill: goodAbove ? bad : good,
        textAnchor: "start"
      }),
      Plot.tip(rows, Plot.pointerX({ x: "year", y: "gap", title: (r: GapRow) => `${r.year}: ${formatDelta(env.lang, env.unit, r.gap)}` }))
    ]
  })
}
