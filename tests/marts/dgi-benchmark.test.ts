// The published figures of the OECD Digital Government Index 2023 come out of the marts:
// 33 OECD members scored, OECD mean 0.605, Mexico 0.536, 25th of 33 (REVIEW.md §4.1).
// Two routes to the same warehouse rows: (1) the composite rows of the real file staged
// through the Source contract by this test; (2) the `oecd_dgi` source itself.
import { readFileSync } from "node:fs"
import { beforeAll, describe, expect, it } from "vitest"
import type { StagedRow } from "../../pipelines/source.ts"
import { hasRaw, raw } from "../support/raw.ts"
import { ingest, query, tempDbPath } from "../support/warehouse.ts"
import { loadRows, testIndicator, useTestCatalog } from "./support.ts"

const dgiFile = () => raw("oecd-dgi", "oecd_dgi_2023.csv")

/** The published DGI 2023 figures, checked the same way whichever route loaded them. */
const expectPublishedFigures = async (db: string) => {
  const bench = await query<{ group_id: string; n: number; n_members: number; mean: number }>(
    db,
    "SELECT group_id, n, n_members, mean FROM benchmarks WHERE indicator_id = 'OECD.DGI' AND year = 2023 ORDER BY group_id"
  )
  const oecd = bench.find((b) => b.group_id === "oecd")!
  expect(Number(oecd.n)).toBe(33)
  expect(Number(oecd.n_members)).toBe(38)
  expect(oecd.mean).toBeCloseTo(0.605, 3)
  // Every current member had joined by 2023, so both memberships give the same figure.
  expect(bench.find((b) => b.group_id === "oecd_at_the_time")!.mean).toBeCloseTo(oecd.mean, 12)

  const mex = await query<{ latest_value: number; benchmark_value: number; gap: number; gap_pct: number; rank: number; rank_of: number; status: string }>(
    db,
    "SELECT latest_value, benchmark_value, gap, gap_pct, rank, rank_of, status FROM indicator_status WHERE indicator_id = 'OECD.DGI' AND country_iso3 = 'MEX' AND group_id = 'oecd'"
  )
  expect(mex).toHaveLength(1)
  expect(mex[0].latest_value).toBeCloseTo(0.536, 3)
  expect(mex[0].gap).toBeCloseTo(-0.069, 3)
  expect(mex[0].gap_pct).toBeCloseTo(-11.4, 1)
  expect([Number(mex[0].rank), Number(mex[0].rank_of)]).toEqual([25, 33])
  // One edition only for Mexico (it was not assessed in 2019): no pace, so no judgement.
  expect(mex[0].status).toBe("not_enough_data")

  // Korea leads; a non-member (Brazil) is ranked against the 33 members as a 34th country.
  const others = await query<{ country_iso3: string; rank: number; rank_of: number }>(
    db,
    "SELECT country_iso3, rank, rank_of FROM indicator_status WHERE indicator_id = 'OECD.DGI' AND group_id = 'oecd' AND country_iso3 IN ('KOR', 'BRA') ORDER BY 1"
  )
  expect(others.map((o) => [o.country_iso3, Number(o.rank_of)])).toEqual([
    ["BRA", 34],
    ["KOR", 33]
  ])
  expect(Number(others.find((o) => o.country_iso3 === "KOR")!.rank)).toBe(1)
}

describe.skipIf(!hasRaw)("DGI 2023 composite staged through the Source contract", () => {
  const db = tempDbPath("dgi-staged")
  beforeAll(async () => {
    // The catalogue entry the oecd_dgi source will bring; used only while it is absent.
    useTestCatalog([testIndicator("OECD.DGI", true, { valid_min: 0, valid_max: 1 })])
    const lines = readFileSync(dgiFile(), "utf8")
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/)
    expect(lines[0]).toBe('"cc_iso3c","ref_year","variable","value"')
    const rows: Array<StagedRow> = lines
      .slice(1)
      .map((line, i) => ({ cells: line.split(",").map((c) => c.replace(/^"|"$/g, "")), line: i + 2 }))
      .filter(({ cells }) => cells[2] === "composite_index")
      .map(({ cells, line }) => ({ indicator_id: "OECD.DGI", area: cells[0], year: cells[1], value: cells[3], line }))
    expect(rows).toHaveLength(38)
    const outcome = await loadRows(db, "test_dgi", rows, "oecd_dgi_2023_composite.json")
    expect(outcome.rowsLoaded).toBe(38)
  }, 60_000)

  it("reproduces the published OECD mean, Mexico's gap and its rank", () => expectPublishedFigures(db))
})

describe.skipIf(!hasRaw)("DGI 2023 through the oecd_dgi source", () => {
  const db = tempDbPath("dgi-source")
  beforeAll(async () => {
    delete process.env.BRECHA_CATALOG
    const outcome = await ingest(db, "oecd_dgi", dgiFile())
    expect(outcome.outcome).toBe("loaded")
  }, 60_000)

  it("reproduces the published OECD mean, Mexico's gap and its rank", () => expectPublishedFigures(db))

  it("the composite is catalogued with a direction, so it gets a status", async () => {
    const rows = await query<{ higher_is_better: boolean | null }>(db, "SELECT higher_is_better FROM indicators WHERE indicator_id = 'OECD.DGI'")
    expect(rows[0]?.higher_is_better).toBe(true)
  })
})
