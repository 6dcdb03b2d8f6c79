// Page data: Arrow IPC against today's gzipped JSON, for the heaviest indicator page of the
// warehouse loaded from the real mirror. The Arrow variant carries the bulky parts as typed
// tables (series: country, year, value, flag; status: one row per country; revisions) and the
// rest as a small JSON document. Prints, for each: bytes raw and gzipped, and the time from the gzipped
// bytes to the data the first chart draws (gunzip + decode + the series per country), decoded
// in Node (not a browser: no network and no rendering, which are the same for both), each
// alone and through fetch() from a loopback HTTP server; last, one JSON line.
// Knobs: BENCH_DB (a loaded warehouse; else the real mirror is loaded), BENCH_RUNS.
import { tableFromIPC } from "apache-arrow"
import { Effect, Layer } from "effect"
import { spawnSync } from "node:child_process"
import { existsSync, mkdirSync, rmSync } from "node:fs"
import { createServer } from "node:http"
import { join, resolve } from "node:path"
import { gunzipSync, gzipSync } from "node:zlib"
import type { IndicatorData, Point } from "../src/contract/types.ts"
import { rowsToArrow } from "../pipelines/export/arrow.ts"
import { extractWarehouse } from "../pipelines/export/extract.ts"
import { buildIndicator, indexObservations } from "../pipelines/export/pages.ts"
import { Warehouse } from "../pipelines/warehouse/Warehouse.ts"

const root = resolve(import.meta.dirname, "..")
const runs = Number(process.env.BENCH_RUNS ?? 41)
const mirror = resolve(process.env.BRECHA_MIRROR ?? join(root, "..", "shared", "data", "raw"))

const warehouse = () => {
  if (process.env.BENCH_DB) return resolve(process.env.BENCH_DB)
  const db = join(root, ".bench", "page-data", "warehouse.duckdb")
  mkdirSync(join(db, ".."), { recursive: true })
  for (const f of [db, `${db}.wal`]) rmSync(f, { force: true })
  if (!existsSync(mirror)) throw new Error(`no mirror at ${mirror} (set BRECHA_MIRROR or BENCH_DB)`)
  process.stderr.write(`loading the real mirror into ${db} …\n`)
  const r = spawnSync(
    process.execPath,
    ["--disable-warning=ExperimentalWarning", join(root, "pipelines", "cli", "main.ts"), "refresh", "--mirror", mirror, "--db", db],
    { encoding: "utf8" }
  )
  if (r.status !== 0) throw new Error(r.stderr)
  return db
}

const median = (xs: Array<number>) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const time = (f: () => unknown) => {
  f() // warm-up
  return median(
    Array.from({ length: runs }, () => {
      const t0 = performance.now()
      f()
      return performance.now() - t0
    })
  )
}

/** The Arrow form of an indicator page: series, status and revisions as tables, the rest as JSON. */
const toArrow = (data: IndicatorData) => {
  const series = Object.entries(data.series).flatMap(([country_iso3, points]) => points.map(([year, value, flag]) => ({ country_iso3, year, value, flag })))
  const seriesIpc = rowsToArrow(
    series,
    [
      { name: "country_iso3", type: "VARCHAR" },
      { name: "year", type: "SMALLINT" },
      { name: "value", type: "DOUBLE" },
      { name: "flag", type: "VARCHAR" }
    ],
    ["country_iso3", "flag"]
  )
  const statusRows = Object.entries(data.status ?? {}).map(([country_iso3, s]) => ({ country_iso3, ...s }))
  const statusColumns =
    statusRows.length === 0
      ? []
      : Object.keys(statusRows[0]).map((name) => {
          const sample = statusRows.find((r) => (r as Record<string, unknown>)[name] !== null) as Record<string, unknown> | undefined
          const v = sample?.[name]
          return {
            name,
            type: typeof v === "number" ? (Number.isInteger(v) && /year/.test(name) ? "SMALLINT" : "DOUBLE") : typeof v === "boolean" ? "BOOLEAN" : "VARCHAR"
          }
        })
  const statusIpc = rowsToArrow(statusRows, statusColumns, "auto")
  const revisions = Object.entries(data.revisions).flatMap(([country_iso3, rows]) => rows.map((r) => ({ country_iso3, ...r })))
  const revisionsIpc = rowsToArrow(
    revisions,
    [
      { name: "country_iso3", type: "VARCHAR" },
      { name: "year", type: "SMALLINT" },
      { name: "old_value", type: "DOUBLE" },
      { name: "new_value", type: "DOUBLE" },
      { name: "old_vintage", type: "INTEGER" },
      { name: "new_vintage", type: "INTEGER" }
    ],
    ["country_iso3"]
  )
  const rest = JSON.stringify({ ...data, series: undefined, status: undefined, revisions: undefined })
  return { seriesIpc, statusIpc, revisionsIpc, rest }
}

/** What the first chart needs: points per country, from the Arrow series table. */
const seriesFromArrow = (ipc: Uint8Array) => {
  const table = tableFromIPC(ipc)
  const country = table.getChild("country_iso3")!
  const year = table.getChild("year")!
  const value = table.getChild("value")!
  const flag = table.getChild("flag")!
  const out: Record<string, Array<Point>> = {}
  for (let i = 0; i < table.numRows; i++) {
    const c = country.get(i) as string
    out[c] ??= []
    out[c].push([year.get(i) as number, value.get(i) as number, (flag.get(i) as string | null) ?? null] as unknown as Point)
  }
  return out
}

const main = async () => {
  const db = warehouse()
  const { pages } = await Effect.runPromise(
    Effect.gen(function* () {
      const wh = yield* Warehouse
      const extract = yield* extractWarehouse(wh)
      const index = indexObservations(extract.observations)
      return { pages: extract.indicators.map((i) => buildIndicator(extract, i, index)) }
    }).pipe(Effect.provide(Layer.fresh(Warehouse.layer({ path: db, readOnly: true }))))
  )
  const sized = pages.map((p) => ({ data: p, json: JSON.stringify(p) })).sort((a, b) => b.json.length - a.json.length)
  const heaviest = sized[0]
  const jsonGz = gzipSync(heaviest.json, { level: 9 })
  const arrow = toArrow(heaviest.data)
  const seriesGz = gzipSync(arrow.seriesIpc, { level: 9 })
  const statusGz = gzipSync(arrow.statusIpc, { level: 9 })
  const revisionsGz = gzipSync(arrow.revisionsIpc, { level: 9 })
  const restGz = gzipSync(arrow.rest, { level: 9 })
  const arrowRaw = arrow.seriesIpc.length + arrow.statusIpc.length + arrow.revisionsIpc.length + arrow.rest.length
  const arrowGz = seriesGz.length + statusGz.length + revisionsGz.length + restGz.length
  const points = Object.values(heaviest.data.series).reduce((n, s) => n + s.length, 0)

  // Decoding: from the gzipped bytes to the series per country (and the rest parsed).
  const jsonDecode = () => (JSON.parse(gunzipSync(jsonGz).toString("utf8")) as IndicatorData).series
  const arrowDecode = () => {
    const s = seriesFromArrow(gunzipSync(seriesGz))
    tableFromIPC(gunzipSync(statusGz))
    tableFromIPC(gunzipSync(revisionsGz))
    JSON.parse(gunzipSync(restGz).toString("utf8"))
    return s
  }
  // Same data either way.
  const a = jsonDecode()
  const b = arrowDecode()
  for (const [c, pts] of Object.entries(a)) {
    if (JSON.stringify(pts) !== JSON.stringify(b[c])) throw new Error(`series of ${c} differ between JSON and Arrow`)
  }
  const jsonMs = time(jsonDecode)
  const arrowMs = time(arrowDecode)

  // Through fetch() from a loopback server (Content-Encoding: gzip), as a page would load it.
  const files: Record<string, Buffer> = {
    "/page.json": jsonGz,
    "/series.arrow": seriesGz,
    "/status.arrow": statusGz,
    "/revisions.arrow": revisionsGz,
    "/rest.json": restGz
  }
  const server = createServer((req, res) => {
    const body = files[req.url ?? ""]
    if (!body) return res.writeHead(404).end()
    res.writeHead(200, { "content-encoding": "gzip", "content-length": body.length }).end(body)
  })
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()))
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  const fetchTimes = async (f: () => Promise<unknown>) => {
    await f()
    const xs: Array<number> = []
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now()
      await f()
      xs.push(performance.now() - t0)
    }
    return median(xs)
  }
  const jsonFetchMs = await fetchTimes(async () => ((await (await fetch(`${base}/page.json`)).json()) as IndicatorData).series)
  const arrowFetchMs = await fetchTimes(async () => {
    const [s, st, rv, r] = await Promise.all(["/series.arrow", "/status.arrow", "/revisions.arrow", "/rest.json"].map((p) => fetch(base + p)))
    const series = seriesFromArrow(new Uint8Array(await s.arrayBuffer()))
    tableFromIPC(new Uint8Array(await st.arrayBuffer()))
    tableFromIPC(new Uint8Array(await rv.arrayBuffer()))
    await r.json()
    return series
  })
  server.close()

  process.stderr.write(
    `heaviest indicator page: ${heaviest.data.id} (${Object.keys(heaviest.data.series).length} countries, ${points.toLocaleString("en-US")} points; ` +
      `${pages.length} indicator pages)\n` +
      `  JSON:  ${heaviest.json.length.toLocaleString("en-US")} bytes, gzipped ${jsonGz.length.toLocaleString("en-US")}; ` +
      `decode ${jsonMs.toFixed(2)} ms; fetch+decode ${jsonFetchMs.toFixed(2)} ms\n` +
      `  Arrow: ${arrowRaw.toLocaleString("en-US")} bytes, gzipped ${arrowGz.toLocaleString("en-US")} ` +
      `(series ${seriesGz.length.toLocaleString("en-US")}, status ${statusGz.length.toLocaleString("en-US")}, ` +
      `revisions ${revisionsGz.length.toLocaleString("en-US")}, rest as JSON ${restGz.length.toLocaleString("en-US")}); ` +
      `decode ${arrowMs.toFixed(2)} ms; fetch+decode ${arrowFetchMs.toFixed(2)} ms\n` +
      `  (median of ${runs} runs, Node ${process.version})\n` +
      `  the JSON page's parts, gzipped: ${Object.entries(heaviest.data)
        .map(([k, v]) => `${k} ${gzipSync(JSON.stringify(v) ?? "").length.toLocaleString("en-US")}`)
        .join(", ")}\n`
  )
  const round = (n: number) => Math.round(n * 100) / 100
  console.log(
    JSON.stringify({
      page: heaviest.data.id,
      points,
      json_bytes: heaviest.json.length,
      json_gzip_bytes: jsonGz.length,
      arrow_bytes: arrowRaw,
      arrow_gzip_bytes: arrowGz,
      json_decode_ms: round(jsonMs),
      arrow_decode_ms: round(arrowMs),
      json_fetch_decode_ms: round(jsonFetchMs),
      arrow_fetch_decode_ms: round(arrowFetchMs)
    })
  )
}

await main()
