// A fake publisher on 127.0.0.1 (node:http) for live-retrieval tests. Each path gets a
// list of responders used in turn (the last one repeats), so a test can say "a 500, then
// the data". Bodies are built from the real files in ../shared/data/raw: World Bank API v2
// pages from the WDI files, Data360 API pages from the Data360 Parquet extracts, and the
// OECD SDMX-CSV and UN CSV files as they are.
import { DuckDBInstance } from "@duckdb/node-api"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo, Socket } from "node:net"
import { createHash } from "node:crypto"

export interface Hit {
  readonly path: string
  readonly url: URL
  readonly headers: IncomingMessage["headers"]
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
    hits.push({ path: url.pathname, url, headers: req.headers })
    const route = routes.get(url.pathname)
    if (!route) {
      res.writeHead(404, { "content-type": "text/plain" }).end(`no such path ${url.pathname}`)
      return
    }
    const responder = route.responders[Math.min(route.next, route.responders.length - 1)]
    route.next++
    responder(req, res, url)
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
export const ok = (body: string | Uint8Array | ((url: URL) => string), contentType = "application/json", extraHeaders: Record<string, string> = {}): Responder =>
  (req, res, url) => {
    const text = typeof body === "function" ? body(url) : body
    const etag = etagOf(text)
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, { etag }).end()
      return
    }
    res.writeHead(200, { "content-type": contentType, etag, ...extraHeaders }).end(text)
  }

export const status = (code: number, body = "", headers: Record<string, string> = {}): Responder => (_req, res) => {
  res.writeHead(code, { "content-type": "text/plain", ...headers }).end(body)
}

/** Sends part of the body with a Content-Length promising all of it, then drops the connection. */
export const truncated = (body: string, keep = 0.5): Responder => (_req, res) => {
  const bytes = Buffer.from(body)
  res.writeHead(200, { "content-type": "application/json", "content-length": String(bytes.length) })
  res.write(bytes.subarray(0, Math.floor(bytes.length * keep)), () => res.socket?.destroy())
}

/** Never answers (until the server closes). */
export const hang: Responder = () => {}

export const htmlErrorPage: Responder = (_req, res) => {
  res.writeHead(200, { "content-type": "text/html; charset=utf-8" })
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
    return reader.getRowObjectsJS().map((r) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])) as T)
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
export const wbApi = (rows: ReadonlyArray<WbRow>, lastupdated: string): ((url: URL) => string) => (url) => {
  const perPage = Number(url.searchParams.get("per_page") ?? 50)
  const page = Number(url.searchParams.get("page") ?? 1)
  const pages = Math.max(1, Math.ceil(rows.length / perPage))
  const slice = rows.slice((page - 1) * perPage, page * perPage)
  return JSON.stringify([
    { page, pages, per_page: perPage, total: rows.length, sourceid: "2", lastupdated },
    slice.map(apiRow)
  ])
}

/** Rows of a Data360 Parquet extract, every column as text (as the API sends them). */
export const data360Rows = (path: string) =>
  duck<Record<string, string | null>>(
    `SELECT COLUMNS(*)::VARCHAR FROM read_parquet(${lit(path)})`
  )

/** The Data360 API answer `{count, value}` for `rows`, paged by skip / top. */
export const data360Api = (rows: ReadonlyArray<Record<string, unknown>>): ((url: URL) => string) => (url) => {
  const skip = Number(url.searchParams.get("skip") ?? 0)
  const top = Number(url.searchParams.get("top") ?? 1000)
  return JSON.stringify({ count: rows.length, value: rows.slice(skip, skip + top) })
}
