// unesco_uis live from a UIS data API on 127.0.0.1: `/data/indicators?indicator=…`, no
// paging, `{hints, records, indicatorMetadata}`, errors as hints with HTTP 200
// (../shared/data/raw/api-samples/README.md §2). The records are the real values of the UIS
// CSVs in ../shared/data/raw; the hint and empty answers are the recorded ones.
import { readFileSync } from "node:fs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { uisIndicators } from "../../pipelines/sources/unesco_uis.ts"
import { faultCases, liveRefresh, startSourcePublisher, stopSourcePublisher } from "../support/live.ts"
import { ok, uisApiFromCsv, type Publisher } from "../support/publisher.ts"
import { hasRaw, raw } from "../support/raw.ts"
import { ingest, query, tempDbPath } from "../support/warehouse.ts"

const path = "/api/public/data/indicators"
const files: Record<string, string> = {
  "FOSGP.5T8.F600.F": raw("unesco-uis", "data_ICT_f.csv"),
  "FOSGP.5T8.F600.M": raw("unesco-uis", "data_ICT_m.csv")
}
const sample = (name: string) => readFileSync(raw("api-samples", "unesco-uis", `global-education-mcp__${name}.json`), "utf8")

describe.skipIf(!hasRaw)("live refresh of unesco_uis from the UIS data API on 127.0.0.1", () => {
  let publisher: Publisher
  const db = tempDbPath("uis-live")
  const answers: Record<string, string> = {}
  const body = (url: URL) => answers[url.searchParams.get("indicator") ?? ""] ?? sample("uis_data_empty")

  beforeAll(async () => {
    publisher = await startSourcePublisher("unesco_uis", "/api/public")
    for (const [indicator, file] of Object.entries(files)) answers[indicator] = await uisApiFromCsv(file)
    publisher.on(path, ok(body))
  })
  afterAll(() => stopSourcePublisher("unesco_uis", publisher))

  it("asks once per indicator for every geoUnit and loads what the UIS CSVs give, flags and breaks included", async () => {
    const summary = await liveRefresh(db, ["unesco_uis"])
    expect(summary.sources[0]).toMatchObject({ outcome: "loaded" })
    expect(summary.sources[0].files.map((f) => [f.unit, f.format])).toEqual(uisIndicators.map((i) => [`api/${i}`, "uis-api-json"]))
    const asked = publisher.hitsOf(path)
    expect(asked.map((h) => [...h.url.searchParams.keys()])).toEqual([["indicator"], ["indicator"]])
    const viaCsv = tempDbPath("uis-csv")
    for (const file of Object.values(files)) await ingest(viaCsv, "unesco_uis", file)
    const sql = "SELECT indicator_id, country_iso3, year, value, flag FROM observations ORDER BY ALL"
    const [live, csv] = [await query(db, sql), await query(viaCsv, sql)]
    expect(live.length).toBeGreaterThan(1000)
    expect(live).toEqual(csv)
    // Mexico's unmarked classification break of 2017 is flagged as from the CSV.
    expect(live).toContainEqual(expect.objectContaining({ indicator_id: "FOSGP.5T8.F600.F", country_iso3: "MEX", year: 2017, flag: "break" }))
  })

  it("an error sent as a hint with HTTP 200 (the recorded unknown-geoUnit answer) fails the source with the hint", async () => {
    publisher.on(path, ok(sample("uis_data_unknown_geounit")))
    const summary = await liveRefresh(db, ["unesco_uis"])
    expect(summary.sources[0].outcome).toBe("failed")
    expect(summary.sources[0].error).toContain("the UIS API answered with hints instead of data: UIS::HINT::003 The geoUnit could not be found, XXX")
    publisher.on(path, ok(body))
  })

  it("the recorded empty answer (no records, no hints) is an empty series: quarantined, never current", async () => {
    const before = await query(db, "SELECT * FROM observations ORDER BY ALL")
    publisher.on(path, ok(sample("uis_data_empty")))
    const summary = await liveRefresh(db, ["unesco_uis"])
    expect(summary.sources[0].outcome).toBe("quarantined")
    expect(summary.sources[0].error).toMatch(/empty series/)
    expect(await query(db, "SELECT * FROM observations ORDER BY ALL")).toEqual(before)
    publisher.on(path, ok(body))
  })

  it("the recorded answer of the real API (CR.1 for Switzerland) is read: year an integer, value a float", async () => {
    const one = tempDbPath("uis-recorded")
    const recorded = JSON.parse(sample("uis_data_records")) as { records: Array<{ year: number; value: number }> }
    publisher.on(path, ok(sample("uis_data_records")))
    const summary = await liveRefresh(one, ["unesco_uis"])
    publisher.on(path, ok(body))
    expect(summary.sources[0].outcome).toBe("loaded")
    const rows = await query<{ year: number; value: number }>(
      one,
      "SELECT year, value FROM observations WHERE indicator_id = 'CR.1' AND country_iso3 = 'CHE' ORDER BY year"
    )
    expect(rows).toEqual(recorded.records.map((r) => ({ year: r.year, value: r.value })).sort((a, b) => a.year - b.year))
  })

  faultCases({
    sourceId: "unesco_uis",
    db: () => db,
    publisher: () => publisher,
    path,
    body,
    contentType: "application/json",
    expect: "JSON",
    changedSchema: ok((url) => {
      const doc = JSON.parse(body(url)) as { records: Array<Record<string, unknown>> }
      return JSON.stringify({ ...doc, records: doc.records.map(({ geoUnit, ...rest }) => ({ ...rest, geoUnitCode: geoUnit })) })
    }),
    changedSchemaMessage: /unesco_uis: .*record 1: field\(s\) "geoUnit" missing .*the API layout changed/
  })
})
