// The odin source over hand-made fixtures: Latin-1 bytes, CRLF, the footer, "-" cells.
import { describe, expect, it } from "vitest"
import { splitFooter } from "../../pipelines/sources/odin.ts"
import { fixture } from "../support/raw.ts"
import { contentFingerprint, ingest, ingestFailure, query, tempDbPath } from "../support/warehouse.ts"

const scores = (db: string) =>
  query<{ indicator_id: string; c: string; value: number; flag: string }>(
    db,
    "SELECT indicator_id, country_iso3 AS c, round(value, 4) AS value, flag FROM observations ORDER BY 2, 1"
  )

// Hand-computed from the fixture. MEX: coverage 8.5 of 11 possible points (the "-" cells of
// balance of payments and energy do not count), openness 12 of 15, overall 20.5 of 26.
// TUR: 1.5 of 5, 2.5 of 5, 4 of 10.
const expected = [
  { indicator_id: "ODIN.COVERAGE", c: "MEX", value: 77.2727, flag: "derived" },
  { indicator_id: "ODIN.OPENNESS", c: "MEX", value: 80, flag: "derived" },
  { indicator_id: "ODIN.OVERALL", c: "MEX", value: 78.8462, flag: "derived" },
  { indicator_id: "ODIN.COVERAGE", c: "TUR", value: 30, flag: "derived" },
  { indicator_id: "ODIN.OPENNESS", c: "TUR", value: 50, flag: "derived" },
  { indicator_id: "ODIN.OVERALL", c: "TUR", value: 40, flag: "derived" }
]

describe("odin", () => {
  it("reads the Latin-1 download with its footer; Türkiye loads; the footer's date is the release date", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "odin", fixture("odin", "ODIN_03222024.csv"))
    expect(outcome).toMatchObject({ outcome: "loaded", rowsLoaded: 6, rowsRejected: 0, format: "odin-csv", releasedAt: "2023-08-09" })
    expect(await scores(db)).toEqual(expected)
  })

  it("reads a UTF-8, LF copy without footer to the same scores", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "odin", fixture("odin", "ODIN_resaved_utf8.csv"))
    expect(outcome).toMatchObject({ rowsLoaded: 6, releasedAt: null })
    expect(await scores(db)).toEqual(expected)
  })

  it("splitFooter keeps data lines and reads the 'Last updated' date", () => {
    const { data, footer, releasedAt } = splitFooter('Year,Country\r\n2022,"Mexico"\r\n©x\r\n3/22/2024 7:18:00 AM\r\nLast updated: August 9, 2023\r\n')
    expect(data).toBe('Year,Country\n2022,"Mexico"')
    expect(footer).toHaveLength(3)
    expect(releasedAt).toBe("2023-08-09")
  })

  it("a non-number in the All Categories row is rejected with its reason; the other scores load", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "odin", fixture("odin", "badcell.csv"))
    expect(outcome).toMatchObject({ rowsLoaded: 4, rowsRejected: 2 })
    const rejected = await query<{ indicator_id: string; raw_value: string; reason: string }>(
      db,
      "SELECT indicator_id, raw_value, reason FROM rejected_rows ORDER BY 1"
    )
    expect(rejected.map((r) => [r.indicator_id, r.raw_value])).toEqual([
      ["ODIN.OPENNESS", "x"],
      ["ODIN.OVERALL", "x"]
    ])
    expect(rejected[0].reason).toBe('value "x" is not a number')
  })

  for (const [name, message, column] of [
    ["missing-column.csv", /required column "Terms of use" is missing/, "Terms of use"],
    ["no-summary.csv", /no "All Categories" row/, undefined]
  ] as const) {
    it(`${name} fails naming the file, and changes nothing`, async () => {
      const db = tempDbPath()
      await ingest(db, "odin", fixture("odin", "ODIN_03222024.csv"))
      const before = await contentFingerprint(db)
      const failure = await ingestFailure(db, "odin", fixture("odin", name))
      expect(failure._tag).toBe("SourceFormatError")
      expect(failure.message).toContain(name)
      expect(failure.message).toMatch(message)
      if (column) expect(failure.column).toBe(column)
      expect(await contentFingerprint(db)).toBe(before)
    })
  }
})
