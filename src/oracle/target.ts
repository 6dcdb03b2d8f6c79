// Progress towards a target a government set itself (a value by a year, from a baseline
// year): Eurostat's SDG assessment of indicators with a quantified target. The observed pace
// since the baseline is compared with the pace that leads from the baseline value to the
// target in the target year. The SQL mart `target_status` implements the same rules and
// tests/marts/target-agreement.test.ts checks both agree; docs/methodology.md explains them.
import { annualChange, chooseMethod, compoundAnnualGrowth, reached, type Method, type Point, type StatusParameters } from "./status.ts"

export type TargetStatus = "achieved" | "on_track" | "moderate" | "insufficient" | "moving_away" | "not_enough_data"

export interface TargetInput {
  /** The country's values, any order, at most one per year. */
  readonly series: ReadonlyArray<Point>
  readonly targetValue: number
  readonly targetYear: number
  readonly baselineYear: number
  /** null (no direction in the catalogue): the direction from the baseline to the target. */
  readonly higherIsBetter: boolean | null
  readonly validMax?: number | null
}

export interface TargetAssessment {
  /** The base actually used: the baseline year's value, else the first value after it. */
  readonly baseYear: number | null
  readonly baseValue: number | null
  readonly latestYear: number | null
  readonly latestValue: number | null
  readonly higherIsBetter: boolean | null
  readonly method: Method
  /** Observed pace from the base to the latest value (growth rate or change per year). */
  readonly observedPace: number | null
  /** Pace from the base value to the target value in the target year. */
  readonly requiredPace: number | null
  readonly ratio: number | null
  /** How much of the way from the base to the target has been covered (0 = none, 1 = all). */
  readonly progressShare: number | null
  /** The value in the target year if the observed pace continues from the latest value. */
  readonly projectedValue: number | null
  /** Whether that projection reaches the target (true once achieved). */
  readonly willMeet: boolean | null
  readonly status: TargetStatus
}

/** The pace of a method between two values `years` apart. */
const paceOf = (method: Method, from: number, to: number, years: number): number | null =>
  method === "growth" ? compoundAnnualGrowth(from, to, years) : annualChange(from, to, years)

/** Where a value ends up after `years` more years at `pace`. */
export const project = (method: Method, from: number, pace: number, years: number): number =>
  method === "growth" ? from * Math.pow(1 + pace, years) : from + pace * years

export const assessTarget = (input: TargetInput, p: StatusParameters): TargetAssessment => {
  const sorted = [...input.series].sort((a, b) => a.year - b.year)
  const latest = sorted.length > 0 ? sorted[sorted.length - 1] : null
  const base = sorted.find((pt) => pt.year >= input.baselineYear) ?? null
  const target = input.targetValue
  const hib = input.higherIsBetter ?? (base ? target >= base.value : null)
  const method = base && latest ? chooseMethod(base.value, latest.value, target, input.validMax, p) : "change"
  const span = base && latest ? latest.year - base.year : 0
  const horizon = base ? input.targetYear - base.year : 0
  const observed = base && latest && span > 0 ? paceOf(method, base.value, latest.value, span) : null
  const required = base && horizon > 0 ? paceOf(method, base.value, target, horizon) : null
  const isReached = latest !== null && hib !== null && reached(latest.value, target, hib)
  const enough = base !== null && span >= p.minSpanYears
  const ratio = enough && !isReached && observed !== null && required !== null && required !== 0 ? observed / required : null
  const progressShare = base && latest && target !== base.value ? (latest.value - base.value) / (target - base.value) : null
  const projectedValue = latest && observed !== null && enough ? project(method, latest.value, observed, Math.max(input.targetYear - latest.year, 0)) : null
  const willMeet = isReached ? true : projectedValue !== null && hib !== null ? reached(projectedValue, target, hib) : null
  const status: TargetStatus = isReached
    ? "achieved"
    : !enough || required === null
      ? "not_enough_data"
      : // The base was at the target and the value has left it: it moved away.
        required === 0
        ? "moving_away"
        : ratio === null
          ? "not_enough_data"
          : ratio >= p.onTrackRatio
            ? "on_track"
            : ratio >= p.moderateRatio
              ? "moderate"
              : ratio >= 0
                ? "insufficient"
                : "moving_away"
  return {
    baseYear: base?.year ?? null,
    baseValue: base?.value ?? null,
    latestYear: latest?.year ?? null,
    latestValue: latest?.value ?? null,
    higherIsBetter: hib,
    method,
    observedPace: observed,
    requiredPace: required,
    ratio,
    progressShare,
    projectedValue,
    willMeet,
    status
  }
}

/** Eurostat's cut-off between significant and moderate progress without a target: 1 % a year. */
export const SIGNIFICANT_GROWTH = 0.01

export interface TrendAssessment {
  readonly baseYear: number | null
  readonly latestYear: number
  /** Compound annual growth, or annual change relative to the base when a value is <= 0. */
  readonly annualGrowth: number | null
  /** null for an indicator without a direction. */
  readonly status: Exclude<TargetStatus, "achieved" | "insufficient"> | null
}

/**
 * Status from the trend alone (a national indicator with no benchmark and no target):
 * Eurostat's assessment of indicators without a quantified target. The mart `trend_status`
 * implements the same rules. null when the series is empty.
 */
export const assessTrend = (series: ReadonlyArray<Point>, higherIsBetter: boolean | null, p: StatusParameters): TrendAssessment | null => {
  if (series.length === 0) return null
  const sorted = [...series].sort((a, b) => a.year - b.year)
  const latest = sorted[sorted.length - 1]
  const base = sorted.find((pt) => pt.year >= latest.year - p.windowYears && pt.year < latest.year) ?? null
  const span = base ? latest.year - base.year : 0
  const growth =
    !base || span <= 0
      ? null
      : base.value > 0 && latest.value > 0
        ? compoundAnnualGrowth(base.value, latest.value, span)
        : base.value !== 0
          ? (latest.value - base.value) / span / Math.abs(base.value)
          : null
  const good = growth === null || higherIsBetter === null ? null : higherIsBetter ? growth : -growth
  const status =
    higherIsBetter === null
      ? null
      : base === null || span < p.minSpanYears || good === null
        ? "not_enough_data"
        : good >= SIGNIFICANT_GROWTH
          ? "on_track"
          : good >= 0
            ? "moderate"
            : "moving_away"
  return { baseYear: base?.year ?? null, latestYear: latest.year, annualGrowth: growth, status }
}
