// The ilostat source (ICT share of employment) over hand-made fixtures that reproduce the
// quirks of the publisher's files.
import { describe, expect, it } from "vitest"
import { fixture } from "../support/raw.ts"
import { contentFingerprint, ingest, ingestFailure, observationsWhere, query, tempDbPath } from "../support/warehouse.ts"

describe("ilostat: ICT share of employment", () => {
  const file = fixture("ilostat", "ddf--datapoints--emp_temp_sex_oc2_nb--by--ref_area-mex--sex--classif1--time.csv")

  it("derives (25 + 35) / total in SQL from lower-case codes, flags it derived, and leaves years with a missing part missing", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "ilostat", file)
    expect(outcome).toMatchObject({ outcome: "loaded", rowsRejected: 0 })
    const share = await observationsWhere(db, "indicator_id = 'ILO.EMP_ICT_SHARE'")
    // 2016 lacks group 35 and 2024 lacks group 25: no share, rather than a share of one group.
    expect(share.map((r) => [r.country_iso3, r.year, r.flag])).toEqual([["MEX", 2023, "derived"]])
    expect(share[0].value).toBeCloseTo((100 * (397.015 + 231.362)) / 59810.052, 10)
    const counts = await observationsWhere(db, "indicator_id LIKE 'ILO.EMP_ISCO08_%'")
    expect(counts.map((r) => [r.indicator_id, r.year, r.value, r.flag])).toEqual([
      ["ILO.EMP_ISCO08_25", 2016, 187.538, null],
      ["ILO.EMP_ISCO08_25", 2023, 397.015, null],
      ["ILO.EMP_ISCO08_35", 2023, 231.362, null],
      ["ILO.EMP_ISCO08_35", 2024, 231.674, null]
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
