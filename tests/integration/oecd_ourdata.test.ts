// The oecd_ourdata source over hand-made fixtures of the Blavatnik long layout.
import { describe, expect, it } from "vitest"
import { fixture } from "../support/raw.ts"
import { contentFingerprint, ingest, ingestFailure, query, tempDbPath } from "../support/warehouse.ts"

describe("oecd_ourdata", () => {
  it("derives the composite in SQL as the mean of the three pillars, flagged derived", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "oecd_ourdata", fixture("oecd_ourdata", "oecd_ourdata_2023.csv"))
    expect(outcome).toMatchObject({ outcome: "loaded" })
    const composite = await query<{ c: string; year: number; value: number; flag: string }>(
      db,
      "SELECT country_iso3 AS c, year, round(value, 4) AS value, flag FROM observations WHERE indicator_id='OECD.OURDATA' ORDER BY 1"
    )
    // CHE lacks a pillar and DEU's re-use cell is not a number: no composite for them.
    expect(composite).toEqual([
      { c: "FRA", year: 2022, value: 0.83, flag: "derived" },
      { c: "KOR", year: 2022, value: 0.9133, flag: "derived" },
      { c: "MEX", year: 2022, value: 0.27, flag: "derived" },
      { c: "NLD", year: 2022, value: 0.5, flag: "derived" }
    ])
    // Exactly 0.27, not 0.26999999999999996.
    expect(await query(db, "SELECT value FROM observations WHERE indicator_id='OECD.OURDATA' AND country_iso3='MEX'")).toEqual([{ value: 0.27 }])
  })

  it("keeps pillars and sub-scores as published, without the derived flag; the bad cell is rejected", async () => {
    const db = tempDbPath()
    await ingest(db, "oecd_ourdata", fixture("oecd_ourdata", "oecd_ourdata_2023.csv"))
    const mex = await query<{ indicator_id: string; value: number; flag: string | null }>(
      db,
      "SELECT indicator_id, value, flag FROM observations WHERE country_iso3='MEX' AND indicator_id <> 'OECD.OURDATA' ORDER BY 1"
    )
    expect(mex).toEqual([
      { indicator_id: "OECD.OURDATA.ACCESSIBILITY", value: 0.39, flag: null },
      { indicator_id: "OECD.OURDATA.AVAILABILITY", value: 0.35, flag: null },
      { indicator_id: "OECD.OURDATA.AVAILABILITY.RELEASE", value: 0.05, flag: null },
      { indicator_id: "OECD.OURDATA.REUSE", value: 0.07, flag: null },
      { indicator_id: "OECD.OURDATA.REUSE.PROMOTION", value: 0.21, flag: null }
    ])
    expect(await query(db, "SELECT area, raw_value FROM rejected_rows")).toEqual([{ area: "DEU", raw_value: "n/a" }])
  })

  it("a file without ref_year fails naming file and column, and changes nothing", async () => {
    const db = tempDbPath()
    await ingest(db, "oecd_ourdata", fixture("oecd_ourdata", "oecd_ourdata_2023.csv"))
    const before = await contentFingerprint(db)
    const failure = await ingestFailure(db, "oecd_ourdata", fixture("oecd_ourdata", "missing-ref-year.csv"))
    expect(failure._tag).toBe("SourceFormatError")
    expect(failure.message).toContain("missing-ref-year.csv")
    expect(failure.column).toBe("ref_year")
    expect(await contentFingerprint(db)).toBe(before)
  })
})
