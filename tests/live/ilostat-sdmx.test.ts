// ilostat live from an ILOSTAT SDMX REST API on 127.0.0.1: one SDMX-CSV 1.0 answer for every
// country (SEX_T), CRLF, upper-case codes, UNIT_MULT 3, plain-text error bodies
// (../shared/data/raw/api-samples/README.md §3). The rows are the real values of the 31
// ILOSTAT DDF files in ../shared/data/raw; the error bodies and the Kenya answer are recorded.
import { readdirSync, readFileSync } from "node:fs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { faultCases, liveRefresh, startSourcePublisher, stopSourcePublisher } from "../support/live.ts"
import { ilostatSdmxFromDdf, ok, status, type Publisher } from "../support/publisher.ts"
import { hasRaw, raw } from "../support/raw.ts"
import { ingest, query, tempDbPath } from "../support/warehouse.ts"

const path = "/rest/data/ILO,DF_EMP_TEMP_SEX_OC2_NB,1.0/.A..SEX_T."
const sample = (name: string) => readFileSync(raw("api-samples", "ilostat", name), "utf8")

describe.skipIf(!hasRaw)("live refresh of ilostat from the ILOSTAT SDMX API on 127.0.0.1", () => {
  let publisher: Publisher
  let csv = ""
  const db = tempDbPath("ilo-live")
  const files = hasRaw
    ? readdirSync(raw("ilostat"))
        .filter((f) => f.startsWith("ddf--datapoints--emp_temp_sex_oc2_nb"))
        .map((f) => raw("ilostat", f))
    : []
  const body = () => csv

  beforeAll(async () => {
    publisher = await startSourcePublisher("ilostat", "/rest")
    csv = await ilostatSdmxFromDdf(files)
    publisher.on(path, ok(body, "application/vnd.sdmx.data+csv; charset=utf-8"))
  })
  afterAll(() => stopSourcePublisher("ilostat", publisher))

  it("asks for every country as SDMX-CSV and loads what the 31 DDF files give, share and benchmark included", async () => {
    const summary = await liveRefresh(db, ["ilostat"])
    expect(summary.sources[0]).toMatchObject({ outcome: "loaded" })
    expect(summary.sources[0].files.map((f) => [f.unit, f.format])).toEqual([["sdmx/ILO/DF_EMP_TEMP_SEX_OC2_NB", "ilostat-sdmx-csv:DF_EMP_TEMP_SEX_OC2_NB"]])
    const [hit] = publisher.hitsOf(path)
    expect(hit.url.searchParams.get("format")).toBe("csv")
    expect(hit.headers.accept).toBe("application/vnd.sdmx.data+csv;version=1.0.0")
    expect(files).toHaveLength(31)
    const viaFiles = tempDbPath("ilo-files")
    for (const file of files) await ingest(viaFiles, "ilostat", file)
    const sql = "SELECT indicator_id, country_iso3, year, value, flag FROM observations ORDER BY ALL"
    const [live, ddf] = [await query(db, sql), await query(viaFiles, sql)]
    expect(live.length).toBeGreaterThan(1000)
    expect(live).toEqual(ddf)
    const [b] = await query<{ n: number; mean: number }>(
      db,
      "SELECT n::INT AS n, mean FROM benchmarks WHERE indicator_id = 'ILO.EMP_ICT_SHARE' AND year = 2022 AND group_id = 'oecd'"
    )
    expect(b.n).toBe(31)
    expect(b.mean).toBeCloseTo(3.48, 2)
    const refused = "SELECT area, raw_year, raw_value FROM rejected_rows ORDER BY ALL"
    expect(await query(db, refused)).toEqual(await query(viaFiles, refused))
  })

  it("reads the recorded ILOSTAT answer for Kenya (CRLF, UNIT_MULT 3): 2021's share is refused, 12.6% being unclassified", async () => {
    const one = tempDbPath("ilo-ken")
    const outcome = await ingest(one, "ilostat", raw("api-samples", "ilostat", "six-country-map__OC2_KEN.csv"))
    expect(outcome.outcome).toBe("loaded")
    // 2019 has no group 25 or 35 in the answer; 2021 has both, and 2,473 of 19,575 thousand unclassified.
    expect(await query(one, "SELECT indicator_id, year, value FROM observations WHERE country_iso3 = 'KEN' ORDER BY ALL")).toEqual([
      { indicator_id: "ILO.EMP_ISCO08_25", year: 2021, value: 188.617 },
      { indicator_id: "ILO.EMP_ISCO08_35", year: 2021, value: 178.66 }
    ])
    expect(await query(one, "SELECT raw_year, raw_value FROM rejected_rows")).toEqual([
      { raw_year: "2021", raw_value: "not comparable: 12.6% of employment not classified by occupation (over 10%)" }
    ])
  })

  it("a flow with no data answers 404 with the recorded plain-text body: the source fails with it", async () => {
    publisher.on(path, status(404, sample("six-country-map__test3.csv")))
    const summary = await liveRefresh(db, ["ilostat"])
    expect(summary.sources[0].outcome).toBe("failed")
    expect(summary.sources[0].error).toContain('HTTP 404, body starts "No data is found. Please adjust your query parameters and try again."')
    publisher.on(path, ok(body, "application/vnd.sdmx.data+csv; charset=utf-8"))
  })

  it("a multiplier other than thousands fails the file naming line and column", async () => {
    const other = tempDbPath("ilo-mult")
    publisher.on(
      path,
      ok(() => csv.replace(",NB,PS,3,", ",NB,PS,0,"), "application/vnd.sdmx.data+csv")
    )
    const summary = await liveRefresh(other, ["ilostat"])
    expect(summary.sources[0].outcome).toBe("failed")
    expect(summary.sources[0].error).toMatch(/line 2.*UNIT_MULT.*UNIT_MULT is "0" but the series is published in thousands/)
    publisher.on(path, ok(body, "application/vnd.sdmx.data+csv; charset=utf-8"))
  })

  faultCases({
    sourceId: "ilostat",
    db: () => db,
    publisher: () => publisher,
    path,
    body,
    contentType: "application/vnd.sdmx.data+csv; charset=utf-8",
    expect: "CSV",
    changedSchema: ok(() => csv.replace("DATAFLOW,REF_AREA,FREQ,MEASURE,SEX,OC2,", "DATAFLOW,REF_AREA,FREQ,MEASURE,SEX,OCU,"), "application/vnd.sdmx.data+csv"),
    changedSchemaMessage: /ilostat: .*required column "OC2" is missing from the SDMX-CSV header/
  })
})
