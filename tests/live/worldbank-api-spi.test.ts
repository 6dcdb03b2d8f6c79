// spi live from a World Bank Indicators API v2 on 127.0.0.1 (IQ.SPI.OVRL and IQ.SPI.PIL1..5,
// `[pageInfo, rows]`, paged by `page`), serving the real values of SPI_index.csv in
// ../shared/data/raw; and the API's own error bodies (message 175 for an archived indicator,
// ../shared/data/raw/api-samples/README.md §5) as a clear failure, for spi and for wdi.
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { spiApiCodes } from "../../pipelines/sources/spi.ts"
import { wdiArchived, wdiIndicators } from "../../pipelines/sources/wdi.ts"
import { wdi } from "../../pipelines/sources/wdi.ts"
import { liveDatasets } from "../../pipelines/live/retrieve.ts"
import { faultCases, liveRefresh, startSourcePublisher, stopSourcePublisher } from "../support/live.ts"
import { ok, wbApi, wbRowsFromSpi, type Publisher, type WbRow } from "../support/publisher.ts"
import { hasRaw, raw } from "../support/raw.ts"
import { ingest, ingestFailure, query, tempDbPath } from "../support/warehouse.ts"
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { tmpdir } from "node:os"

const archived = '[{"message":[{"id":"175","key":"Invalid format","value":"The indicator was not found. It may have been deleted or archived."}]}]'
const route = (code: string) => `/v2/country/all/indicator/${code}`

describe("IQ.SCI.OVRL is archived: wdi no longer asks for it live", () => {
  it("is not among wdi's live datasets, and is declared archived", () => {
    expect(wdiIndicators).not.toContain("IQ.SCI.OVRL")
    expect(wdiArchived).toContain("IQ.SCI.OVRL")
    expect(liveDatasets(wdi).map((d) => d.unit)).not.toContain("api/IQ.SCI.OVRL")
  })

  it("the API's message-175 body, read as a file, is a failed file naming the message, not an empty load", async () => {
    const file = join(tmpdir(), `IQ.SCI.OVRL-${process.pid}.json`)
    writeFileSync(file, archived)
    const failure = await ingestFailure(tempDbPath("wb-175"), "wdi", file)
    expect(failure.message).toContain(
      "the World Bank API answered with an error instead of data: 175 Invalid format: The indicator was not found. It may have been deleted or archived."
    )
  })
})

describe.skipIf(!hasRaw)("live refresh of spi from the World Bank Indicators API v2 on 127.0.0.1", () => {
  let publisher: Publisher
  const db = tempDbPath("spi-live")
  const rows: Record<string, Array<WbRow>> = {}
  const body = (code: string) => (url: URL) => wbApi(rows[code] ?? [], "2025-12-16")(url)
  const first = "IQ.SPI.OVRL"

  beforeAll(async () => {
    publisher = await startSourcePublisher("spi", "/v2")
    const all = await wbRowsFromSpi(raw("wb-spi", "SPI_index.csv"), spiApiCodes)
    for (const code of Object.keys(spiApiCodes)) {
      rows[code] = all.filter((r) => r.indicator === code)
      publisher.on(route(code), ok(body(code)))
    }
  })
  afterAll(() => stopSourcePublisher("spi", publisher))

  it("loads the six scores under the SPI file's ids, with the API's lastupdated as release date, as the file gives them", async () => {
    const summary = await liveRefresh(db, ["spi"])
    expect(summary.sources[0]).toMatchObject({ outcome: "loaded" })
    expect(summary.sources[0].files.map((f) => [f.unit, f.format])).toEqual(Object.keys(spiApiCodes).map((c) => [`api/${c}`, "spi-api-json"]))
    expect(await query(db, "SELECT DISTINCT CAST(released_at AS VARCHAR) AS d FROM vintage_log")).toEqual([{ d: "2025-12-16" }])
    const viaCsv = tempDbPath("spi-csv")
    await ingest(viaCsv, "spi", raw("wb-spi", "SPI_index.csv"))
    const sql = "SELECT indicator_id, country_iso3, year, value FROM observations ORDER BY ALL"
    const [live, csv] = [await query(db, sql), await query(viaCsv, sql)]
    expect(live.length).toBeGreaterThan(1000)
    expect(live).toEqual(csv)
  })

  it("an indicator the API answers with message 175 fails the source with the message; the others are unchanged", async () => {
    publisher.on(route("IQ.SPI.PIL5"), ok(archived))
    const summary = await liveRefresh(db, ["spi"])
    expect(summary.sources[0].outcome).toBe("failed")
    expect(summary.sources[0].error).toContain(
      "the World Bank API answered with an error: 175 Invalid format: The indicator was not found. It may have been deleted or archived."
    )
    expect(summary.sources[0].files.filter((f) => f.outcome === "unchanged")).toHaveLength(5)
    publisher.on(route("IQ.SPI.PIL5"), ok(body("IQ.SPI.PIL5")))
  })

  faultCases({
    sourceId: "spi",
    db: () => db,
    publisher: () => publisher,
    path: route(first),
    body: body(first),
    contentType: "application/json",
    expect: "JSON",
    changedSchema: ok(() =>
      JSON.stringify([
        { page: 1, pages: 1, per_page: 20000, total: 1, lastupdated: "2025-12-16" },
        [{ indicator: { id: first, value: "x" }, country: { id: "MX", value: "Mexico" }, countryiso3code: "MEX", year: "2023", value: 80 }]
      ])
    ),
    changedSchemaMessage: /spi: .*page 1, row 1: field\(s\) "date" missing .*the API layout changed/
  })
})
