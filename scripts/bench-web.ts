// npm run bench:web — builds the site from a warehouse, serves it on 127.0.0.1, loads each
// page cold (a fresh browser context per run, so no cache) in headless chromium, and prints
// the medians; the last line is one JSON object:
//   {"first_chart_ms":..,"initial_js_gzip_kb":..,"max_page_data_gzip_kb":..}
// first_chart_ms: navigation start to the first chart's SVG in the DOM (median over runs,
// then the slowest page). initial_js_gzip_kb: the scripts a page fetched before its first
// chart appeared (entry, page chunk, Plot…), gzipped; the largest page counts.
// max_page_data_gzip_kb: the page with the most data to fetch (gzipped JSON files it reads).
// Warehouse: --db FILE, $BRECHA_DB, or data/warehouse.duckdb; when none exists, one is loaded
// from the mirror ($BRECHA_MIRROR or ../shared/data/raw) into .bench/web.duckdb.
import { Effect, Layer } from "effect"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { gzipSync } from "node:zlib"
import { chromium } from "playwright-core"
import { buildSite } from "../pipelines/export/buildSite.ts"
import { serveSite } from "../pipelines/export/serveSite.ts"
import { refresh } from "../pipelines/refresh.ts"
import { Http } from "../pipelines/live/Http.ts"
import { Warehouse } from "../pipelines/warehouse/Warehouse.ts"
import { dataPaths } from "../src/site/paths.ts"
import type { SiteMeta } from "../src/site/types.ts"

const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const root = resolve(import.meta.dirname, "..")
const argDb = process.argv.indexOf("--db") >= 0 ? process.argv[process.argv.indexOf("--db") + 1] : undefined
let db = resolve(argDb ?? process.env.BRECHA_DB ?? join(root, "data", "warehouse.duckdb"))
if (!existsSync(db)) {
  db = join(root, ".bench", "web.duckdb")
  const mirror = resolve(process.env.BRECHA_MIRROR ?? join(root, "..", "shared", "data", "raw"))
  if (!existsSync(db)) {
    process.stderr.write(`bench:web: loading a warehouse from ${mirror} into ${db}…\n`)
    await Effect.runPromise(refresh({ mirror }).pipe(Effect.provide(Layer.mergeAll(Layer.fresh(Warehouse.layer({ path: db })), Http.layer({ maxAttempts: 1 })))))
  }
}
const outDir = join(root, ".bench", "site")
const t0 = performance.now()
await Effect.runPromise(buildSite({ dbPath: db, outDir }))
process.stderr.write(`bench:web: site built in ${Math.round(performance.now() - t0)} ms from ${db}\n`)

const gz = (path: string) => gzipSync(readFileSync(path)).length / 1024
const meta = JSON.parse(readFileSync(join(outDir, dataPaths.meta), "utf8")) as SiteMeta
const focus = meta.default_focus

// The indicator with the largest data file stands for the indicator page.
const indicatorFiles = readdirSync(join(outDir, "data", "indicator"))
const heaviest = meta.indicators.map((i) => i.id).sort((a, b) => gz(join(outDir, dataPaths.indicator(b))) - gz(join(outDir, dataPaths.indicator(a))))[0]
const rec = meta.recommendations.find((r) => meta.indicators.some((i) => i.tracks.includes(r.id)))?.id ?? meta.recommendations[0]?.id

/** The data files each page reads (as the pages' code does). */
const pages: Array<{ path: string; data: Array<string> }> = [
  { path: "index.html", data: [dataPaths.meta, dataPaths.overview(focus)] },
  { path: `indicator.html?id=${encodeURIComponent(heaviest)}`, data: [dataPaths.meta, dataPaths.indicator(heaviest)] },
  { path: "pillar.html?id=connectivity", data: [dataPaths.meta, dataPaths.overview(focus), dataPaths.benchmarks] },
  { path: `recommendation.html?id=${rec}`, data: [dataPaths.meta, dataPaths.recommendation(rec), dataPaths.overview(focus), dataPaths.benchmarks] },
  { path: "sources.html", data: [dataPaths.meta, dataPaths.sources] },
  { path: "changes.html", data: [dataPaths.meta, dataPaths.changes] }
]

/** Scripts fetched before the first chart appeared, as files of the built site. */
const scriptsBefore = (names: ReadonlyArray<string>): number =>
  [...new Set(names.map((n) => new URL(n).pathname.replace(/^\//, "")))].reduce((kb, f) => kb + gz(join(outDir, f)), 0)

const site = await Effect.runPromise(serveSite({ dir: outDir, port: 0 }))
const browser = await chromium.launch({
  executablePath: process.env.BRECHA_CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
})
const median = (xs: Array<number>) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const results: Array<{ page: string; first_chart_ms: number; js_kb: number; data_kb: number }> = []
try {
  for (const page of pages) {
    const times: Array<number> = []
    let scripts: Array<string> = []
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
      await context.route("**/*", (route) => (/^https?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(route.request().url()) ? route.continue() : route.abort()))
      // Records when the first chart (an SVG inside a chart box or a scorecard cell) appears.
      await context.addInitScript(() => {
        const w = window as unknown as { __firstChart?: number }
        new MutationObserver((_, observer) => {
          if (w.__firstChart === undefined && document.querySelector(".chart svg, td.spark svg, main section.source, main section.run")) {
            w.__firstChart = performance.now()
            observer.disconnect()
          }
        }).observe(document, { childList: true, subtree: true })
      })
      const tab = await context.newPage()
      await tab.goto(site.url + page.path, { waitUntil: "load" })
      await tab.waitForFunction(() => (window as unknown as { __firstChart?: number }).__firstChart !== undefined, null, { timeout: 30_000 })
      const seen = await tab.evaluate(() => {
        const at = (window as unknown as { __firstChart: number }).__firstChart
        const js = performance.getEntriesByType("resource").filter((e) => e.startTime <= at && e.name.endsWith(".js")).map((e) => e.name)
        return { at, js }
      })
      times.push(seen.at)
      scripts = seen.js
      await context.close()
    }
    results.push({
      page: page.path,
      first_chart_ms: Math.round(median(times)),
      js_kb: Math.round(scriptsBefore(scripts) * 10) / 10,
      data_kb: Math.round(page.data.reduce((kb, f) => kb + gz(join(outDir, f)), 0) * 10) / 10
    })
  }
} finally {
  await browser.close()
  await site.close()
}
for (const r of results) process.stdout.write(`${r.page.padEnd(44)} first chart ${String(r.first_chart_ms).padStart(5)} ms   js ${String(r.js_kb).padStart(6)} KB gz   data ${String(r.data_kb).padStart(6)} KB gz\n`)
process.stdout.write(`(${RUNS} cold runs per page; ${indicatorFiles.length} indicator files, heaviest ${heaviest})\n`)
process.stdout.write(`${JSON.stringify({
  first_chart_ms: Math.max(...results.map((r) => r.first_chart_ms)),
  initial_js_gzip_kb: Math.max(...results.map((r) => r.js_kb)),
  max_page_data_gzip_kb: Math.max(...results.map((r) => r.data_kb))
})}\n`)
