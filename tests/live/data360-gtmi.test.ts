// gtmi live from a World Bank Data360 API on 127.0.0.1 (DATABASE_ID=WB_GTMI, paged by skip,
// `{count, value}`, values as strings, TIME_FORMAT "602": ../shared/data/raw/api-samples/README.md §4).
// The records are the recorded real answer for Togo (every WB_GTMI indicator), served per
// INDICATOR as the API filters them.
import { readFileSync } from "node:fs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { gtmiIndices } from "../../pipelines/sources/gtmi.ts"
import { faultCases, liveRefresh, startSourcePublisher, stopSourcePublisher } from "../support/live.ts"
import { data360Api, ok, type Publisher } from "../support/publisher.ts"
import { hasRaw, raw } from "../support/raw.ts"
import { query, tempDbPath } from "../support/warehouse.ts"

const path = "/data360/data"

describe.skipIf(!hasRaw)("live refresh of gtmi from the Data360 API (WB_GTMI) on 127.0.0.1", () => {
  let publisher: Publisher
  const db = tempDbPath("gtmi-live")
  let records: Array<Record<string, unknown>> = []
  const body = (url: URL) =>
    data360Api(records.filter((r) => r.DATABASE_ID === url.searchParams.get("DATABASE_ID") && r.INDICATOR === url.searchParams.get("INDICATOR")))(url)

  beforeAll(async () => {
    publisher = await startSourcePublisher("gtmi")
    records = (
      JSON.parse(readFileSync(raw("api-samples", "wb-data360", "togo-opendata-audit__gtmi_tgo.json"), "utf8")) as { value: Array<Record<string, unknown>> }
    ).value
    publisher.on(path, ok(body))
  })
  afterAll(() => stopSourcePublisher("gtmi", publisher))

  it("asks for the composite and its four sub-indices and loads the text values as numbers", async () => {
    const summary = await liveRefresh(db, ["gtmi"])
    expect(summary.sources[0]).toMatchObject({ outcome: "loaded" })
    expect(summary.sources[0].files.map((f) => f.unit)).toEqual(gtmiIndices.map((s) => `api/WB_GTMI/${s.code}`))
    expect(publisher.hitsOf(path).every((h) => h.url.searchParams.get("DATABASE_ID") === "WB_GTMI" && h.url.searchParams.get("skip") === "0")).toBe(true)
    expect(await query(db, "SELECT indicator_id, country_iso3, year, value FROM observations ORDER BY indicator_id")).toEqual([
      { indicator_id: "WB.GTMI.CGSI", country_iso3: "TGO", year: 2022, value: 0.37 },
      { indicator_id: "WB.GTMI.DCEI", country_iso3: "TGO", year: 2022, value: 0.24 },
      { indicator_id: "WB.GTMI.GTEI", country_iso3: "TGO", year: 2022, value: 0.66 },
      { indicator_id: "WB.GTMI.GTMI", country_iso3: "TGO", year: 2022, value: 0.51 },
      { indicator_id: "WB.GTMI.PSDI", country_iso3: "TGO", year: 2022, value: 0.76 }
    ])
    // Every id is catalogued, with the composite as the parent of its sub-indices.
    const catalogued = await query<{ indicator_id: string; parent_id: string | null }>(
      db,
      "SELECT indicator_id, parent_id FROM indicators WHERE indicator_id IN (SELECT DISTINCT indicator_id FROM observations) ORDER BY 1"
    )
    expect(catalogued.map((c) => [c.indicator_id, c.parent_id])).toEqual([
      ["WB.GTMI.CGSI", "WB.GTMI.GTMI"],
      ["WB.GTMI.DCEI", "WB.GTMI.GTMI"],
      ["WB.GTMI.GTEI", "WB.GTMI.GTMI"],
      ["WB.GTMI.GTMI", null],
      ["WB.GTMI.PSDI", "WB.GTMI.GTMI"]
    ])
  })

  faultCases({
    sourceId: "gtmi",
    db: () => db,
    publisher: () => publisher,
    path,
    body,
    contentType: "application/json",
    expect: "JSON",
    changedSchema: ok((url) => {
      const page = JSON.parse(body(url)) as { count: number; value: Array<Record<string, unknown>> }
      return JSON.stringify({ ...page, value: page.value.map(({ OBS_VALUE, ...rest }) => ({ ...rest, VALUE: OBS_VALUE })) })
    }),
    changedSchemaMessage: /gtmi: .*row 1 has no "OBS_VALUE" field .*the API layout changed/
  })
})
