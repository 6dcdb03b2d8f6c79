// Status of an indicator for one country: is it closing the gap to a benchmark fast enough?
// The logic of Eurostat's SDG progress assessment (observed pace / pace needed to reach a
// target by a target year), adapted to a moving benchmark; see docs/methodology.md. The SQL
// mart `indicator_status` implements the same rules and a test checks both agree.

/** The methodology's parameters; the values live in data/settings.yaml (`status:`). */
export interface StatusParameters {
  /** Observed pace is measured from the earliest value in [latest - windowYears, latest). */
  readonly windowYears: number
  /** Paces over fewer years than this are not assessed. */
  readonly minSpanYears: number
  /** The year by which the target should be reached. */
  readonly targetYear: number
  /** observed / required >= this: on track. */
  readonly onTrackRatio: number
  /** observed / required >= this: moderate (below, down to 0: insufficient). */
  readonly moderateRatio: number
  /** Indicators with valid_max <= this (0–1 indices) use annual absolute change, not growth. */
  readonly changeMethodMax: number
}

export type Status = "above_benchmark" | "on_track" | "moderate" | "insufficient" | "moving_away" | "not_enough_data"

/** An area's roll-up adds one class: below the target with no measurable trend. */
export type AreaStatus = Exclude<Status, "not_enough_data"> | "below_benchmark" | "not_enough_data" | "no_data"

/** Votes of the roll-up from best to worst; ties go towards the worse one. */
export const voteOrder: ReadonlyArray<AreaStatus> = ["above_benchmark", "on_track", "moderate", "below_benchmark", "insufficient", "moving_away"]

export type Method = "growth" | "change"

export interface Point {
  readonly year: number
  readonly value: number
}

/** Compound annual growth rate between two values `years` apart; null when undefined (a value <= 0 or no span). */
export const compoundAnnualGrowth = (from: number, to: number, years: number): number | null =>
  from > 0 && to > 0 && years > 0 ? (to / from) ** (1 / years) - 1 : null

/** Average absolute change per year between two values `years` apart. */
export const annualChange = (from: number, to: number, years: number): number | null => (years > 0 ? (to - from) / years : null)

/** Years left to reach a target: at least one, so a target year already passed still asks for a pace. */
export const yearsLeft = (latestYear: number, targetYear: number): number => Math.max(targetYear - latestYear, 1)

/** Growth rate needed each year from `latest` to reach `target` in `years`; null when undefined. */
export const requiredGrowth = (latest: number, target: number, years: number): number | null =>
  latest > 0 && target > 0 && years > 0 ? (target / latest) ** (1 / years) - 1 : null

/** Absolute change needed each year from `latest` to reach `target` in `years`. */
export const requiredChange = (latest: number, target: number, years: number): number | null => (years > 0 ? (target - latest) / years : null)

/** True when `value` is at or beyond `target` in the good direction. */
export const reached = (value: number, target: number, higherIsBetter: boolean): boolean => (higherIsBetter ? value >= target : value <= target)

/**
 * Eurostat's classes on the ratio of observed to required pace. Because both paces carry a
 * sign (a lower-is-better indicator needs a negative pace), the ratio is direction-free:
 * positive means moving towards the target.
 */
export const classifyRatio = (ratio: number, p: Pick<StatusParameters, "onTrackRatio" | "moderateRatio">): Status =>
  ratio >= p.onTrackRatio ? "on_track" : ratio >= p.moderateRatio ? "moderate" : ratio >= 0 ? "insufficient" : "moving_away"

/** Years until `target` at the observed pace; 0 when reached, null when the pace never gets there. */
export const yearsToParity = (latest: number, target: number, pace: number | null, method: Method, higherIsBetter: boolean): number | null => {
  if (reached(latest, target, higherIsBetter)) return 0
  if (pace === null) return null
  if (method === "growth") {
    if (pace <= -1 || latest <= 0 || target <= 0) return null
    const years = Math.log(target / latest) / Math.log(1 + pace)
    return Number.isFinite(years) && years > 0 ? years : null
  }
  const years = (target - latest) / pace
  return Number.isFinite(years) && years > 0 ? years : null
}

/** Which pace an indicator is judged on (see docs/methodology.md, "Growth or change"). */
export const chooseMethod = (
  base: number | null,
  latest: number,
  target: number,
  validMax: number | null | undefined,
  p: Pick<StatusParameters, "changeMethodMax">
): Method =>
  validMax !== null && validMax !== undefined && validMax <= p.changeMethodMax
    ? "change"
    : base !== null && base > 0 && latest > 0 && target > 0
      ? "growth"
      : "change"

export interface Assessment {
  readonly latestYear: number
  readonly latestValue: number
  readonly baseYear: number | null
  readonly baseValue: number | null
  readonly method: Method
  readonly cagr: number | null
  readonly requiredCagr: number | null
  readonly annualChange: number | null
  readonly requiredChange: number | null
  readonly ratio: number | null
  readonly status: Status | null
  readonly yearsToParity: number | null
}

export interface AssessInput {
  /** The country's values, any order, at most one per year. */
  readonly series: ReadonlyArray<Point>
  /** The benchmark or target value to reach (null: no benchmark). */
  readonly target: number | null
  /** null for context indicators, which get no status. */
  readonly higherIsBetter: boolean | null
  readonly validMax?: number | null
}

/** The whole assessment of one series against one target; null when the series is empty. */
export const assess = (input: AssessInput, p: StatusParameters): Assessment | null => {
  if (input.series.length === 0) return null
  const sorted = [...input.series].sort((a, b) => a.year - b.year)
  const latest = sorted[sorted.length - 1]
  const base = sorted.find((pt) => pt.year >= latest.year - p.windowYears && pt.year < latest.year) ?? null
  const span = base ? latest.year - base.year : 0
  const target = input.target
  const left = yearsLeft(latest.year, p.targetYear)
  const cagr = base ? compoundAnnualGrowth(base.value, latest.value, span) : null
  const change = base ? annualChange(base.value, latest.value, span) : null
  const requiredCagr = target === null ? null : requiredGrowth(latest.value, target, left)
  const reqChange = target === null ? null : requiredChange(latest.value, target, left)
  const method = target === null ? "change" : chooseMethod(base?.value ?? null, latest.value, target, input.validMax, p)
  const pace = method === "growth" ? cagr : change
  const required = method === "growth" ? requiredCagr : reqChange
  const enough = base !== null && span >= p.minSpanYears
  const hib = input.higherIsBetter
  const isReached = target !== null && hib !== null && reached(latest.value, target, hib)
  const ratio = enough && !isReached && pace !== null && required !== null && required !== 0 ? pace / required : null
  const status: Status | null =
    hib === null ? null : target === null ? "not_enough_data" : isReached ? "above_benchmark" : ratio === null ? "not_enough_data" : classifyRatio(ratio, p)
  const parity = hib === null || target === null ? null : isReached ? 0 : enough ? yearsToParity(latest.value, target, pace, method, hib) : null
  return {
    latestYear: latest.year,
    latestValue: latest.value,
    baseYear: base?.year ?? null,
    baseValue: base?.value ?? null,
    method,
    cagr,
    requiredCagr,
    annualChange: change,
    requiredChange: reqChange,
    ratio,
    status,
    yearsToParity: parity
  }
}

/**
 * One status for an area from the statuses of its indicators that have data for the country
 * (null: an indicator without a direction). Each status is a vote, `not_enough_data` voting
 * `below_benchmark`: it only happens below the target (at or beyond it, one value is enough
 * for `above_benchmark`), so without that vote single-edition indices would count when a
 * country is ahead and vanish when it is behind. The most common vote wins, a tie going to
 * the worse one; `not_enough_data` when there is data but no status; `no_data` for none.
 */
export const rollUp = (statuses: ReadonlyArray<Status | null>): AreaStatus => {
  const votes = statuses.filter((s): s is Status => s !== null).map((s): AreaStatus => (s === "not_enough_data" ? "below_benchmark" : s))
  if (votes.length === 0) return statuses.length > 0 ? "not_enough_data" : "no_data"
  let best: AreaStatus = votes[0]
  let bestCount = -1
  for (const v of voteOrder) {
    const n = votes.filter((a) => a === v).length
    // `>=` walks from best to worst, so an equal count later (worse) wins the tie.
    if (n > 0 && n >= bestCount) {
      best = v
      bestCount = n
    }
  }
  return best
}
