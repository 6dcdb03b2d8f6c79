// The governance source over small Data360 Parquet files written by
// tests/fixtures/governance/make-fixtures.ts: the WGI estimate apart from its standard
// error, percentile and bounds; the two WJP series; broken inputs.
import { describe, expect, it } from "vitest"
import { fixture } from "../support/raw.ts"
import { contentFingerprint, ingest, ingestFailure, query, tempDbPath } from "../support/warehouse.ts"

describe("governance Data360 extracts", () => {
  it("loads only the WGI estimate rows, never the standard error, percentile, bounds or source count", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "governance", fixture("governance", "worldwide_governance_government_effectiveness.parquet"))
    // MEX 2023, MEX 2024, CHL 2024 loaded; ANT (a dissolved entity) rejected by name.
    expect(outcome).toMatchObject({ outcome: "loaded", rowsLoaded: 3, rowsRejected: 1 })
    expect(await query(db, "SELECT indicator_id, country_iso3, year, value FROM observations ORDER BY country_iso3, year")).toEqual([
      { indicator_id: "WB.WGI.GE.EST", country_iso3: "CHL", year: 2024, value: 0.5 },
      { indicator_id: "WB.WGI.GE.EST", country_iso3: "MEX", year: 2023, value: -0.074865 },
      { indicator_id: "WB.WGI.GE.EST", country_iso3: "MEX", year: 2024, value: -0.219933 }
    ])
    expect(await query(db, "SELECT area, raw_value, reason FROM rejected_rows")).toEqual([
      { area: "ANT", raw_value: "0.9", reason: 'area "ANT" is not a known country or aggregate' }
    ])
  })

  it("loads the WJP open-government factor and its sub-factor 3.1 on their 0–1 scale", async () => {
    const db = tempDbPath()
    await ingest(db, "governance", fixture("governance", "wjp_rule_law_factor_open_government.parquet"))
    await ingest(db, "governance", fixture("governance", "wjp_rule_law_publicized_laws_and_government_data.parquet"))
    expect(await query(db, "SELECT indicator_id, country_iso3, year, value FROM observations ORDER BY indicator_id, country_iso3, year")).toEqual([
      { indicator_id: "WJP.ROL.3_1", country_iso3: "CHL", year: 2024, value: 0.71 },
      { indicator_id: "WJP.ROL.3_1", country_iso3: "MEX", year: 2024, value: 0.668684 },
      { indicator_id: "WJP.ROL.FAC_3", country_iso3: "MEX", year: 2016, value: 0.608606 },
      { indicator_id: "WJP.ROL.FAC_3", country_iso3: "MEX", year: 2018, value: 0.609077 },
      { indicator_id: "WJP.ROL.FAC_3", country_iso3: "MEX", year: 2024, value: 0.574843 }
    ])
  })
})

describe("governance broken inputs fail with the file and column, and change nothing", () => {
  const cases: Array<[string, RegExp, string | undefined]> = [
    ["other-series.parquet", /none of the expected series \(GOV_WGI_GE, WJP_ROL_FAC_3, WJP_ROL_3_1\)/, undefined],
    ["missing-ref-area.parquet", /required column "REF_AREA" is missing/, "REF_AREA"],
    ["not-parquet.parquet", /not a readable Parquet file/, undefined]
  ]
  for (const [name, message, column] of cases) {
    it(name, async () => {
      const db = tempDbPath()
      await ingest(db, "governance", fixture("governance", "wjp_rule_law_factor_open_government.parquet"))
      const before = await contentFingerprint(db)
      const failure = await ingestFailure(db, "governance", fixture("governance", name))
      expect(failure._tag).toBe("SourceFormatError")
      expect(failure.message).toContain(name)
      expect(failure.message).toMatch(message)
      expect(failure.column).toBe(column)
      expect(await contentFingerprint(db)).toBe(before)
    })
  }
})
