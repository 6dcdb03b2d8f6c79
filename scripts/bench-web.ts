// npm run bench:web — builds the site from a warehouse, serves it on 127.0.0.1, and loads
// each page cold (a fresh browser context per run, so no cache) in headless chromium, and,
// in the same run and the same way, a floor page: static HTML holding one inline SVG (the
// indicator page's own trend chart). Prints the medians per page; the last line is one
// JSON object:
//   first_chart_ms: navigation start to the first chart's SVG in the DOM (median over runs,
//     then the slowest page); floor_ms: the same for the floor page; ratio: their quotient.
//   client_redraw_ms: on the indicator page, once enhanced, changing the focus country until
//     the new trend chart is drawn (median).
//   initial_js_gzip_kb: the scripts a page's HTML references (script and modulepreload
//     tags), gzipped: what loads before anything is enhanced (the largest page counts).
//     enhance_js_gzip_kb: all scripts the page has fetched once enhanced (Plot included).
//   max_page_data_gzip_kb: the page with the most data to fetch when enhanced (gzipped JSON).
// Warehouse: --db FILE, $BRECHA_DB, or data/warehouse.duckdb; when none exists, one is loaded
// from the mirror ($BRECHA_MIRROR or ../shared/data/raw) into .bench/web.duckdb.
import { Effect, Layer } from "effect"
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { gzipSync } from "node:zlib"
import { chromium } from "playwright-core"
import { buildSite } from "../pipelines/export/buildSite.ts"
import { serveSite } from "../pipelines/export/serveSite.ts"
import { refresh } from "../pipelines/refresh.ts"
import { Http } from "../pipelines/live/Http.ts"
import { Warehouse } from "../pipelines/warehouse/Warehouse.ts"
import { dataPaths } from "../src/contract/paths.ts"
import { pagePath } from "../src/contract/routes.ts"
import type { SiteMeta } from "../src/contract/types.ts"
import { chromiumArgs, chromiumPath } from "../tests/support/browser.ts"

const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const root = resolve(import.meta.dirname, "..")
const argDb = process.argv.indexOf("--db") >= 0 ? process.argv[process.argv.indexOf("--db") + 1] : undefined
let db = resolve(argDb ?? process.env.BRECHA_DB ?? join(root, "data", "warehouse.duckdb"))
if (!existsSync(db)) {
  db = join(root, ".bench", "web.duckdb")
  const mirror = resolve(process.env.BRECHA_MIRROR ?? join(root, "..", "shared", "data", "raw"))
  if (!existsSync(db)) {
    process.stderr.write(`bench:web: loading a warehouse from ${mirror} into ${db}…\n`)
    await Effect.runPromise(
      refresh({ mirror }).pipe(Effect.provide(Layer.mergeAll(Layer.fresh(Warehouse.layer({ path: db })), Http.layer({ maxAttempts: 1 }))))
    )
  }
}
const outDir = join(root, ".bench", "site")
const t0 = performance.now()
const built = await Effect.runPromise(buildSite({ dbPath: db, outDir }))
process.stderr.write(
  `bench:web: site built in ${Math.round(performance.now() - t0)} ms from ${db} ` +
    `(${built.pages} pages pre-rendered in ${Math.round(built.prerenderMs)} ms, ${Math.round(built.htmlBytes / 1024)} KB of HTML)\n`
)

const gz = (path: string) => gzipSync(readFileSync(path)).length / 1024
const meta = JSON.parse(readFileSync(join(outDir, dataPaths.meta), "utf8")) as SiteMeta
const focus = meta.default_focus

// The indicator with the largest data file stands for the indicator page.
const indicatorFiles = readdirSync(join(outDir, "data", "indicator"))
const heaviest = meta.indicators.map((i) => i.id).sort((a, b) => gz(join(outDir, dataPaths.indicator(b))) - gz(join(outDir, dataPaths.indicator(a))))[0]
const rec = meta.recommendations.find((r) => meta.indicators.some((i) => i.tracks.includes(r.id)))?.id ?? meta.recommendations[0]?.id
const other = meta.focusable.find((c) => c !== focus && (meta.peers_for[c]?.length ?? 0) > 0) ?? meta.focusable.find((c) => c !== focus) ?? focus

// The floor: static HTML with one inline SVG, the same chart the indicator page shows first.
const indicatorHtml = readFileSync(join(outDir, pagePath("es", "indicator", heaviest), "index.html"), "utf8")
const firstSvg = indicatorHtml.match(/<svg[\s\S]*?<\/svg>/)?.[0] ?? '<svg width="10" height="10"></svg>'
mkdirSync(join(outDir, "floor"), { recursive: true })
writeFileSync(
  join(outDir, "floor", "index.html"),
  `<!doctype html>\n<html lang="es"><head><meta charset="utf-8"><title>floor</title><link rel="icon" href="data:,"></head><body><div class="chart">${firstSvg}</div></body></html>\n`
)

/** The data files each page reads once enhanced (as the pages' code does). */
const pages: Array<{ name: string; path: string; data: Array<string> }> = [
  { name: "overview", path: pagePath("es", "index"), data: [dataPaths.meta, dataPaths.overview(focus)] },
  { name: "indicator", path: pagePath("es", "indicator", heaviest), data: [dataPaths.meta, dataPaths.indicator(heaviest)] },
  { name: "pillar", path: pagePath("es", "pillar", "connectivity"), data: [dataPaths.meta, dataPaths.overview(focus), dataPaths.benchmarks] },
  {
    name: "recommendation",
    path: pagePath("es", "recommendation", rec),
    data: [dataPaths.meta, dataPaths.recommendation(rec), dataPaths.overview(focus), dataPaths.benchmarks]
  },
  { name: "sources", path: pagePath("es", "sources"), data: [dataPaths.meta, dataPaths.sources] },
  { name: "changes", path: pagePath("es", "changes"), data: [dataPaths.meta, dataPaths.changes] }
]

/** Scripts the page's HTML references, gzipped. */
const referencedJs = (path: string): number => {
  const html = readFileSync(join(outDir, path, "index.html"), "utf8")
  const files = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref|link[^>]*\shref)="([^"]+\.js)"/g)].map((m) => m[1])
  return [...new Set(files)].reduce((kb, f) => kb + gz(resolve(outDir, path, f)), 0)
}
const fetchedJs = (names: ReadonlyArray<string>): number =>
  [...new Set(names.map((n) => new URL(n).pathname.replace(/^\//, "")))].reduce((kb, f) => kb + gz(join(outDir, f)), 0)

const site = await Effect.runPromise(serveSite({ dir: outDir, port: 0 }))
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
const median = (xs: Array<number>) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

/** One cold load: ms from navigation start to the first chart in the DOM, and the scripts fetched once enhanced. */
const coldLoad = async (path: string, enhanced: boolean) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  await context.route("**/*", (route) => (/^https?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(route.request().url()) ? route.continue() : route.abort()))
  // Records when the first chart (an SVG inside a chart box or a scorecard cell) appears.
  await context.addInitScript(() => {
    const w = window as unknown as { __firstChart?: number }
    const seen = () => document.querySelector(".chart svg, td.spark svg, main section.source, main section.run")
    new MutationObserver((_, observer) => {
      if (w.__firstChart === undefined && seen()) {
        w.__firstChart = performance.now()
        observer.disconnect()
      }
    }).observe(document, { childList: true, subtree: true })
  })
  const tab = await context.newPage()
  await tab.goto(site.url + path, { waitUntil: "load" })
  await tab.waitForFunction(() => (window as unknown as { __firstChart?: number }).__firstChart !== undefined, null, { timeout: 30_000 })
  if (enhanced) await tab.waitForFunction(() => document.documentElement.dataset.drawn !== undefined, null, { timeout: 30_000 })
  const seen = await tab.evaluate(() => ({
    at: (window as unknown as { __firstChart: number }).__firstChart,
    js: performance
      .getEntriesByType("resource")
      .filter((e) => e.name.endsWith(".js"))
      .map((e) => e.name)
  }))
  return { tab, context, ...seen }
}

const results: Array<{ page: string; first_chart_ms: number; js_kb: number; enhance_js_kb: number; data_kb: number }> = []
const floorTimes: Array<number> = []
const redraws: Array<number> = []
try {
  for (let run = 0; run < RUNS; run++) {
    // The floor, interleaved with the pages so both see the same load on the machine.
    const floor = await coldLoad("floor/", false)
    floorTimes.push(floor.at)
    await floor.context.close()
  }
  for (const page of pages) {
    const times: Array<number> = []
    let scripts: Array<string> = []
    for (let run = 0; run < RUNS; run++) {
      const floor = await coldLoad("floor/", false)
      floorTimes.push(floor.at)
      await floor.context.close()
      const load = await coldLoad(page.path, true)
      times.push(load.at)
      scripts = load.js
      if (page.name === "indicator") {
        // Changing the focus, from the select's change event to the new trend chart drawn.
        const ms = await load.tab.evaluate(async (iso3) => {
          const select = document.getElementById("focus-select") as HTMLSelectElement
          const before = document.documentElement.dataset.drawn
          const start = performance.now()
          select.value = iso3
          select.dispatchEvent(new Event("change"))
          await new Promise<void>((done) => {
            const check = () => {
              const svg = document.querySelector("#trend .chart svg")
              if (document.documentElement.dataset.drawn !== before && svg) done()
              else requestAnimationFrame(check)
            }
            check()
          })
          return performance.now() - start
        }, other)
        redraws.push(ms)
      }
      await load.context.close()
    }
    results.push({
      page: page.name,
      first_chart_ms: Math.round(median(times)),
      js_kb: Math.round(referencedJs(page.path) * 10) / 10,
      enhance_js_kb: Math.round(fetchedJs(scripts) * 10) / 10,
      data_kb: Math.round(page.data.reduce((kb, f) => kb + gz(join(outDir, f)), 0) * 10) / 10
    })
  }
} finally {
  await browser.close()
  await site.close()
}
const floorMs = Math.round(median(floorTimes))
for (const r of results) {
  process.stdout.write(
    `${r.page.padEnd(16)} first chart ${String(r.first_chart_ms).padStart(5)} ms (${(r.first_chart_ms / floorMs).toFixed(2)}× floor)` +
      `   initial js ${String(r.js_kb).padStart(5)} KB gz   enhanced js ${String(r.enhance_js_kb).padStart(6)} KB gz   data ${String(r.data_kb).padStart(6)} KB gz\n`
  )
}
process.stdout.write(`floor            first chart ${String(floorMs).padStart(5)} ms (static HTML, one inline SVG; ${floorTimes.length} runs)\n`)
process.stdout.write(`client redraw (indicator, focus ${focus} → ${other}): ${Math.round(median(redraws))} ms median of ${redraws.length}\n`)
process.stdout.write(
  `(${RUNS} cold runs per page; ${indicatorFiles.length} indicator files, heaviest ${heaviest}; ${built.pages} pre-rendered pages, ${Math.round(built.htmlBytes / 1024)} KB)\n`
)
const slowest = Math.max(...results.map((r) => r.first_chart_ms))
process.stdout.write(
  JSON.stringify({
    first_chart_ms: slowest,
    floor_ms: floorMs,
    ratio: Math.round((slowest / floorMs) * 100) / 100,
    client_redraw_ms: Math.round(median(redraws)),
    initial_js_gzip_kb: Math.max(...results.map((r) => r.js_kb)),
    enhance_js_gzip_kb: Math.max(...results.map((r) => r.enhance_js_kb)),
    max_page_data_gzip_kb: Math.max(...results.map((r) => r.data_kb))
  }) + "\n"
)
