// The digital-talent sources over the real publisher files in ../shared/data/raw.
import { beforeAll, describe, expect, it } from "vitest"
import { refresh } from "../../pipelines/refresh.ts"
import { hasRaw, rawDir } from "../support/raw.ts"
import { query, runWith, tempDbPath } from "../support/warehouse.ts"

const ids = ["un_sdg", "ilostat", "oecd_dx", "piaac"]

describe.skipIf(!hasRaw)("digital-talent sources over the real files", () => {
  const db = tempDbPath("talent")
  beforeAll(async () => {
    const summary = await runWith(db, refresh({ mirror: rawDir, sourceIds: ids }))
    expect(summary.sources.map((s) => [s.sourceId, s.outcome])).toEqual(ids.map((id) => [id, "loaded"]))
  }, 300_000)

  it("Mexico's ICT professionals and technicians are about 1.05% of employment in 2023, derived for every year 2013–2024", async () => {
    const rows = await query<{ year: number; value: number; flag: string }>(
      db,
      "SELECT year, value, flag FROM observations WHERE indicator_id = 'ILO.EMP_ICT_SHARE' AND country_iso3 = 'MEX' ORDER BY year"
    )
    expect(rows.map((r) => r.year)).toEqual([2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024])
    expect(rows.every((r) => r.flag === "derived")).toBe(true)
    expect(rows.find((r) => r.year === 2023)!.value).toBeCloseTo(1.05, 2)
    const catalogued = await query<{ derived: boolean }>(db, "SELECT derived FROM indicators WHERE indicator_id = 'ILO.EMP_ICT_SHARE'")
    expect(catalogued).toEqual([{ derived: true }])
  })

  it("SDG 4.4.1 has Mexico values for every year 2016–2021, and skills asked only in some years stay missing in the others", async () => {
    const years = await query<{ year: number }>(
      db,
      "SELECT DISTINCT year FROM observations WHERE indicator_id LIKE 'SDG.SE_ADT_ACTS.%' AND country_iso3 = 'MEX' ORDER BY year"
    )
    expect(years.map((r) => r.year)).toEqual([2016, 2017, 2018, 2019, 2020, 2021])
    const bySkill = await query<{ indicator_id: string; years: Array<number> }>(
      db,
      `SELECT indicator_id, list(year ORDER BY year) AS years FROM observations
       WHERE indicator_id IN ('SDG.SE_ADT_ACTS.TRAF', 'SDG.SE_ADT_ACTS.PCPR', 'SDG.SE_ADT_ACTS.EMAIL') AND country_iso3 = 'MEX'
       GROUP BY 1 ORDER BY 1`
    )
    expect(bySkill.map((r) => [r.indicator_id, r.years.map(Number)])).toEqual([
      ["SDG.SE_ADT_ACTS.EMAIL", [2016, 2019, 2020, 2021]],
      ["SDG.SE_ADT_ACTS.PCPR", [2019, 2020, 2021]],
      ["SDG.SE_ADT_ACTS.TRAF", [2017, 2018]]
    ])
    const countries = await query<{ n: number }>(
      db,
      "SELECT count(DISTINCT country_iso3)::INT AS n FROM observations WHERE indicator_id LIKE 'SDG.SE_ADT_ACTS.%'"
    )
    expect(countries[0].n).toBe(97)
  })

  it("every share of SDG 4.4.1 loaded lies within 0–100", async () => {
    const out = await query<{ n: number }>(
      db,
      "SELECT count(*)::INT AS n FROM observations WHERE indicator_id LIKE 'SDG.SE_ADT_ACTS.%' AND (value < 0 OR value > 100)"
    )
    expect(out[0].n).toBe(0)
  })

  it("broadband speed tiers load for all 38 OECD members, and the tiers-vs-total check lists Mexico 2019", async () => {
    const rows = await query<{ indicator_id: string; n: number }>(
      db,
      `SELECT o.indicator_id, count(DISTINCT o.country_iso3)::INT AS n FROM observations o
       JOIN countries c ON c.iso3 = o.country_iso3 WHERE c.oecd_member_since IS NOT NULL AND o.indicator_id LIKE 'SDG.IT_NET_BBND.%'
       GROUP BY 1 ORDER BY 1`
    )
    expect(rows).toEqual([
      { indicator_id: "SDG.IT_NET_BBND.10MBPS", n: 38 },
      { indicator_id: "SDG.IT_NET_BBND.256KT2MBPS", n: 38 },
      { indicator_id: "SDG.IT_NET_BBND.2MT10MBPS", n: 38 },
      { indicator_id: "SDG.IT_NET_BBND.ANYS", n: 38 }
    ])
    const mex = await query<{ tiers_sum: number; all_speeds: number }>(
      db,
      "SELECT tiers_sum, all_speeds FROM dq_broadband_speed_tiers WHERE country_iso3 = 'MEX' AND year = 2019"
    )
    expect(mex[0].tiers_sum).toBeCloseTo(15.32, 2)
    expect(mex[0].all_speeds).toBeCloseTo(15.47, 2)
    const regions = await query<{ n: number }>(
      db,
      "SELECT count(DISTINCT area_code)::INT AS n FROM aggregate_observations WHERE indicator_id LIKE 'SDG.IT_NET_BBND.%'"
    )
    expect(regions[0].n).toBeGreaterThanOrEqual(28)
  })

  it("the recomputed OECD mean of the DGI and OURdata composites agrees with the OECD's published average within 0.01", async () => {
    const rows = await query<{ indicator_id: string; oecd_average: number; brecha_mean: number; n_members: number; exceeds_0_01: boolean }>(
      db,
      "SELECT indicator_id, oecd_average, brecha_mean, n_members::INT AS n_members, exceeds_0_01 FROM dq_oecd_average_check WHERE is_composite ORDER BY 1"
    )
    expect(rows.map((r) => r.indicator_id)).toEqual(["OECD.DX.DG", "OECD.DX.OUR"])
    for (const r of rows) {
      expect(Math.abs(r.brecha_mean - r.oecd_average), r.indicator_id).toBeLessThanOrEqual(0.01)
      expect(r.exceeds_0_01).toBe(false)
    }
    expect(rows.map((r) => [r.oecd_average, r.n_members])).toEqual([
      [0.61, 33],
      [0.48, 36]
    ])
    // The dimensions too: every published average is matched within 0.01.
    const all = await query<{ n: number; bad: number }>(
      db,
      "SELECT count(*)::INT AS n, count(*) FILTER (WHERE exceeds_0_01)::INT AS bad FROM dq_oecd_average_check"
    )
    expect(all).toEqual([{ n: 11, bad: 0 }])
  })

  it("Mexico's DGI and OURdata from the OECD's file, with OECD_REP kept apart as an aggregate", async () => {
    const mex = await query<{ indicator_id: string; value: number }>(
      db,
      "SELECT indicator_id, value FROM observations WHERE country_iso3 = 'MEX' AND indicator_id IN ('OECD.DX.DG', 'OECD.DX.OUR') ORDER BY 1"
    )
    expect(mex).toEqual([
      { indicator_id: "OECD.DX.DG", value: 0.54 },
      { indicator_id: "OECD.DX.OUR", value: 0.27 }
    ])
    const rep = await query<{ n: number }>(db, "SELECT count(*)::INT AS n FROM aggregate_observations WHERE area_code = 'OECD_REP'")
    expect(rep[0].n).toBe(11)
    expect(await query(db, "SELECT count(*)::INT AS n FROM observations WHERE country_iso3 = 'OECD_REP'")).toEqual([{ n: 0 }])
  })

  it("PIAAC has no Mexico value, and the catalogue says so in both languages", async () => {
    const mex = await query<{ n: number }>(db, "SELECT count(*)::INT AS n FROM observations WHERE source_id = 'piaac' AND country_iso3 = 'MEX'")
    expect(mex[0].n).toBe(0)
    const members = await query<{ n: number }>(
      db,
      `SELECT count(DISTINCT o.country_iso3)::INT AS n FROM observations o JOIN countries c ON c.iso3 = o.country_iso3
       WHERE o.indicator_id = 'LO.PIAAC.LIT' AND c.oecd_member_since IS NOT NULL`
    )
    expect(members[0].n).toBe(27)
    const notes = await query<{ notes_en: string; notes_es: string }>(db, "SELECT notes_en, notes_es FROM indicators WHERE source_id = 'piaac'")
    expect(notes).toHaveLength(2)
    for (const n of notes) {
      expect(n.notes_en).toContain("No data for Mexico in this vintage")
      expect(n.notes_es).toContain("No hay datos de México en esta versión")
    }
  })

  it("the ICT-specialist share has its first OECD benchmark: 31 members in 2022, mean 3.48%, Mexico 1.01%", async () => {
    const [b] = await query<{ n: number; mean: number; median: number; n_members: number }>(
      db,
      "SELECT n::INT AS n, mean, median, n_members::INT AS n_members FROM benchmarks WHERE indicator_id = 'ILO.EMP_ICT_SHARE' AND year = 2022 AND group_id = 'oecd'"
    )
    expect(b.n).toBe(31)
    expect(b.n_members).toBe(38)
    expect(b.mean).toBeCloseTo(3.48, 2)
    expect(b.median).toBeCloseTo(3.37, 2)
    const [mex] = await query<{ value: number }>(
      db,
      "SELECT value FROM observations WHERE indicator_id = 'ILO.EMP_ICT_SHARE' AND country_iso3 = 'MEX' AND year = 2022"
    )
    expect(mex.value).toBeCloseTo(1.01, 2)
    const notes = await query<{ notes_en: string; notes_es: string }>(db, "SELECT notes_en, notes_es FROM indicators WHERE indicator_id = 'ILO.EMP_ICT_SHARE'")
    expect(notes[0].notes_en).toContain("the unweighted mean is 3.48%")
    expect(notes[0].notes_es).toContain("el promedio simple es 3.48 %")
    const all = await query<{ notes_en: string; notes_es: string }>(db, "SELECT notes_en, notes_es FROM indicators WHERE source_id = 'ilostat'")
    expect(all).toHaveLength(3)
    for (const n of all) {
      expect(n.notes_en).not.toContain("No OECD benchmark")
      expect(n.notes_es).not.toContain("no hay referencia")
    }
  })

  it("ISCO-88 rows are left aside and a year mostly unclassified by occupation has no share, rejected with the reason", async () => {
    // ISCO-88 has no ICT sub-major groups: Austria's ISCO-88 years (1995–2010) give no counts or share.
    const aut = await query<{ first: number }>(db, "SELECT min(year)::INT AS first FROM observations WHERE indicator_id LIKE 'ILO.%' AND country_iso3 = 'AUT'")
    expect(aut[0].first).toBe(2011)
    const rejected = await query<{ area: string; raw_year: string; raw_value: string }>(
      db,
      "SELECT area, raw_year, raw_value FROM rejected_rows WHERE indicator_id = 'ILO.EMP_ICT_SHARE' ORDER BY area, raw_year"
    )
    expect(rejected.map((r) => [r.area, r.raw_year])).toEqual([
      ["svk", "2011"],
      ["svk", "2013"],
      ["svk", "2017"],
      ["svk", "2021"],
      ["tur", "2000"]
    ])
    expect(rejected[0].raw_value).toBe("not comparable: 75.0% of employment not classified by occupation (over 10%)")
    // Their counts are loaded as published; only the share is withheld.
    const counts = await query<{ n: number }>(
      db,
      "SELECT count(*)::INT AS n FROM observations WHERE indicator_id = 'ILO.EMP_ISCO08_25' AND country_iso3 = 'SVK' AND year = 2011"
    )
    expect(counts[0].n).toBe(1)
    const share = await query<{ n: number }>(
      db,
      "SELECT count(*)::INT AS n FROM observations WHERE indicator_id = 'ILO.EMP_ICT_SHARE' AND country_iso3 = 'SVK' AND year IN (2011, 2013, 2017, 2021)"
    )
    expect(share[0].n).toBe(0)
  })

  it("no value is NaN, infinite or a sentinel, and every country is a catalogue ISO3", async () => {
    const list = ids.map((id) => `'${id}'`).join(", ")
    const bad = await query<{ n: number }>(
      db,
      `SELECT count(*)::INT AS n FROM observations WHERE source_id IN (${list})
       AND (isnan(value) OR isinf(value) OR value IN (-99, -999, -9999, 9999, 99999))`
    )
    expect(bad[0].n).toBe(0)
    const unknown = await query<{ country_iso3: string }>(
      db,
      `SELECT DISTINCT country_iso3 FROM observations WHERE source_id IN (${list}) AND country_iso3 NOT IN (SELECT iso3 FROM countries)`
    )
    expect(unknown).toEqual([])
    const uncatalogued = await query<{ indicator_id: string }>(
      db,
      `SELECT DISTINCT indicator_id FROM observations WHERE source_id IN (${list})
       AND indicator_id NOT IN (SELECT indicator_id FROM catalog_indicators)`
    )
    expect(uncatalogued).toEqual([])
    // The only refused rows are the ICT shares of mostly unclassified years (checked above).
    expect(
      await query(
        db,
        `SELECT count(*)::INT AS n FROM rejections WHERE source_id IN (${list})
      AND NOT (indicator_id = 'ILO.EMP_ICT_SHARE' AND raw_value LIKE 'not comparable: %')`
      )
    ).toEqual([{ n: 0 }])
  })

  it("the digital-talent pillar has at least five loaded indicators tied to recommendations", async () => {
    const rows = await query<{ n: number }>(
      db,
      `SELECT count(DISTINCT i.indicator_id)::INT AS n FROM indicators i
       JOIN indicator_recommendations r USING (indicator_id)
       WHERE i.pillar = 'digital_talent' AND i.indicator_id IN (SELECT indicator_id FROM observations)`
    )
    expect(rows[0].n).toBeGreaterThanOrEqual(5)
  })

  it("a second refresh of unchanged files writes no vintage", async () => {
    const summary = await runWith(db, refresh({ mirror: rawDir, sourceIds: ids }))
    expect(summary.sources.map((s) => s.outcome)).toEqual(ids.map(() => "unchanged"))
  })
})
