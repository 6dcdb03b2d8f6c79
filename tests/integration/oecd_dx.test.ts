// The oecd_dx source (OECD Data Explorer SDMX-CSV with labels) over hand-made fixtures
// that reproduce the quirks of the publisher's files.
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { Warehouse } from "../../pipelines/warehouse/Warehouse.ts"
import { fixture } from "../support/raw.ts"
import { contentFingerprint, ingest, ingestFailure, observationsWhere, query, runWith, tempDbPath } from "../support/warehouse.ts"

describe("oecd_dx: OECD Data Explorer SDMX-CSV with labels", () => {
  const file = fixture("oecd_dx", "oecd_dgi_full.csv")

  it("reads the labelled layout (CRLF, trailing empty columns, quoted labels with commas) under OECD.DX.* ids, OECD_REP apart", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "oecd_dx", file)
    expect(outcome).toMatchObject({ outcome: "loaded", rowsLoaded: 8, rowsAggregate: 3, rowsRejected: 0, format: "oecd-sdmx-csv-labels" })
    expect((await observationsWhere(db, "country_iso3 = 'MEX'")).map((r) => [r.indicator_id, r.year, r.value])).toEqual([
      ["OECD.DX.DG", 2022, 0.54],
      ["OECD.DX.DG_DD", 2022, 0.08],
      ["OECD.DX.OUR", 2022, 0.27]
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
    const rows = await query<{
      indicator_id: string
      is_composite: boolean
      oecd_average: number
      brecha_mean: number
      n_members: number
      exceeds_0_01: boolean
    }>(
      db,
      "SELECT indicator_id, is_composite, oecd_average, brecha_mean, n_members::INT AS n_members, exceeds_0_01 FROM dq_oecd_average_check ORDER BY indicator_id"
    )
    // Brazil (not a member) is left out: DG mean of Mexico and Korea = 0.735 vs 0.74 published.
    expect(rows.map((r) => [r.indicator_id, r.is_composite, r.n_members, r.exceeds_0_01])).toEqual([
      ["OECD.DX.DG", true, 2, false],
      ["OECD.DX.DG_DD", false, 2, false],
      ["OECD.DX.OUR", true, 2, true]
    ])
    expect(rows[0].brecha_mean).toBeCloseTo(0.735, 10)
    expect(rows[2].brecha_mean).toBeCloseTo(0.59, 10)
  })

  it("the composite cross-check works without the PDF-extracted rows, and pairs them by country at the closest year when present", async () => {
    const db = tempDbPath()
    await ingest(db, "oecd_dx", file)
    const alone = await query<{ country_iso3: string; other_value: number | null }>(
      db,
      "SELECT country_iso3, other_value FROM dq_oecd_composite_crosscheck WHERE reference_id = 'OECD.DX.DG' ORDER BY 1"
    )
    expect(alone).toEqual([
      { country_iso3: "BRA", other_value: null },
      { country_iso3: "KOR", other_value: null },
      { country_iso3: "MEX", other_value: null }
    ])
    // Stand-in for the oecd_dgi source (a colleague's): its DGI is dated 2023 (edition year), OURdata 2022.
    await runWith(
      db,
      Effect.gen(function* () {
        const wh = yield* Warehouse
        yield* wh.run(`INSERT INTO vintage_log (vintage_id, source_id, unit, origin, content_sha256, retrieved_at, rows_loaded, rows_rejected, rows_aggregate)
                     VALUES (900, 'oecd_dgi', 'x', 'x', 'x', now()::TIMESTAMP, 3, 0, 0)`)
        yield* wh.run(`INSERT INTO observation_log VALUES ('OECD.DGI', 'MEX', 2023, 0.536, NULL, 900),
                     ('OECD.DGI', 'KOR', 2023, 0.935, NULL, 900), ('OECD.OURDATA', 'MEX', 2022, 0.30, NULL, 900),
                     ('OECD.DGI', 'USA', 2023, 0.5, NULL, 900)`)
      })
    )
    const rows = await query<{
      reference_id: string
      country_iso3: string
      reference_year: number | null
      other_year: number
      difference: number | null
      within_rounding: boolean | null
    }>(
      db,
      `SELECT reference_id, country_iso3, reference_year, other_year, difference, within_rounding FROM dq_oecd_composite_crosscheck
       WHERE other_value IS NOT NULL ORDER BY reference_id, country_iso3`
    )
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
