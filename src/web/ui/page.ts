// What every page shares: the state (page, language, item from the path; focus and peers
// from the query), the header (navigation, focus country, peers, language, data date), the
// footer, and the page's own content. `renderPage` is the one code path: the export calls it
// at build time with a server-side document, the browser with its own, from the same data.
import { formatDate } from "../i18n/format.ts"
import { t } from "../i18n/strings.ts"
import { type PageName, pagePath } from "../../contract/routes.ts"
import type { CountryRef, Lang, SiteMeta } from "../../contract/types.ts"
import { el, isStaticRender } from "./dom.ts"
import { tx } from "./text.ts"
import { pageHref, type ViewState } from "./state.ts"

export interface ResolvedState {
  readonly lang: Lang
  readonly focus: string
  readonly peers: ReadonlyArray<string>
  readonly id: string | null
}

export interface PageContext {
  readonly page: PageName
  readonly lang: Lang
  readonly meta: SiteMeta
  /** Focus and peers resolved (defaults applied); `id` as given. */
  readonly state: ResolvedState
  readonly main: HTMLElement
  /** The document the page is drawn in (charts take it as Plot's `document`). */
  readonly doc: Document
  readonly countryName: (iso3: string) => string
  readonly href: (page: PageName, id?: string | null) => string
  /** Reads a data file (a path of src/contract/paths.ts). */
  readonly load: <T>(path: string) => Promise<T>
  readonly go: (change: Partial<ViewState>) => void
  /** The page's title and its one-sentence description (the finding), for the head. */
  readonly setHead: (head: { title: string; description?: string }) => void
  /** From the page to the site's root ("" or "../../../"), for files the build writes there. */
  readonly root: string
}

export interface PageModule {
  readonly render: (ctx: PageContext) => Promise<void>
}

/** The default peers of a focus: the settings' own for the settings' focus, else the export's (peer groups). */
export const defaultPeers = (meta: SiteMeta, focus: string): Array<string> =>
  focus === meta.default_focus && meta.default_peers.length > 0 ? [...meta.default_peers] : [...(meta.peers_for[focus] ?? [])]

export const resolveState = (meta: SiteMeta, parsed: ViewState): ResolvedState => {
  const focus = parsed.focus && meta.focusable.includes(parsed.focus) ? parsed.focus : meta.default_focus
  const peers = (parsed.peers ?? defaultPeers(meta, focus)).filter((p) => p !== focus && meta.focusable.includes(p))
  return { lang: parsed.lang, focus, peers, id: parsed.id }
}

/** Focus and peers as links carry them: null where they are the defaults (so default views keep clean paths). */
export const linkState = (meta: SiteMeta, s: ResolvedState): ViewState => {
  const defaults = defaultPeers(meta, s.focus).filter((p) => p !== s.focus && meta.focusable.includes(p))
  const samePeers = defaults.length === s.peers.length && defaults.every((p, i) => s.peers[i] === p)
  return { lang: s.lang, focus: s.focus === meta.default_focus ? null : s.focus, peers: samePeers ? null : s.peers, id: s.id }
}

const nameOf = (countries: ReadonlyArray<CountryRef>, lang: Lang) => {
  const byIso = new Map(countries.map((c) => [c.iso3, c]))
  return (iso3: string) => {
    const c = byIso.get(iso3)
    return c ? (lang === "es" ? c.name_es : c.name_en) : iso3
  }
}

const header = (ctx: PageContext, root: string): HTMLElement => {
  const { lang, meta, state } = ctx
  // The selectors act only with JavaScript, which draws the header again: in the HTML
  // (hidden without JavaScript) they hold just the current choice, not every country.
  const choices = isStaticRender() ? [state.focus] : meta.focusable
  const sortedCountries = choices.map((iso3) => ({ iso3, name: ctx.countryName(iso3) })).sort((a, b) => a.name.localeCompare(b.name, lang))
  const focusSelect = el(
    "select",
    { id: "focus-select", name: "focus" },
    sortedCountries.map((c) => el("option", { value: c.iso3, selected: c.iso3 === state.focus }, c.name))
  )
  focusSelect.addEventListener("change", () => ctx.go({ focus: focusSelect.value, peers: null }))
  const addPeer = el(
    "select",
    { id: "peer-add", name: "peer", "aria-label": t(lang, "add_peer") },
    el("option", { value: "" }, t(lang, "add_peer")),
    sortedCountries.filter((c) => c.iso3 !== state.focus && !state.peers.includes(c.iso3)).map((c) => el("option", { value: c.iso3 }, c.name))
  )
  addPeer.addEventListener("change", () => {
    if (addPeer.value) ctx.go({ peers: [...state.peers, addPeer.value] })
  })
  const chips = state.peers.map((p) => {
    const remove = el(
      "button",
      { type: "button", class: "chip", "aria-label": t(lang, "remove_peer", { name: ctx.countryName(p) }) },
      ctx.countryName(p),
      el("span", { "aria-hidden": "true" }, " ×")
    )
    remove.addEventListener("click", () => ctx.go({ peers: state.peers.filter((x) => x !== p) }))
    return remove
  })
  const other: Lang = lang === "es" ? "en" : "es"
  const langLink = el(
    "a",
    {
      class: "lang-switch",
      id: "lang-switch",
      hreflang: other,
      lang: other,
      href: pageHref(root, { ...linkState(meta, state), lang: other }, ctx.page, state.id)
    },
    t(lang, "switch_language")
  )
  langLink.addEventListener("click", (event) => {
    // With JavaScript, the same page data is drawn again in the other language, without a reload.
    if ((event as MouseEvent).ctrlKey || (event as MouseEvent).metaKey || (event as MouseEvent).shiftKey) return
    event.preventDefault()
    ctx.go({ lang: other })
  })
  const pillarLink = (id: string) => el("a", { href: ctx.href("pillar", id) }, t(lang, `pillar_${id}` as "pillar_connectivity"))
  // Without JavaScript the selectors cannot act: they are shown only once the page is enhanced.
  return el(
    "header",
    { class: "site-header" },
    el("a", { class: "skip", href: "#main" }, t(lang, "skip_to_content")),
    el(
      "div",
      { class: "brand-row" },
      el("a", { class: "brand", href: ctx.href("index") }, t(lang, "site_name")),
      el(
        "nav",
        { "aria-label": "brecha" },
        el("a", { href: ctx.href("index") }, t(lang, "nav_overview")),
        pillarLink("connectivity"),
        pillarLink("data_capability"),
        pillarLink("digital_talent"),
        el("a", { href: ctx.href("sources") }, t(lang, "nav_sources")),
        el("a", { href: ctx.href("changes") }, t(lang, "nav_changes"))
      ),
      langLink
    ),
    el(
      "div",
      { class: "controls" },
      el("label", { for: "focus-select" }, t(lang, "focus_country"), " "),
      focusSelect,
      el(
        "span",
        { class: "peers", role: "group", "aria-label": t(lang, "peers") },
        el("span", { class: "peers-label" }, t(lang, "peers"), ": "),
        chips,
        addPeer
      ),
      el("span", { class: "group" }, t(lang, "benchmark_group", { group: tx(lang, meta.benchmark_group.name) })),
      el("span", { class: "as-of" }, t(lang, "data_as_of", { date: formatDate(lang, meta.data_as_of) }))
    )
  )
}

const footer = (lang: Lang, root: string): HTMLElement =>
  el(
    "footer",
    { class: "site-footer" },
    el("p", {}, t(lang, "footer")),
    el(
      "p",
      {},
      el("a", { href: `${root}feed${lang === "es" ? "" : ".en"}.json` }, "JSON Feed"),
      " · ",
      el("a", { href: `${root}feed${lang === "es" ? "" : ".en"}.xml` }, "Atom"),
      " · ",
      el("a", { href: `${root}data/downloads/observations.csv` }, t(lang, "all_data_csv")),
      " · ",
      el("a", { href: `${root}data/downloads/observations.parquet` }, t(lang, "all_data_parquet")),
      " · ",
      el("a", { href: `${root}data/downloads/observations.arrow` }, t(lang, "all_data_arrow"))
    )
  )

export interface RenderEnv {
  readonly doc: Document
  /** From the page to the site's root: "" or "../../../". */
  readonly root: string
  readonly load: <T>(path: string) => Promise<T>
  readonly go: (change: Partial<ViewState>, current: ResolvedState) => void
}

export interface RenderedPage {
  readonly header: HTMLElement
  readonly main: HTMLElement
  readonly footer: HTMLElement
  readonly title: string
  readonly description: string
  /** The page's own path below the root, e.g. `en/indicator/IT.NET.BBND.P2/`. */
  readonly path: string
}

/** Draws one page (header, main, footer) in `env.doc`; nodes are made with `el` in that document. */
export const renderPage = async (env: RenderEnv, page: PageName, module: PageModule, meta: SiteMeta, state: ResolvedState): Promise<RenderedPage> => {
  const { lang } = state
  let head = { title: "brecha", description: "" }
  const main = el("main", { id: "main", tabindex: "-1" })
  const shown = linkState(meta, state)
  const ctx: PageContext = {
    page,
    lang,
    meta,
    state,
    main,
    doc: env.doc,
    root: env.root,
    countryName: nameOf(meta.countries, lang),
    href: (target, id) => pageHref(env.root, shown, target, id),
    load: env.load,
    go: (change) => env.go(change, state),
    setHead: (h) => {
      head = { title: h.title, description: h.description ?? head.description }
    }
  }
  await module.render(ctx)
  return {
    header: header(ctx, env.root),
    main,
    footer: footer(lang, env.root),
    title: head.title,
    description: head.description,
    path: pagePath(lang, page, state.id)
  }
}
