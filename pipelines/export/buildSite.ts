// `brecha build`: export small per-page data files from the warehouse, build the static
// site with Vite, and write downloads and feeds next to it. The warehouse is opened
// read-only, so a build never changes the data it shows.
import { Effect } from "effect"
import { mkdirSync, writeFileSync } from "node:fs"
import { dirname, join, resolve } from "node:path"
import { dataPaths, nationalTemplates } from "../../src/contract/paths.ts"
import { PAGES, pagePath } from "../../src/contract/routes.ts"
import { nationalCsvTemplate, nationalYamlTemplate } from "../catalog/nationalTemplate.ts"
import type { Lang } from "../../src/contract/types.ts"
import { Warehouse } from "../warehouse/Warehouse.ts"
import { writeDownloads } from "./downloads.ts"
import { extractWarehouse } from "./extract.ts"
import { atomFeed, feedItems, jsonFeed } from "./feeds.ts"
import { buildBenchmarks, buildChanges, buildIndicator, buildMeta, buildOverview, buildRecommendation, buildSources, indexObservations } from "./pages.ts"
import { prerenderSite, readTemplate } from "./prerender.ts"
import { viteBuild } from "./viteBuild.ts"

export interface BuildSiteOptions {
  readonly dbPath: string
  /** Output folder (default dist/). It is emptied first. */
  readonly outDir?: string
  /** Public address of the site, for absolute links in the feeds; relative links without it. */
  readonly siteUrl?: string
  readonly onProgress?: (message: string) => void
}

export interface BuildSiteResult {
  readonly outDir: string
  /** Data files and their bytes. */
  readonly files: number
  readonly bytes: number
  /** Pre-rendered HTML pages (both languages), their bytes and the time they took. */
  readonly pages: number
  readonly htmlBytes: number
  readonly prerenderMs: number
}

export class PrerenderError extends Error {
  readonly _tag = "PrerenderError"
}

export const defaultOutDir = (): string => resolve("dist")

export const buildSite = (options: BuildSiteOptions) =>
  Effect.gen(function* () {
    const outDir = resolve(options.outDir ?? defaultOutDir())
    const say = options.onProgress ?? (() => {})
    let files = 0
    let bytes = 0
    const write = (relative: string, content: string) => {
      const path = join(outDir, relative)
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(path, content)
      files += 1
      bytes += Buffer.byteLength(content)
    }
    // The page data stays in memory too: the pre-rendering reads it from here.
    const exported = new Map<string, unknown>()
    const writeJson = (relative: string, value: unknown) => {
      exported.set(relative, value)
      write(relative, JSON.stringify(value))
    }

    say("building the site (vite)…")
    yield* viteBuild(outDir)

    const template = readTemplate(outDir)
    // The old query URLs (`indicator.html?id=…`) keep working: each is the same shell, which
    // sends the browser to the page's path.
    for (const page of PAGES.filter((p) => p !== "index")) writeFileSync(join(outDir, `${page}.html`), template)
    const base = options.siteUrl?.replace(/\/?$/, "/") ?? ""
    say("exporting page data…")
    const meta = yield* Effect.gen(function* () {
      const wh = yield* Warehouse
      const extract = yield* extractWarehouse(wh)
      const generatedAt = new Date().toISOString()
      const downloadsDir = join(outDir, "data", "downloads")
      mkdirSync(downloadsDir, { recursive: true })
      const downloads = yield* writeDownloads(wh, downloadsDir)
      const meta = buildMeta(extract, generatedAt, downloads)
      writeJson(dataPaths.meta, meta)
      const index = indexObservations(extract.observations)
      for (const indicator of extract.indicators) writeJson(dataPaths.indicator(indicator.indicator_id), buildIndicator(extract, indicator, index))
      // Every country with any value can be the focus; the default focus always gets a file.
      for (const iso3 of new Set([...meta.focusable, meta.default_focus])) writeJson(dataPaths.overview(iso3), buildOverview(extract, iso3, index))
      for (const rec of extract.recommendations) writeJson(dataPaths.recommendation(rec.recommendation_id), buildRecommendation(extract, rec))
      writeJson(dataPaths.benchmarks, buildBenchmarks(extract))
      writeJson(dataPaths.sources, buildSources(extract))
      // Areas no indicator measures link the template of a national indicator.
      write(nationalTemplates.csv, nationalCsvTemplate())
      write(nationalTemplates.yaml, nationalYamlTemplate("NAT.EXAMPLE", []))
      const changes = buildChanges(extract.changes)
      writeJson(dataPaths.changes, changes)

      for (const lang of ["es", "en"] as const satisfies ReadonlyArray<Lang>) {
        const suffix = lang === "es" ? "" : ".en"
        const page = `${base}${pagePath(lang, "changes")}`
        const items = feedItems(changes.groups, lang, page)
        write(`feed${suffix}.json`, JSON.stringify(jsonFeed(items, lang, { home: page, feed: `${base}feed${suffix}.json` }), null, 1))
        write(`feed${suffix}.xml`, atomFeed(items, lang, { home: page, feed: `${base}feed${suffix}.xml` }, generatedAt))
      }
      return meta
    }).pipe(Effect.provide(Warehouse.layer({ path: options.dbPath, readOnly: true })))
    say(`page data written (${files} files, ${Math.round(bytes / 1024)} KB)`)

    say("pre-rendering the pages…")
    const pre = yield* Effect.tryPromise({
      try: () =>
        prerenderSite({
          outDir,
          template,
          meta,
          siteUrl: options.siteUrl ? base : undefined,
          load: <T>(path: string) => {
            if (!exported.has(path)) return Promise.reject(new Error(`no exported data file ${path}`))
            return Promise.resolve(exported.get(path) as T)
          }
        }),
      catch: (cause) => new PrerenderError(`pre-rendering failed: ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}`)
    })
    // Both grow with the number of indicators (one page per indicator and language): say by how much.
    const kb = (n: number) => Math.round(n / 1024)
    say(
      `pre-rendered ${pre.pages} pages in ${(pre.ms / 1000).toFixed(1)} s (${kb(pre.bytes)} KB of HTML); ` +
        `indicator pages: ${pre.indicatorPages} in ${(pre.indicatorMs / 1000).toFixed(1)} s, ${kb(pre.indicatorBytes)} KB ` +
        `(${pre.indicatorPages ? Math.round(pre.indicatorMs / pre.indicatorPages) : 0} ms and ${pre.indicatorPages ? kb(pre.indicatorBytes / pre.indicatorPages) : 0} KB each)`
    )
    say(`site written to ${outDir} (${files} data files, ${kb(bytes)} KB; ${pre.pages} HTML pages, ${kb(pre.bytes)} KB)`)
    return { outDir, files, bytes, pages: pre.pages, htmlBytes: pre.bytes, prerenderMs: pre.ms } satisfies BuildSiteResult
  })
