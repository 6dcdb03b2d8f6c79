// The parts of a composite index (DGI's six dimensions, OURdata's three pillars, EGDI's
// components): a dot plot of the focus against the OECD mean per part, sorted by gap, with a
// link between the two dots so the distance reads at a glance.
import * as Plot from "@observablehq/plot"
import type { IndicatorPart, Lang } from "../../contract/types.ts"
import { formatValue } from "../i18n/format.ts"
import { ACCENT, baseOptions, type ChartEnv, NEUTRAL, valueTick } from "./theme.ts"

export interface PartRow {
  readonly id: string
  readonly name: string
  readonly year: number | null
  readonly value: number | null
  readonly oecd_mean: number | null
  readonly gap: number | null
}

export const partRows = (parts: ReadonlyArray<IndicatorPart>, focus: string, lang: Lang): Array<PartRow> =>
  parts
    .map((p) => {
      const latest = p.latest[focus]
      const value = latest ? latest[1] : null
      return {
        id: p.id,
        name: p.short[lang] ?? p.id,
        year: latest ? latest[0] : null,
        value,
        oecd_mean: p.oecd_mean,
        gap: value !== null && p.oecd_mean !== null ? value - p.oecd_mean : null
      }
    })
    // Largest shortfall first; parts without a gap at the end, in catalogue order.
    .sort((a, b) => (a.gap === null ? 1 : b.gap === null ? -1 : a.gap - b.gap))

export const partsChart = (rows: ReadonlyArray<PartRow>, labels: { focus: string; oecd: string }, env: ChartEnv): SVGSVGElement | HTMLElement => {
  const withValue = rows.filter((r) => r.value !== null)
  const withMean = rows.filter((r) => r.oecd_mean !== null)
  const both = rows.filter((r) => r.value !== null && r.oecd_mean !== null)
  return Plot.plot({
    ...baseOptions(env),
    height: rows.length * 34 + 50,
    marginTop: 40,
    marginLeft: Math.min(200, Math.max(...rows.map((r) => r.name.length), 6) * 6.4 + 10),
    marginRight: 30,
    x: { label: null, grid: true, tickFormat: valueTick(env) },
    y: { label: null, domain: rows.map((r) => r.name), tickSize: 0 },
    marks: [
      Plot.link(both, { x1: "oecd_mean", x2: "value", y: "name", stroke: NEUTRAL, strokeOpacity: 0.6 }),
      Plot.dot(withMean, { x: "oecd_mean", y: "name", r: 5, stroke: NEUTRAL, fill: "white", strokeWidth: 2, symbol: "diamond" }),
      Plot.dot(withValue, { x: "value", y: "name", r: 5, fill: ACCENT }),
      Plot.text(withValue, { x: "value", y: "name", text: (r: PartRow) => formatValue(env.lang, env.unit, r.value), dy: -11, fill: ACCENT, fontWeight: 700 }),
      // A two-line key in words and shapes, top right (direct labels over a colour legend).
      Plot.text([`● ${labels.focus}`], { frameAnchor: "top-right", dy: -30, fill: ACCENT, textAnchor: "end" }),
      Plot.text([`◇ ${labels.oecd}`], { frameAnchor: "top-right", dy: -16, fill: NEUTRAL, textAnchor: "end" })
    ]
  })
}
