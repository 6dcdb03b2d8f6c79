// The wdi source over hand-made fixtures of each layout variant and each kind of bad input,
// and over the real World Bank files.
import { describe, expect, it } from "vitest"
import { contentFingerprint, ingest, ingestFailure, query, tempDbPath } from "../support/warehouse.ts"
import { fixture } from "../support/raw.ts"

const values = (db: string, indicator: string) =>
  query<{ country_iso3: string; year: number; value: number }>(
    db,
    `SELECT country_iso3, year, value FROM observations WHERE indicator_id = '${indicator}' ORDER BY country_iso3, year`
  )

describe("wdi layouts", () => {
  it("reads the original bulk layout: BOM, preamble with release date, CRLF, quoted, trailing comma", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "wdi", fixture("wdi", "API_IT.NET.BBND.P2_DS2_original.csv"))
    expect(outcome).toMatchObject({ outcome: "loaded", rowsLoaded: 5, rowsRejected: 0, rowsAggregate: 3, format: "wdi-bulk-wide", releasedAt: "2021-03-04" })
    expect(await values(db, "IT.NET.BBND.P2")).toEqual([
      { country_iso3: "KOR", year: 2018, value: 41.6 },
      { country_iso3: "KOR", year: 2019, value: 43.5 },
      { country_iso3: "MEX", year: 2018, value: 14.5 },
      { country_iso3: "MEX", year: 2019, value: 15.2 },
      { country_iso3: "MEX", year: 2020, value: 16.9 }
    ])
    // Aggregates are kept apart from countries.
    expect(await query(db, "SELECT area_code, year, value FROM aggregate_observations ORDER BY year")).toEqual([
      { area_code: "OED", year: 2018, value: 31.2 },
      { area_code: "OED", year: 2019, value: 32.6 },
      { area_code: "OED", year: 2020, value: 33.9 }
    ])
  })

  it("reads a re-saved variant (no preamble, LF, unquoted, scientific notation) to the same values", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "wdi", fixture("wdi", "API_IT.NET.BBND.P2_resaved.csv"))
    expect(outcome).toMatchObject({ outcome: "loaded", rowsLoaded: 5, releasedAt: null })
    const mex = (await values(db, "IT.NET.BBND.P2")).filter((v) => v.country_iso3 === "MEX").map((v) => v.value)
    expect(mex).toEqual([14.5, 15.2, 16.9])
  })

  it("reads the long layout, taking the indicator code from datapackage.json", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "wdi", fixture("wdi", "long", "it.net.bbnd.p2", "data.csv"))
    expect(outcome).toMatchObject({ outcome: "loaded", rowsLoaded: 3, rowsAggregate: 1, format: "wdi-long" })
  })

  it("keeps every vintage: the newer vintage is current and the change is a revision", async () => {
    const db = tempDbPath()
    await ingest(db, "wdi", fixture("wdi", "API_IT.NET.BBND.P2_DS2_original.csv"))
    await ingest(db, "wdi", fixture("wdi", "long", "it.net.bbnd.p2", "data.csv"))
    const current = await query<{ value: number; vintage_id: number }>(
      db,
      "SELECT value, vintage_id FROM observations WHERE indicator_id='IT.NET.BBND.P2' AND country_iso3='MEX' AND year=2019"
    )
    expect(current).toEqual([{ value: 15.3, vintage_id: 2 }])
    // 2020 exists only in the older vintage: it stays visible.
    expect(await query(db, "SELECT value FROM observations WHERE indicator_id='IT.NET.BBND.P2' AND country_iso3='MEX' AND year=2020")).toEqual([
      { value: 16.9 }
    ])
    const revisions = await query(
      db,
      "SELECT country_iso3, year, old_value, new_value, old_vintage_id, new_vintage_id FROM revisions ORDER BY country_iso3, year"
    )
    expect(revisions).toEqual([
      { country_iso3: "KOR", year: 2019, old_value: 43.5, new_value: 43.6, old_vintage_id: 1, new_vintage_id: 2 },
      { country_iso3: "MEX", year: 2018, old_value: 14.5, new_value: 14.6, old_vintage_id: 1, new_vintage_id: 2 },
      { country_iso3: "MEX", year: 2019, old_value: 15.2, new_value: 15.3, old_vintage_id: 1, new_vintage_id: 2 }
    ])
    expect(await query(db, "SELECT count(*)::INT AS n FROM observation_history")).toEqual([{ n: 8 }])
  })

  it("writes nothing for a file whose content equals the latest vintage", async () => {
    const db = tempDbPath()
    await ingest(db, "wdi", fixture("wdi", "API_IT.NET.BBND.P2_DS2_original.csv"))
    const before = await contentFingerprint(db)
    const again = await ingest(db, "wdi", fixture("wdi", "API_IT.NET.BBND.P2_DS2_original.csv"))
    expect(again.outcome).toBe("unchanged")
    expect(await contentFingerprint(db)).toBe(before)
  })
})

describe("wdi bad cells are rejected with their reason, never loaded as numbers", () => {
  it("rejects text, NaN, impossible percentages and unknown areas row by row", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "wdi", fixture("wdi", "API_IT.NET.USER.ZS_badcells.csv"))
    expect(outcome).toMatchObject({ outcome: "loaded", rowsLoaded: 3, rowsRejected: 5 })
    const rejected = await query<{ line: number; area: string; raw_value: string; reason: string }>(
      db,
      "SELECT line, area, raw_value, reason FROM rejected_rows ORDER BY line, field"
    )
    expect(rejected.map((r) => [r.line, r.area, r.raw_value])).toEqual([
      [2, "MEX", "n/a"],
      [3, "CHL", "NaN"],
      [4, "PER", "140"],
      [5, "ATL", "50"],
      [5, "ATL", "51"]
    ])
    expect(rejected[0].reason).toBe('value "n/a" is not a number')
    expect(rejected[1].reason).toBe('value "NaN" is not a finite number')
    expect(rejected[2].reason).toMatch(/above the possible maximum 100/)
    expect(rejected[3].reason).toMatch(/"ATL" is not a known country/)
    const loaded = await query<{ value: number }>(db, "SELECT value FROM observations ORDER BY value")
    expect(loaded.map((r) => r.value)).toEqual([65.3, 70.1, 82.3])
  })

  it("collapses exact repeats and rejects both sides of a conflicting repeat", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "wdi", fixture("wdi", "duplicates.csv"))
    expect(outcome).toMatchObject({ rowsLoaded: 3, rowsRejected: 2 })
    expect(await values(db, "IT.NET.BBND.P2")).toEqual([
      { country_iso3: "KOR", year: 2018, value: 41.6 },
      { country_iso3: "MEX", year: 2018, value: 14.5 },
      { country_iso3: "MEX", year: 2019, value: 15.2 }
    ])
    const rejected = await query<{ line: number; raw_value: string; reason: string }>(db, "SELECT line, raw_value, reason FROM rejected_rows ORDER BY line")
    expect(rejected.map((r) => [r.line, r.raw_value])).toEqual([
      [4, "43.5"],
      [5, "44.0"]
    ])
    expect(rejected[0].reason).toBe("conflicting values for the same country and year in this file (lines 4 and 5)")
  })

  it("rejects a year outside the plausible range", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "wdi", fixture("wdi", "API_IT.CEL.SETS.P2_badyear.csv"))
    expect(outcome).toMatchObject({ rowsLoaded: 1, rowsRejected: 1 })
    expect(await query(db, "SELECT raw_year, reason FROM rejected_rows")).toEqual([
      { raw_year: "2899", reason: expect.stringMatching(/year 2899 is outside 1950/) }
    ])
  })
})

describe("wdi structurally broken files fail with file and line, and change nothing", () => {
  const cases: Array<[string, RegExp, number | undefined]> = [
    ["truncated.csv", /never closed|unterminated|truncated/i, 3],
    ["ragged.csv", /Expected Number of Columns: 7 Found: 5/, 3],
    ["missing-column.csv", /"Country Code" is missing/, 1],
    ["empty.csv", /empty \(0 bytes\)/, undefined],
    ["not-a-csv.csv", /no WDI header/, 1],
    ["wrong-header.csv", /no WDI header/, 1],
    ["header-only.csv", /no data rows/, undefined],
    ["binary.csv", /binary/, 1]
  ]
  for (const [name, message, line] of cases) {
    it(`${name}`, async () => {
      const db = tempDbPath()
      await ingest(db, "wdi", fixture("wdi", "API_IT.NET.BBND.P2_DS2_original.csv"))
      const before = await contentFingerprint(db)
      const failure = await ingestFailure(db, "wdi", fixture("wdi", name))
      expect(failure._tag).toBe("SourceFormatError")
      expect(failure.message).toContain(name)
      expect(failure.message).toMatch(message)
      if (line !== undefined) expect(failure.line).toBe(line)
      expect(await contentFingerprint(db)).toBe(before)
    })
  }
})
