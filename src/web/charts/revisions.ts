// Revisions between vintages for the focus country: per year, the earlier published value
// (hollow) and the later one (filled), joined by an arrow in the direction of the change.
import * as Plot from "@observablehq/plot"
import type { RevisionRow } from "../../contract/types.ts"
import { formatValue } from "../i18n/format.ts"
import { ACCENT, baseOptions, type ChartEnv, NEUTRAL, valueTick, yearTick } from "./theme.ts"

/** Biggest change first: what a reader wants to see at the top of the table. */
export const largestRevision = (rows: ReadonlyArray<RevisionRow>): RevisionRow | null =>
  rows.reduce<RevisionRow | null>((best, r) => (!best || Math.abs(r.new_value - r.old_value) > Math.abs(best.new_value - best.old_value) ? r : best), null)

export const revisionsChart = (rows: ReadonlyArray<RevisionRow>, env: ChartEnv): SVGSVGElement | HTMLElement =>
  Plot.plot({
    ...baseOptions(env),
    height: 220,
    marginLeft: 52,
    x: { label: null, tickFormat: yearTick, ticks: Math.max(3, Math.floor(env.width / 90)) },
    y: { label: null, grid: true, tickFormat: valueTick(env) },
    marks: [
      Plot.arrow(rows, { x1: "year", x2: "year", y1: "old_value", y2: "new_value", stroke: NEUTRAL, headLength: 6, insetEnd: 4 }),
      Plot.dot(rows, { x: "year", y: "old_value", r: 3.5, stroke: NEUTRAL, fill: "white" }),
      Plot.dot(rows, { x: "year", y: "new_value", r: 3.5, fill: ACCENT }),
      Plot.tip(
        rows,
        Plot.pointerX({
          x: "year",
          y: "new_value",
          title: (r: RevisionRow) => `${r.year}: ${formatValue(env.lang, env.unit, r.old_value)} → ${formatValue(env.lang, env.unit, r.new_value)}`
        })
      )
    ]
  })
