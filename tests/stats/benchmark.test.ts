// Group summaries and ranks on hand-computed cases.
import { describe, expect, it } from "vitest"
import { quantileCont, rankAmong, summarise } from "../../src/oracle/benchmark.ts"

describe("summarise", () => {
  it("interpolates quartiles linearly like DuckDB's quantile_cont", () => {
    // sorted 1,2,4,10: p25 at position 0.75 -> 1 + 0.75*(2-1) = 1.75; median at 1.5 -> 3; p75 at 2.25 -> 4 + 0.25*6 = 5.5
    expect(summarise([10, 1, 4, 2])).toEqual({ n: 4, mean: 4.25, median: 3, p25: 1.75, p75: 5.5, min: 1, max: 10 })
    expect(quantileCont([7], 0.25)).toBe(7)
    expect(summarise([])).toBeNull()
  })
})

describe("rankAmong", () => {
  it("counts strictly better countries, so ties share a rank, and inverts for lower-is-better", () => {
    expect(rankAmong(0.5, [0.9, 0.5, 0.4], true)).toEqual({ rank: 2, of: 4 })
    expect(rankAmong(0.5, [0.9, 0.5, 0.4], false)).toEqual({ rank: 2, of: 4 })
    expect(rankAmong(64, [10, 20, 70], false)).toEqual({ rank: 3, of: 4 })
    expect(rankAmong(3, [], true)).toEqual({ rank: 1, of: 1 })
  })
})
