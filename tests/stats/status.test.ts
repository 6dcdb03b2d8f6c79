// The status maths on hand-computed cases (figures worked out on paper/calculator, shown in
// the comments), with the parameters of data/settings.yaml's defaults spelled out here so a
// change of settings does not silently change what these cases mean.
import { describe, expect, it } from "vitest"
import {
  annualChange,
  assess,
  classifyRatio,
  compoundAnnualGrowth,
  requiredGrowth,
  rollUp,
  yearsToParity,
  type StatusParameters
} from "../../src/oracle/status.ts"

const p: StatusParameters = { windowYears: 5, minSpanYears: 2, targetYear: 2030, onTrackRatio: 0.95, moderateRatio: 0.6, changeMethodMax: 1 }
const pts = (...pairs: Array<[number, number]>) => pairs.map(([year, value]) => ({ year, value }))

describe("building blocks", () => {
  it("compound annual growth: 50 -> 60 over 5 years is 1.2^(1/5) - 1", () => {
    expect(compoundAnnualGrowth(50, 60, 5)).toBeCloseTo(0.0371373, 6)
    expect(compoundAnnualGrowth(0, 60, 5)).toBeNull()
    expect(compoundAnnualGrowth(-1, 60, 5)).toBeNull()
    expect(compoundAnnualGrowth(50, 60, 0)).toBeNull()
  })
  it("annual change and required growth", () => {
    expect(annualChange(0.4, 0.5, 4)).toBeCloseTo(0.025, 12)
    expect(requiredGrowth(60, 80, 7)).toBeCloseTo(0.0419536, 6)
    expect(requiredGrowth(0, 80, 7)).toBeNull()
  })
  it("classifies on Eurostat's cut-offs, boundaries included in the better class", () => {
    expect(classifyRatio(0.95, p)).toBe("on_track")
    expect(classifyRatio(0.9499, p)).toBe("moderate")
    expect(classifyRatio(0.6, p)).toBe("moderate")
    expect(classifyRatio(0.5999, p)).toBe("insufficient")
    expect(classifyRatio(0, p)).toBe("insufficient")
    expect(classifyRatio(-0.0001, p)).toBe("moving_away")
  })
  it("years to parity: none when moving away or standing still", () => {
    expect(yearsToParity(60, 80, -0.01, "growth", true)).toBeNull()
    expect(yearsToParity(60, 80, 0, "growth", true)).toBeNull()
    expect(yearsToParity(0.5, 0.605, 0, "change", true)).toBeNull()
    expect(yearsToParity(90, 80, 0.01, "growth", true)).toBe(0)
  })
})

describe("assess", () => {
  it("rising series, not fast enough: moderate", () => {
    // base 2018 = 50, latest 2023 = 60: cagr 1.2^(1/5)-1 = 3.7137 %;
    // needed 60 -> 80 in 2030-2023 = 7 years: (4/3)^(1/7)-1 = 4.1954 %; ratio 0.8852.
    const a = assess({ series: pts([2018, 50], [2023, 60]), target: 80, higherIsBetter: true, validMax: 100 }, p)!
    expect(a.method).toBe("growth")
    expect(a.baseYear).toBe(2018)
    expect(a.cagr).toBeCloseTo(0.0371373, 6)
    expect(a.requiredCagr).toBeCloseTo(0.0419536, 6)
    expect(a.ratio).toBeCloseTo(0.885199, 5)
    expect(a.status).toBe("moderate")
    // ln(80/60) / ln(1.0371373) = 7.8894 years
    expect(a.yearsToParity).toBeCloseTo(7.8894, 3)
  })

  it("falling series of a higher-is-better indicator: moving away, no parity", () => {
    // 70 (2019) -> 65 (2023): cagr (65/70)^(1/4)-1 = -1.8356 %
    const a = assess({ series: pts([2019, 70], [2023, 65]), target: 80, higherIsBetter: true }, p)!
    expect(a.cagr).toBeCloseTo(-0.0183564, 6)
    expect(a.status).toBe("moving_away")
    expect(a.yearsToParity).toBeNull()
  })

  it("lower-is-better indicator falling slowly: insufficient, with the signs handled", () => {
    // a rank 64 (2018) -> 56 (2022): cagr (56/64)^(1/4)-1 = -3.2832 %;
    // needed 56 -> 30 in 8 years: (30/56)^(1/8)-1 = -7.5053 %; ratio 0.43745.
    const a = assess({ series: pts([2018, 64], [2022, 56]), target: 30, higherIsBetter: false }, p)!
    expect(a.cagr).toBeCloseTo(-0.0328318, 6)
    expect(a.requiredCagr).toBeCloseTo(-0.0750534, 6)
    expect(a.ratio).toBeCloseTo(0.437446, 5)
    expect(a.status).toBe("insufficient")
    // ln(30/56) / ln(1 - 0.0328318) = 18.6969 years
    expect(a.yearsToParity).toBeCloseTo(18.6969, 3)
  })

  it("lower-is-better indicator rising: moving away; already below the target: above_benchmark", () => {
    expect(assess({ series: pts([2018, 50], [2022, 60]), target: 30, higherIsBetter: false }, p)!.status).toBe("moving_away")
    const ahead = assess({ series: pts([2018, 20], [2022, 25]), target: 30, higherIsBetter: false }, p)!
    expect(ahead.status).toBe("above_benchmark")
    expect(ahead.yearsToParity).toBe(0)
  })

  it("a single data point: not enough data below the benchmark, above_benchmark at or beyond it", () => {
    const below = assess({ series: pts([2023, 0.536]), target: 0.605, higherIsBetter: true, validMax: 1 }, p)!
    expect(below.status).toBe("not_enough_data")
    expect(below.cagr).toBeNull()
    expect(below.yearsToParity).toBeNull()
    expect(assess({ series: pts([2023, 0.605]), target: 0.605, higherIsBetter: true, validMax: 1 }, p)!.status).toBe("above_benchmark")
  })

  it("gaps in years: the base is the earliest value inside the window, paces use the real span", () => {
    // window [2018, 2023): 2016 is outside, so the base is 2019 (span 4):
    // cagr (55/45)^(1/4)-1 = 5.1447 %; needed (80/55)^(1/7)-1 = 5.4986 %; ratio 0.93564 -> moderate.
    const a = assess({ series: pts([2023, 55], [2016, 40], [2019, 45]), target: 80, higherIsBetter: true }, p)!
    expect(a.baseYear).toBe(2019)
    expect(a.cagr).toBeCloseTo(0.0514474, 6)
    expect(a.ratio).toBeCloseTo(0.935643, 5)
    expect(a.status).toBe("moderate")
    // only a value eight years before the latest: nothing inside the window
    expect(assess({ series: pts([2015, 40], [2023, 55]), target: 80, higherIsBetter: true }, p)!.status).toBe("not_enough_data")
    // one year apart is below min_span_years (2)
    expect(assess({ series: pts([2022, 50], [2023, 55]), target: 80, higherIsBetter: true }, p)!.status).toBe("not_enough_data")
  })

  it("a country already above the benchmark is above_benchmark whatever its trend", () => {
    const a = assess({ series: pts([2019, 95], [2023, 90]), target: 80, higherIsBetter: true }, p)!
    expect(a.status).toBe("above_benchmark")
    expect(a.cagr).toBeLessThan(0)
    expect(a.ratio).toBeNull()
  })

  it("a 0–1 index is judged on absolute change", () => {
    // 0.40 (2019) -> 0.50 (2023): +0.025 a year; needed (0.605-0.5)/7 = 0.015 a year; ratio 1.667.
    const a = assess({ series: pts([2019, 0.4], [2023, 0.5]), target: 0.605, higherIsBetter: true, validMax: 1 }, p)!
    expect(a.method).toBe("change")
    expect(a.annualChange).toBeCloseTo(0.025, 12)
    expect(a.requiredChange).toBeCloseTo(0.015, 12)
    expect(a.status).toBe("on_track")
    expect(a.yearsToParity).toBeCloseTo(4.2, 10)
  })

  it("a zero base falls back to absolute change instead of an undefined growth rate", () => {
    // 0 (2018) -> 10 (2023): +2 a year; needed (50-10)/7 = 5.714; ratio 0.35 -> insufficient.
    const a = assess({ series: pts([2018, 0], [2023, 10]), target: 50, higherIsBetter: true, validMax: 100 }, p)!
    expect(a.method).toBe("change")
    expect(a.cagr).toBeNull()
    expect(a.ratio).toBeCloseTo(0.35, 10)
    expect(a.status).toBe("insufficient")
  })

  it("a latest year at or past the target year still asks for a one-year pace", () => {
    const a = assess({ series: pts([2027, 60], [2031, 70]), target: 80, higherIsBetter: true }, p)!
    expect(a.requiredCagr).toBeCloseTo(80 / 70 - 1, 12)
  })

  it("context indicators get no status", () => {
    const a = assess({ series: pts([2018, 50], [2023, 60]), target: 80, higherIsBetter: null }, p)!
    expect(a.status).toBeNull()
    expect(a.yearsToParity).toBeNull()
    expect(a.cagr).toBeCloseTo(0.0371373, 6)
  })
})

describe("rollUp", () => {
  it("takes the most common status, ties to the worse, not_enough_data voting below_benchmark", () => {
    expect(rollUp(["on_track", "on_track", "moving_away"])).toBe("on_track")
    expect(rollUp(["on_track", "moving_away"])).toBe("moving_away")
    // one index ahead, two behind with a single edition: behind, not "above"
    expect(rollUp(["above_benchmark", "not_enough_data", "not_enough_data"])).toBe("below_benchmark")
    // a tie between ahead and behind-unknown goes to behind; behind-unknown is better than insufficient
    expect(rollUp(["above_benchmark", "not_enough_data"])).toBe("below_benchmark")
    expect(rollUp(["insufficient", "not_enough_data"])).toBe("insufficient")
    expect(rollUp(["moderate", "not_enough_data"])).toBe("below_benchmark")
    expect(rollUp(["not_enough_data", null])).toBe("below_benchmark")
    expect(rollUp([null])).toBe("not_enough_data")
    expect(rollUp([])).toBe("no_data")
  })
})
