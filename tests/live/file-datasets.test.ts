// Single-file live datasets (paging "none"): the OECD SDMX-CSV dataflow and the UN
// E-Government data-centre CSV, replayed byte for byte from ../shared/data/raw on 127.0.0.1.
// It proves that what a source declares is retrieved, landed, dated (Last-Modified),
// loaded by the source's own reader and asked for conditionally the next time.
import { Effect } from "effect"
import { readFileSync } from "node:fs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Http } from "../../pipelines/live/Http.ts"
import { liveDatasets, rememberValidators, retrieveDataset } from "../../pipelines/live/retrieve.ts"
import { sdmxCsvDataset } from "../../pipelines/live/sdmx.ts"
import { sha256 } from "../../pipelines/load/land.ts"
import { loadFile } from "../../pipelines/load/loadFile.ts"
import type { Source } from "../../pipelines/source.ts"
import { oecdDx } from "../../pipelines/sources/oecd_dx.ts"
import { unEgov } from "../../pipelines/sources/un_egov.ts"
import { ok, startPublisher, type Publisher } from "../support/publisher.ts"
import { hasRaw, raw } from "../support/raw.ts"
import { query, runWith, tempDbPath } from "../support/warehouse.ts"

const sdmxFile = raw("oecd-dgogd", "oecd_dgi_full.csv")
const unFile = raw("un-egdi", "pluralitybook", "EGOV_DATA_2022.csv")
const lastModified = "Tue, 11 Mar 2025 09:00:00 GMT"

// The real oecd_dx source, as it declares its live dataset.
const oecdTest: Source = oecdDx
// The real un_egov reader of the UN Data Center CSV, with that download declared as its
// live dataset (un_egov itself declares the Data360 API, whose URL is the verified one).
const unTest: Source = {
  ...unEgov,
  live: {
    baseUrl: "https://publicadministration.un.org/egovkb",
    datasets: (base) => [{ unit: "EGOV_DATA_2022", url: `${base}/api/EGOV_DATA_2022.csv`, fileName: "EGOV_DATA_2022.csv", expect: "csv" }]
  }
}

const fast = { timeoutMs: 5_000, maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 }

/** Retrieve then load, as refresh does for one dataset. */
const retrieveAndLoad = (db: string, source: Source) =>
  runWith(
    db,
    Effect.gen(function* () {
      const [dataset] = liveDatasets(source)
      const item = yield* retrieveDataset(source, dataset)
      if (item.kind === "not-modified") return { item, outcome: undefined }
      const outcome = yield* loadFile(source, item.file)
      yield* rememberValidators(source.id, item.file.unit, item.url, item.validators, item.file.sha256)
      return { item, outcome }
    }).pipe(Effect.provide(Http.layer(fast)))
  )

describe("sdmxCsvDataset", () => {
  it("builds the OECD SDMX REST data URL for the labelled CSV layout", () => {
    expect(
      sdmxCsvDataset("https://sdmx.oecd.org/public/rest/", { agency: "OECD.GOV.GIP", dataflow: "DSD_GOV@DF_GOV_DGOGD_2025", version: "1.0", fileName: "x.csv" })
    ).toEqual({
      unit: "sdmx/OECD.GOV.GIP/DSD_GOV@DF_GOV_DGOGD_2025",
      url: "https://sdmx.oecd.org/public/rest/data/OECD.GOV.GIP,DSD_GOV@DF_GOV_DGOGD_2025,1.0/all?dimensionAtObservation=AllDimensions&format=csvfilewithlabels",
      fileName: "x.csv",
      paging: "none",
      accept: "application/vnd.sdmx.data+csv; charset=utf-8; version=1.0.0; labels=both",
      expect: "csv"
    })
    expect(() => sdmxCsvDataset("https://x", { agency: "OECD GOV", dataflow: "D", version: "1.0", fileName: "x" })).toThrow(/not an SDMX identifier/)
  })
})

describe.skipIf(!hasRaw)("single-file datasets over HTTP", () => {
  let publisher: Publisher
  beforeAll(async () => {
    publisher = await startPublisher()
    process.env.BRECHA_OECD_DX_URL = `${publisher.url}/public/rest`
    process.env.BRECHA_UN_EGOV_URL = `${publisher.url}/egovkb`
    publisher.on(
      "/public/rest/data/OECD.GOV.GIP,DSD_GOV@DF_GOV_DGOGD_2025,1.0/all",
      ok(readFileSync(sdmxFile), "application/vnd.sdmx.data+csv; charset=utf-8", { "last-modified": lastModified })
    )
    publisher.on("/egovkb/api/EGOV_DATA_2022.csv", ok(readFileSync(unFile), "text/csv", { "last-modified": lastModified }))
  })
  afterAll(async () => {
    delete process.env.BRECHA_OECD_DX_URL
    delete process.env.BRECHA_UN_EGOV_URL
    await publisher.close()
  })

  it("OECD SDMX-CSV: lands the publisher's bytes, dates the vintage by Last-Modified, then asks conditionally", async () => {
    const db = tempDbPath("sdmx")
    const { item, outcome } = await retrieveAndLoad(db, oecdTest)
    expect(item.kind).toBe("landed")
    if (item.kind === "landed") expect(item.file.sha256).toBe(sha256(readFileSync(sdmxFile)))
    expect(outcome).toMatchObject({ outcome: "loaded", releasedAt: "2025-03-11" })
    const hit = publisher.hits.at(-1)!
    expect(hit.url.searchParams.get("format")).toBe("csvfilewithlabels")
    expect(hit.headers.accept).toMatch(/^application\/vnd\.sdmx\.data\+csv/)
    // MEX DG 0.54 and OUR 0.27 (PROVENANCE §6.2).
    expect(
      await query(db, "SELECT indicator_id, value FROM observations WHERE country_iso3 = 'MEX' AND indicator_id IN ('OECD.DX.DG', 'OECD.DX.OUR') ORDER BY 1")
    ).toEqual([
      { indicator_id: "OECD.DX.DG", value: 0.54 },
      { indicator_id: "OECD.DX.OUR", value: 0.27 }
    ])
    const again = await retrieveAndLoad(db, oecdTest)
    expect(again.item.kind).toBe("not-modified")
    expect(publisher.hits.at(-1)!.headers["if-none-match"]).toMatch(/^"/)
    expect(publisher.hits.at(-1)!.headers["if-modified-since"]).toBe(lastModified)
  })

  it("UN E-Government CSV: UN country names (with trailing spaces) resolve to ISO3", async () => {
    const db = tempDbPath("un")
    const { outcome } = await retrieveAndLoad(db, unTest)
    expect(outcome).toMatchObject({ outcome: "loaded", format: "un-egov-csv", releasedAt: "2022-01-01" })
    expect(await query(db, "SELECT value FROM observations WHERE country_iso3 = 'MEX' AND indicator_id = 'UN.EGDI'")).toEqual([{ value: 0.7473 }])
  })
})
