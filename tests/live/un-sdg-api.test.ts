// un_sdg live from a UN SDG API v1 (Series/Data, paged JSON) on 127.0.0.1, serving the real
// values of the SDG DDF files in ../shared/data/raw in the API's layout (values as text, M49
// codes as unpadded text, years as floats, Nature/Units as attributes, dimension key order
// varying between records: ../shared/data/raw/api-samples/README.md §1).
import { readFileSync } from "node:fs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { faultCases, liveRefresh, startSourcePublisher, stopSourcePublisher } from "../support/live.ts"
import { ok, sdgApi, sdgRecordsFromDdf, type Publisher, type SdgRecord } from "../support/publisher.ts"
import { hasRaw, raw } from "../support/raw.ts"
import { ingest, query, tempDbPath } from "../support/warehouse.ts"

const skills = raw("un-sdg", "ddf--datapoints--se_adt_acts--by--age--geo_area--location--nature--sex--type_of_skill--units--year.csv")
const speeds = raw("un-sdg", "ddf--datapoints--it_net_bbnd--by--age--freq--geo_area--location--nature--sex--type_of_speed--units--year.csv")
const path = "/SDGAPI/v1/sdg/Series/Data"

describe.skipIf(!hasRaw)("live refresh of un_sdg from the UN SDG API v1 on 127.0.0.1", () => {
  let publisher: Publisher
  const db = tempDbPath("sdg-live")
  const records: Record<string, Array<SdgRecord>> = {}
  const body = (url: URL) => sdgApi(records[url.searchParams.get("seriesCode") ?? ""] ?? [])(url)

  beforeAll(async () => {
    publisher = await startSourcePublisher("un_sdg", "/SDGAPI")
    records.SE_ADT_ACTS = await sdgRecordsFromDdf(
      skills,
      "SE_ADT_ACTS",
      "Proportion of youth and adults with information and communications technology (ICT) skills, by sex and type of skill (%)"
    )
    records.IT_NET_BBND = await sdgRecordsFromDdf(speeds, "IT_NET_BBND", "Fixed broadband subscriptions per 100 inhabitants, by speed (per 100 inhabitants)")
    publisher.on(path, ok(body))
  })
  afterAll(() => stopSourcePublisher("un_sdg", publisher))

  it("pages through every page of both series and loads what the DDF files give, value for value", async () => {
    const summary = await liveRefresh(db, ["un_sdg"])
    expect(summary.sources[0]).toMatchObject({ outcome: "loaded" })
    expect(summary.sources[0].files.map((f) => [f.unit, f.format])).toEqual([
      ["api/SE_ADT_ACTS", "un-sdg-api-json:se_adt_acts"],
      ["api/IT_NET_BBND", "un-sdg-api-json:it_net_bbnd"]
    ])
    // All areas (no areaCode), 1,000 records a page, pages from 1 to totalPages.
    const asked = publisher.hitsOf(path).filter((h) => h.url.searchParams.get("seriesCode") === "SE_ADT_ACTS")
    expect(asked.every((h) => !h.url.searchParams.has("areaCode") && h.url.searchParams.get("pageSize") === "1000")).toBe(true)
    const pages = Math.ceil(records.SE_ADT_ACTS.length / 1000)
    expect(asked.map((h) => Number(h.url.searchParams.get("page")))).toEqual(Array.from({ length: pages }, (_, i) => i + 1))
    const viaFiles = tempDbPath("sdg-files")
    await ingest(viaFiles, "un_sdg", skills)
    await ingest(viaFiles, "un_sdg", speeds)
    const sql = "SELECT indicator_id, country_iso3, year, value, flag FROM observations ORDER BY ALL"
    const [live, files] = [await query(db, sql), await query(viaFiles, sql)]
    expect(live.length).toBeGreaterThan(3000)
    expect(live).toEqual(files)
    const aggregates = "SELECT indicator_id, area_code, year, value, flag FROM aggregate_observations ORDER BY ALL"
    expect(await query(db, aggregates)).toEqual(await query(viaFiles, aggregates))
  })

  it("the same records in other page sizes land the same bytes: unchanged", async () => {
    // A publisher that ignores pageSize and pages by 700.
    publisher.on(
      path,
      ok((url) => {
        url.searchParams.set("pageSize", "700")
        return body(url)
      })
    )
    const summary = await liveRefresh(db, ["un_sdg"])
    expect(summary.sources[0].files.map((f) => f.outcome)).toEqual(["unchanged", "unchanged"])
    publisher.on(path, ok(body))
  })

  it("a page that disagrees with page 1 on totalElements fails: the series changed while paged", async () => {
    let calls = 0
    publisher.on(
      path,
      ok((url) => {
        const page = JSON.parse(body(url)) as Record<string, unknown>
        if (url.searchParams.get("page") !== "1" && calls++ === 0) page.totalElements = Number(page.totalElements) + 1
        return JSON.stringify(page)
      })
    )
    const summary = await liveRefresh(db, ["un_sdg"])
    expect(summary.sources[0].outcome).toBe("failed")
    expect(summary.sources[0].error).toMatch(/the series changed while it was being paged \(totalElements \d+ on page 1, \d+ on page 2\)/)
    publisher.on(path, ok(body))
  })

  it("the recorded answer of the real API (another series) is refused as a series brecha did not ask for", async () => {
    const recorded = readFileSync(raw("api-samples", "un-sdg", "sdgdata__series_data_page_1__SH_OOP_XPD_EARNNET40_area4.json"), "utf8")
    publisher.on(path, ok(recorded))
    const summary = await liveRefresh(db, ["un_sdg"])
    expect(summary.sources[0].outcome).toBe("failed")
    expect(summary.sources[0].error).toMatch(/record 1: series "SH_OOP_XPD_EARNNET40" is not one brecha asks for/)
    publisher.on(path, ok(body))
  })

  faultCases({
    sourceId: "un_sdg",
    db: () => db,
    publisher: () => publisher,
    path,
    body,
    contentType: "application/json",
    expect: "JSON",
    changedSchema: ok((url) => {
      const page = JSON.parse(body(url)) as { data: Array<Record<string, unknown>> }
      page.data = page.data.map(({ value, ...rest }) => ({ ...rest, obsValue: value }))
      return JSON.stringify(page)
    }),
    changedSchemaMessage: /un_sdg: .*record 1: field\(s\) "value" missing .*the API layout changed/
  })
})
