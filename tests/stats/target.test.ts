// Target status (Eurostat's assessment of indicators with a quantified target) on
// hand-computed cases; the figures in the comments were worked out on a calculator. The
// parameters of data/settings.yaml's defaults are spelled out so a settings change does not
// silently change what these cases mean.
import { describe, expect, it } from "vitest"
import type { StatusParameters } from "../../src/oracle/status.ts"
import { assessTarget, assessTrend } from "../../src/oracle/target.ts"

const p: StatusParameters = { windowYears: 5, minSpanYears: 2, targetYear: 2030, onTrackRatio: 0.95, moderateRatio: 0.6, changeMethodMax: 1 }
const pts = (...pairs: Array<[number, number]>) => pairs.map(([year, value]) => ({ year, value }))

describe("assessTarget", () => {
  it("on track: procedures online 38.0 (2020) -> 52.3 (2023), target 80 by 2030", () => {
    const a = assessTarget(
      {
        series: pts([2019, 31.5], [2020, 38], [2021, 44.2], [2022, 47.9], [2023, 52.3]),
        targetValue: 80,
        targetYear: 2030,
        baselineYear: 2020,
        higherIsBetter: true,
        validMax: 100
      },
      p
    )
    // observed (52.3/38)^(1/3) - 1 = 0.112345; required (80/38)^(1/10) - 1 = 0.077285
    expect(a.method).toBe("growth")
    expect([a.baseYear, a.baseValue, a.latestYear, a.latestValue]).toEqual([2020, 38, 2023, 52.3])
    expect(a.observedPace).toBeCloseTo(0.112345, 6)
    expect(a.requiredPace).toBeCloseTo(0.077285, 6)
    expect(a.ratio).toBeCloseTo(1.45364, 5)
    // (52.3 - 38) / (80 - 38) = 14.3 / 42
    expect(a.progressShare).toBeCloseTo(0.340476, 6)
    // 52.3 * 1.112345^7 = 110.199
    expect(a.projectedValue).toBeCloseTo(110.199, 3)
    expect(a.willMeet).toBe(true)
    expect(a.status).toBe("on_track")
  })

  it("moderate, on absolute change for a 0–1 index: 0.40 (2018) -> 0.48 (2022), target 0.70 by 2030", () => {
    const a = assessTarget(
      { series: pts([2018, 0.4], [2020, 0.45], [2022, 0.48]), targetValue: 0.7, targetYear: 2030, baselineYear: 2018, higherIsBetter: true, validMax: 1 },
      p
    )
    // observed 0.08 / 4 = 0.02 a year; required 0.30 / 12 = 0.025; ratio 0.8
    expect(a.method).toBe("change")
    expect(a.observedPace).toBeCloseTo(0.02, 12)
    expect(a.requiredPace).toBeCloseTo(0.025, 12)
    expect(a.ratio).toBeCloseTo(0.8, 12)
    expect(a.progressShare).toBeCloseTo(0.08 / 0.3, 12)
    // 0.48 + 0.02 * 8 = 0.64 < 0.70
    expect(a.projectedValue).toBeCloseTo(0.64, 12)
    expect(a.willMeet).toBe(false)
    expect(a.status).toBe("moderate")
  })

  it("insufficient, lower is better: 20 days (2020) -> 18 (2024), target 10 by 2030", () => {
    const a = assessTarget({ series: pts([2020, 20], [2024, 18]), targetValue: 10, targetYear: 2030, baselineYear: 2020, higherIsBetter: false }, p)
    // observed 0.9^(1/4) - 1 = -0.025996; required 0.5^(1/10) - 1 = -0.066967; ratio 0.388195
    expect(a.observedPace).toBeCloseTo(-0.025996, 6)
    expect(a.requiredPace).toBeCloseTo(-0.066967, 6)
    expect(a.ratio).toBeCloseTo(0.388195, 5)
    // 18 * 0.974004^6 = 15.369 > 10
    expect(a.projectedValue).toBeCloseTo(15.3687, 3)
    expect(a.willMeet).toBe(false)
    expect(a.status).toBe("insufficient")
  })

  it("moving away: 50 (2020) -> 45 (2023), target 60 by 2030", () => {
    const a = assessTarget({ series: pts([2020, 50], [2023, 45]), targetValue: 60, targetYear: 2030, baselineYear: 2020, higherIsBetter: true }, p)
    // observed 0.9^(1/3) - 1 = -0.034511; required 1.2^(1/10) - 1 = 0.018399; ratio -1.87564
    expect(a.ratio).toBeCloseTo(-1.87564, 4)
    expect(a.progressShare).toBeCloseTo(-0.5, 12)
    expect(a.status).toBe("moving_away")
    expect(a.willMeet).toBe(false)
  })

  it("achieved once the latest value reaches the target, whatever the pace", () => {
    const a = assessTarget({ series: pts([2020, 70], [2021, 85]), targetValue: 80, targetYear: 2030, baselineYear: 2020, higherIsBetter: true }, p)
    expect(a.status).toBe("achieved")
    expect(a.willMeet).toBe(true)
    expect(a.ratio).toBeNull()
  })

  it("not enough data: a span shorter than min_span_years, or nothing from the baseline on", () => {
    const short = assessTarget({ series: pts([2020, 30], [2021, 35]), targetValue: 80, targetYear: 2030, baselineYear: 2020, higherIsBetter: true }, p)
    expect(short.status).toBe("not_enough_data")
    expect(short.projectedValue).toBeNull()
    expect(short.willMeet).toBeNull()
    const before = assessTarget({ series: pts([2015, 30], [2018, 35]), targetValue: 80, targetYear: 2030, baselineYear: 2020, higherIsBetter: true }, p)
    expect(before.baseYear).toBeNull()
    expect(before.status).toBe("not_enough_data")
    const none = assessTarget({ series: [], targetValue: 80, targetYear: 2030, baselineYear: 2020, higherIsBetter: true }, p)
    expect([none.latestYear, none.status]).toEqual([null, "not_enough_data"])
  })

  it("uses the first value after the baseline year when that year has none", () => {
    const a = assessTarget({ series: pts([2018, 20], [2021, 40], [2024, 50]), targetValue: 80, targetYear: 2030, baselineYear: 2020, higherIsBetter: true }, p)
    expect([a.baseYear, a.baseValue]).toEqual([2021, 40])
    // required (80/40)^(1/9) - 1 = 0.080060
    expect(a.requiredPace).toBeCloseTo(0.08006, 5)
  })

  it("without a direction, the target's side of the base decides; a base already at the target that is left is moving away", () => {
    const down = assessTarget({ series: pts([2020, 100], [2023, 90]), targetValue: 50, targetYear: 2030, baselineYear: 2020, higherIsBetter: null }, p)
    expect(down.higherIsBetter).toBe(false)
    expect(down.status).toBe("insufficient")
    const left = assessTarget({ series: pts([2020, 80], [2023, 75]), targetValue: 80, targetYear: 2030, baselineYear: 2020, higherIsBetter: true }, p)
    expect(left.requiredPace).toBe(0)
    expect(left.status).toBe("moving_away")
  })
})

describe("assessTrend (no target, no benchmark)", () => {
  it("classes the observed growth in the good direction on Eurostat's 1 % cut-off", () => {
    // 40 (2019) -> 44 (2023): 1.1^(1/4) - 1 = 0.024114 a year: significant progress
    const up = assessTrend(pts([2017, 35], [2019, 40], [2023, 44]), true, p)!
    expect(up.baseYear).toBe(2019)
    expect(up.annualGrowth).toBeCloseTo(0.024114, 6)
    expect(up.status).toBe("on_track")
    // 40 -> 40.8 over 4 years: 1.02^(1/4) - 1 = 0.004963: moderate
    expect(assessTrend(pts([2019, 40], [2023, 40.8]), true, p)!.status).toBe("moderate")
    // lower is better and rising: moving away
    expect(assessTrend(pts([2019, 40], [2023, 44]), false, p)!.status).toBe("moving_away")
    // lower is better and falling 2.4 % a year: on track
    expect(assessTrend(pts([2019, 44], [2023, 40]), false, p)!.status).toBe("on_track")
  })
  it("uses the change relative to the base when a value is not positive; too short or no direction", () => {
    // 10 (2020) -> -5 (2023): (-15 / 3) / 10 = -0.5 a year
    expect(assessTrend(pts([2020, 10], [2023, -5]), true, p)!.annualGrowth).toBeCloseTo(-0.5, 12)
    expect(assessTrend(pts([2022, 10], [2023, 12]), true, p)!.status).toBe("not_enough_data")
    expect(assessTrend(pts([2023, 10]), true, p)!.status).toBe("not_enough_data")
    expect(assessTrend(pts([2019, 40], [2023, 44]), null, p)!.status).toBeNull()
    expect(assessTrend([], true, p)).toBeNull()
  })
})
