// A group's distribution for one indicator and year, as the `benchmarks` mart computes it
// (DuckDB's quantile_cont: linear interpolation between order statistics).

export interface Summary {
  readonly n: number
  readonly mean: number
  readonly median: number
  readonly p25: number
  readonly p75: number
  readonly min: number
  readonly max: number
}

/** Quantile with linear interpolation at position q·(n−1) of the sorted values. */
export const quantileCont = (sorted: ReadonlyArray<number>, q: number): number => {
  if (sorted.length === 0) return Number.NaN
  const pos = q * (sorted.length - 1)
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo)
}

/** null for no values: a group with no data has no benchmark. */
export const summarise = (values: ReadonlyArray<number>): Summary | null => {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  return {
    n: sorted.length,
    mean: sorted.reduce((s, v) => s + v, 0) / sorted.length,
    median: quantileCont(sorted, 0.5),
    p25: quantileCont(sorted, 0.25),
    p75: quantileCont(sorted, 0.75),
    min: sorted[0],
    max: sorted[sorted.length - 1]
  }
}

/**
 * Rank of `value` among `others` (the group's other countries with a value that year):
 * 1 + how many do better; ties share a rank. `of` counts the country itself.
 */
export const rankAmong = (value: number, others: ReadonlyArray<number>, higherIsBetter: boolean | null): { rank: number; of: number } => ({
  rank: 1 + others.filter((o) => (higherIsBetter === false ? o < value : o > value)).length,
  of: others.length + 1
})
