// Every source that declares a live publisher, retrieved by the real `brecha refresh` CLI from
// loopback publishers (one fake server, one route per API) serving the real values of
// ../shared/data/raw and the recorded answers: every source is loaded and the run exits 0.
import { readdirSync, readFileSync } from "node:fs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { sourceUrlVariable } from "../../pipelines/environment.ts"
import { data360 } from "../../pipelines/sources/data360.ts"
import { governance } from "../../pipelines/sources/governance.ts"
import { odinEditions } from "../../pipelines/sources/odin.ts"
import { sources } from "../../pipelines/sources/registry.ts"
import { spiApiCodes } from "../../pipelines/sources/spi.ts"
import { unEgov } from "../../pipelines/sources/un_egov.ts"
import { uisIndicators } from "../../pipelines/sources/unesco_uis.ts"
import { wdiIndicators } from "../../pipelines/sources/wdi.ts"
import { runCli } from "../support/cli.ts"
import {
  data360Api,
  data360Rows,
  ilostatSdmxFromDdf,
  odinRanking,
  ok,
  sdgApi,
  sdgRecordsFromDdf,
  startPublisher,
  uisApiFromCsv,
  wbApi,
  wbRowsFromSpi,
  wdiRowsFromRaw,
  type Publisher,
  type SdgRecord,
  type WbRow
} from "../support/publisher.ts"
import { hasRaw, raw, rawDir } from "../support/raw.ts"
import { query, tempDbPath } from "../support/warehouse.ts"

const live = sources.filter((s) => s.live).map((s) => s.id)

describe.skipIf(!hasRaw)("refresh with a loopback publisher for every live source", () => {
  let publisher: Publisher
  const routes: Array<string> = []
  const env: Record<string, string> = { BRECHA_HTTP_ATTEMPTS: "2", BRECHA_HTTP_BASE_DELAY_MS: "1", BRECHA_HTTP_MAX_DELAY_MS: "5" }

  beforeAll(async () => {
    const server = await startPublisher()
    publisher = {
      ...server,
      on: (path, ...responders) => {
        routes.push(path)
        return server.on(path, ...responders)
      }
    }
    const base = publisher.url
    // World Bank Indicators API v2: wdi and spi.
    const wb: Record<string, Array<WbRow>> = { ...(await wdiRowsFromRaw(rawDir)) }
    for (const row of await wbRowsFromSpi(raw("wb-spi", "SPI_index.csv"), spiApiCodes)) {
      wb[row.indicator] ??= []
      wb[row.indicator].push(row)
    }
    for (const code of [...wdiIndicators, ...Object.keys(spiApiCodes)]) publisher.on(`/v2/country/all/indicator/${code}`, ok(wbApi(wb[code], "2025-07-01")))
    // Data360: data360, un_egov, governance (their Parquet extracts) and gtmi (the recorded answer).
    const parquet = [...data360.mirror, ...unEgov.mirror, ...governance.mirror].filter((m) => m.endsWith(".parquet"))
    const d360: Array<Record<string, unknown>> = []
    for (const file of parquet) d360.push(...(await data360Rows(raw(file))))
    const gtmi = JSON.parse(readFileSync(raw("api-samples", "wb-data360", "togo-opendata-audit__gtmi_tgo.json"), "utf8")) as {
      value: Array<Record<string, unknown>>
    }
    d360.push(...gtmi.value)
    publisher.on(
      "/data360/data",
      ok((url) =>
        data360Api(
          d360.filter(
            (r) =>
              r.INDICATOR === url.searchParams.get("INDICATOR") &&
              (r.DATABASE_ID === undefined || r.DATABASE_ID === null || r.DATABASE_ID === url.searchParams.get("DATABASE_ID"))
          )
        )(url)
      )
    )
    // OECD Data Explorer SDMX-CSV (oecd_dx): the Data Explorer download as it is.
    publisher.on(
      "/public/rest/data/OECD.GOV.GIP,DSD_GOV@DF_GOV_DGOGD_2025,1.0/all",
      ok(readFileSync(raw("oecd-dgogd", "oecd_dgi_full.csv")), "application/vnd.sdmx.data+csv; charset=utf-8")
    )
    // UN SDG API v1.
    const sdg: Record<string, Array<SdgRecord>> = {
      SE_ADT_ACTS: await sdgRecordsFromDdf(
        raw("un-sdg", "ddf--datapoints--se_adt_acts--by--age--geo_area--location--nature--sex--type_of_skill--units--year.csv"),
        "SE_ADT_ACTS",
        "ICT skills"
      ),
      IT_NET_BBND: await sdgRecordsFromDdf(
        raw("un-sdg", "ddf--datapoints--it_net_bbnd--by--age--freq--geo_area--location--nature--sex--type_of_speed--units--year.csv"),
        "IT_NET_BBND",
        "Fixed broadband by speed"
      )
    }
    publisher.on(
      "/SDGAPI/v1/sdg/Series/Data",
      ok((url) => sdgApi(sdg[url.searchParams.get("seriesCode") ?? ""] ?? [])(url))
    )
    // UIS data API.
    const uis: Record<string, string> = {}
    for (const [indicator, file] of [
      [uisIndicators[0], "data_ICT_f.csv"],
      [uisIndicators[1], "data_ICT_m.csv"]
    ] as const)
      uis[indicator] = await uisApiFromCsv(raw("unesco-uis", file))
    publisher.on(
      "/api/public/data/indicators",
      ok((url) => uis[url.searchParams.get("indicator") ?? ""] ?? '{"hints":[],"records":[],"indicatorMetadata":[]}')
    )
    // ILOSTAT SDMX.
    const ilo = readdirSync(raw("ilostat"))
      .filter((f) => f.startsWith("ddf--datapoints--"))
      .map((f) => raw("ilostat", f))
    const iloCsv = await ilostatSdmxFromDdf(ilo)
    publisher.on("/rest/data/ILO,DF_EMP_TEMP_SEX_OC2_NB,1.0/.A..SEX_T.", ok(iloCsv, "application/vnd.sdmx.data+csv"))
    // ODIN GetRanking (POST).
    const ranking = odinRanking([
      { iso3: "MEX", name: "Mexico", coverage: 62, openness: 82.7, overall: 73.1 },
      { iso3: "TGO", name: "Togo", coverage: 55, openness: 54, overall: 55 }
    ])
    for (const { useId } of odinEditions) publisher.on(`/api/api/client/GetRanking/${useId}`, ok(ranking))

    const bases: Record<string, string> = {
      wdi: `${base}/v2`,
      spi: `${base}/v2`,
      data360: base,
      un_egov: base,
      governance: base,
      gtmi: base,
      oecd_dx: `${base}/public/rest`,
      un_sdg: `${base}/SDGAPI`,
      unesco_uis: `${base}/api/public`,
      ilostat: `${base}/rest`,
      odin: `${base}/api/api`
    }
    for (const id of live) {
      if (!bases[id]) throw new Error(`no loopback publisher for the live source ${id}`)
      env[sourceUrlVariable(id).name] = bases[id]
    }
  }, 300_000)
  afterAll(async () => {
    await publisher.close()
  })

  it("`brecha refresh` loads every live source, records every final one as final, and exits 0", async () => {
    expect(live).toEqual(["wdi", "data360", "un_egov", "odin", "oecd_dx", "spi", "gtmi", "un_sdg", "unesco_uis", "ilostat", "governance"])
    const db = tempDbPath("all-live")
    const result = await runCli(["refresh", "--db", db], env)
    expect(result.stderr).not.toMatch(/failed|quarantined/)
    expect(result.code).toBe(0)
    const outcomes = await query<{ source_id: string; outcome: string }>(db, "SELECT source_id, outcome FROM run_source_log ORDER BY source_id")
    // The user's own folder (none here) has nothing new: unchanged.
    const expected = sources.map((s) => ({ source_id: s.id, outcome: live.includes(s.id) ? "loaded" : s.localFolder ? "unchanged" : "final" }))
    expect(outcomes).toEqual(expected.sort((a, b) => a.source_id.localeCompare(b.source_id)))
    // Every API route of the loopback publisher was asked.
    const asked = new Set(publisher.hits.map((h) => h.path))
    expect(routes.filter((r) => !asked.has(r))).toEqual([])
  }, 600_000)
})
