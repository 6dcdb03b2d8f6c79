// The connectivity sources over the real publisher files in ../shared/data/raw.
import { beforeAll, describe, expect, it } from "vitest"
import { refresh } from "../../pipelines/refresh.ts"
import { hasRaw, rawDir } from "../support/raw.ts"
import { query, runWith, tempDbPath } from "../support/warehouse.ts"

describe.skipIf(!hasRaw)("connectivity sources over the real files", () => {
  const db = tempDbPath("connectivity")
  beforeAll(async () => {
    const summary = await runWith(db, refresh({ mirror: rawDir, sourceIds: ["wdi", "data360"] }))
    expect(summary.sources.map((s) => [s.sourceId, s.outcome])).toEqual([
      ["wdi", "loaded"],
      ["data360", "loaded"]
    ])
  })

  it("has Mexico's 2024 fixed broadband from the newest WDI vintage", async () => {
    const rows = await query<{ value: number }>(db, "SELECT value FROM observations WHERE indicator_id='IT.NET.BBND.P2' AND country_iso3='MEX' AND year=2024")
    expect(rows[0].value).toBeCloseTo(21.7367, 4)
  })

  it("shows Mexico's 2012 fixed broadband revised between the 2019 bulk file and the newer long file", async () => {
    const rows = await query<{ old_value: number; new_value: number; old_release: string | null; new_unit: string }>(
      db,
      `
      SELECT r.old_value, r.new_value, CAST(o.released_at AS VARCHAR) AS old_release, n.unit AS new_unit
      FROM revisions r JOIN vintages o ON o.vintage_id = r.old_vintage_id JOIN vintages n ON n.vintage_id = r.new_vintage_id
      WHERE r.indicator_id='IT.NET.BBND.P2' AND r.country_iso3='MEX' AND r.year=2012`
    )
    expect(rows).toHaveLength(1)
    expect(rows[0].old_value).toBeCloseTo(10.823, 3)
    expect(rows[0].new_value).toBeCloseTo(11.1946, 3)
    expect(rows[0].old_release).toBe("2019-07-10")
    expect(rows[0].new_unit).toBe("wb-wdi/datasets-wdi/it.net.bbnd.p2/data.csv")
  })

  it("loads every required connectivity indicator, countries apart from aggregates", async () => {
    const rows = await query<{ indicator_id: string; n: number }>(
      db,
      "SELECT indicator_id, count(DISTINCT country_iso3)::INT AS n FROM observations GROUP BY 1 ORDER BY 1"
    )
    const byId = Object.fromEntries(rows.map((r) => [r.indicator_id, r.n]))
    for (const id of [
      "IT.NET.USER.ZS",
      "IT.NET.BBND.P2",
      "IT.CEL.SETS.P2",
      "IT.NET.SECR.P6",
      "SP.POP.TOTL",
      "ITU.IT_NET_USER",
      "ITU.IT_NET_USER.F",
      "ITU.IT_NET_USER.M",
      "ITU.IT_HH_INT"
    ]) {
      expect(byId[id], id).toBeGreaterThan(100)
      expect(byId[id], id).toBeLessThanOrEqual(251)
    }
    const aggregates = await query<{ n: number }>(db, "SELECT count(*)::INT AS n FROM observations WHERE country_iso3 IN ('WLD','OED','HIC','LCN')")
    expect(aggregates[0].n).toBe(0)
    const oecdAggregate = await query<{ n: number }>(db, "SELECT count(*)::INT AS n FROM aggregate_observations WHERE area_code = 'OED'")
    expect(oecdAggregate[0].n).toBeGreaterThan(50)
  })

  it("keeps ITU totals apart from the sex breakdowns and drops nothing silently", async () => {
    const rows = await query<{ id: string; value: number }>(
      db,
      "SELECT indicator_id AS id, value FROM observations WHERE country_iso3='MEX' AND year=2024 AND indicator_id LIKE 'ITU.IT_NET_USER%' ORDER BY 1"
    )
    expect(rows.find((r) => r.id === "ITU.IT_NET_USER")?.value).toBeCloseTo(83.12, 2)
    const rejected = await query<{ area: string }>(db, "SELECT DISTINCT area FROM rejections")
    // Only historical entities that no longer exist are refused.
    expect(rejected.map((r) => r.area).sort()).toEqual(["YUG"])
  })

  it("a second refresh of unchanged files writes no vintage", async () => {
    const before = await query<{ n: number }>(db, "SELECT count(*)::INT AS n FROM vintages")
    const summary = await runWith(db, refresh({ mirror: rawDir, sourceIds: ["wdi", "data360"] }))
    expect(summary.sources.map((s) => s.outcome)).toEqual(["unchanged", "unchanged"])
    expect(await query(db, "SELECT count(*)::INT AS n FROM vintages")).toEqual(before)
  })

  it("records each run with each source's outcome", async () => {
    const runs = await query<{ status: string; sources: Array<{ source_id: string; outcome: string }> }>(db, "SELECT status, sources FROM runs ORDER BY run_id")
    expect(runs.map((r) => r.status)).toEqual(["ok", "ok"])
    expect(runs[1].sources.map((s) => s.outcome)).toEqual(["unchanged", "unchanged"])
  })
})
