// The odb source over small workbooks written by tests/fixtures/odb/make-fixtures.ts: one
// Rankings sheet per edition, per-edition column names, blank and trailing rows, other
// sheets that must be ignored, and broken workbooks.
import { describe, expect, it } from "vitest"
import { fixture } from "../support/raw.ts"
import { contentFingerprint, ingest, ingestFailure, query, tempDbPath } from "../support/warehouse.ts"

const scores = (db: string, indicator: string) =>
  query<{ country_iso3: string; year: number; value: number }>(
    db,
    `SELECT country_iso3, year, value FROM observations WHERE indicator_id = '${indicator}' ORDER BY year, country_iso3`
  )

describe("odb workbook", () => {
  it("reads the score from `ODB-Score-Scaled` in 2013–2016 and from `ODB-Score` in 2017", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "odb", fixture("odb", "odb-workbook.xlsx"))
    expect(outcome).toMatchObject({ outcome: "loaded", rowsRejected: 0, format: "odb-workbook:2013,2016,2017" })
    expect(await scores(db, "ODB.SCORE")).toEqual([
      { country_iso3: "GBR", year: 2013, value: 100 },
      { country_iso3: "KEN", year: 2013, value: 43.15 },
      { country_iso3: "MEX", year: 2013, value: 40.3 },
      { country_iso3: "GBR", year: 2016, value: 100 },
      { country_iso3: "MEX", year: 2016, value: 73.45 },
      { country_iso3: "CAN", year: 2017, value: 76 },
      { country_iso3: "MEX", year: 2017, value: 69 }
    ])
  })

  it("reads the three sub-indices under either spelling", async () => {
    const db = tempDbPath()
    await ingest(db, "odb", fixture("odb", "odb-workbook.xlsx"))
    const mex = await query(
      db,
      "SELECT indicator_id, year, value FROM observations WHERE country_iso3 = 'MEX' AND indicator_id <> 'ODB.SCORE' ORDER BY year, indicator_id"
    )
    expect(mex).toEqual([
      { indicator_id: "ODB.IMPACT", year: 2013, value: 8 },
      { indicator_id: "ODB.IMPLEMENTATION", year: 2013, value: 45 },
      { indicator_id: "ODB.READINESS", year: 2013, value: 49 },
      { indicator_id: "ODB.IMPACT", year: 2016, value: 88 },
      { indicator_id: "ODB.IMPLEMENTATION", year: 2016, value: 58 },
      { indicator_id: "ODB.READINESS", year: 2016, value: 83 },
      { indicator_id: "ODB.IMPACT", year: 2017, value: 62 },
      { indicator_id: "ODB.IMPLEMENTATION", year: 2017, value: 67 },
      { indicator_id: "ODB.READINESS", year: 2017, value: 79 }
    ])
  })

  it("skips blank and trailing empty rows, treats an empty score as missing, and ignores other sheets", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "odb", fixture("odb", "odb-workbook.xlsx"))
    // 3 rows x 4 measures (2013) + 2 x 4 and Kenya's lone readiness (2016) + 2 x 4 (2017).
    expect(outcome.rowsLoaded).toBe(12 + 9 + 8)
    expect(await query(db, "SELECT indicator_id, value FROM observations WHERE country_iso3 = 'KEN' AND year = 2016")).toEqual([
      { indicator_id: "ODB.READINESS", value: 35 }
    ])
    // The ODB-2017-Scores sheet says MEX = 1: it must not have been read.
    expect(await query(db, "SELECT count(*)::INT AS n FROM observation_history WHERE value = 1")).toEqual([{ n: 0 }])
    expect(await query(db, "SELECT count(*)::INT AS n FROM rejected_rows")).toEqual([{ n: 0 }])
  })
})

describe("odb broken workbooks fail with file, sheet and column, and change nothing", () => {
  const cases: Array<[string, RegExp, string | undefined]> = [
    ["missing-score-column.xlsx", /sheet "ODB-2017-Rankings" has none of the columns "ODB-Score-Scaled" or "ODB-Score"/, "ODB-Score-Scaled | ODB-Score"],
    ["wrong-sheet.xlsx", /no "ODB-<year>-Rankings" sheet in the workbook \(its sheets: "Sheet1"\)/, undefined],
    ["year-mismatch.xlsx", /sheet "ODB-2016-Rankings" row 2 says year 2015, not 2016/, "Year"],
    ["not-a-workbook.xlsx", /not a readable \.xlsx workbook/, undefined]
  ]
  for (const [name, message, column] of cases) {
    it(name, async () => {
      const db = tempDbPath()
      await ingest(db, "odb", fixture("odb", "odb-workbook.xlsx"))
      const before = await contentFingerprint(db)
      const failure = await ingestFailure(db, "odb", fixture("odb", name))
      expect(failure._tag).toBe("SourceFormatError")
      expect(failure.message).toContain(name)
      expect(failure.message).toMatch(message)
      expect(failure.column).toBe(column)
      expect(await contentFingerprint(db)).toBe(before)
    })
  }
})
