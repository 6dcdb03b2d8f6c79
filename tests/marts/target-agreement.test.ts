// The SQL marts `target_status` and `trend_status` and src/oracle/target.ts (`assessTarget`,
// `assessTrend`) give the same answers, on generated series and targets loaded through the
// Source contract (fixed seed: a failure is reproducible), with every class reached.
import { Effect } from "effect"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { stringify } from "yaml"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { readSettings } from "../../pipelines/catalog/settings.ts"
import type { StagedRow } from "../../pipelines/source.ts"
import type { StatusParameters } from "../../src/oracle/status.ts"
import { assessTarget, assessTrend } from "../../src/oracle/target.ts"
import { query, tempDbPath } from "../support/warehouse.ts"
import { loadRows, testIndicator, useTestCatalog } from "./support.ts"

interface Spec {
  id: string
  hib: boolean | null
  validMax?: number
  scale: number
}
const specs: ReadonlyArray<Spec> = [
  { id: "TGT.UP", hib: true, validMax: 100, scale: 50 },
  { id: "TGT.DOWN", hib: false, scale: 30 },
  { id: "TGT.IDX", hib: true, validMax: 1, scale: 0.5 },
  { id: "TGT.NODIR", hib: null, scale: 200 }
]
const countries = ["MEX", "CHL", "COL", "CRI", "BRA", "ARG", "PER", "URY", "ESP", "KOR", "DEU", "FRA"]

let seed = 20261130
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed / 2147483648
}
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits

const series = new Map<string, Array<{ year: number; value: number }>>()
const rows: Array<StagedRow> = []
const targets: Array<Record<string, unknown>> = []
for (const [si, spec] of specs.entries()) {
  for (const [ci, iso3] of countries.entries()) {
    const pattern = (ci + si) % 6
    // 0: annual; 1: every other year; 2: one value; 3: ends before the baseline; 4: a gap at the baseline; 5: starts at zero
    const years =
      pattern === 0
        ? [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023]
        : pattern === 1
          ? [2014, 2016, 2018, 2020, 2022, 2024]
          : pattern === 2
            ? [2023]
            : pattern === 3
              ? [2012, 2014, 2016]
              : pattern === 4
                ? [2017, 2021, 2022, 2024]
                : [2019, 2020, 2022, 2023]
    let value = spec.scale * (0.5 + rand())
    const points: Array<{ year: number; value: number }> = []
    for (const [yi, year] of years.entries()) {
      if (yi > 0) value *= 1 + (rand() - 0.4) * 0.3
      let v = spec.validMax !== undefined ? Math.min(value, spec.validMax) : value
      if (pattern === 5 && yi === 0) v = 0
      v = round(v, 6)
      points.push({ year, value: v })
      rows.push({ indicator_id: spec.id, area: iso3, year, value: String(v) })
    }
    series.set(`${spec.id}|${iso3}`, points)
    // Targets around the latest value: some already reached, some far, some behind the base.
    const last = points[points.length - 1].value
    const factor = [0.7, 1.05, 1.3, 1.8, 0.95, 2.5][(ci * 7 + si) % 6]
    const targetValue = round(spec.validMax !== undefined ? Math.min(last * factor, spec.validMax) : last * factor, 6)
    targets.push({
      indicator: spec.id,
      country: iso3,
      value: targetValue,
      year: [2030, 2028, 2035][ci % 3],
      baseline_year: [2018, 2020, 2019][(ci + si) % 3],
      document: { title: "Test plan", url: "https://example.org/plan", date: "2025-01-15" }
    })
  }
}

// National indicators without a target: their status comes from the trend alone.
const trendSpecs: ReadonlyArray<{ id: string; hib: boolean | null }> = [
  { id: "NAT.TEST_UP", hib: true },
  { id: "NAT.TEST_DOWN", hib: false },
  { id: "NAT.TEST_NODIR", hib: null }
]
const trendSeries = new Map<string, Array<{ year: number; value: number }>>()
for (const [si, spec] of trendSpecs.entries()) {
  for (const [ci, iso3] of countries.entries()) {
    const pattern = (ci + si) % 5
    // 0: annual; 1: one value; 2: flat; 3: gappy; 4: crosses zero
    const years = pattern === 1 ? [2022] : pattern === 3 ? [2015, 2019, 2020, 2024] : [2018, 2019, 2020, 2021, 2022, 2023]
    const drift = (rand() - 0.45) * 0.06
    let value = 40 * (0.5 + rand())
    const points: Array<{ year: number; value: number }> = []
    for (const [yi, year] of years.entries()) {
      if (yi > 0) value = pattern === 2 ? value : pattern === 4 ? value - 15 : value * (1 + drift + (rand() - 0.5) * 0.01)
      const v = round(value, 6)
      points.push({ year, value: v })
      rows.push({ indicator_id: spec.id, area: iso3, year, value: String(v) })
    }
    trendSeries.set(`${spec.id}|${iso3}`, points)
  }
}

let params: StatusParameters
const db = tempDbPath("target-agreement")
const savedTargets = process.env.BRECHA_TARGETS

beforeAll(async () => {
  useTestCatalog([
    ...specs.map((s) => testIndicator(s.id, s.hib, s.validMax !== undefined ? { valid_min: 0, valid_max: s.validMax } : {})),
    ...trendSpecs.map((s) => testIndicator(s.id, s.hib, { source_id: "national" }))
  ])
  const file = join(mkdtempSync(join(tmpdir(), "brecha-targets-")), "targets.yaml")
  writeFileSync(file, stringify(targets))
  process.env.BRECHA_TARGETS = file
  params = (await Effect.runPromise(readSettings())).status
  const outcome = await loadRows(db, "test_rows", rows)
  expect(outcome.rowsRejected).toBe(0)
}, 60_000)
afterAll(() => {
  if (savedTargets === undefined) delete process.env.BRECHA_TARGETS
  else process.env.BRECHA_TARGETS = savedTargets
})

describe("target_status agrees with assessTarget()", () => {
  it("for every target", async () => {
    const sqlRows = await query<Record<string, unknown>>(db, "SELECT * FROM target_status WHERE indicator_id LIKE 'TGT.%'")
    expect(sqlRows.length).toBe(targets.length)
    const statuses = new Set<string>()
    const methods = new Set<string>()
    for (const t of targets) {
      const spec = specs.find((s) => s.id === t.indicator)!
      const a = assessTarget(
        {
          series: series.get(`${t.indicator}|${t.country}`)!,
          targetValue: t.value as number,
          targetYear: t.year as number,
          baselineYear: t.baseline_year as number,
          higherIsBetter: spec.hib,
          validMax: spec.validMax ?? null
        },
        params
      )
      const label = `${t.indicator} ${t.country}`
      const got = sqlRows.find((r) => r.indicator_id === t.indicator && r.country_iso3 === t.country)
      expect(got, label).toBeDefined()
      expect(got!.status, label).toBe(a.status)
      expect(got!.method, label).toBe(a.method)
      expect(got!.will_meet ?? null, label).toBe(a.willMeet)
      expect(got!.higher_is_better ?? null, label).toBe(a.higherIsBetter)
      expect([got!.base_year ?? null, got!.latest_year ?? null], label).toEqual([a.baseYear, a.latestYear])
      for (const [col, value] of [
        ["base_value", a.baseValue],
        ["latest_value", a.latestValue],
        ["observed_pace", a.observedPace],
        ["required_pace", a.requiredPace],
        ["pace_ratio", a.ratio],
        ["progress_share", a.progressShare],
        ["projected_value", a.projectedValue]
      ] as const) {
        if (value === null) expect(got![col] ?? null, `${label} ${col}`).toBeNull()
        else expect(got![col], `${label} ${col}`).toBeCloseTo(value, 9)
      }
      statuses.add(a.status)
      methods.add(a.method)
    }
    for (const s of ["achieved", "on_track", "moderate", "insufficient", "moving_away", "not_enough_data"]) {
      expect(statuses, `no generated case is ${s}`).toContain(s)
    }
    expect([...methods].sort()).toEqual(["change", "growth"])
  })
})

describe("trend_status agrees with assessTrend()", () => {
  it("for every national indicator and country", async () => {
    const sqlRows = await query<Record<string, unknown>>(db, "SELECT * FROM trend_status WHERE indicator_id LIKE 'NAT.TEST_%'")
    expect(sqlRows.length).toBe(trendSpecs.length * countries.length)
    const statuses = new Set<string>()
    for (const spec of trendSpecs) {
      for (const iso3 of countries) {
        const a = assessTrend(trendSeries.get(`${spec.id}|${iso3}`)!, spec.hib, params)!
        const label = `${spec.id} ${iso3}`
        const got = sqlRows.find((r) => r.indicator_id === spec.id && r.country_iso3 === iso3)
        expect(got, label).toBeDefined()
        expect(got!.status ?? null, label).toBe(a.status)
        expect([got!.base_year ?? null, got!.latest_year], label).toEqual([a.baseYear, a.latestYear])
        if (a.annualGrowth === null) expect(got!.annual_growth ?? null, label).toBeNull()
        else expect(got!.annual_growth, label).toBeCloseTo(a.annualGrowth, 9)
        statuses.add(String(a.status))
      }
    }
    for (const s of ["on_track", "moderate", "moving_away", "not_enough_data", "null"]) expect(statuses, `no generated case is ${s}`).toContain(s)
    // Only national indicators get a trend status.
    expect((await query<{ n: number }>(db, "SELECT count(*) AS n FROM trend_status WHERE indicator_id LIKE 'TGT.%'"))[0].n).toEqual(0)
  })
})
