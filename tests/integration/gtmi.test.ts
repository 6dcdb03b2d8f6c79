// The gtmi source over a hand-made copy of the long question-group file (BOM, quoted
// strings, bare numbers, NA, Kosovo as XKK) and over broken files.
import { describe, expect, it } from "vitest"
import { fixture } from "../support/raw.ts"
import { contentFingerprint, ingest, ingestFailure, query, tempDbPath } from "../support/warehouse.ts"

describe("gtmi long layout", () => {
  it("loads each question group under its own id, a true 0 included, and nothing else", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "gtmi", fixture("gtmi", "gtmi_2022_metadata.csv"))
    expect(outcome).toMatchObject({ outcome: "loaded", rowsLoaded: 6, rowsRejected: 0, format: "gtmi-long-csv" })
    const mex = await query(db, "SELECT indicator_id, year, value FROM observations WHERE country_iso3 = 'MEX' ORDER BY 1")
    expect(mex).toEqual([
      { indicator_id: "WB.GTMI.BACKEND", year: 2022, value: 8.5 },
      { indicator_id: "WB.GTMI.DATA_EXCHANGE", year: 2022, value: 3 },
      { indicator_id: "WB.GTMI.OPENDATA", year: 2022, value: 3 },
      { indicator_id: "WB.GTMI.SYSTEM_GOVERNANCE", year: 2022, value: 0 }
    ])
    // No composite is invented from the groups.
    expect(await query(db, "SELECT count(*)::INT AS n FROM observations WHERE indicator_id NOT LIKE 'WB.GTMI.%' OR indicator_id = 'WB.GTMI'")).toEqual([
      { n: 0 }
    ])
  })

  it("reads NA as missing and the publisher's Kosovo code XKK as XKX", async () => {
    const db = tempDbPath()
    await ingest(db, "gtmi", fixture("gtmi", "gtmi_2022_metadata.csv"))
    expect(await query(db, "SELECT indicator_id, value FROM observations WHERE country_iso3 = 'CHL'")).toEqual([{ indicator_id: "WB.GTMI.OPENDATA", value: 4 }])
    expect(await query(db, "SELECT value FROM observations WHERE country_iso3 = 'XKX'")).toEqual([{ value: 3.5 }])
  })
})

describe("gtmi broken files fail with file, line and column, and change nothing", () => {
  const cases: Array<[string, RegExp, number, string]> = [
    ["missing-column.csv", /required column "variable" is missing/, 1, "variable"],
    ["not-gtmi.csv", /"egov_osi" is not a GTMI question-group variable/, 3, "variable"]
  ]
  for (const [name, message, line, column] of cases) {
    it(name, async () => {
      const db = tempDbPath()
      await ingest(db, "gtmi", fixture("gtmi", "gtmi_2022_metadata.csv"))
      const before = await contentFingerprint(db)
      const failure = await ingestFailure(db, "gtmi", fixture("gtmi", name))
      expect(failure._tag).toBe("SourceFormatError")
      expect(failure.message).toContain(name)
      expect(failure.message).toMatch(message)
      expect(failure.line).toBe(line)
      expect(failure.column).toBe(column)
      expect(await contentFingerprint(db)).toBe(before)
    })
  }
})
