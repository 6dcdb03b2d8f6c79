// The unesco_uis source over hand-made UIS API CSVs: qualifiers kept as flags, the two
// magnitude codes (NA = not applicable, NIL = nil), Mexico's series breaks, broken files.
import { describe, expect, it } from "vitest"
import { fixture } from "../support/raw.ts"
import { contentFingerprint, ingest, ingestFailure, query, tempDbPath } from "../support/warehouse.ts"

const observed = (db: string) =>
  query<{ indicator_id: string; country_iso3: string; year: number; value: number; flag: string | null }>(
    db,
    "SELECT indicator_id, country_iso3, year, value, flag FROM observations ORDER BY indicator_id, country_iso3, year"
  )

describe("unesco_uis API CSV", () => {
  it("keeps NAT_EST and UIS_EST as the flag 'estimate' and leaves unqualified values unflagged", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "unesco_uis", fixture("unesco_uis", "data_ICT_f.csv"))
    expect(outcome).toMatchObject({ outcome: "loaded", rowsRejected: 0, format: "uis-api-csv" })
    const rows = await observed(db)
    expect(rows.find((r) => r.country_iso3 === "CAN")).toMatchObject({ value: 1.400069952011108, flag: "estimate" })
    expect(rows.find((r) => r.country_iso3 === "ECU")).toMatchObject({ value: 0.092679999768734, flag: "estimate" })
    expect(rows.find((r) => r.country_iso3 === "MEX" && r.year === 2019)).toMatchObject({ flag: null })
  })

  it("drops NA (not applicable) placeholders but keeps NIL as a true zero", async () => {
    const db = tempDbPath()
    await ingest(db, "unesco_uis", fixture("unesco_uis", "data_ICT_f.csv"))
    const rows = await observed(db)
    // ABW 2000 is `0,,NA`: not a measured share, so no observation at all.
    expect(rows.filter((r) => r.country_iso3 === "ABW")).toEqual([])
    // AND 2015 is `0,,NIL` and MOZ 2012 `0,UIS_EST,NIL`: zeros that were measured.
    expect(rows.find((r) => r.country_iso3 === "AND")).toMatchObject({ year: 2015, value: 0, flag: null })
    expect(rows.find((r) => r.country_iso3 === "MOZ")).toMatchObject({ year: 2012, value: 0, flag: "estimate" })
    expect(await query(db, "SELECT count(*)::INT AS n FROM rejected_rows")).toEqual([{ n: 0 }])
  })

  it("flags the first value after each of Mexico's two series breaks, for both sexes, and nothing else", async () => {
    const db = tempDbPath()
    await ingest(db, "unesco_uis", fixture("unesco_uis", "data_ICT_f.csv"))
    await ingest(db, "unesco_uis", fixture("unesco_uis", "data_ICT_m.csv"))
    const breaks = await query(db, "SELECT indicator_id, country_iso3, year FROM observations WHERE flag = 'break' ORDER BY 1, 3")
    expect(breaks).toEqual([
      { indicator_id: "FOSGP.5T8.F600.F", country_iso3: "MEX", year: 2010 },
      { indicator_id: "FOSGP.5T8.F600.F", country_iso3: "MEX", year: 2017 },
      { indicator_id: "FOSGP.5T8.F600.M", country_iso3: "MEX", year: 2010 },
      { indicator_id: "FOSGP.5T8.F600.M", country_iso3: "MEX", year: 2017 }
    ])
    // No both-sexes total is made up.
    expect(await query(db, "SELECT DISTINCT indicator_id FROM observations ORDER BY 1")).toEqual([
      { indicator_id: "FOSGP.5T8.F600.F" },
      { indicator_id: "FOSGP.5T8.F600.M" }
    ])
  })
})

describe("unesco_uis broken files fail with file, line and column, and change nothing", () => {
  const cases: Array<[string, RegExp, number, string]> = [
    ["missing-column.csv", /required column "magnitude" is missing/, 1, "magnitude"],
    ["unknown-magnitude.csv", /unknown magnitude "ZERO"/, 3, "magnitude"],
    ["unknown-qualifier.csv", /unknown qualifier "PROV"/, 2, "qualifier"]
  ]
  for (const [name, message, line, column] of cases) {
    it(name, async () => {
      const db = tempDbPath()
      await ingest(db, "unesco_uis", fixture("unesco_uis", "data_ICT_f.csv"))
      const before = await contentFingerprint(db)
      const failure = await ingestFailure(db, "unesco_uis", fixture("unesco_uis", name))
      expect(failure._tag).toBe("SourceFormatError")
      expect(failure.message).toContain(name)
      expect(failure.message).toMatch(message)
      expect(failure.line).toBe(line)
      expect(failure.column).toBe(column)
      expect(await contentFingerprint(db)).toBe(before)
    })
  }
})
