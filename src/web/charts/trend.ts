// The indicator's main chart: the focus country's line over time, thick and in the accent
// colour; the OECD median dashed over its interquartile band and a lighter min–max band;
// peers as thin labelled lines; hollow markers for estimates, a vertical rule for a series
// break; the last point labelled with its value; a target, when one is set, as a point at
// the target year and the line of the pace that leads there from the baseline.
import * as Plot from "@observablehq/plot"
import type { Benchmark, Point } from "../../contract/types.ts"
import { formatValue } from "../i18n/format.ts"
import { t } from "../i18n/strings.ts"
import { ACCENT, BAND_IQR, BAND_RANGE, baseOptions, type ChartEnv, hasFlag, NEUTRAL, peerColour, valueTick, yearTick } from "./theme.ts"

export interface TrendSeries {
  readonly iso3: string
  readonly name: string
  readonly points: ReadonlyArray<Point>
}

export interface TrendInput {
  readonly focus: TrendSeries
  readonly peers: ReadonlyArray<TrendSeries>
  readonly bands: ReadonlyArray<Benchmark> | null
  /** Small multiples: no peers' labels, shorter. */
  readonly compact?: boolean
  /** A target set for the focus (target_status), drawn with its required pace. */
  readonly target?: TrendTarget | null
}

/** The parts of a target the chart draws (a TargetRef of the page data fits). */
export interface TrendTarget {
  readonly value: number
  readonly year: number
  readonly base_year: number | null
  readonly base_value: number | null
  readonly method: string
  readonly required_pace: number | null
}

/**
 * The path of the required pace, year by year from the base to the target: compound growth
 * bends like the growth it asks for, absolute change is straight. Empty without a base.
 */
export const requiredPath = (target: TrendTarget): Array<{ year: number; value: number }> => {
  const { base_year: b, base_value: v, required_pace: r } = target
  if (b === null || v === null || r === null || target.year <= b) return []
  const path: Array<{ year: number; value: number }> = []
  for (let year = b; year <= target.year; year++) {
    path.push({ year, value: target.method === "growth" ? v * Math.pow(1 + r, year - b) : v + r * (year - b) })
  }
  return path
}

/** One row per value the chart draws (lines and bands alike): also its table and CSV. */
export interface TrendRow {
  readonly series: string
  readonly iso3: string | null
  readonly role: "focus" | "peer" | "oecd"
  readonly year: number
  readonly value: number
  readonly p25: number | null
  readonly p75: number | null
  readonly min: number | null
  readonly max: number | null
  readonly flags: string | null
}

export const trendRows = (input: TrendInput, oecdLabel: string): Array<TrendRow> => {
  const line = (s: TrendSeries, role: "focus" | "peer"): Array<TrendRow> =>
    s.points.map(([year, value, flags]) => ({ series: s.name, iso3: s.iso3, role, year, value, p25: null, p75: null, min: null, max: null, flags }))
  const bands = (input.bands ?? [])
    .filter((b) => b.median !== null)
    .map(
      (b): TrendRow => ({
        series: oecdLabel,
        iso3: null,
        role: "oecd",
        year: b.year,
        value: b.median as number,
        p25: b.p25,
        p75: b.p75,
        min: b.min,
        max: b.max,
        flags: null
      })
    )
  return [...line(input.focus, "focus"), ...input.peers.flatMap((p) => line(p, "peer")), ...bands]
}

/** Years the focus series marks as a break in series. */
export const breakYears = (points: ReadonlyArray<Point>): Array<number> => points.filter((p) => hasFlag(p, "break")).map((p) => p[0])

export const trendChart = (input: TrendInput, env: ChartEnv): SVGSVGElement | HTMLElement => {
  const oecdLabel = t(env.lang, "legend_median")
  const rows = trendRows(input, oecdLabel)
  const focus = rows.filter((r) => r.role === "focus")
  const oecd = rows.filter((r) => r.role === "oecd")
  const peerNames = input.peers.map((p) => p.name)
  const colourOf = new Map(input.peers.map((p, i) => [p.name, peerColour(i)]))
  const breaks = breakYears(input.focus.points)
  const last = focus[focus.length - 1]
  const lastOecd = oecd[oecd.length - 1]
  const withIqr = oecd.filter((r) => r.p25 !== null && r.p75 !== null)
  const withRange = oecd.filter((r) => r.min !== null && r.max !== null)
  const compact = input.compact ?? false
  // A single edition (an index published once so far): bands become bars, lines become dots.
  const singleYear = new Set(rows.map((r) => r.year)).size === 1
  return Plot.plot({
    ...baseOptions(env),
    height: compact ? 170 : Math.round(Math.min(420, Math.max(260, env.width * 0.55))),
    marginRight: compact ? 44 : 92,
    marginLeft: 52,
    x: { label: null, tickFormat: yearTick, ticks: Math.max(3, Math.floor(env.width / 90)) },
    y: { label: null, grid: true, nice: true, tickFormat: valueTick(env), ticks: compact ? 4 : 6 },
    marks: [
      singleYear
        ? Plot.ruleX(withRange, { x: "year", y1: "min", y2: "max", stroke: BAND_RANGE, strokeWidth: 28, strokeOpacity: 0.6 })
        : Plot.areaY(withRange, { x: "year", y1: "min", y2: "max", fill: BAND_RANGE, fillOpacity: 0.45, curve: "linear" }),
      singleYear
        ? Plot.ruleX(withIqr, { x: "year", y1: "p25", y2: "p75", stroke: BAND_IQR, strokeWidth: 28, strokeOpacity: 0.6 })
        : Plot.areaY(withIqr, { x: "year", y1: "p25", y2: "p75", fill: BAND_IQR, fillOpacity: 0.45, curve: "linear" }),
      singleYear
        ? Plot.tickY(oecd, { x: "year", y: "value", stroke: NEUTRAL, strokeWidth: 2, strokeDasharray: "5,3" })
        : Plot.lineY(oecd, { x: "year", y: "value", stroke: NEUTRAL, strokeWidth: 1.5, strokeDasharray: "5,3" }),
      lastOecd && !compact ? Plot.text([lastOecd], { x: "year", y: "value", text: () => oecdLabel, dx: 6, textAnchor: "start", fill: NEUTRAL }) : null,
      breaks.length > 0 ? Plot.ruleX(breaks, { stroke: "currentColor", strokeWidth: 1, strokeDasharray: "2,2" }) : null,
      breaks.length > 0 && !compact
        ? Plot.text(breaks, {
            x: (d: number) => d,
            frameAnchor: "top",
            text: (d: number) => t(env.lang, "series_break_in", { year: d }),
            dy: -2,
            textAnchor: "start",
            dx: 3,
            fontSize: 10
          })
        : null,
      ...input.peers.flatMap((p) => {
        const pr = rows.filter((r) => r.role === "peer" && r.series === p.name)
        const colour = colourOf.get(p.name) as string
        return [
          Plot.lineY(pr, { x: "year", y: "value", stroke: colour, strokeWidth: 1.25 }),
          pr.length === 1 ? Plot.dot(pr, { x: "year", y: "value", r: 2.5, fill: colour }) : null,
          compact ? null : Plot.text(pr.slice(-1), { x: "year", y: "value", text: "series", dx: 6, textAnchor: "start", fill: colour, fontSize: 11 })
        ]
      }),
      ...targetMarks(input.target ?? null, env, compact),
      Plot.lineY(focus, { x: "year", y: "value", stroke: ACCENT, strokeWidth: 3 }),
      // Markers only where a flag applies (estimates hollow, other flags filled) and on the
      // last point, so the flag is visible without colour and the line stays clean.
      Plot.dot(
        focus.filter((d, i) => d.flags !== null || i === focus.length - 1),
        {
          x: "year",
          y: "value",
          r: compact ? 2.5 : 3.5,
          stroke: ACCENT,
          strokeWidth: 1.5,
          fill: (d: TrendRow) => ((d.flags ?? "").includes("estimate") ? "white" : ACCENT)
        }
      ),
      last
        ? Plot.text([last], {
            x: "year",
            y: "value",
            dx: 6,
            textAnchor: "start",
            fontWeight: 700,
            fill: ACCENT,
            text: (d: { value: number }) =>
              compact || env.width < 520 ? formatValue(env.lang, env.unit, d.value) : `${input.focus.name}: ${formatValue(env.lang, env.unit, d.value)}`,
            lineWidth: compact ? 8 : 14
          })
        : null,
      Plot.tip(
        rows,
        Plot.pointer({
          x: "year",
          y: "value",
          title: (d: TrendRow) => `${d.series}, ${d.year}: ${formatValue(env.lang, env.unit, d.value)}${d.flags ? ` (${d.flags})` : ""}`
        })
      )
    ].filter((m) => m !== null),
    ariaDescription: peerNames.length > 0 ? peerNames.join(", ") : undefined
  })
}

/** The target point, labelled, and the dotted line of the pace that reaches it. */
const targetMarks = (target: TrendTarget | null, env: ChartEnv, compact: boolean) => {
  if (!target) return []
  const path = requiredPath(target)
  return [
    path.length > 1
      ? Plot.lineY(path, { x: "year", y: "value", stroke: ACCENT, strokeOpacity: 0.7, strokeWidth: 1.5, strokeDasharray: "1,3", className: "required-pace" })
      : null,
    Plot.dot([target], { x: "year", y: "value", r: compact ? 4 : 5.5, symbol: "star", stroke: ACCENT, strokeWidth: 1.5, fill: "white", className: "target" }),
    compact
      ? null
      : Plot.text([target], {
          x: "year",
          y: "value",
          dy: -12,
          textAnchor: "end",
          fill: ACCENT,
          fontSize: 11,
          text: (d: TrendTarget) => t(env.lang, "target_label", { year: d.year, value: formatValue(env.lang, env.unit, d.value) })
        })
  ]
}
