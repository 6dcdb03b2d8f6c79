// The SQL marts (benchmarks, indicator_status, recommendation_status) and the TypeScript
// maths in src/oracle agree, on generated series that cover the awkward cases: gaps in
// years, single points, zeros, lower-is-better, a 0–1 index, a catalogue target, a context
// indicator, countries that joined the OECD late (Colombia 2020, Costa Rica 2021) and
// countries outside every group. The rows go in through the Source contract.
import { Effect } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { readCatalog } from "../../pipelines/catalog/read.ts"
import { readSettings } from "../../pipelines/catalog/settings.ts"
import type { StagedRow } from "../../pipelines/source.ts"
import type { Catalog } from "../../pipelines/catalog/types.ts"
import { rankAmong, summarise } from "../../src/oracle/benchmark.ts"
import { assess, rollUp, type StatusParameters } from "../../src/oracle/status.ts"
import { query, tempDbPath } from "../support/warehouse.ts"
import { loadRows, testIndicator, useTestCatalog } from "./support.ts"

interface Spec {
  id: string
  hib: boolean | null
  validMax?: number
  target?: number
  scale: number
}
const specs: ReadonlyArray<Spec> = [
  { id: "TEST.UP", hib: true, validMax: 100, scale: 60 },
  { id: "TEST.DOWN", hib: false, scale: 80 },
  { id: "TEST.IDX", hib: true, validMax: 1, scale: 0.5 },
  { id: "TEST.TGT", hib: true, validMax: 100, target: 75, scale: 60 },
  { id: "TEST.CTX", hib: null, scale: 1000 }
]
const countries = ["MEX", "CHL", "COL", "CRI", "USA", "KOR", "DEU", "FRA", "JPN", "ESP", "TUR", "BRA", "ARG", "PER", "URY", "IND", "NGA"]

// A fixed-seed generator, so a failure is reproducible.
let seed = 20240601
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed / 2147483648
}
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits

const series: Map<string, Map<string, Array<{ year: number; value: number }>>> = new Map()
const rows: Array<StagedRow> = []
for (const spec of specs) {
  const byCountry = new Map<string, Array<{ year: number; value: number }>>()
  for (const [ci, iso3] of countries.entries()) {
    const pattern = (ci + specs.indexOf(spec)) % 6
    // 0: annual; 1: every other year; 2: one point; 3: gappy, ends early; 4: ends with a fall; 5: starts at zero
    const years =
      pattern === 0
        ? [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023]
        : pattern === 1
          ? [2014, 2016, 2018, 2020, 2022, 2024]
          : pattern === 2
            ? [2023]
            : pattern === 3
              ? [2012, 2013, 2017, 2019]
              : pattern === 4
                ? [2019, 2021, 2022, 2023]
                : [2018, 2020, 2023]
    let value = spec.scale * (0.5 + rand())
    const points: Array<{ year: number; value: number }> = []
    for (const [yi, year] of years.entries()) {
      if (yi > 0) value *= 1 + (rand() - 0.4) * 0.3
      let v = spec.validMax !== undefined ? Math.min(value, spec.validMax) : value
      if (pattern === 5 && yi === 0 && spec.id !== "TEST.DOWN") v = 0
      v = round(v, 6)
      points.push({ year, value: v })
      rows.push({ indicator_id: spec.id, area: iso3, year, value: String(v) })
    }
    byCountry.set(iso3, points)
  }
  series.set(spec.id, byCountry)
}

let catalog: Catalog
let params: StatusParameters
const db = tempDbPath("agreement")

beforeAll(async () => {
  useTestCatalog(
    specs.map((s) =>
      testIndicator(s.id, s.hib, {
        ...(s.validMax !== undefined ? { valid_min: 0, valid_max: s.validMax } : {}),
        ...(s.target !== undefined ? { target: s.target } : {})
      })
    )
  )
  catalog = await Effect.runPromise(readCatalog())
  params = (await Effect.runPromise(readSettings())).status
  const outcome = await loadRows(db, "test_rows", rows)
  expect(outcome.rowsRejected).toBe(0)
  expect(outcome.rowsLoaded).toBe(rows.length)
}, 60_000)

/** Members of a group in a year, from the catalogue (as the SQL view defines them). */
const members = (groupId: string, year: number): Set<string> => {
  if (groupId === "oecd") return new Set(catalog.countries.filter((c) => c.oecd_member_since !== null).map((c) => c.iso3))
  if (groupId === "oecd_at_the_time") {
    return new Set(catalog.countries.filter((c) => c.oecd_member_since !== null && c.oecd_member_since <= year).map((c) => c.iso3))
  }
  const g = catalog.peerGroups.find((p) => p.id === groupId)
  if (!g) throw new Error(`no group ${groupId}`)
  return new Set(g.members)
}
const valuesIn = (indicator: string, groupId: string, year: number) =>
  [...series.get(indicator)!.entries()]
    .filter(([iso3]) => members(groupId, year).has(iso3))
    .flatMap(([iso3, pts]) => pts.filter((p) => p.year === year).map((p) => ({ iso3, value: p.value })))

const groups = ["oecd", "oecd_at_the_time", "latam_oecd", "latam"]

describe("benchmarks agree with src/oracle/benchmark.ts", () => {
  it("for every indicator, year and group", async () => {
    const sqlRows = await query<{
      indicator_id: string
      year: number
      group_id: string
      n: number
      mean: number
      median: number
      p25: number
      p75: number
      min: number
      max: number
    }>(
      db,
      `SELECT indicator_id, year, group_id, n, mean, median, p25, p75, min, max FROM benchmarks
       WHERE indicator_id LIKE 'TEST.%' AND group_id IN ('oecd', 'oecd_at_the_time', 'latam_oecd', 'latam')`
    )
    let compared = 0
    for (const spec of specs) {
      for (const group of groups) {
        for (let year = 2012; year <= 2024; year++) {
          const expected = summarise(valuesIn(spec.id, group, year).map((v) => v.value))
          const got = sqlRows.find((r) => r.indicator_id === spec.id && r.group_id === group && r.year === year)
          if (expected === null) {
            expect(got, `${spec.id} ${group} ${year}`).toBeUndefined()
            continue
          }
          compared++
          expect(got, `${spec.id} ${group} ${year}`).toBeDefined()
          expect(Number(got!.n)).toBe(expected.n)
          for (const k of ["mean", "median", "p25", "p75", "min", "max"] as const)
            expect(got![k], `${spec.id} ${group} ${year} ${k}`).toBeCloseTo(expected[k], 9)
        }
      }
    }
    expect(compared).toBeGreaterThan(100)
    // Colombia counts for oecd_at_the_time from its accession year (2020), not before.
    const at = (year: number) => sqlRows.find((r) => r.indicator_id === "TEST.UP" && r.group_id === "oecd_at_the_time" && r.year === year)
    const oecdAll = (year: number) => sqlRows.find((r) => r.indicator_id === "TEST.UP" && r.group_id === "oecd" && r.year === year)
    const colYears = series
      .get("TEST.UP")!
      .get("COL")!
      .map((p) => p.year)
    const before = colYears.find((y) => y < 2020)
    if (before !== undefined) expect(Number(at(before)?.n ?? 0)).toBeLessThan(Number(oecdAll(before)!.n))
  })
})

describe("indicator_status agrees with assess() in src/oracle/status.ts", () => {
  it("for every indicator, country and group", async () => {
    const sqlRows = await query<Record<string, unknown>>(
      db,
      `SELECT * FROM indicator_status WHERE indicator_id LIKE 'TEST.%' AND group_id IN ('oecd', 'oecd_at_the_time', 'latam_oecd', 'latam')`
    )
    const bench = await query<{ indicator_id: string; group_id: string; year: number; mean: number }>(
      db,
      "SELECT indicator_id, group_id, year, mean FROM benchmarks WHERE indicator_id LIKE 'TEST.%'"
    )
    const statuses = new Set<string>()
    const methods = new Set<string>()
    let compared = 0
    for (const spec of specs) {
      for (const group of groups) {
        const groupYears = bench.filter((b) => b.indicator_id === spec.id && b.group_id === group).map((b) => b.year)
        for (const iso3 of countries) {
          const pts = series.get(spec.id)!.get(iso3)!
          const latest = pts.reduce((a, b) => (b.year > a.year ? b : a))
          // Same-year benchmark when the group has one, else the group's latest (docs/methodology.md).
          const benchYear = groupYears.includes(latest.year) ? latest.year : Math.max(...groupYears)
          const benchValue = summarise(valuesIn(spec.id, group, benchYear).map((v) => v.value))!.mean
          const target = spec.target ?? benchValue
          const a = assess({ series: pts, target, higherIsBetter: spec.hib, validMax: spec.validMax ?? null }, params)!
          const others = valuesIn(spec.id, group, latest.year)
            .filter((v) => v.iso3 !== iso3)
            .map((v) => v.value)
          const rank = rankAmong(latest.value, others, spec.hib)
          const got = sqlRows.find((r) => r.indicator_id === spec.id && r.country_iso3 === iso3 && r.group_id === group)
          const label = `${spec.id} ${iso3} ${group}`
          expect(got, label).toBeDefined()
          compared++
          expect(got!.latest_year, label).toBe(a.latestYear)
          expect(got!.latest_value, label).toBeCloseTo(a.latestValue, 9)
          expect(got!.benchmark_year, label).toBe(benchYear)
          expect(got!.benchmark_value, label).toBeCloseTo(benchValue, 9)
          expect(got!.gap, label).toBeCloseTo(a.latestValue - benchValue, 9)
          expect(got!.target_value, label).toBeCloseTo(target, 9)
          expect([got!.rank, got!.rank_of], label).toEqual([rank.rank, rank.of])
          expect(got!.base_year ?? null, label).toBe(a.baseYear)
          expect(got!.method, label).toBe(a.method)
          expect(got!.status ?? null, label).toBe(a.status)
          for (const [col, value] of [
            ["cagr", a.cagr],
            ["required_cagr", a.requiredCagr],
            ["annual_change", a.annualChange],
            ["required_change", a.requiredChange],
            ["pace_ratio", a.ratio],
            ["years_to_parity", a.yearsToParity]
          ] as const) {
            if (value === null) expect(got![col] ?? null, `${label} ${col}`).toBeNull()
            else expect(got![col], `${label} ${col}`).toBeCloseTo(value, 9)
          }
          statuses.add(String(a.status))
          methods.add(a.method)
        }
      }
    }
    expect(compared).toBe(specs.length * groups.length * countries.length)
    // The generated cases reach every class, so agreement is not agreement on one branch only.
    for (const s of ["above_benchmark", "on_track", "moderate", "insufficient", "moving_away", "not_enough_data", "null"]) {
      expect(statuses, `no generated case is ${s}`).toContain(s)
    }
    expect([...methods].sort()).toEqual(["change", "growth"])
  })

  it("recommendation_status rolls up as rollUp() does", async () => {
    const status = await query<{ country_iso3: string; group_id: string; status: string; n_with_data: number }>(
      db,
      "SELECT country_iso3, group_id, status, n_with_data FROM recommendation_status WHERE recommendation_id = 'C4-DATA' AND group_id IN ('oecd', 'latam')"
    )
    const perIndicator = await query<{ indicator_id: string; country_iso3: string; group_id: string; status: string | null }>(
      db,
      `SELECT s.indicator_id, s.country_iso3, s.group_id, s.status FROM indicator_status s
       JOIN indicator_recommendations l ON l.indicator_id = s.indicator_id AND l.recommendation_id = 'C4-DATA'
       JOIN indicators i ON i.indicator_id = s.indicator_id WHERE i.pillar <> 'context' OR i.higher_is_better IS NOT NULL`
    )
    for (const row of status) {
      const mine = perIndicator.filter((p) => p.country_iso3 === row.country_iso3 && p.group_id === row.group_id)
      const expected = mine.length === 0 ? "no_data" : rollUp(mine.map((m) => m.status as never))
      expect(row.status, `${row.country_iso3} ${row.group_id}`).toBe(expected)
      expect(Number(row.n_with_data)).toBe(mine.length)
    }
    expect(status.filter((s) => countries.includes(s.country_iso3)).every((s) => s.status !== "no_data")).toBe(true)
  })
})
