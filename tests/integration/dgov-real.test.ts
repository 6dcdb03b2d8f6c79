// The data-capability sources (un_egov, oecd_dgi, oecd_ourdata, odin) over the real
// publisher files in ../shared/data/raw.
import { beforeAll, describe, expect, it } from "vitest"
import { refresh } from "../../pipelines/refresh.ts"
import { hasRaw, rawDir } from "../support/raw.ts"
import { query, runWith, tempDbPath } from "../support/warehouse.ts"

const ids = ["un_egov", "oecd_dgi", "oecd_ourdata", "odin"]

describe.skipIf(!hasRaw)("data-capability sources over the real files", () => {
  const db = tempDbPath("dgov")
  const value = async (indicator: string, iso3: string, year: number) =>
    (await query<{ value: number }>(db, `SELECT value FROM observations WHERE indicator_id='${indicator}' AND country_iso3='${iso3}' AND year=${year}`))[0]
      ?.value

  beforeAll(async () => {
    const summary = await runWith(db, refresh({ mirror: rawDir, sourceIds: ids }))
    expect(summary.sources.map((s) => [s.sourceId, s.outcome])).toEqual(ids.map((id) => [id, "loaded"]))
  }, 600_000)

  it("un_egov: Mexico has all 12 editions 2003–2024 and EGDI 2024 = 0.78499", async () => {
    const years = await query<{ year: number }>(db, "SELECT year FROM observations WHERE indicator_id='UN.EGDI' AND country_iso3='MEX' ORDER BY year")
    expect(years.map((y) => y.year)).toEqual([2003, 2004, 2005, 2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024])
    expect(await value("UN.EGDI", "MEX", 2024)).toBe(0.78499)
    expect(await value("UN.EGDI", "MEX", 2010)).toBe(0.515)
    expect(await value("UN.EGDI.RANK", "MEX", 2024)).toBe(65)
    expect(await value("UN.EPI", "MEX", 2018)).toBe(0.9438)
    for (const id of ["UN.EGDI.OSI", "UN.EGDI.HCI", "UN.EGDI.TII"]) {
      const n = await query<{ n: number }>(db, `SELECT count(*)::INT AS n FROM observations WHERE indicator_id='${id}' AND country_iso3='MEX'`)
      expect(n[0].n, id).toBe(12)
    }
  })

  it("un_egov: the four Data360 files each give one value per country and year (CHE and LIE repeats collapsed)", async () => {
    const rows = await query<{ unit: string; rows_loaded: number; che: number }>(
      db,
      `
      SELECT v.unit, v.rows_loaded, (SELECT count(*)::INT FROM observation_history h WHERE h.vintage_id = v.vintage_id AND h.country_iso3 = 'CHE') AS che
      FROM vintages v WHERE v.source_id = 'un_egov' AND v.unit LIKE 'wb-data360/%' ORDER BY v.unit`
    )
    expect(rows).toHaveLength(4)
    for (const r of rows) expect(r.che, r.unit).toBe(12)
    const conflicts = await query(db, "SELECT * FROM rejections WHERE reason LIKE 'conflicting%'")
    expect(conflicts).toEqual([])
  })

  it("un_egov: the files agree within 0.001 wherever both have a value; what one lacks is listed", async () => {
    const checks = await query<{ check: string; n: number }>(db, `SELECT "check", count(*)::INT AS n FROM data_quality_egov GROUP BY 1 ORDER BY 1`)
    expect(checks.find((c) => c.check === "different values")).toBeUndefined()
    // Data360 gives 0 where UNU-EGOV 2010 has a blank (human capital of ten small states, among others).
    const missing = await query<{ source_a: string; year: number }>(db, `SELECT DISTINCT source_a, year FROM data_quality_egov`)
    expect(missing.every((m) => m.source_a.startsWith("wb-data360/") && m.year === 2010)).toBe(true)
  })

  it("oecd_dgi: Mexico composite 0.536, data-driven 0.473, rank 25, and no 2019 value for Mexico", async () => {
    expect(await value("OECD.DGI", "MEX", 2023)).toBe(0.536)
    expect(await value("OECD.DGI.DATA_DRIVEN", "MEX", 2023)).toBe(0.473)
    expect(await value("OECD.DGI.RANK", "MEX", 2023)).toBe(25)
    expect(await query(db, "SELECT * FROM observation_history WHERE indicator_id LIKE 'OECD.DGI%' AND country_iso3='MEX' AND year=2019")).toEqual([])
    const dims = await query<{ n: number }>(
      db,
      "SELECT count(DISTINCT indicator_id)::INT AS n FROM observations WHERE indicator_id LIKE 'OECD.DGI.%' AND indicator_id <> 'OECD.DGI.RANK' AND country_iso3='MEX'"
    )
    expect(dims[0].n).toBe(6)
  })

  it("oecd_ourdata: the derived composite reproduces GaaG 2025 (Korea 0.91, France 0.83) and Mexico is about 0.27", async () => {
    expect(await value("OECD.OURDATA", "KOR", 2022)).toBeCloseTo(0.91, 2)
    expect(await value("OECD.OURDATA", "FRA", 2022)).toBeCloseTo(0.83, 2)
    expect(await value("OECD.OURDATA", "MEX", 2022)).toBeCloseTo(0.27, 2)
    const flags = await query<{ flag: string; n: number }>(db, "SELECT flag, count(*)::INT AS n FROM observations WHERE indicator_id='OECD.OURDATA' GROUP BY 1")
    expect(flags).toEqual([{ flag: "derived", n: 40 }])
  })

  it("odin: 195 countries per score, Türkiye included, Mexico on the 0–100 scale", async () => {
    const n = await query<{ id: string; n: number }>(
      db,
      "SELECT indicator_id AS id, count(*)::INT AS n FROM observations WHERE source_id='odin' GROUP BY 1 ORDER BY 1"
    )
    expect(n).toEqual([
      { id: "ODIN.COVERAGE", n: 195 },
      { id: "ODIN.OPENNESS", n: 195 },
      { id: "ODIN.OVERALL", n: 195 }
    ])
    expect(await value("ODIN.OVERALL", "TUR", 2022)).toBeGreaterThan(0)
    // Mexico: 150.5 points of 206 possible; openness 91 of 110.
    expect(await value("ODIN.OVERALL", "MEX", 2022)).toBeCloseTo(73.06, 2)
    expect(await value("ODIN.OPENNESS", "MEX", 2022)).toBeCloseTo(82.73, 2)
  })

  it("every value is finite, every country is in the catalogue, every indicator is catalogued", async () => {
    const bad = await query(
      db,
      `SELECT * FROM observations WHERE source_id IN ('un_egov','oecd_dgi','oecd_ourdata','odin')
      AND (isnan(value) OR isinf(value) OR country_iso3 NOT IN (SELECT iso3 FROM countries))`
    )
    expect(bad).toEqual([])
    const uncatalogued = await query(
      db,
      `SELECT DISTINCT indicator_id FROM observations
      WHERE source_id IN ('un_egov','oecd_dgi','oecd_ourdata','odin') AND indicator_id NOT IN (SELECT indicator_id FROM catalog_indicators)`
    )
    expect(uncatalogued).toEqual([])
    // The only refusals: the two human-capital values above 1 in the Data360 2003 file.
    const rejected = await query<{ area: string; raw_year: string }>(db, "SELECT area, raw_year FROM rejections ORDER BY area")
    expect(rejected).toEqual([
      { area: "FSM", raw_year: "2003" },
      { area: "TUV", raw_year: "2003" }
    ])
  })
})
