// The spi source over hand-made fixtures: the publisher's BOM + CRLF wide layout, its two
// spellings of "missing" (NA and the -99 sentinel), and broken files.
import { describe, expect, it } from "vitest"
import { fixture } from "../support/raw.ts"
import { contentFingerprint, ingest, ingestFailure, query, tempDbPath } from "../support/warehouse.ts"

const observed = (db: string) =>
  query<{ indicator_id: string; country_iso3: string; year: number; value: number }>(
    db,
    "SELECT indicator_id, country_iso3, year, value FROM observations ORDER BY country_iso3, year, indicator_id"
  )

describe("spi wide layout", () => {
  it("reads the BOM + CRLF file, unpivots the index and its five pillars, keeps quoted names whole", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "spi", fixture("spi", "SPI_index.csv"))
    expect(outcome).toMatchObject({ outcome: "loaded", rowsRejected: 0, rowsAggregate: 0, format: "spi-wide-csv" })
    const rows = await observed(db)
    const mex2019 = Object.fromEntries(rows.filter((r) => r.country_iso3 === "MEX" && r.year === 2019).map((r) => [r.indicator_id, r.value]))
    expect(mex2019).toEqual({
      "SPI.INDEX": 87.50708333,
      "SPI.INDEX.PIL1": 100,
      "SPI.INDEX.PIL2": 92.93333333,
      "SPI.INDEX.PIL3": 89.31875,
      "SPI.INDEX.PIL4": 80.28333333,
      "SPI.INDEX.PIL5": 75
    })
    // "Korea, Rep." is one quoted field: the row did not shift, so KOR's pillars are in place.
    expect(rows.filter((r) => r.country_iso3 === "KOR").map((r) => [r.indicator_id, r.value])).toEqual([
      ["SPI.INDEX.PIL1", 100],
      ["SPI.INDEX.PIL2", 95.5],
      ["SPI.INDEX.PIL3", 85.1],
      ["SPI.INDEX.PIL4", 88.4]
    ])
  })

  it("treats NA as missing: Mexico 2015 has only the pillars the publisher measured", async () => {
    const db = tempDbPath()
    await ingest(db, "spi", fixture("spi", "SPI_index.csv"))
    const mex2015 = (await observed(db)).filter((r) => r.country_iso3 === "MEX" && r.year === 2015)
    expect(mex2015.map((r) => [r.indicator_id, r.value])).toEqual([
      ["SPI.INDEX.PIL1", 80],
      ["SPI.INDEX.PIL3", 80.21875]
    ])
  })

  it("never lets the -99 sentinel reach observations, nor counts it as a rejected number", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "spi", fixture("spi", "SPI_index.csv"))
    // KOR PIL5 is -99 and CHL PIL3 is -99.0 in the fixture: both are "no value".
    expect(await query(db, "SELECT count(*)::INT AS n FROM observation_history WHERE value <= -99")).toEqual([{ n: 0 }])
    expect(await query(db, "SELECT count(*)::INT AS n FROM observations WHERE indicator_id = 'SPI.INDEX.PIL5' AND country_iso3 = 'KOR'")).toEqual([{ n: 0 }])
    expect(await query(db, "SELECT count(*)::INT AS n FROM observations WHERE indicator_id = 'SPI.INDEX.PIL3' AND country_iso3 = 'CHL'")).toEqual([{ n: 0 }])
    expect(outcome.rowsRejected).toBe(0)
    // 6 (MEX 2019) + 2 (MEX 2015) + 4 (KOR) + 4 (CHL: PIL2, PIL4, PIL5, INDEX) values.
    expect(outcome.rowsLoaded).toBe(16)
  })
})

describe("spi broken files fail with file, line and column, and change nothing", () => {
  const cases: Array<[string, RegExp, number | undefined, string | undefined]> = [
    ["missing-column.csv", /required column "SPI\.INDEX\.PIL3" is missing/, 1, "SPI.INDEX.PIL3"],
    ["wide-other.csv", /required column "iso3c" is missing/, 1, "iso3c"],
    ["ragged.csv", /Expected Number of Columns|columns/i, 3, undefined]
  ]
  for (const [name, message, line, column] of cases) {
    it(name, async () => {
      const db = tempDbPath()
      await ingest(db, "spi", fixture("spi", "SPI_index.csv"))
      const before = await contentFingerprint(db)
      const failure = await ingestFailure(db, "spi", fixture("spi", name))
      expect(failure._tag).toBe("SourceFormatError")
      expect(failure.message).toContain(name)
      expect(failure.message).toMatch(message)
      if (line !== undefined) expect(failure.line).toBe(line)
      if (column !== undefined) expect(failure.column).toBe(column)
      expect(await contentFingerprint(db)).toBe(before)
    })
  }
})
