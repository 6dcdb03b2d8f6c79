// The oecd_dgi source over hand-made fixtures of the Blavatnik long layout.
import { describe, expect, it } from "vitest"
import { fixture } from "../support/raw.ts"
import { contentFingerprint, ingest, ingestFailure, query, tempDbPath } from "../support/warehouse.ts"

describe("oecd_dgi", () => {
  it("reads the BOM, LF long file: composite, rank and the six dimensions; the year is ref_year", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "oecd_dgi", fixture("oecd_dgi", "oecd_dgi_2023.csv"))
    expect(outcome).toMatchObject({ outcome: "loaded", rowsLoaded: 12, rowsRejected: 0, format: "blavatnik-long" })
    const mex = await query<{ indicator_id: string; year: number; value: number }>(
      db,
      "SELECT indicator_id, year, value FROM observations WHERE country_iso3='MEX' ORDER BY 1"
    )
    expect(mex).toEqual([
      { indicator_id: "OECD.DGI", year: 2023, value: 0.536 },
      { indicator_id: "OECD.DGI.DATA_DRIVEN", year: 2023, value: 0.473 },
      { indicator_id: "OECD.DGI.DIGITAL_BY_DESIGN", year: 2023, value: 0.658 },
      { indicator_id: "OECD.DGI.GOVT_AS_PLATFORM", year: 2023, value: 0.638 },
      { indicator_id: "OECD.DGI.OPEN_BY_DEFAULT", year: 2023, value: 0.466 },
      { indicator_id: "OECD.DGI.PROACTIVENESS", year: 2023, value: 0.501 },
      { indicator_id: "OECD.DGI.RANK", year: 2023, value: 25 },
      { indicator_id: "OECD.DGI.USER_DRIVEN", year: 2023, value: 0.479 }
    ])
    // A partner country has a score but no rank; nothing is invented for it.
    expect(await query(db, "SELECT indicator_id FROM observations WHERE country_iso3='BRA'")).toEqual([{ indicator_id: "OECD.DGI" }])
  })

  it("loads an unknown variable under its own id, shown as not yet reviewed", async () => {
    const db = tempDbPath()
    await ingest(db, "oecd_dgi", fixture("oecd_dgi", "oecd_dgi_2023.csv"))
    expect(await query(db, "SELECT indicator_id, pillar, reviewed FROM indicators WHERE indicator_id='OECD.DGI.NEW_DIMENSION'")).toEqual([
      { indicator_id: "OECD.DGI.NEW_DIMENSION", pillar: "context", reviewed: false }
    ])
  })

  it("rejects an impossible score and rank 0 with their reasons", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "oecd_dgi", fixture("oecd_dgi", "badcells.csv"))
    expect(outcome).toMatchObject({ rowsLoaded: 1, rowsRejected: 2 })
    const reasons = await query<{ reason: string }>(db, "SELECT reason FROM rejected_rows ORDER BY line")
    expect(reasons[0].reason).toMatch(/1.536 is above the possible maximum 1/)
    expect(reasons[1].reason).toMatch(/0 is below the possible minimum 1/)
  })

  for (const [name, message, column, line] of [
    ["missing-variable.csv", /required column "variable" is missing/, "variable", 1],
    ["ragged.csv", /3 fields but the header has 4/, undefined, 3]
  ] as const) {
    it(`${name} fails naming the file, and changes nothing`, async () => {
      const db = tempDbPath()
      await ingest(db, "oecd_dgi", fixture("oecd_dgi", "oecd_dgi_2023.csv"))
      const before = await contentFingerprint(db)
      const failure = await ingestFailure(db, "oecd_dgi", fixture("oecd_dgi", name))
      expect(failure._tag).toBe("SourceFormatError")
      expect(failure.message).toContain(name)
      expect(failure.message).toMatch(message)
      if (column) expect(failure.column).toBe(column)
      expect(failure.line).toBe(line)
      expect(await contentFingerprint(db)).toBe(before)
    })
  }
})
