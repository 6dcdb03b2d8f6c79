// `brecha build` over a small fixture warehouse: the data files each page reads, the
// pre-rendered pages at their path URLs (charts, findings, tables, head links, sitemap), the
// downloads and the feeds; then with stand-in marts to check their numbers flow through.
import { existsSync, readFileSync, statSync } from "node:fs"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { parse } from "yaml"
import type { ChangesData, IndicatorData, OverviewData, SiteMeta, SourcesData } from "../../src/contract/types.ts"
import { sources as registry } from "../../pipelines/sources/registry.ts"
import { build, execute, fixtureWarehouse, handMadeMarts } from "../support/site.ts"
import { query } from "../support/warehouse.ts"

const read = <T>(dir: string, path: string): T => JSON.parse(readFileSync(join(dir, path), "utf8")) as T

describe("brecha build on a fixture warehouse", () => {
  let db: string
  let out: string
  beforeAll(async () => {
    db = await fixtureWarehouse()
    out = (await build(db)).outDir
  })

  it("writes the pages and their data", () => {
    for (const page of ["index", "indicator", "pillar", "recommendation", "sources", "changes"]) expect(existsSync(join(out, `${page}.html`))).toBe(true)
    const meta = read<SiteMeta>(out, "data/meta.json")
    expect(meta.default_focus).toBe("MEX")
    // Peers of another focus come from the catalogue's peer groups, exported with the data.
    expect(meta.peers_for.COL).toEqual(["MEX", "CHL", "CRI"])
    expect(meta.benchmark_group.id).toBe("oecd")
    expect(meta.focusable).toEqual(["BRA", "CHL", "KOR", "MEX"])
    expect(meta.last_change).toMatchObject({ run_id: 2, revised: 1, indicators: ["IT.NET.BBND.P2"] })
    // Run 2 brought 2021 for four countries (all new) and one revision.
    expect(meta.last_change.new_values).toBe(5)
  })

  it("exports every country's series for an indicator, with revisions and vintages", () => {
    const data = read<IndicatorData>(out, "data/indicator/IT.NET.BBND.P2.json")
    expect(data.series.MEX).toEqual([
      [2018, 14.5, null],
      [2019, 15.6, null],
      [2020, 16.9, null],
      [2021, 17.8, null]
    ])
    expect(data.series.KOR.map((p) => p[0])).toEqual([2018, 2019, 2020, 2021])
    expect(data.revisions.MEX).toEqual([expect.objectContaining({ year: 2019, old_value: 15.2, new_value: 15.6 })])
    expect(data.vintages.map((v) => v.released_at?.slice(0, 10))).toEqual(["2021-03-04", "2022-05-25"])
    // The OECD band from the benchmarks mart: members with a value in 2021 are MEX, KOR, CHL.
    expect(data.benchmarks?.find((b) => b.year === 2021)).toMatchObject({ group_id: "oecd", n: 3, median: 21.9, min: 17.8, max: 44.3 })
    expect(data.tracks.map((t) => t.rec)).toContain("C3-CONNECT")
    // Aggregates (OECD members) stay out of the country series.
    expect(Object.keys(data.series)).not.toContain("OED")
  })

  it("exports the overview per focus country, sources with their runs, and changes", () => {
    const mex = read<OverviewData>(out, "data/overview/MEX.json")
    expect(mex.rows.find((r) => r.id === "IT.NET.BBND.P2")?.series).toHaveLength(4)
    // The headline status (group oecd) for Mexico, from the indicator_status mart.
    expect(mex.rows.find((r) => r.id === "IT.NET.BBND.P2")?.status).toMatchObject({ latest_year: 2021, latest_value: 17.8, group_id: "oecd" })
    const sources = read<SourcesData>(out, "data/sources.json")
    // Every registry source is listed, loaded or not, live or final.
    expect(sources.sources.map((s) => s.source_id)).toContain("wdi")
    expect(sources.sources).toHaveLength(registry.length)
    expect(sources.sources.find((s) => s.source_id === "wdi")).toMatchObject({
      stale_since: null,
      stale: false,
      kind: "live",
      cadence: "annual",
      last_run: { run_id: 2, outcome: "loaded" }
    })
    expect(sources.sources.find((s) => s.source_id === "wdi")?.endpoints[0]).toMatch(/^https:\/\/api\.worldbank\.org\/v2\//)
    expect(sources.sources.find((s) => s.source_id === "odb")).toMatchObject({
      kind: "final",
      stale: false,
      endpoints: [],
      final: { year: "2017", edition: "2017 (Leaders Edition)", released: "2018-09-20" }
    })
    const changes = read<ChangesData>(out, "data/changes.json")
    expect(changes.groups.find((g) => g.run_id === 2 && g.kind === "revised")).toMatchObject({
      n: 1,
      examples: [{ country_iso3: "MEX", year: 2019, old_value: 15.2, new_value: 15.6 }]
    })
  })

  it("exports each recommendation area with its indicators and one link per source address", () => {
    const rec = read<{ indicators: Array<{ id: string }>; source: Array<string>; frameworks: Array<unknown> }>(out, "data/recommendation/C3-CONNECT.json")
    expect(rec.indicators.map((i) => i.id)).toContain("IT.NET.BBND.P2")
    // The catalogue's list, item for item (kept a list from the YAML to the page data).
    const yaml = parse(readFileSync(join(import.meta.dirname, "..", "..", "data", "catalog", "recommendations.yaml"), "utf8")) as Array<{
      id: string
      source?: Array<string>
    }>
    expect(rec.source).toEqual(yaml.find((r) => r.id === "C3-CONNECT")?.source)
    expect(rec.source.length).toBeGreaterThan(0)
    for (const url of rec.source) expect(url).toMatch(/^https?:\/\/\S+$/)
  })

  it("pre-renders every page in both languages at its path URL, charts inline, with its head links", () => {
    const html = (path: string) => readFileSync(join(out, path, "index.html"), "utf8")
    const es = html("es/indicador/IT.NET.BBND.P2")
    const en = html("en/indicator/IT.NET.BBND.P2")
    // The charts are SVG in the HTML, with their finding, table and caption.
    expect(es.match(/<figure[^>]*class="chart-frame[^"]*"/g)?.length).toBeGreaterThanOrEqual(3)
    expect(es).toMatch(/<div[^>]*class="chart"[^>]*><svg[^>]*viewBox=/)
    expect(es).toContain("México: 17,8 en 2021")
    expect(en).toContain("Mexico: 17.8 in 2021")
    expect(es).toMatch(/<div[^>]*class="chart-table"[^>]*><div[^>]*class="table-scroll"/)
    // Head: canonical, both hreflang links, a description that is the finding sentence.
    expect(es).toContain('<link href="../../../es/indicador/IT.NET.BBND.P2/" rel="canonical">')
    expect(es).toContain('<link href="../../../en/indicator/IT.NET.BBND.P2/" hreflang="en" rel="alternate">')
    expect(es).toMatch(/<meta name="description" content="México: 17,8 en 2021[^"]*">/)
    expect(es).toMatch(/<html[^>]*data-page="indicator"[^>]*lang="es"/)
    expect(es).toContain('<link rel="icon" href="data:image/svg+xml,')
    // Caption: only the vintage the drawn values come from (the later release), never the revised one.
    const trendCaption = es.match(/<figure[^>]*id="trend"[\s\S]*?<figcaption>([\s\S]*?)<\/figcaption>/)?.[1] ?? ""
    expect(trendCaption).toContain("publicada el 25 de mayo de 2022")
    expect(trendCaption).not.toContain("2021")
    // Every page type, both languages, and the root (the Spanish overview, pointing to es/).
    for (const path of [
      "es",
      "en",
      "es/pilar/connectivity",
      "en/pillar/data_capability",
      "es/recomendacion/C3-CONNECT",
      "en/recommendation/C3-CONNECT",
      "es/fuentes",
      "en/sources",
      "es/cambios",
      "en/changes"
    ])
      expect(/<main[^>]*id="main"[^>]*>\s*<[a-z]/.test(html(path)), path).toBe(true)
    expect(/<td class="spark"><svg/.test(html("es"))).toBe(true)
    expect(readFileSync(join(out, "index.html"), "utf8").includes('<link href="es/" rel="canonical">')).toBe(true)
    const sitemap = readFileSync(join(out, "sitemap.xml"), "utf8")
    expect(sitemap).toContain("<loc>en/indicator/IT.NET.BBND.P2/</loc>")
    expect(sitemap).toContain("<loc>es/recomendacion/C3-CONNECT/</loc>")
  })

  it("writes the full downloads with DuckDB: CSV and Parquet of every observation", async () => {
    const csv = readFileSync(join(out, "data/downloads/observations.csv"), "utf8").trim().split("\n")
    expect(csv[0]).toContain("indicator_id,indicator_name_en")
    expect(csv).toHaveLength(1 + 16)
    const parquet = join(out, "data/downloads/observations.parquet")
    expect(statSync(parquet).size).toBeGreaterThan(0)
    const rows = await query<{ n: number }>(db, `SELECT count(*) AS n FROM read_parquet('${parquet}')`)
    expect(Number(rows[0].n)).toBe(16)
  })

  it("writes a JSON Feed 1.1 and an Atom feed of the runs, newest first, in both languages", () => {
    const feed = read<{ version: string; items: Array<{ id: string; title: string; content_text: string; date_published: string }> }>(out, "feed.en.json")
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1")
    expect(feed.items.map((i) => i.id)).toEqual(["brecha-run-2-en", "brecha-run-1-en"])
    expect(feed.items[0].title).toBe("Run 2: 5 new values, 1 revised")
    expect(feed.items[0].content_text).toContain("Revisions · wdi · IT.NET.BBND.P2: 1 values, 1 countries, years 2019.")
    expect(new Date(feed.items[0].date_published).toISOString()).toBe(feed.items[0].date_published)
    const es = read<{ language: string; items: Array<{ title: string }> }>(out, "feed.json")
    expect(es.language).toBe("es")
    expect(es.items[0].title).toBe("Ejecución 2: 5 valores nuevos, 1 revisados")
    const atom = readFileSync(join(out, "feed.xml"), "utf8")
    expect(atom).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/)
    expect(atom.match(/<entry>/g)).toHaveLength(2)
  })

  it("carries the benchmark marts' numbers through to the pages' data", async () => {
    await execute(db, handMadeMarts)
    const withMarts = (await build(db)).outDir
    const data = read<IndicatorData>(withMarts, "data/indicator/IT.NET.BBND.P2.json")
    expect(data.benchmarks).toEqual([
      { year: 2020, group_id: "oecd", n: 2, mean: 30, median: 30, p25: 24, p75: 36, min: 16.9, max: 43.6 },
      { year: 2021, group_id: "oecd", n: 3, mean: 28, median: 21.9, p25: 19, p75: 33, min: 17.8, max: 44.3 }
    ])
    expect(data.status?.MEX).toMatchObject({ status: "insufficient", benchmark_value: 28, gap: -10.2, years_to_parity: 11 })
    const mex = read<OverviewData>(withMarts, "data/overview/MEX.json")
    expect(mex.recommendations).toEqual([expect.objectContaining({ recommendation_id: "C3-CONNECT", status: "insufficient" })])
    expect(read<Record<string, unknown[]>>(withMarts, "data/benchmarks.json")["IT.NET.BBND.P2"]).toHaveLength(2)
  })
})
