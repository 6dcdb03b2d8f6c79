// The piaac source (OECD adult skills) over hand-made fixtures that reproduce the quirks of
// the publisher's files.
import { describe, expect, it } from "vitest"
import { fixture } from "../support/raw.ts"
import { contentFingerprint, ingest, ingestFailure, observationsWhere, tempDbPath } from "../support/warehouse.ts"

describe("piaac: adult skills", () => {
  it("reads lower-case ISO3, keeps round 2 dated 2015, and names each file's series", async () => {
    const db = tempDbPath()
    await ingest(db, "piaac", fixture("piaac", "ddf--datapoints--lo_piaac_lit--by--country--year.csv"))
    await ingest(db, "piaac", fixture("piaac", "ddf--datapoints--lo_piaac_num--by--country--year.csv"))
    expect((await observationsWhere(db, "true")).map((r) => [r.indicator_id, r.country_iso3, r.year])).toEqual([
      ["LO.PIAAC.LIT", "AUS", 2012],
      ["LO.PIAAC.LIT", "CHL", 2015],
      ["LO.PIAAC.LIT", "NZL", 2015],
      ["LO.PIAAC.NUM", "FRA", 2012],
      ["LO.PIAAC.NUM", "USA", 2012]
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
