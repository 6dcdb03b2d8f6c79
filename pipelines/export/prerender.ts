// Pre-rendering: every page, in both languages, for the default focus and peers, drawn at
// build time into static HTML by the same page functions the browser runs (src/web/ui/page.ts
// `renderPage`), against linkedom's server-side document. Charts are inline SVG; findings,
// tables, captions and links are in the HTML, so a page paints (and reads, and prints)
// without JavaScript. Each page also gets its canonical link, hreflang pairs and a meta
// description (its finding sentence); sitemap.xml lists them all.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { parseHTML } from "linkedom"
import { depthOf, LANGS, type PageName, pagePath } from "../../src/contract/routes.ts"
import type { SiteMeta } from "../../src/contract/types.ts"
import { withDocument } from "../../src/web/ui/dom.ts"
import { type PageModule, renderPage, resolveState } from "../../src/web/ui/page.ts"

const modules: Record<PageName, () => Promise<PageModule>> = {
  index: () => import("../../dashboards/pages/index.ts"),
  indicator: () => import("../../dashboards/pages/indicator.ts"),
  recommendation: () => import("../../dashboards/pages/recommendation.ts"),
  pillar: () => import("../../dashboards/pages/pillar.ts"),
  sources: () => import("../../dashboards/pages/sources.ts"),
  changes: () => import("../../dashboards/pages/changes.ts")
}

export const PILLAR_PAGES = ["connectivity", "data_capability", "digital_talent", "context"] as const

/** Every page the site has, for one language: [page, id]. */
export const sitePages = (meta: SiteMeta): Array<readonly [PageName, string | null]> => [
  ["index", null],
  ...meta.indicators.map((i) => ["indicator", i.id] as const),
  ...meta.recommendations.map((r) => ["recommendation", r.id] as const),
  ...PILLAR_PAGES.map((p) => ["pillar", p] as const),
  ["sources", null],
  ["changes", null]
]

export interface PrerenderResult {
  readonly pages: number
  readonly bytes: number
  readonly ms: number
  /** HTML bytes and render time of the indicator pages alone (they grow with the catalogue). */
  readonly indicatorPages: number
  readonly indicatorBytes: number
  readonly indicatorMs: number
}

// Shown only without JavaScript: chart tables open (their toggle needs a script), selectors hidden.
const NOSCRIPT_STYLE = ".chart-table[hidden]{display:block}.chart-actions,.controls select,.controls label,#peer-add,.chip span{display:none}"

const absolute = (siteUrl: string | undefined, relative: string): string => (siteUrl ? `${siteUrl}${relative}` : relative)

/**
 * Writes `<lang>/<page>/<id>/index.html` for every page, the root index.html (the Spanish
 * overview, at the site's root, so `/` paints too) and sitemap.xml. `template` is the shell
 * Vite built (its script and style tags); `load` reads an exported data file.
 */
export const prerenderSite = async (options: {
  readonly outDir: string
  readonly template: string
  readonly meta: SiteMeta
  readonly load: <T>(path: string) => Promise<T>
  /** Public address ("https://…/"), for canonical links and the sitemap; relative links without it. */
  readonly siteUrl?: string
}): Promise<PrerenderResult> => {
  const { outDir, meta, siteUrl } = options
  let pages = 0
  let bytes = 0
  let indicatorPages = 0
  let indicatorBytes = 0
  let indicatorMs = 0
  const started = performance.now()
  const sitemap: Array<string> = []
  const render = async (lang: (typeof LANGS)[number], page: PageName, id: string | null, at: string) => {
    const t0 = performance.now()
    const root = "../".repeat(depthOf(at))
    const { document } = parseHTML(options.template)
    // The shell's own links (script, style, feeds) are relative to the site's root.
    for (const node of document.querySelectorAll("[src], link[href]")) {
      const attr = node.hasAttribute("src") ? "src" : "href"
      const value = node.getAttribute(attr) ?? ""
      if (!/^(?:[a-z]+:|\/|#)/i.test(value)) node.setAttribute(attr, root + value.replace(/^\.\//, ""))
    }
    const state = resolveState(meta, { lang, focus: null, peers: null, id })
    const module = await modules[page]()
    const rendered = await withDocument(document as unknown as Document, () =>
      renderPage({ doc: document as unknown as Document, root, load: options.load, go: () => {} }, page, module, meta, state)
    )
    const html = document.documentElement
    html.setAttribute("lang", lang)
    html.setAttribute("data-page", page)
    html.setAttribute("data-lang", lang)
    html.setAttribute("data-id", id ?? "")
    html.setAttribute("data-root", root)
    html.setAttribute("data-focus", state.focus)
    const head = document.head
    const title = document.querySelector("title")
    if (title) title.textContent = rendered.title
    document.querySelector('meta[name="description"]')?.setAttribute("content", rendered.description)
    const link = (attrs: Record<string, string>) => {
      const node = document.createElement("link")
      for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v)
      head.appendChild(node)
    }
    const canonical = pagePath(lang, page, id)
    link({ rel: "canonical", href: siteUrl ? absolute(siteUrl, canonical) : root + canonical })
    for (const other of LANGS)
      link({ rel: "alternate", hreflang: other, href: siteUrl ? absolute(siteUrl, pagePath(other, page, id)) : root + pagePath(other, page, id) })
    link({ rel: "alternate", hreflang: "x-default", href: siteUrl ? absolute(siteUrl, pagePath("es", page, id)) : root + pagePath("es", page, id) })
    const noscript = document.createElement("noscript")
    const style = document.createElement("style")
    style.textContent = NOSCRIPT_STYLE
    noscript.appendChild(style)
    head.appendChild(noscript)
    const app = document.getElementById("app")
    if (!app) throw new Error("the page shell (dashboards/index.html) has no #app element")
    app.replaceChildren(rendered.header as unknown as Node, rendered.main as unknown as Node, rendered.footer as unknown as Node)
    const text = `<!doctype html>\n${html.outerHTML}\n`
    const file = join(outDir, at, "index.html")
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, text)
    const size = Buffer.byteLength(text)
    pages += 1
    bytes += size
    if (page === "indicator") {
      indicatorPages += 1
      indicatorBytes += size
      indicatorMs += performance.now() - t0
    }
  }
  for (const lang of LANGS) {
    for (const [page, id] of sitePages(meta)) {
      const at = pagePath(lang, page, id)
      await render(lang, page, id, at)
      sitemap.push(at)
    }
  }
  // The site's root: the default language's overview (its canonical link names es/).
  await render("es", "index", null, "")
  writeFileSync(
    join(outDir, "sitemap.xml"),
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
      ...sitemap.map((p) => `  <url><loc>${absolute(siteUrl, p).replace(/&/g, "&amp;")}</loc></url>`),
      "</urlset>",
      ""
    ].join("\n")
  )
  return { pages, bytes, ms: performance.now() - started, indicatorPages, indicatorBytes, indicatorMs }
}

/** The shell Vite built, read before the root index.html is replaced by a rendered page. */
export const readTemplate = (outDir: string): string => readFileSync(join(outDir, "index.html"), "utf8")
