// The un_egov source over hand-made fixtures of each file layout and quirk.
import { describe, expect, it } from "vitest"
import { cleanNumber } from "../../pipelines/sources/un_egov.ts"
import { fixture } from "../support/raw.ts"
import { contentFingerprint, ingest, ingestFailure, query, tempDbPath } from "../support/warehouse.ts"

const f = (name: string) => fixture("un_egov", name)
const value = async (db: string, indicator: string, iso3: string, year: number) =>
  (await query<{ value: number }>(db, `SELECT value FROM observations WHERE indicator_id='${indicator}' AND country_iso3='${iso3}' AND year=${year}`))[0]?.value

describe("un_egov: UN Data Center CSVs", () => {
  it("maps UN names with trailing spaces and new spellings to ISO3 (Türkiye, Republic of Korea, Georgia (Country))", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "un_egov", f("EGOV_DATA_2022.csv"))
    expect(outcome).toMatchObject({ outcome: "loaded", rowsRejected: 0, format: "un-egov-csv", releasedAt: "2022-01-01" })
    const countries = await query<{ c: string }>(db, "SELECT DISTINCT country_iso3 AS c FROM observations ORDER BY 1")
    expect(countries.map((r) => r.c)).toEqual(["CHL", "GEO", "KOR", "MEX", "PER", "TUR"])
    expect(await value(db, "UN.EGDI", "MEX", 2022)).toBe(0.7473)
    expect(await value(db, "UN.EPI", "MEX", 2022)).toBe(0.7273)
    expect(await value(db, "UN.EGDI.TII", "TUR", 2022)).toBe(0.7329)
  })

  it("keeps tied ranks: two countries at 115 are two values, not a conflict", async () => {
    const db = tempDbPath()
    await ingest(db, "un_egov", f("EGOV_DATA_2022.csv"))
    const ranks = await query<{ c: string; value: number }>(
      db,
      "SELECT country_iso3 AS c, value FROM observations WHERE indicator_id='UN.EGDI.RANK' AND value = 115 ORDER BY 1"
    )
    expect(ranks).toEqual([
      { c: "CHL", value: 115 },
      { c: "PER", value: 115 }
    ])
  })

  it("reads the copy with an extra CODE column, using the ISO3 code", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "un_egov", f("EGOV_DATA_2018.csv"))
    expect(outcome).toMatchObject({ rowsLoaded: 12, rowsRejected: 0, format: "un-egov-csv+code", releasedAt: "2018-01-01" })
    expect(await value(db, "UN.EGDI.RANK", "MEX", 2018)).toBe(64)
  })

  it("reads the copy with a renamed header (Country, Rank, E_Index, …, Region)", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "un_egov", f("EGOV_DATA_2024.csv"))
    expect(outcome).toMatchObject({ rowsLoaded: 12, rowsRejected: 0, format: "un-egov-csv-renamed", releasedAt: "2024-01-01" })
    expect(await value(db, "UN.EGDI", "MEX", 2024)).toBe(0.78499)
    expect(await value(db, "UN.EGDI.HCI", "GBR", 2024)).toBe(0.926)
  })
})

describe("un_egov: UNU-EGOV files", () => {
  it("removes pandas float artefacts and reads float ranks; year from the file name", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "un_egov", f("egdi-2010.csv"))
    expect(outcome).toMatchObject({ outcome: "loaded", rowsRejected: 0, format: "unu-egov-csv", releasedAt: "2010-01-01" })
    expect(await value(db, "UN.EGDI.OSI", "MEX", 2010)).toBe(0.44126)
    expect(await value(db, "UN.EGDI.HCI", "MEX", 2010)).toBe(0.88983)
    expect(await value(db, "UN.EGDI.RANK", "MEX", 2010)).toBe(56)
  })

  it("loads an EGDI of 0 and its tied last rank as missing, but keeps the components", async () => {
    const db = tempDbPath()
    await ingest(db, "un_egov", f("egdi-2010.csv"))
    const kir = await query<{ indicator_id: string; value: number }>(db, "SELECT indicator_id, value FROM observations WHERE country_iso3='KIR' ORDER BY 1")
    expect(kir).toEqual([
      { indicator_id: "UN.EGDI.OSI", value: 0.02857 },
      { indicator_id: "UN.EGDI.TII", value: 0.01482 },
      { indicator_id: "UN.EPI", value: 0.01428 }
    ])
    // South Sudan's empty row (no state in 2010) yields nothing at all, silently and rightly.
    expect(await query(db, "SELECT * FROM observations WHERE country_iso3='SSD'")).toEqual([])
    expect(await query(db, "SELECT * FROM rejected_rows")).toEqual([])
  })

  it("cleanNumber leaves real values and non-numbers alone", () => {
    expect(cleanNumber("0.6955600000000001")).toBe("0.69556")
    expect(cleanNumber("0.055220000000000005")).toBe("0.05522")
    expect(cleanNumber("56.0")).toBe("56.0")
    expect(cleanNumber("0.8898299999999999")).toBe("0.88983")
    expect(cleanNumber(" 0.78499 ")).toBe("0.78499")
    expect(cleanNumber("0.41428000000000004")).toBe("0.41428")
    expect(cleanNumber("n/a")).toBe("n/a")
    expect(cleanNumber("")).toBe("")
  })
})

describe("un_egov: Data360 Parquet", () => {
  it("collapses CHE and LIE repeated 4 times with the same value to one value; ignores other series", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "un_egov", f("overall_score.parquet"))
    expect(outcome).toMatchObject({ outcome: "loaded", rowsLoaded: 5, rowsRejected: 0, releasedAt: null })
    expect(await query(db, "SELECT country_iso3, value FROM observations WHERE country_iso3 IN ('CHE','LIE') ORDER BY 1")).toEqual([
      { country_iso3: "CHE", value: 0.89 },
      { country_iso3: "LIE", value: 0.81 }
    ])
    // The EGDI of 0 for South Sudan in 2003 (a state that did not exist yet) is not loaded.
    expect(await query(db, "SELECT * FROM observations WHERE country_iso3='SSD'")).toEqual([])
  })

  it("refuses repeats that disagree and rejects a human-capital value above 1, with reasons", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "un_egov", f("human_capital_conflict.parquet"))
    expect(outcome).toMatchObject({ rowsLoaded: 1, rowsRejected: 4 })
    const rejected = await query<{ area: string; reason: string }>(db, "SELECT area, reason FROM rejected_rows ORDER BY area, line")
    expect(rejected.filter((r) => r.area === "CHE").every((r) => /conflicting values/.test(r.reason))).toBe(true)
    expect(rejected.find((r) => r.area === "FSM")?.reason).toMatch(/above the possible maximum 1/)
    expect(await query(db, "SELECT country_iso3 FROM observations")).toEqual([{ country_iso3: "MEX" }])
  })
})

describe("un_egov: several files of the same survey", () => {
  it("lists differences above 0.001 between files in data_quality_egov, and keeps each file's vintage", async () => {
    const db = tempDbPath()
    await ingest(db, "un_egov", f("EGOV_DATA_2018.csv"))
    await ingest(db, "un_egov", f("egdi-2018.csv"))
    const rows = await query<Record<string, unknown>>(
      db,
      `SELECT "check", indicator_id, country_iso3, year, value_a, source_a, value_b, source_b, round(difference, 6) AS difference
       FROM data_quality_egov ORDER BY 1, 2`
    )
    expect(rows).toEqual([
      {
        check: "different values",
        indicator_id: "UN.EGDI.TII",
        country_iso3: "CHL",
        year: 2018,
        value_a: 0.5307,
        source_a: "EGOV_DATA_2018.csv",
        value_b: 0.5407,
        source_b: "egdi-2018.csv",
        difference: 0.01
      }
    ])
    expect(await query(db, "SELECT count(*)::INT AS n FROM vintages WHERE source_id='un_egov'")).toEqual([{ n: 2 }])
  })

  it("the Data360 extract (dated by retrieval) is current over a UN file dated by its survey year, whatever the load order", async () => {
    const db = tempDbPath()
    await ingest(db, "un_egov", f("overall_score.parquet"))
    await ingest(db, "un_egov", f("EGOV_DATA_2022.csv"))
    const mex = await query<{ unit: string }>(
      db,
      `SELECT v.unit FROM observations o JOIN vintages v USING (vintage_id) WHERE o.indicator_id='UN.EGDI' AND o.country_iso3='MEX' AND o.year=2022`
    )
    expect(mex).toEqual([{ unit: "overall_score.parquet" }])
    // The UN file still gives what Data360 lacks.
    expect(await value(db, "UN.EPI", "MEX", 2022)).toBe(0.7273)
  })

  it("lists a value that one file has and another file covering the same year lacks", async () => {
    const db = tempDbPath()
    await ingest(db, "un_egov", f("EGOV_DATA_2024.csv"))
    await ingest(db, "un_egov", f("overall_score.parquet"))
    const rows = await query<{ check: string; country_iso3: string; source_a: string; source_b: string }>(
      db,
      `SELECT "check", country_iso3, source_a, source_b FROM data_quality_egov ORDER BY country_iso3`
    )
    expect(rows).toEqual([
      { check: "missing in one file", country_iso3: "CHE", source_a: "overall_score.parquet", source_b: "EGOV_DATA_2024.csv" },
      { check: "missing in one file", country_iso3: "GBR", source_a: "EGOV_DATA_2024.csv", source_b: "overall_score.parquet" },
      { check: "missing in one file", country_iso3: "LIE", source_a: "overall_score.parquet", source_b: "EGOV_DATA_2024.csv" }
    ])
  })
})

describe("un_egov: bad input", () => {
  it("rejects bad cells with their reason and loads the rest", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "un_egov", f("badcells.csv"))
    const rejected = await query<{ raw_value: string; reason: string }>(db, "SELECT raw_value, reason FROM rejected_rows ORDER BY line, field")
    expect(rejected.map((r) => r.raw_value)).toEqual(["n/a", "1.82450", "0.9", "1", "0.9", "0.9", "0.9", "0.9"])
    expect(rejected[0].reason).toBe('value "n/a" is not a number')
    expect(rejected[1].reason).toMatch(/above the possible maximum 1/)
    expect(rejected.slice(2).every((r) => /"Atlantis" is not a known country/.test(r.reason))).toBe(true)
    expect(outcome).toMatchObject({ rowsLoaded: 4, rowsRejected: 8 })
  })

  const cases: Array<[string, RegExp, string | undefined, number | undefined]> = [
    ["missing-egdi.csv", /required column "E-Government Index" is missing/, "E-Government Index", 1],
    ["missing-country.csv", /required column "Country Name" is missing/, "Country Name", 1],
    ["ragged.csv", /3 fields but the header has 8/, undefined, 3],
    ["no-ref-area.parquet", /required column "REF_AREA" is missing/, "REF_AREA", undefined],
    ["other-series.parquet", /none of the expected series \(UN_EGDI_EGDI, UN_EGDI_OSI, UN_EGDI_HCI, UN_EGDI_TTI\)/, undefined, undefined]
  ]
  for (const [name, message, column, line] of cases) {
    it(`${name} fails naming file${column ? " and column" : ""}, and changes nothing`, async () => {
      const db = tempDbPath()
      await ingest(db, "un_egov", f("EGOV_DATA_2018.csv"))
      const before = await contentFingerprint(db)
      const failure = await ingestFailure(db, "un_egov", f(name))
      expect(failure._tag).toBe("SourceFormatError")
      expect(failure.message).toContain(name)
      expect(failure.message).toMatch(message)
      if (column) expect(failure.column).toBe(column)
      if (line !== undefined) expect(failure.line).toBe(line)
      expect(await contentFingerprint(db)).toBe(before)
    })
  }
})
