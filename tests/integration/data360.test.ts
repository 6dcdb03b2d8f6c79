// The data360 source over small Parquet files written by tests/fixtures/data360/make-fixtures.ts:
// the ITU internet-use total and its two sexes out of a file that also breaks the series down
// by age and urbanisation; households with internet; broken inputs.
import { describe, expect, it } from "vitest"
import { fixture } from "../support/raw.ts"
import { contentFingerprint, ingest, ingestFailure, query, tempDbPath } from "../support/warehouse.ts"

describe("data360 ITU extracts", () => {
  it("loads the total and the two sexes, never the age or urbanisation breakdowns; a non-number is rejected", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "data360", fixture("data360", "percentage_individuals_using_internet_(itu).parquet"))
    expect(outcome).toMatchObject({
      outcome: "loaded",
      rowsLoaded: 5,
      rowsRejected: 1,
      format: "data360-parquet:percentage_individuals_using_internet_(itu).parquet"
    })
    expect(await query(db, "SELECT indicator_id, country_iso3, year, value FROM observations ORDER BY indicator_id, country_iso3, year")).toEqual([
      { indicator_id: "ITU.IT_NET_USER", country_iso3: "CHL", year: 2023, value: 94.457423 },
      { indicator_id: "ITU.IT_NET_USER", country_iso3: "MEX", year: 2022, value: 78.632179 },
      { indicator_id: "ITU.IT_NET_USER", country_iso3: "MEX", year: 2023, value: 81.183188 },
      { indicator_id: "ITU.IT_NET_USER.F", country_iso3: "MEX", year: 2023, value: 81.364691 },
      { indicator_id: "ITU.IT_NET_USER.M", country_iso3: "MEX", year: 2023, value: 80.982651 }
    ])
    expect(await query(db, "SELECT area, raw_value, reason FROM rejected_rows")).toEqual([
      { area: "CHL", raw_value: "n/a", reason: 'value "n/a" is not a number' }
    ])
  })

  it("loads households with internet access, a series with no breakdown", async () => {
    const db = tempDbPath()
    await ingest(db, "data360", fixture("data360", "percentage_households_with_internet_access_home_(itu).parquet"))
    expect(await query(db, "SELECT indicator_id, country_iso3, year, value FROM observations ORDER BY year")).toEqual([
      { indicator_id: "ITU.IT_HH_INT", country_iso3: "MEX", year: 2023, value: 71.653521 },
      { indicator_id: "ITU.IT_HH_INT", country_iso3: "MEX", year: 2024, value: 73.605457 }
    ])
  })
})

describe("data360 broken inputs fail with the file and column, and change nothing", () => {
  const cases: Array<[string, RegExp, string | undefined]> = [
    ["other-series.parquet", /none of the expected series \(IT_NET_USER, IT_HH_INT\) is in this file/, undefined],
    ["missing-time-period.parquet", /required column "TIME_PERIOD" is missing/, "TIME_PERIOD"],
    ["not-parquet.parquet", /not a readable Parquet file/, undefined],
    // API pages (JSON) are decoded, not cast: the field at fault is named.
    ["api-value-not-a-list.json", /expected the Data360 API layout \{count, value:\[\.\.\.\]\} \(value: expected array\)/, undefined],
    ["api-row-not-an-object.json", /\(value\[1\]: expected object/, undefined]
  ]
  for (const [name, message, column] of cases) {
    it(name, async () => {
      const db = tempDbPath()
      await ingest(db, "data360", fixture("data360", "percentage_households_with_internet_access_home_(itu).parquet"))
      const before = await contentFingerprint(db)
      const failure = await ingestFailure(db, "data360", fixture("data360", name))
      expect(failure._tag).toBe("SourceFormatError")
      expect(failure.message).toContain(name)
      expect(failure.message).toMatch(message)
      expect(failure.column).toBe(column)
      expect(await contentFingerprint(db)).toBe(before)
    })
  }
})
