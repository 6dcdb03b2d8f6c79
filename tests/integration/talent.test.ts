// The digital-talent sources (un_sdg, ilostat, oecd_dx, piaac) over hand-made fixtures that
// reproduce each quirk of the publishers' files, and over bad inputs.
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { Warehouse } from "../../pipelines/warehouse/Warehouse.ts"
import { fixture } from "../support/raw.ts"
import { contentFingerprint, ingest, ingestFailure, query, runWith, tempDbPath } from "../support/warehouse.ts"

const values = (db: string, where: string) =>
  query<{ indicator_id: string; country_iso3: string; year: number; value: number; flag: string | null }>(db,
    `SELECT indicator_id, country_iso3, year, value, flag FROM observations WHERE ${where} ORDER BY indicator_id, country_iso3, year`)

describe("un_sdg: SDG 4.4.1 ICT skills", () => {
  it("loads all-ages/both-sexes/all-areas per skill under its own id, resolves unpadded M49 codes, keeps missing years missing", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "un_sdg", fixture("un_sdg", "skills.csv"))
    expect(outcome).toMatchObject({ outcome: "loaded", format: "un-sdg-ddf:se_adt_acts" })
    const mex = await values(db, "country_iso3 = 'MEX'")
    expect(mex.map((r) => [r.indicator_id, r.year, r.value])).toEqual([
      ["SDG.SE_ADT_ACTS.CMFL", 2016, 35.67], ["SDG.SE_ADT_ACTS.CMFL", 2017, 33.25651], ["SDG.SE_ADT_ACTS.CMFL", 2019, 32.03],
      ["SDG.SE_ADT_ACTS.PCPR", 2019, 6.98], ["SDG.SE_ADT_ACTS.PCPR", 2021, 6.17],
      ["SDG.SE_ADT_ACTS.PCPR.F", 2021, 5.03], ["SDG.SE_ADT_ACTS.PCPR.M", 2021, 7.41],
      ["SDG.SE_ADT_ACTS.TRAF", 2017, 29.21], ["SDG.SE_ADT_ACTS.TRAF", 2018, 30.49]
    ])
    // Skills asked only in some years: no row is invented for the years between (no 2018 cmfl, no 2020 pcpr).
    expect(mex.some((r) => r.indicator_id === "SDG.SE_ADT_ACTS.CMFL" && r.year === 2018)).toBe(false)
    // "8" is Albania's M49 code without zero padding.
    expect(await values(db, "country_iso3 = 'ALB'")).toMatchObject([{ indicator_id: "SDG.SE_ADT_ACTS.COPA", year: 2019, value: 32.14765 }])
  })

  it("rejects the negative share and the share above 100 with their reasons; breakdowns not loaded are not staged", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "un_sdg", fixture("un_sdg", "skills.csv"))
    expect(outcome.rowsRejected).toBe(2)
    const rejected = await query<{ area: string; raw_value: string; reason: string; line: number }>(db,
      "SELECT area, raw_value, reason, line FROM rejections ORDER BY line")
    expect(rejected).toEqual([
      { area: "364", raw_value: "-0.0000027", line: 15, reason: "value -0.0000027 is below the possible minimum 0.0 for SDG.SE_ADT_ACTS.PCPR" },
      { area: "705", raw_value: "556.79408", line: 16, reason: "value 556.79408 is above the possible maximum 100.0 for SDG.SE_ADT_ACTS.CMFL" }
    ])
    // The women-only cmfl, the rural and the 15–24 rows are breakdowns brecha does not load.
    const ids = await query<{ indicator_id: string }>(db, "SELECT DISTINCT indicator_id FROM observations ORDER BY 1")
    expect(ids.map((r) => r.indicator_id)).toEqual([
      "SDG.SE_ADT_ACTS.CMFL", "SDG.SE_ADT_ACTS.COPA", "SDG.SE_ADT_ACTS.PCPR", "SDG.SE_ADT_ACTS.PCPR.F", "SDG.SE_ADT_ACTS.PCPR.M", "SDG.SE_ADT_ACTS.TRAF"
    ])
  })
})

describe("un_sdg: SDG 17.6.1 broadband by speed", () => {
  it("loads tiers per country, keeps M49 regions (nature n) apart, flags nature e as estimate, accepts a zero-padded code", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "un_sdg", fixture("un_sdg", "broadband.csv"))
    expect(outcome).toMatchObject({ outcome: "loaded", rowsLoaded: 9, rowsAggregate: 2, rowsRejected: 0 })
    const mex = await values(db, "country_iso3 = 'MEX'")
    expect(mex.map((r) => [r.indicator_id, r.value, r.flag])).toEqual([
      ["SDG.IT_NET_BBND.10MBPS", 14.2814, "estimate"], ["SDG.IT_NET_BBND.256KT2MBPS", 0.22382, "estimate"],
      ["SDG.IT_NET_BBND.2MT10MBPS", 0.81944, "estimate"], ["SDG.IT_NET_BBND.ANYS", 15.47189, "estimate"]
    ])
    expect(await query(db, "SELECT area_code, flag FROM aggregate_observations ORDER BY area_code")).toEqual([
      { area_code: "1", flag: null }, { area_code: "419", flag: null }
    ])
    expect(await values(db, "country_iso3 = 'AUS'")).toMatchObject([{ indicator_id: "SDG.IT_NET_BBND.ANYS", value: 35.6 }])
  })

  it("lists the country-years whose tiers do not add up to the total (Mexico 2019), and not those that do", async () => {
    const db = tempDbPath()
    await ingest(db, "un_sdg", fixture("un_sdg", "broadband.csv"))
    const rows = await query<{ country_iso3: string; year: number; tiers_sum: number; difference: number; tiers_reported: number }>(db,
      "SELECT country_iso3, year, tiers_sum, difference, tiers_reported FROM dq_broadband_speed_tiers")
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

describe("ilostat: ICT share of employment", () => {
  const file = fixture("ilostat", "ddf--datapoints--emp_temp_sex_oc2_nb--by--ref_area-mex--sex--classif1--time.csv")

  it("derives (25 + 35) / total in SQL from lower-case codes, flags it derived, and leaves years with a missing part missing", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "ilostat", file)
    expect(outcome).toMatchObject({ outcome: "loaded", rowsRejected: 0 })
    const share = await values(db, "indicator_id = 'ILO.EMP_ICT_SHARE'")
    // 2016 lacks group 35 and 2024 lacks group 25: no share, rather than a share of one group.
    expect(share.map((r) => [r.country_iso3, r.year, r.flag])).toEqual([["MEX", 2023, "derived"]])
    expect(share[0].value).toBeCloseTo(100 * (397.015 + 231.362) / 59810.052, 10)
    const counts = await values(db, "indicator_id LIKE 'ILO.EMP_ISCO08_%'")
    expect(counts.map((r) => [r.indicator_id, r.year, r.value, r.flag])).toEqual([
      ["ILO.EMP_ISCO08_25", 2016, 187.538, null], ["ILO.EMP_ISCO08_25", 2023, 397.015, null],
      ["ILO.EMP_ISCO08_35", 2023, 231.362, null], ["ILO.EMP_ISCO08_35", 2024, 231.674, null]
    ])
    // Women-only and other groups are not loaded.
    expect(await query(db, "SELECT count(*)::INT AS n FROM observations")).toEqual([{ n: 5 }])
  })

  it("a bad count is rejected with its reason and its share is rejected too, not silently dropped", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "ilostat", fixture("ilostat", "bad-cell.csv"))
    expect(outcome.rowsRejected).toBe(2)
    const reasons = await query<{ indicator_id: string; reason: string }>(db, "SELECT indicator_id, reason FROM rejections ORDER BY indicator_id")
    expect(reasons).toEqual([
      { indicator_id: "ILO.EMP_ICT_SHARE", reason: 'value "component not a valid count" is not a number' },
      { indicator_id: "ILO.EMP_ISCO08_35", reason: 'value "n/a" is not a number' }
    ])
  })

  it("a missing column fails naming file and column, and leaves the warehouse unchanged", async () => {
    const db = tempDbPath()
    await ingest(db, "ilostat", file)
    const before = await contentFingerprint(db)
    const failure = await ingestFailure(db, "ilostat", fixture("ilostat", "missing-column.csv"))
    expect(failure).toMatchObject({ _tag: "SourceFormatError", column: "classif1", line: 1 })
    expect(failure.message).toContain("ilostat/missing-column.csv")
    expect(await contentFingerprint(db)).toBe(before)
  })
})

describe("oecd_dx: OECD Data Explorer SDMX-CSV with labels", () => {
  const file = fixture("oecd_dx", "oecd_dgi_full.csv")

  it("reads the labelled layout (CRLF, trailing empty columns, quoted labels with commas) under OECD.DX.* ids, OECD_REP apart", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "oecd_dx", file)
    expect(outcome).toMatchObject({ outcome: "loaded", rowsLoaded: 8, rowsAggregate: 3, rowsRejected: 0, format: "oecd-sdmx-csv-labels" })
    expect((await values(db, "country_iso3 = 'MEX'")).map((r) => [r.indicator_id, r.year, r.value])).toEqual([
      ["OECD.DX.DG", 2022, 0.54], ["OECD.DX.DG_DD", 2022, 0.08], ["OECD.DX.OUR", 2022, 0.27]
    ])
    expect(await query(db, "SELECT area_code, indicator_id, value FROM aggregate_observations ORDER BY indicator_id")).toEqual([
      { area_code: "OECD_REP", indicator_id: "OECD.DX.DG", value: 0.74 },
      { area_code: "OECD_REP", indicator_id: "OECD.DX.DG_DD", value: 0.12 },
      { area_code: "OECD_REP", indicator_id: "OECD.DX.OUR", value: 0.48 }
    ])
    // Publisher names are kept only for ids the catalogue lacks; this one is catalogued.
    expect(await query(db, "SELECT name FROM source_indicator_names WHERE indicator_id = 'OECD.DX.OUR'")).toEqual([])
    // Dimensions are contributions, a unit of their own under the composite.
    expect(await query(db, "SELECT unit, parent_id FROM indicators WHERE indicator_id = 'OECD.DX.DG_DD'")).toEqual([
      { unit: "index_contribution", parent_id: "OECD.DX.DG" }
    ])
  })

  it("compares the OECD's published average with the mean over OECD members only and marks differences above 0.01", async () => {
    const db = tempDbPath()
    await ingest(db, "oecd_dx", file)
    const rows = await query<{ indicator_id: string; is_composite: boolean; oecd_average: number; brecha_mean: number; n_members: number; exceeds_0_01: boolean }>(db,
      "SELECT indicator_id, is_composite, oecd_average, brecha_mean, n_members::INT AS n_members, exceeds_0_01 FROM dq_oecd_average_check ORDER BY indicator_id")
    // Brazil (not a member) is left out: DG mean of Mexico and Korea = 0.735 vs 0.74 published.
    expect(rows.map((r) => [r.indicator_id, r.is_composite, r.n_members, r.exceeds_0_01])).toEqual([
      ["OECD.DX.DG", true, 2, false], ["OECD.DX.DG_DD", false, 2, false], ["OECD.DX.OUR", true, 2, true]
    ])
    expect(rows[0].brecha_mean).toBeCloseTo(0.735, 10)
    expect(rows[2].brecha_mean).toBeCloseTo(0.59, 10)
  })

  it("the composite cross-check works without the PDF-extracted rows, and pairs them by country at the closest year when present", async () => {
    const db = tempDbPath()
    await ingest(db, "oecd_dx", file)
    const alone = await query<{ country_iso3: string; other_value: number | null }>(db,
      "SELECT country_iso3, other_value FROM dq_oecd_composite_crosscheck WHERE reference_id = 'OECD.DX.DG' ORDER BY 1")
    expect(alone).toEqual([{ country_iso3: "BRA", other_value: null }, { country_iso3: "KOR", other_value: null }, { country_iso3: "MEX", other_value: null }])
    // Stand-in for the oecd_dgi source (a colleague's): its DGI is dated 2023 (edition year), OURdata 2022.
    await runWith(db, Effect.gen(function*() {
      const wh = yield* Warehouse
      yield* wh.run(`INSERT INTO vintage_log (vintage_id, source_id, unit, origin, content_sha256, retrieved_at, rows_loaded, rows_rejected, rows_aggregate)
                     VALUES (900, 'oecd_dgi', 'x', 'x', 'x', now()::TIMESTAMP, 3, 0, 0)`)
      yield* wh.run(`INSERT INTO observation_log VALUES ('OECD.DGI', 'MEX', 2023, 0.536, NULL, 900, 'oecd_dgi'),
                     ('OECD.DGI', 'KOR', 2023, 0.935, NULL, 900, 'oecd_dgi'), ('OECD.OURDATA', 'MEX', 2022, 0.30, NULL, 900, 'oecd_dgi'),
                     ('OECD.DGI', 'USA', 2023, 0.5, NULL, 900, 'oecd_dgi')`)
    }))
    const rows = await query<{ reference_id: string; country_iso3: string; reference_year: number | null; other_year: number; difference: number | null; within_rounding: boolean | null }>(db,
      `SELECT reference_id, country_iso3, reference_year, other_year, difference, within_rounding FROM dq_oecd_composite_crosscheck
       WHERE other_value IS NOT NULL ORDER BY reference_id, country_iso3`)
    expect(rows.map((r) => [r.reference_id, r.country_iso3, r.reference_year, r.other_year, r.within_rounding])).toEqual([
      ["OECD.DX.DG", "KOR", 2022, 2023, true],
      ["OECD.DX.DG", "MEX", 2022, 2023, true],
      ["OECD.DX.DG", "USA", null, 2023, null],
      ["OECD.DX.OUR", "MEX", 2022, 2022, false]
    ])
    expect(rows[3].difference).toBeCloseTo(0.03, 10)
  })

  it("a missing column or another dataflow fails naming file, line and column, and leaves the warehouse unchanged", async () => {
    const db = tempDbPath()
    await ingest(db, "oecd_dx", file)
    const before = await contentFingerprint(db)
    const missing = await ingestFailure(db, "oecd_dx", fixture("oecd_dx", "missing-column.csv"))
    expect(missing).toMatchObject({ _tag: "SourceFormatError", column: "OBS_VALUE", line: 1 })
    expect(missing.message).toContain("oecd_dx/missing-column.csv")
    const other = await ingestFailure(db, "oecd_dx", fixture("oecd_dx", "other-dataflow.csv"))
    expect(other).toMatchObject({ _tag: "SourceFormatError", column: "STRUCTURE_ID", line: 2 })
    expect(await contentFingerprint(db)).toBe(before)
  })
})

describe("piaac: adult skills", () => {
  it("reads lower-case ISO3, keeps round 2 dated 2015, and names each file's series", async () => {
    const db = tempDbPath()
    await ingest(db, "piaac", fixture("piaac", "ddf--datapoints--lo_piaac_lit--by--country--year.csv"))
    await ingest(db, "piaac", fixture("piaac", "ddf--datapoints--lo_piaac_num--by--country--year.csv"))
    expect((await values(db, "true")).map((r) => [r.indicator_id, r.country_iso3, r.year])).toEqual([
      ["LO.PIAAC.LIT", "AUS", 2012], ["LO.PIAAC.LIT", "CHL", 2015], ["LO.PIAAC.LIT", "NZL", 2015],
      ["LO.PIAAC.NUM", "FRA", 2012], ["LO.PIAAC.NUM", "USA", 2012]
    ])
  })

  it("rejects a score above the 500 scale maximum, and a missing column fails without changing the warehouse", async () => {
    const db = tempDbPath()
    await ingest(db, "piaac", fixture("piaac", "ddf--datapoints--lo_piaac_lit--by--country--year.csv"))
    const before = await contentFingerprint(db)
    const failure = await ingestFailure(db, "piaac", fixture("piaac", "missing-column.csv"))
    expect(failure).toMatchObject({ _tag: "SourceFormatError", column: "year" })
    expect(failure.message).toContain("piaac/missing-column.csv")
    expect(await contentFingerprint(db)).toBe(before)
    // A file whose only value is impossible cannot be loaded at all.
    const out = await ingestFailure(db, "piaac", fixture("piaac", "out-of-range.csv"))
    expect(out.message).toContain("above the possible maximum 500")
  })
})
