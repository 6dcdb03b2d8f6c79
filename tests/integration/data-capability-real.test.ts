// The data-capability, digital-talent and governance-context sources (spi, odb, gtmi,
// unesco_uis, governance) over the real publisher files in ../shared/data/raw.
import readXlsxFile from "read-excel-file/node"
import { beforeAll, describe, expect, it } from "vitest"
import { refresh } from "../../pipelines/refresh.ts"
import { hasRaw, raw, rawDir } from "../support/raw.ts"
import { query, runWith, tempDbPath } from "../support/warehouse.ts"

const ids = ["spi", "odb", "gtmi", "unesco_uis", "governance"]
const inSources = `source_id IN (${ids.map((s) => `'${s}'`).join(", ")})`

describe.skipIf(!hasRaw)("data capability, talent and context sources over the real files", () => {
  const db = tempDbPath("capability")
  const value = async (indicator: string, iso3: string, year: number) => {
    const rows = await query<{ value: number; flag: string | null }>(
      db,
      `SELECT value, flag FROM observations WHERE indicator_id = '${indicator}' AND country_iso3 = '${iso3}' AND year = ${year}`
    )
    expect(rows, `${indicator} ${iso3} ${year}`).toHaveLength(1)
    return rows[0]
  }

  beforeAll(async () => {
    const summary = await runWith(db, refresh({ mirror: rawDir, sourceIds: ids }))
    expect(summary.sources.map((s) => [s.sourceId, s.outcome, s.error])).toEqual(ids.map((id) => [id, "loaded", undefined]))
  }, 240_000)

  it("SPI: Mexico's 2019 overall score and pillars; no overall score for any economy before 2016", async () => {
    expect((await value("SPI.INDEX", "MEX", 2019)).value).toBeCloseTo(87.507, 3)
    expect((await value("SPI.INDEX.PIL1", "MEX", 2019)).value).toBe(100)
    expect((await value("SPI.INDEX.PIL5", "MEX", 2019)).value).toBe(75)
    const early = await query<{ n: number }>(db, "SELECT count(*)::INT AS n FROM observations WHERE indicator_id = 'SPI.INDEX' AND year < 2016")
    expect(early[0].n).toBe(0)
    const years = await query<{ year: number; n: number }>(
      db,
      "SELECT year, count(*)::INT AS n FROM observations WHERE indicator_id = 'SPI.INDEX' GROUP BY 1 ORDER BY 1"
    )
    expect(years).toEqual([
      { year: 2016, n: 167 },
      { year: 2017, n: 174 },
      { year: 2018, n: 174 },
      { year: 2019, n: 174 }
    ])
    // Mexico before 2016: only pillars 1 and 3 (pillar 3 from 2005).
    const mex2004 = await query(db, "SELECT indicator_id FROM observations WHERE country_iso3 = 'MEX' AND year = 2004 AND source_id = 'spi'")
    expect(mex2004).toEqual([{ indicator_id: "SPI.INDEX.PIL1" }])
  })

  it("ODB: Mexico in every edition 2013–2017 (2017 = 69), edition sizes as published", async () => {
    const mex = await query<{ year: number; value: number }>(
      db,
      "SELECT year, value FROM observations WHERE indicator_id = 'ODB.SCORE' AND country_iso3 = 'MEX' ORDER BY year"
    )
    expect(mex.map((r) => r.year)).toEqual([2013, 2014, 2015, 2016, 2017])
    expect(mex.map((r) => r.value)).toEqual([40.3, 50.09, 61.76, 73.45, 69])
    const sizes = await query(db, "SELECT year, count(*)::INT AS n FROM observations WHERE indicator_id = 'ODB.SCORE' GROUP BY 1 ORDER BY 1")
    expect(sizes).toEqual([
      { year: 2013, n: 77 },
      { year: 2014, n: 86 },
      { year: 2015, n: 92 },
      { year: 2016, n: 115 },
      { year: 2017, n: 30 }
    ])
    expect((await value("ODB.READINESS", "MEX", 2017)).value).toBe(79)
  })

  it("ODB: the workbook's OECD flag agrees with the catalogue's membership at the time of the 2017 edition", async () => {
    const [countries] = (await readXlsxFile(raw("open-data-barometer", "Open Data Barometer - Historical Data (All five Editions) - Public.xlsx"))).filter(
      (s) => s.sheet === "Countries"
    )
    const header = countries.data[0].map(String)
    const flagged = countries.data
      .slice(1)
      .filter((r) => r[header.indexOf("OECD")] === "OECD")
      .map((r) => String(r[header.indexOf("ISO3")]))
      .sort()
    const listed = countries.data
      .slice(1)
      .map((r) => `'${r[header.indexOf("ISO3")]}'`)
      .join(", ")
    const members = await query<{ iso3: string }>(db, `SELECT iso3 FROM countries WHERE iso3 IN (${listed}) AND oecd_member_since <= 2018 ORDER BY iso3`)
    expect(flagged.length).toBeGreaterThan(10)
    expect(flagged).toEqual(members.map((m) => m.iso3))
  })

  it("GTMI: 29 question groups for 198 economies in 2022, Mexico's values, no composite", async () => {
    const groups = await query<{ indicator_id: string; n: number }>(
      db,
      "SELECT indicator_id, count(*)::INT AS n FROM observations WHERE source_id = 'gtmi' GROUP BY 1 ORDER BY 1"
    )
    expect(groups).toHaveLength(29)
    expect(groups.every((g) => g.n === 198)).toBe(true)
    expect((await value("WB.GTMI.BACKEND", "MEX", 2022)).value).toBe(8.5)
    expect((await value("WB.GTMI.GOVTECH", "MEX", 2022)).value).toBe(8)
    expect((await value("WB.GTMI.OPENDATA", "MEX", 2022)).value).toBe(3)
    expect((await value("WB.GTMI.PUBSECINV", "MEX", 2022)).value).toBe(3.75)
    // Kosovo is XKK in the file and reaches the warehouse as XKX.
    expect((await value("WB.GTMI.BACKEND", "XKX", 2022)).value).toBe(3.5)
  })

  it("UNESCO UIS: Mexico's ICT graduate shares by sex, breaks flagged, estimates kept, NA placeholders dropped", async () => {
    expect((await value("FOSGP.5T8.F600.F", "MEX", 2022)).value).toBeCloseTo(2.054, 3)
    expect((await value("FOSGP.5T8.F600.M", "MEX", 2022)).value).toBeCloseTo(7.026, 3)
    for (const id of ["FOSGP.5T8.F600.F", "FOSGP.5T8.F600.M"]) {
      expect(await value(id, "MEX", 2010)).toMatchObject({ flag: "break" })
      expect(await value(id, "MEX", 2017)).toMatchObject({ flag: "break" })
      expect(await value(id, "MEX", 2009)).toMatchObject({ flag: null })
    }
    expect(await value("FOSGP.5T8.F600.F", "CAN", 2014)).toMatchObject({ flag: "estimate" })
    const counts = await query(
      db,
      "SELECT indicator_id, count(*)::INT AS n, count(*) FILTER (WHERE flag = 'estimate')::INT AS estimates FROM observations WHERE source_id = 'unesco_uis' GROUP BY 1 ORDER BY 1"
    )
    // 1,683 and 1,681 data rows, less the 124 and 125 "not applicable" placeholders.
    expect(counts).toEqual([
      { indicator_id: "FOSGP.5T8.F600.F", n: 1559, estimates: 11 },
      { indicator_id: "FOSGP.5T8.F600.M", n: 1556, estimates: 11 }
    ])
  })

  it("Governance: Mexico's WGI government effectiveness and WJP open government; only the dissolved ANT refused", async () => {
    expect((await value("WB.WGI.GE.EST", "MEX", 2024)).value).toBeCloseTo(-0.2199, 4)
    expect((await value("WJP.ROL.FAC_3", "MEX", 2024)).value).toBeCloseTo(0.5748, 4)
    expect((await value("WJP.ROL.3_1", "MEX", 2024)).value).toBeCloseTo(0.6687, 4)
    const wgi = await query<{ n: number }>(db, "SELECT count(*)::INT AS n FROM observations WHERE indicator_id = 'WB.WGI.GE.EST'")
    expect(wgi[0].n).toBe(5326)
    expect(await query(db, `SELECT DISTINCT area FROM rejected_rows WHERE ${inSources}`)).toEqual([{ area: "ANT" }])
  })

  it("no value is NaN, infinite or a sentinel, and every country is a catalogue ISO3", async () => {
    const bad = await query<{ n: number }>(
      db,
      `SELECT count(*)::INT AS n FROM observation_history WHERE ${inSources} AND (isnan(value) OR isinf(value) OR value <= -99)`
    )
    expect(bad[0].n).toBe(0)
    const unknown = await query(
      db,
      `SELECT DISTINCT o.country_iso3 FROM observations o LEFT JOIN countries c ON c.iso3 = o.country_iso3 WHERE ${inSources} AND c.iso3 IS NULL`
    )
    expect(unknown).toEqual([])
  })

  it("every loaded indicator is reviewed in the catalogue, and every non-context one tracks an existing recommendation", async () => {
    const loaded = await query<{ indicator_id: string; pillar: string; reviewed: boolean; links: number; dangling: number }>(
      db,
      `
      SELECT o.indicator_id, i.pillar, i.reviewed,
             count(DISTINCT l.recommendation_id)::INT AS links,
             count(DISTINCT l.recommendation_id) FILTER (WHERE r.recommendation_id IS NULL)::INT AS dangling
      FROM (SELECT DISTINCT indicator_id FROM observations WHERE ${inSources}) o
      JOIN indicators i USING (indicator_id)
      LEFT JOIN indicator_recommendations l USING (indicator_id)
      LEFT JOIN recommendations r ON r.recommendation_id = l.recommendation_id
      GROUP BY ALL ORDER BY 1`
    )
    expect(loaded).toHaveLength(6 + 4 + 29 + 2 + 3)
    for (const row of loaded) {
      expect(row.reviewed, row.indicator_id).toBe(true)
      expect(row.dangling, row.indicator_id).toBe(0)
      if (row.pillar !== "context") expect(row.links, row.indicator_id).toBeGreaterThan(0)
    }
  })

  it("a second refresh of unchanged files writes nothing", async () => {
    const before = await query(db, "SELECT count(*)::INT AS n FROM vintages")
    const summary = await runWith(db, refresh({ mirror: rawDir, sourceIds: ids }))
    expect(summary.sources.map((s) => s.outcome)).toEqual(ids.map(() => "unchanged"))
    expect(await query(db, "SELECT count(*)::INT AS n FROM vintages")).toEqual(before)
  }, 240_000)
})
