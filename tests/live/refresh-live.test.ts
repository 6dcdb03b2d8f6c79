// `refresh` without a mirror, against a fake World Bank API v2 and Data360 API on 127.0.0.1
// serving the real values of ../shared/data/raw. One warehouse goes through a story: first
// load, an unchanged publisher (304s), a page-size change, a revision, failures of every
// kind (the previous data stays current and the source is marked stale), recovery, and
// implausible answers (quarantined, never current).
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { wdiIndicators } from "../../pipelines/sources/wdi.ts"
import { dataFingerprint, liveRefresh } from "../support/live.ts"
import {
  data360Api,
  data360Rows,
  hang,
  htmlErrorPage,
  ok,
  startPublisher,
  status,
  truncated,
  wbApi,
  wdiRowsFromRaw,
  type Publisher,
  type Responder,
  type WbRow
} from "../support/publisher.ts"
import { hasRaw, raw, rawDir } from "../support/raw.ts"
import { ingest, query, tempDbPath } from "../support/warehouse.ts"

const path = (code: string) => `/v2/country/all/indicator/${code}`
const BB = "IT.NET.BBND.P2"

describe.skipIf(!hasRaw)("live refresh of wdi from a World Bank API v2 on 127.0.0.1", () => {
  let publisher: Publisher
  let rows: Record<string, Array<WbRow>> = {}
  const db = tempDbPath("live")
  const serveAll = () => {
    for (const code of wdiIndicators) publisher.on(path(code), ok(wbApi(rows[code], "2025-07-01")))
  }

  beforeAll(async () => {
    publisher = await startPublisher()
    process.env.BRECHA_WDI_URL = `${publisher.url}/v2`
    rows = await wdiRowsFromRaw(rawDir)
    serveAll()
  })
  afterAll(async () => {
    delete process.env.BRECHA_WDI_URL
    await publisher.close()
  })

  it("loads every WDI indicator from the API, with the API's lastupdated as release date", async () => {
    const summary = await liveRefresh(db, ["wdi"])
    expect(summary).toMatchObject({ mode: "live", ok: true, changed: true })
    expect(summary.sources[0].files.map((f) => [f.unit, f.outcome, f.format])).toEqual(wdiIndicators.map((code) => [`api/${code}`, "loaded", "wdi-api-json"]))
    expect(await query(db, "SELECT DISTINCT CAST(released_at AS VARCHAR) AS d FROM vintage_log")).toEqual([{ d: "2025-07-01" }])
    // It asked for large pages, once per indicator.
    expect(publisher.hitsOf(path(BB))[0].url.searchParams.get("per_page")).toBe("20000")
    // The values are the publisher's: the same as loading the long CSV they came from.
    const viaCsv = tempDbPath("csv")
    await ingest(viaCsv, "wdi", raw("wb-wdi", "datasets-wdi", "it.net.bbnd.p2", "data.csv"))
    const sql = `SELECT country_iso3, year, value FROM observations WHERE indicator_id = '${BB}' ORDER BY ALL`
    const [live, csv] = [await query(db, sql), await query(viaCsv, sql)]
    expect(live.length).toBeGreaterThan(4000)
    expect(live).toEqual(csv)
    const [mex] = await query<{ value: number }>(db, `SELECT value FROM observations WHERE indicator_id = '${BB}' AND country_iso3 = 'MEX' AND year = 2024`)
    expect(mex.value).toBeCloseTo(21.74, 2)
  })

  it("an unchanged publisher costs one conditional request per indicator (304) and writes nothing", async () => {
    const before = await dataFingerprint(db)
    const hitsBefore = publisher.hits.length
    const summary = await liveRefresh(db, ["wdi"])
    expect(summary.sources[0].outcome).toBe("unchanged")
    expect(summary.sources[0].files.every((f) => f.notModified)).toBe(true)
    const hits = publisher.hits.slice(hitsBefore)
    expect(hits).toHaveLength(wdiIndicators.length)
    expect(hits.every((h) => typeof h.headers["if-none-match"] === "string")).toBe(true)
    expect(await dataFingerprint(db)).toBe(before)
  })

  it("the same content in smaller pages lands the same bytes: unchanged", async () => {
    const before = await dataFingerprint(db)
    // A publisher that ignores per_page and pages by 1,000: page 1 differs, so no 304.
    publisher.on(
      path(BB),
      ok((url) => {
        url.searchParams.set("per_page", "1000")
        return wbApi(rows[BB], "2025-07-01")(url)
      })
    )
    const summary = await liveRefresh(db, ["wdi"])
    const file = summary.sources[0].files.find((f) => f.unit === `api/${BB}`)
    expect(file).toMatchObject({ outcome: "unchanged" })
    expect(file?.notModified).toBeUndefined()
    expect(
      publisher
        .hitsOf(path(BB))
        .slice(-6)
        .map((h) => h.url.searchParams.get("page"))
    ).toEqual(["1", "2", "3", "4", "5", "6"])
    expect(await dataFingerprint(db)).toBe(before)
  })

  it("a revised value becomes current and is listed with both vintages", async () => {
    const old = rows[BB].find((r) => r.iso3 === "MEX" && r.year === 2024)!.value
    rows[BB] = rows[BB].map((r) => (r.iso3 === "MEX" && r.year === 2024 ? { ...r, value: 22.5 } : r))
    publisher.on(path(BB), ok(wbApi(rows[BB], "2025-09-01")))
    const summary = await liveRefresh(db, ["wdi"])
    expect(summary.changed).toBe(true)
    const changes = await query(
      db,
      `SELECT kind, country_iso3, year, old_value, new_value, old_vintage_id, new_vintage_id FROM changes WHERE run_id = ${summary.runId}`
    )
    const bbVintages = await query<{ vintage_id: number }>(db, `SELECT vintage_id FROM vintage_log WHERE unit = 'api/${BB}' ORDER BY vintage_id`)
    expect(changes).toEqual([
      {
        kind: "revised",
        country_iso3: "MEX",
        year: 2024,
        old_value: old,
        new_value: 22.5,
        old_vintage_id: bbVintages[0].vintage_id,
        new_vintage_id: bbVintages[1].vintage_id
      }
    ])
  })

  // A timeout is the publisher not answering (unreachable); the others are bad answers (failed).
  const failures: Array<[string, Responder, RegExp, "failed" | "unreachable"]> = [
    ["a 500 on every attempt", status(500, "Internal Server Error"), /HTTP 500, body starts "Internal Server Error" \(gave up after 2 attempts\)/, "failed"],
    ["a timeout", hang, /no complete answer within 1 s \(timed out\)/, "unreachable"],
    ["a truncated body", truncated(wbApi([], "2025-09-01")(new URL("http://x/?per_page=20000")) + " ".repeat(4000)), /the response body was cut off/, "failed"],
    ["invalid JSON", ok('[{"page":1,"pages":1,"per_page":20000,"total":3', "application/json"), /the response is not valid JSON/, "failed"],
    ["an HTML error page with status 200", htmlErrorPage, /answered 200 with an HTML page instead of JSON/, "failed"],
    [
      "the API's own error message",
      ok('[{"message":[{"id":"120","key":"Invalid value","value":"The provided parameter value is not valid"}]}]'),
      /the World Bank API answered with an error: 120 Invalid value: The provided parameter value is not valid/,
      "failed"
    ],
    [
      "a changed schema",
      ok(() =>
        JSON.stringify([
          { page: 1, pages: 1, per_page: 20000, total: 1, lastupdated: "2025-09-01" },
          [{ indicator: { id: BB, value: "x" }, country: { id: "MX", value: "Mexico" }, countryiso3code: "MEX", date: "2024", val: 1 }]
        ])
      ),
      /wdi: .*IT\.NET\.BBND\.P2.*page 1, row 1: field\(s\) "value" missing .*the API layout changed/,
      "failed"
    ]
  ]

  for (const [what, responder, message, outcome] of failures) {
    it(`${what}: the source is ${outcome} with a clear message, its previous data stays current and is marked stale`, async () => {
      const before = await dataFingerprint(db)
      publisher.on(path(BB), responder)
      const summary = await liveRefresh(db, ["wdi"])
      const wdi = summary.sources[0]
      expect(wdi.outcome).toBe(outcome)
      expect(summary.ok).toBe(false)
      expect(summary.exitCode).toBe(outcome === "failed" ? 1 : 75)
      expect(wdi.error).toMatch(message)
      expect(wdi.error).toContain(`api/country/all/indicator/${BB}`.replace("api/", "v2/"))
      // The other indicators were retrieved (and were unchanged); nothing was written.
      expect(wdi.files.filter((f) => f.outcome === "unchanged")).toHaveLength(wdiIndicators.length - 1)
      expect(await dataFingerprint(db)).toBe(before)
      const [fresh] = await query<Record<string, unknown>>(db, "SELECT * FROM source_freshness WHERE source_id = 'wdi'")
      expect(fresh).toMatchObject({ last_run_id: summary.runId, last_outcome: outcome, stale: true, latest_release: "2025-09-01T00:00:00.000Z" })
      expect(String(fresh.stale_reason)).toMatch(outcome === "failed" ? /^last retrieval failed: / : /^publisher unreachable: /)
      expect(String(fresh.last_error)).toMatch(message)
      expect(fresh.stale_since).not.toBeNull()
    })
  }

  it("records when the source went stale, once, and when it recovered", async () => {
    publisher.on(path(BB), ok(wbApi(rows[BB], "2025-09-01")))
    const summary = await liveRefresh(db, ["wdi"])
    expect(summary.sources[0].outcome).toBe("unchanged")
    const events = await query<{ kind: string; run_id: number }>(db, "SELECT kind, run_id FROM changes WHERE kind IN ('stale', 'recovered') ORDER BY run_id")
    expect(events.map((e) => e.kind)).toEqual(["stale", "recovered"])
    expect(events[1].run_id).toBe(summary.runId)
    const [fresh] = await query(db, "SELECT stale, stale_since, last_outcome FROM source_freshness WHERE source_id = 'wdi'")
    expect(fresh).toEqual({ stale: false, stale_since: null, last_outcome: "unchanged" })
  })

  const implausible: Array<[string, (rs: Array<WbRow>) => Array<WbRow>, RegExp]> = [
    [
      "most countries missing",
      (rs) => rs.filter((r) => ["MEX", "USA", "CAN", "CHL", "COL"].includes(r.iso3)),
      /IT\.NET\.BBND\.P2: only 5 countries, vintage \d+ had \d+ \(most countries missing\)/
    ],
    [
      "a unit change (per 100 became per 1)",
      (rs) => rs.map((r) => ({ ...r, value: r.value === null ? null : r.value / 100 })),
      /IT\.NET\.BBND\.P2: values changed scale \(median new\/old = 0\.01 over \d+ shared values\)/
    ],
    ["an empty series", () => [], /IT\.NET\.BBND\.P2: empty series \(vintage \d+ had \d+ countries\)/]
  ]
  for (const [what, change, reason] of implausible) {
    it(`${what}: loaded as a quarantined vintage, never current, and reported`, async () => {
      const current = await query(db, `SELECT * FROM observations WHERE indicator_id = '${BB}' ORDER BY ALL`)
      publisher.on(path(BB), ok(wbApi(change(rows[BB]), "2025-10-01")))
      const summary = await liveRefresh(db, ["wdi"])
      expect(summary.sources[0].outcome).toBe("quarantined")
      expect(summary.ok).toBe(false)
      expect(summary.changed).toBe(false)
      expect(summary.sources[0].error).toMatch(reason)
      const [vintage] = await query<{ status: string; status_reason: string }>(
        db,
        `SELECT status, status_reason FROM vintage_log WHERE unit = 'api/${BB}' ORDER BY vintage_id DESC LIMIT 1`
      )
      expect(vintage.status).toBe("quarantined")
      expect(vintage.status_reason).toMatch(reason)
      expect(await query(db, `SELECT * FROM observations WHERE indicator_id = '${BB}' ORDER BY ALL`)).toEqual(current)
      expect(await query(db, `SELECT outcome FROM run_source_log WHERE run_id = ${summary.runId}`)).toEqual([{ outcome: "quarantined" }])
      const [fresh] = await query<{ stale: boolean; stale_reason: string }>(db, "SELECT stale, stale_reason FROM source_freshness WHERE source_id = 'wdi'")
      expect(fresh.stale).toBe(true)
      expect(fresh.stale_reason).toMatch(reason)
      expect(await query(db, `SELECT count(*)::INT AS n FROM changes WHERE kind = 'quarantined' AND run_id = ${summary.runId}`)).toEqual([{ n: 1 }])
    })
  }
})

describe.skipIf(!hasRaw)("live refresh of data360 from a Data360 API on 127.0.0.1", () => {
  let publisher: Publisher
  beforeAll(async () => {
    publisher = await startPublisher()
    process.env.BRECHA_DATA360_URL = publisher.url
    const dir = raw("wb-data360", "internet")
    const byIndicator: Record<string, (url: URL) => string> = {
      IT_NET_USER: data360Api(await data360Rows(`${dir}/percentage_individuals_using_internet_(itu).parquet`)),
      IT_HH_INT: data360Api(await data360Rows(`${dir}/percentage_households_with_internet_access_home_(itu).parquet`))
    }
    publisher.on(
      "/data360/data",
      ok((url) => byIndicator[url.searchParams.get("INDICATOR") ?? ""]?.(url) ?? '{"count":0,"value":[]}')
    )
  })
  afterAll(async () => {
    delete process.env.BRECHA_DATA360_URL
    await publisher.close()
  })

  it("pages through skip/top and stages the rows through the same series filters as the Parquet extracts", async () => {
    const db = tempDbPath("d360")
    const summary = await liveRefresh(db, ["data360"])
    expect(summary.sources[0]).toMatchObject({ outcome: "loaded" })
    expect(summary.sources[0].files.map((f) => [f.unit, f.format])).toEqual([
      ["api/ITU_DH/IT_NET_USER", "data360-api-json"],
      ["api/ITU_DH/IT_HH_INT", "data360-api-json"]
    ])
    // 12,081 rows at 1,000 a page.
    const pages = publisher.hits.filter((h) => h.url.searchParams.get("INDICATOR") === "IT_NET_USER").map((h) => h.url.searchParams.get("skip"))
    expect(pages).toEqual(["0", "1000", "2000", "3000", "4000", "5000", "6000", "7000", "8000", "9000", "10000", "11000", "12000"])
    const viaParquet = tempDbPath("parquet")
    await ingest(viaParquet, "data360", raw("wb-data360", "internet", "percentage_individuals_using_internet_(itu).parquet"))
    await ingest(viaParquet, "data360", raw("wb-data360", "internet", "percentage_households_with_internet_access_home_(itu).parquet"))
    const sql = "SELECT indicator_id, country_iso3, year, value, flag FROM observations ORDER BY ALL"
    const [live, parquet] = [await query(db, sql), await query(viaParquet, sql)]
    expect(live.length).toBeGreaterThan(5000)
    expect(live).toEqual(parquet)
  })
})
