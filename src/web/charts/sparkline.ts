// A tiny trend line for the scorecard: the focus country's recent values, last point marked,
// estimates hollow. No axes: the table cell next to it carries the numbers.
import * as Plot from "@observablehq/plot"
import type { Point } from "../../contract/types.ts"
import { ACCENT, hasFlag } from "./theme.ts"

export const SPARK_YEARS = 15

export const sparkPoints = (points: ReadonlyArray<Point>, years = SPARK_YEARS): Array<Point> => {
  if (points.length === 0) return []
  const lastYear = points[points.length - 1][0]
  return points.filter((p) => p[0] > lastYear - years)
}

export const sparkline = (
  points: ReadonlyArray<Point>,
  options: { width?: number; height?: number; document?: Document } = {}
): SVGSVGElement | HTMLElement => {
  const data = sparkPoints(points).map(([year, value, flags]) => ({ year, value, estimate: hasFlag([year, value, flags], "estimate") }))
  return Plot.plot({
    width: options.width ?? 110,
    height: options.height ?? 30,
    margin: 4,
    axis: null,
    x: { type: "linear" },
    y: { nice: false },
    ...(options.document ? { document: options.document } : {}),
    marks: [
      Plot.lineY(data, { x: "year", y: "value", stroke: ACCENT, strokeWidth: 1.5 }),
      Plot.dot(data.slice(-1), { x: "year", y: "value", r: 2.5, fill: (d: { estimate: boolean }) => (d.estimate ? "white" : ACCENT), stroke: ACCENT })
    ]
  })
}
