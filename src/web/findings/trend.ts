// The finding above the main chart, in one or two sentences computed from the same numbers
// the chart draws: the latest value, the OECD median that year, and how the gap moved over
// (up to) the last five years.
import type { Benchmark, Lang, Point } from "../../contract/types.ts"
import { formatDelta, formatValue } from "../i18n/format.ts"
import { t } from "../i18n/strings.ts"

export const LOOKBACK_YEARS = 5
/** Changes smaller than this share of the earlier gap are "barely changed". */
const SAME = 0.05

export interface TrendFindingInput {
  readonly lang: Lang
  readonly country: string
  readonly unit: string | null
  readonly points: ReadonlyArray<Point>
  readonly bands: ReadonlyArray<Benchmark> | null
}

export const trendFinding = ({ lang, country, unit, points, bands }: TrendFindingInput): string => {
  if (points.length === 0) return t(lang, "finding_no_data", { country })
  const [year, value] = points[points.length - 1]
  const median = new Map((bands ?? []).filter((b) => b.median !== null).map((b) => [b.year, b.median as number]))
  const latestMedian = median.get(year)
  if (latestMedian === undefined) {
    const first = t(lang, "finding_latest", { country, value: formatValue(lang, unit, value), year })
    const earlier = points.find((p) => p[0] >= year - LOOKBACK_YEARS && p[0] < year)
    const change = earlier ? ` ${t(lang, "finding_change", { delta: formatDelta(lang, unit, value - earlier[1]), since: earlier[0] })}` : ""
    const missing = bands === null ? ` ${t(lang, "finding_no_benchmark")}` : ""
    return first + change + missing
  }
  const first = t(lang, "finding_vs_median", { country, value: formatValue(lang, unit, value), year, median: formatValue(lang, unit, latestMedian) })
  const earlier = points.find((p) => p[0] >= year - LOOKBACK_YEARS && p[0] < year && median.has(p[0]))
  if (!earlier) return first
  const gapThen = Math.abs(earlier[1] - (median.get(earlier[0]) as number))
  const gapNow = Math.abs(value - latestMedian)
  const moved = gapNow - gapThen
  const key = Math.abs(moved) <= SAME * Math.max(gapThen, 1e-9) ? "finding_gap_same" : moved < 0 ? "finding_gap_narrowed" : "finding_gap_widened"
  return `${first} ${t(lang, key, { delta: formatDelta(lang, unit, Math.abs(moved)).replace(/^\+/, ""), since: earlier[0] })}`
}
