// A fake publisher on 127.0.0.1 (node:http) for live-retrieval tests. Each path gets a
// list of responders used in turn (the last one repeats), so a test can say "a 500, then
// the data". Bodies are built from the real files in ../shared/data/raw: World Bank API v2
// pages from the WDI and SPI files, Data360 API pages from the Data360 Parquet extracts (and
// the recorded GTMI answer), UN SDG API v1 pages from the SDG DDF files, UIS data API answers
// from the UIS CSVs, ILOSTAT SDMX-CSV from the ILOSTAT DDF files, and the OECD SDMX-CSV and
// UN CSV files as they are. Layouts follow ../shared/data/raw/api-samples/README.md.
import { DuckDBInstance } from "@duckdb/node-api"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo, Socket } from "node:net"
import { createHash } from "node:crypto"
import { readFileSync } from "node:fs"

export interface Hit {
  readonly path: string
  readonly url: URL
  readonly headers: IncomingMessage["headers"]
  readonly method: string
  /** The request body as text ("" for a GET). */
  readonly body: string
}

export type Responder = (req: IncomingMessage, res: ServerResponse, url: URL) => void

export interface Publisher {
  readonly url: string
  /** Responders for a path (without query), used in turn; the last one repeats. */
  readonly on: (path: string, ...responders: Array<Responder>) => void
  readonly hits: Array<Hit>
  readonly hitsOf: (path: string) => Array<Hit>
  readonly close: () => Promise<void>
}

export const startPublisher = async (): Promise<Publisher> => {
  const routes = new Map<string, { responders: Array<Responder>; next: number }>()
  const hits: Array<Hit> = []
  const sockets = new Set<Socket>()
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1")
    const chunks: Array<Buffer> = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => {
      hits.push({ path: url.pathname, url, headers: req.headers, method: req.method ?? "GET", body: Buffer.concat(chunks).toString("utf8") })
      const route = routes.get(url.pathname)
      if (!route) {
        res.writeHead(404, { "content-type": "text/plain" }).end(`no such path ${url.pathname}`)
        return
      }
      const responder = route.responders[Math.min(route.next, route.responders.length - 1)]
      route.next++
      responder(req, res, url)
    })
  })
  server.on("connection", (s) => {
    sockets.add(s)
    s.on("close", () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    on: (path, ...responders) => routes.set(path, { responders, next: 0 }),
    hits,
    hitsOf: (path) => hits.filter((h) => h.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }
}

// ---- responders ----

export const etagOf = (body: string | Uint8Array): string => `"${createHash("sha1").update(body).digest("hex").slice(0, 16)}"`

/** 200 with the body; answers 304 when the client sends back this body's ETag. */
export const ok =
  (body: string | Uint8Array | ((url: URL) => string), contentType = "application/json", extraHeaders: Record<string, string> = {}): Responder =>
  (req, res, url) => {
    const text = typeof body === "function" ? body(url) : body
    const etag = etagOf(text)
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, { etag }).end()
      return
    }
    res.writeHead(200, { "content-type": contentType, etag, ...extraHeaders }).end(text)
  }

export const status =
  (code: number, body = "", headers: Record<string, string> = {}): Responder =>
  (_req, res) => {
    res.writeHead(code, { "content-type": "text/plain", ...headers }).end(body)
  }

/** Sends part of the body with a Content-Length promising all of it, then drops the connection. */
export const truncated =
  (body: string, keep = 0.5): Responder =>
  (_req, res) => {
    const bytes = Buffer.from(body)
    res.writeHead(200, { "content-type": "application/json", "content-length": String(bytes.length) })
    res.write(bytes.subarray(0, Math.floor(bytes.length * keep)), () => res.socket?.destroy())
  }

/** Never answers (until the server closes). */
export const hang: Responder = () => {}

export const htmlErrorPage: Responder = (_req, res) => {
  res
    .writeHead(200, { "content-type": "text/html; charset=utf-8" })
    .end("<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><h1>The site is under maintenance</h1></body></html>")
}

// ---- bodies from the real files ----

export interface WbRow {
  readonly indicator: string
  readonly indicatorName: string
  readonly iso3: string
  readonly name: string
  readonly year: number
  readonly value: number | null
}

const duck = async <T>(sql: string): Promise<Array<T>> => {
  const instance = await DuckDBInstance.create(":memory:")
  const conn = await instance.connect()
  try {
    const reader = await conn.runAndReadAll(sql)
    return reader.getRowObjectsJS().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])) as T)
  } finally {
    conn.closeSync()
    instance.closeSync()
  }
}

const lit = (text: string) => `'${text.replaceAll("'", "''")}'`

/** Rows of a WDI long file (Country Name,Country Code,Year,Value) as API rows. */
export const wbRowsFromLong = (path: string, indicator: string, indicatorName: string) =>
  duck<{ name: string; iso3: string; year: number; value: number }>(
    `SELECT "Country Name" AS name, "Country Code" AS iso3, CAST("Year" AS INTEGER) AS year, CAST("Value" AS DOUBLE) AS value
     FROM read_csv(${lit(path)}, header = true, all_varchar = true) ORDER BY iso3, year DESC`
  ).then((rows) => rows.map((r): WbRow => ({ indicator, indicatorName, ...r })))

/** Rows of a WDI bulk wide file (4-line preamble, one column per year) as API rows. */
export const wbRowsFromBulk = (path: string) =>
  duck<WbRow>(
    `SELECT "Indicator Code" AS indicator, "Indicator Name" AS indicatorName, "Country Name" AS name, "Country Code" AS iso3,
            CAST(year AS INTEGER) AS year, TRY_CAST(value AS DOUBLE) AS value
     FROM (UNPIVOT (SELECT * FROM read_csv(${lit(path)}, skip = 4, header = true, all_varchar = true))
           ON COLUMNS('^\\d{4}$') INTO NAME year VALUE value)
     WHERE value IS NOT NULL AND value <> ''
     ORDER BY iso3, year DESC`
  )

const apiRow = (r: WbRow) => ({
  indicator: { id: r.indicator, value: r.indicatorName },
  country: { id: r.iso3.slice(0, 2), value: r.name },
  countryiso3code: r.iso3,
  date: String(r.year),
  value: r.value,
  unit: "",
  obs_status: "",
  decimal: 1
})

/** The World Bank API v2 answer for `rows`, paged by the request's per_page / page. */
export const wbApi =
  (rows: ReadonlyArray<WbRow>, lastupdated: string): ((url: URL) => string) =>
  (url) => {
    const perPage = Number(url.searchParams.get("per_page") ?? 50)
    const page = Number(url.searchParams.get("page") ?? 1)
    const pages = Math.max(1, Math.ceil(rows.length / perPage))
    const slice = rows.slice((page - 1) * perPage, page * perPage)
    return JSON.stringify([{ page, pages, per_page: perPage, total: rows.length, sourceid: "2", lastupdated }, slice.map(apiRow)])
  }

/** Rows of a Data360 Parquet extract, every column as text (as the API sends them). */
export const data360Rows = (path: string) => duck<Record<string, string | null>>(`SELECT COLUMNS(*)::VARCHAR FROM read_parquet(${lit(path)})`)

/** The Data360 API answer `{count, value}` for `rows`, paged by skip / top. */
export const data360Api =
  (rows: ReadonlyArray<Record<string, unknown>>): ((url: URL) => string) =>
  (url) => {
    const skip = Number(url.searchParams.get("skip") ?? 0)
    const top = Number(url.searchParams.get("top") ?? 1000)
    return JSON.stringify({ count: rows.length, value: rows.slice(skip, skip + top) })
  }

/** A responder that answers 429 (or another status) with a Retry-After header. */
export const retryAfter =
  (seconds: number, code = 429): Responder =>
  (_req, res) => {
    res.writeHead(code, { "content-type": "text/plain", "retry-after": String(seconds) }).end("Too Many Requests")
  }

/** Rows of the SPI wide file (SPI_index.csv) as World Bank API rows of IQ.SPI.OVRL / IQ.SPI.PILn. */
export const wbRowsFromSpi = (path: string, columns: Readonly<Record<string, string>>) =>
  duck<WbRow>(
    `SELECT CASE column_name ${Object.entries(columns)
      .map(([api, col]) => `WHEN ${lit(col)} THEN ${lit(api)}`)
      .join(" ")} END AS indicator,
            'Statistical performance indicators (SPI): ' || column_name AS indicatorName, country AS name, iso3c AS iso3,
            CAST(date AS INTEGER) AS year,
            -- The API sends null where the file writes NA or the -99 sentinel.
            CASE WHEN upper(v) = 'NA' OR TRY_CAST(v AS DOUBLE) = -99 THEN NULL ELSE TRY_CAST(v AS DOUBLE) END AS value
     FROM (UNPIVOT (SELECT country, iso3c, date, ${Object.values(columns)
       .map((c) => `"${c}"`)
       .join(", ")}
                    FROM read_csv(${lit(path)}, header = true, all_varchar = true))
           ON ${Object.values(columns)
             .map((c) => `"${c}"`)
             .join(", ")} INTO NAME column_name VALUE v)
     ORDER BY indicator, iso3, year DESC`
  )

// ---- UN SDG API v1 (unstats.un.org/SDGAPI/v1/sdg/Series/Data) ----

export type SdgRecord = Record<string, unknown>

const sdgDimension = (name: string, code: string) =>
  // The DDF writes the API's codes in lower case, with "_" for "-" in age ranges.
  name === "Age" ? code.toUpperCase().replace(/^(\d+)_(\d+)$/, "$1-$2") : code.toUpperCase()

/**
 * Records of the SDG API for one series, from the open-numbers DDF file of the same series:
 * the value as text, the area as an unpadded M49 text, the year as a float, Nature and Units
 * as attributes, and only the dimensions the record has (the DDF's "notspec" is no dimension).
 * The key order inside `dimensions` varies between records, as the API's does.
 */
export const sdgRecordsFromDdf = async (path: string, series: string, description: string): Promise<Array<SdgRecord>> => {
  const rows = await duck<Record<string, string | null>>(`SELECT * FROM read_csv(${lit(path)}, header = true, all_varchar = true)`)
  const dimensionNames: Record<string, string> = {
    age: "Age",
    sex: "Sex",
    location: "Location",
    freq: "Freq",
    type_of_skill: "Type of skill",
    type_of_speed: "Type of speed"
  }
  const value = series.toLowerCase()
  return rows.map((r, i) => {
    const dims: Array<[string, string]> = []
    for (const [col, name] of Object.entries(dimensionNames)) {
      const code = r[col]
      if (code !== undefined && code !== null && code !== "" && code !== "notspec") dims.push([name, sdgDimension(name, code)])
    }
    if (i % 2 === 1) dims.reverse()
    return {
      goal: [series === "SE_ADT_ACTS" ? "4" : "17"],
      target: [series === "SE_ADT_ACTS" ? "4.4" : "17.6"],
      indicator: [series === "SE_ADT_ACTS" ? "4.4.1" : "17.6.1"],
      series,
      seriesDescription: description,
      seriesCount: String(rows.length),
      geoAreaCode: String(Number(r.geo_area)),
      geoAreaName: "",
      timePeriodStart: Number(r.year),
      value: r[value],
      valueType: "Float",
      time_detail: null,
      timeCoverage: null,
      upperBound: null,
      lowerBound: null,
      basePeriod: null,
      source: "",
      geoInfoUrl: null,
      footnotes: [],
      attributes: { Nature: (r.nature ?? "").toUpperCase(), Units: (r.units ?? "").toUpperCase() },
      dimensions: Object.fromEntries(dims)
    }
  })
}

/** The SDG API answer for `records`, paged by the request's page / pageSize (pages from 1). */
export const sdgApi =
  (records: ReadonlyArray<SdgRecord>): ((url: URL) => string) =>
  (url) => {
    const size = Number(url.searchParams.get("pageSize") ?? 25)
    const page = Number(url.searchParams.get("page") ?? 1)
    return JSON.stringify({
      size,
      totalElements: records.length,
      totalPages: Math.max(1, Math.ceil(records.length / size)),
      pageNumber: page,
      attributes: [{ id: "Nature", codes: [{ code: "C", description: "Country data", sdmx: "C" }] }],
      dimensions: [{ id: "Sex", codes: [{ code: "BOTHSEX", description: "Both sexes", sdmx: "_T" }] }],
      data: records.slice((page - 1) * size, page * size)
    })
  }

// ---- UIS data API (api.uis.unesco.org/api/public/data/indicators) ----

/** The UIS API answer for the records of a UIS CSV (year an integer, value a number, empty codes null). */
export const uisApiFromCsv = async (path: string): Promise<string> => {
  const rows = await duck<Record<string, string | null>>(`SELECT * FROM read_csv(${lit(path)}, header = true, all_varchar = true)`)
  return JSON.stringify({
    hints: [],
    records: rows.map((r) => ({
      indicatorId: r.indicatorId,
      geoUnit: r.geoUnit,
      year: Number(r.year),
      value: r.value === null || r.value === "" ? null : Number(r.value),
      magnitude: r.magnitude || null,
      qualifier: r.qualifier || null
    })),
    indicatorMetadata: []
  })
}

// ---- ILOSTAT SDMX REST (sdmx.ilo.org/rest/data/ILO,DF_EMP_TEMP_SEX_OC2_NB,1.0/...) ----

/** SDMX-CSV 1.0 as ILOSTAT's API writes it (CRLF, upper-case codes, UNIT_MULT 3), from DDF files, SEX_T only. */
export const ilostatSdmxFromDdf = async (paths: ReadonlyArray<string>): Promise<string> => {
  const rows = await duck<{ area: string; cls: string; year: string; value: string }>(
    `SELECT upper(ref_area) AS area, upper(classif1) AS cls, time AS year, emp_temp_sex_oc2_nb AS value
     FROM read_csv([${paths.map(lit).join(", ")}], header = true, all_varchar = true) WHERE sex = 'sex_t' ORDER BY area, cls, year`
  )
  const header =
    "DATAFLOW,REF_AREA,FREQ,MEASURE,SEX,OC2,TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MEASURE_TYPE,UNIT_MEASURE,UNIT_MULT,SOURCE,NOTE_SOURCE,NOTE_INDICATOR,NOTE_CLASSIF,DECIMALS,UPPER_BOUND,LOWER_BOUND"
  const lines = rows.map(
    (r) =>
      `ILO:DF_EMP_TEMP_SEX_OC2_NB(1.0),${r.area},A,EMP_TEMP_NB,SEX_T,${r.cls},${r.year},${r.value},,NB,PS,3,BA - Labour force survey,"Repository: ILO-STATISTICS - Micro data processing | Coverage: national",,,1,,`
  )
  return [header, ...lines].join("\r\n") + "\r\n"
}

// ---- ODIN (odin-aim.akroninc.net/api/api/client/GetRanking/{useId}, POST) ----

/** The GetRanking answer: one element per country with ODIN's subscores. */
export const odinRanking = (
  scores: ReadonlyArray<{ iso3: string; name: string; coverage: number | null; openness: number | null; overall: number | null }>
): string =>
  JSON.stringify(
    scores.map((s, i) => ({
      countryId: i + 1,
      countryCode: s.iso3,
      countryName: s.name,
      regionCode: "",
      regionName: "",
      regionId: 0,
      continentId: 0,
      continent: "",
      coverageSubscore: s.coverage,
      opennessSubscore: s.openness,
      rowTotalSubscore: s.overall,
      rank: i + 1
    }))
  )

// ---- the real files behind each World Bank API indicator of wdi ----

const wdiLongFolders: Readonly<Record<string, string>> = {
  "IT.NET.BBND.P2": "it.net.bbnd.p2",
  "IT.CEL.SETS.P2": "it.cel.sets.p2",
  "IT.NET.SECR.P6": "it.net.secr.p6",
  "SE.TER.ENRR": "se.ter.enrr"
}
const wdiBulkFiles: Readonly<Record<string, string>> = {
  "IT.NET.USER.ZS": "API_IT.NET.USER.ZS_DS2_en_csv_v2_4150946.csv",
  "SP.POP.TOTL": "API_SP.POP.TOTL_DS2_en_csv_v2_4218816.csv"
}

/** API rows of every WDI indicator brecha asks for live, from the WDI files under `rawDir`. */
export const wdiRowsFromRaw = async (rawDir: string): Promise<Record<string, Array<WbRow>>> => {
  const rows: Record<string, Array<WbRow>> = {}
  for (const [code, folder] of Object.entries(wdiLongFolders)) {
    const dir = `${rawDir}/wb-wdi/datasets-wdi/${folder}`
    const title = (JSON.parse(readFileSync(`${dir}/datapackage.json`, "utf8")) as { title?: string }).title ?? code
    rows[code] = await wbRowsFromLong(`${dir}/data.csv`, code, title)
  }
  for (const [code, file] of Object.entries(wdiBulkFiles)) rows[code] = await wbRowsFromBulk(`${rawDir}/wb-wdi/bulk-csv-original/${file}`)
  return rows
}
