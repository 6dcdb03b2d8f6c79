// The un_sdg source (UN SDG indicators in the open-numbers DDF layout) over hand-made
// fixtures that reproduce each quirk of the publisher's files, and over bad inputs.
import { describe, expect, it } from "vitest"
import { fixture } from "../support/raw.ts"
import { contentFingerprint, ingest, ingestFailure, observationsWhere, query, tempDbPath } from "../support/warehouse.ts"

describe("un_sdg: SDG 4.4.1 ICT skills", () => {
  it("loads all-ages/both-sexes/all-areas per skill under its own id, resolves unpadded M49 codes, keeps missing years missing", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "un_sdg", fixture("un_sdg", "skills.csv"))
    expect(outcome).toMatchObject({ outcome: "loaded", format: "un-sdg-ddf:se_adt_acts" })
    const mex = await observationsWhere(db, "country_iso3 = 'MEX'")
    expect(mex.map((r) => [r.indicator_id, r.year, r.value])).toEqual([
      ["SDG.SE_ADT_ACTS.CMFL", 2016, 35.67],
      ["SDG.SE_ADT_ACTS.CMFL", 2017, 33.25651],
      ["SDG.SE_ADT_ACTS.CMFL", 2019, 32.03],
      ["SDG.SE_ADT_ACTS.PCPR", 2019, 6.98],
      ["SDG.SE_ADT_ACTS.PCPR", 2021, 6.17],
      ["SDG.SE_ADT_ACTS.PCPR.F", 2021, 5.03],
      ["SDG.SE_ADT_ACTS.PCPR.M", 2021, 7.41],
      ["SDG.SE_ADT_ACTS.TRAF", 2017, 29.21],
      ["SDG.SE_ADT_ACTS.TRAF", 2018, 30.49]
    ])
    // Skills asked only in some years: no row is invented for the years between (no 2018 cmfl, no 2020 pcpr).
    expect(mex.some((r) => r.indicator_id === "SDG.SE_ADT_ACTS.CMFL" && r.year === 2018)).toBe(false)
    // "8" is Albania's M49 code without zero padding.
    expect(await observationsWhere(db, "country_iso3 = 'ALB'")).toMatchObject([{ indicator_id: "SDG.SE_ADT_ACTS.COPA", year: 2019, value: 32.14765 }])
  })

  it("rejects the negative share and the share above 100 with their reasons; breakdowns not loaded are not staged", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "un_sdg", fixture("un_sdg", "skills.csv"))
    expect(outcome.rowsRejected).toBe(2)
    const rejected = await query<{ area: string; raw_value: string; reason: string; line: number }>(
      db,
      "SELECT area, raw_value, reason, line FROM rejections ORDER BY line"
    )
    expect(rejected).toEqual([
      { area: "364", raw_value: "-0.0000027", line: 15, reason: "value -0.0000027 is below the possible minimum 0.0 for SDG.SE_ADT_ACTS.PCPR" },
      { area: "705", raw_value: "556.79408", line: 16, reason: "value 556.79408 is above the possible maximum 100.0 for SDG.SE_ADT_ACTS.CMFL" }
    ])
    // The women-only cmfl, the rural and the 15–24 rows are breakdowns brecha does not load.
    const ids = await query<{ indicator_id: string }>(db, "SELECT DISTINCT indicator_id FROM observations ORDER BY 1")
    expect(ids.map((r) => r.indicator_id)).toEqual([
      "SDG.SE_ADT_ACTS.CMFL",
      "SDG.SE_ADT_ACTS.COPA",
      "SDG.SE_ADT_ACTS.PCPR",
      "SDG.SE_ADT_ACTS.PCPR.F",
      "SDG.SE_ADT_ACTS.PCPR.M",
      "SDG.SE_ADT_ACTS.TRAF"
    ])
  })
})

describe("un_sdg: SDG 17.6.1 broadband by speed", () => {
  it("loads tiers per country, keeps M49 regions (nature n) apart, flags nature e as estimate, accepts a zero-padded code", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "un_sdg", fixture("un_sdg", "broadband.csv"))
    expect(outcome).toMatchObject({ outcome: "loaded", rowsLoaded: 9, rowsAggregate: 2, rowsRejected: 0 })
    const mex = await observationsWhere(db, "country_iso3 = 'MEX'")
    expect(mex.map((r) => [r.indicator_id, r.value, r.flag])).toEqual([
      ["SDG.IT_NET_BBND.10MBPS", 14.2814, "estimate"],
      ["SDG.IT_NET_BBND.256KT2MBPS", 0.22382, "estimate"],
      ["SDG.IT_NET_BBND.2MT10MBPS", 0.81944, "estimate"],
      ["SDG.IT_NET_BBND.ANYS", 15.47189, "estimate"]
    ])
    expect(await query(db, "SELECT area_code, flag FROM aggregate_observations ORDER BY area_code")).toEqual([
      { area_code: "1", flag: null },
      { area_code: "419", flag: null }
    ])
    expect(await observationsWhere(db, "country_iso3 = 'AUS'")).toMatchObject([{ indicator_id: "SDG.IT_NET_BBND.ANYS", value: 35.6 }])
  })

  it("lists the country-years whose tiers do not add up to the total (Mexico 2019), and not those that do", async () => {
    const db = tempDbPath()
    await ingest(db, "un_sdg", fixture("un_sdg", "broadband.csv"))
    const rows = await query<{ country_iso3: string; year: number; tiers_sum: number; difference: number; tiers_reported: number }>(
      db,
      "SELECT country_iso3, year, tiers_sum, difference, tiers_reported FROM dq_broadband_speed_tiers"
    )
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ country_iso3: "MEX", year: 2019, tiers_reported: 3 })
    expect(rows[0].tiers_sum).toBeCloseTo(15.32466, 5)
    expect(rows[0].difference).toBeCloseTo(-0.14723, 5)
  })
})

describe("un_sdg bad inputs", () => {
  it("a missing column fails naming file and column, and leaves the warehouse unchanged", async () => {
    const db = tempDbPath()
    await ingest(db, "un_sdg", fixture("un_sdg", "broadband.csv"))
    const before = await contentFingerprint(db)
    const failure = await ingestFailure(db, "un_sdg", fixture("un_sdg", "missing-column.csv"))
    expect(failure._tag).toBe("SourceFormatError")
    expect(failure.column).toBe("units")
    expect(failure.message).toContain("missing-column.csv")
    expect(failure.message).toContain('"units"')
    expect(await contentFingerprint(db)).toBe(before)
  })

  it("a changed unit, an unknown series and a header-only file fail with a reason", async () => {
    const db = tempDbPath()
    const unit = await ingestFailure(db, "un_sdg", fixture("un_sdg", "other-unit.csv"))
    expect(unit).toMatchObject({ _tag: "SourceFormatError", column: "units", line: 2 })
    expect(unit.message).toContain('"share"')
    const unknown = await ingestFailure(db, "un_sdg", fixture("un_sdg", "unknown-series.csv"))
    expect(unknown.message).toMatch(/neither a "se_adt_acts" nor an "it_net_bbnd"/)
    const empty = await ingestFailure(db, "un_sdg", fixture("un_sdg", "header-only.csv"))
    expect(empty.message).toContain("no data rows")
    expect(await query(db, "SELECT count(*)::INT AS n FROM vintages")).toEqual([{ n: 0 }])
  })
})
