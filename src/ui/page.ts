// What every page shares: reading the state from the URL, loading data/meta.json, the
// header (navigation, focus country, peers, language, data date), the footer, and a plain
// error message when the data cannot be loaded.
import { formatDate } from "../i18n/format.ts"
import { t } from "../i18n/strings.ts"
import { dataPaths } from "../site/paths.ts"
import type { CountryRef, Lang, SiteMeta } from "../site/types.ts"
import { loadJson } from "./data.ts"
import { el } from "./dom.ts"
import { tx } from "./text.ts"
import { pageHref, parseState, serializeState, type ViewState } from "./state.ts"

export interface PageContext {
  readonly lang: Lang
  readonly meta: SiteMeta
  /** Focus and peers resolved (defaults applied); `id` as given. */
  readonly state: ViewState & { readonly focus: string; readonly peers: ReadonlyArray<string> }
  readonly main: HTMLElement
  readonly countryName: (iso3: string) => string
  readonly href: (page: string, id?: string | null) => string
  readonly go: (change: Partial<ViewState>) => void
}

/** Latin American OECD members compare with each other by default (the review's own framing for Mexico). */
const LATAM_OECD = ["MEX", "CHL", "COL", "CRI"]

export const defaultPeers = (meta: SiteMeta, focus: string): Array<string> => {
  // The settings' peers (data/settings.yaml) belong to the settings' focus country.
  if (focus === meta.default_focus && meta.default_peers.length > 0) return [...meta.default_peers]
  const group = meta.peer_groups.find((g) => g.members.includes(focus))
  if (group) return group.members.filter((m) => m !== focus).slice(0, 4)
  return LATAM_OECD.includes(focus) ? LATAM_OECD.filter((m) => m !== focus) : []
}

const nameOf = (countries: ReadonlyArray<CountryRef>, lang: Lang) => {
  const byIso = new Map(countries.map((c) => [c.iso3, c]))
  return (iso3: string) => {
    const c = byIso.get(iso3)
    return c ? (lang === "es" ? c.name_es : c.name_en) : iso3
  }
}

const header = (ctx: PageContext, page: string): HTMLElement => {
  const { lang, meta, state } = ctx
  const sortedCountries = meta.focusable
    .map((iso3) => ({ iso3, name: ctx.countryName(iso3) }))
    .sort((a, b) => a.name.localeCompare(b.name, lang))
  const focusSelect = el("select", { id: "focus-select", name: "focus" },
    sortedCountries.map((c) => el("option", { value: c.iso3, selected: c.iso3 === state.focus }, c.name)))
  focusSelect.addEventListener("change", () => ctx.go({ focus: focusSelect.value, peers: null }))
  const addPeer = el("select", { id: "peer-add", name: "peer", "aria-label": t(lang, "add_peer") },
    el("option", { value: "" }, t(lang, "add_peer")),
    sortedCountries.filter((c) => c.iso3 !== state.focus && !state.peers.includes(c.iso3)).map((c) => el("option", { value: c.iso3 }, c.name)))
  addPeer.addEventListener("change", () => {
    if (addPeer.value) ctx.go({ peers: [...state.peers, addPeer.value] })
  })
  const chips = state.peers.map((p) => {
    const remove = el("button", { type: "button", class: "chip", "aria-label": t(lang, "remove_peer", { name: ctx.countryName(p) }) },
      ctx.countryName(p), el("span", { "aria-hidden": "true" }, " ×"))
    remove.addEventListener("click", () => ctx.go({ peers: state.peers.filter((x) => x !== p) }))
    return remove
  })
  const other: Lang = lang === "es" ? "en" : "es"
  const langLink = el("a", { class: "lang-switch", href: `${page}${serializeState({ ...state, lang: other })}`, hreflang: other, lang: other, id: "lang-switch" },
    t(lang, "switch_language"))
  const pillarLink = (id: string) => el("a", { href: ctx.href("pillar.html", id) }, t(lang, `pillar_${id}` as "pillar_connectivity"))
  return el("header", { class: "site-header" },
    el("a", { class: "skip", href: "#main" }, t(lang, "skip_to_content")),
    el("div", { class: "brand-row" },
      el("a", { class: "brand", href: ctx.href("index.html") }, t(lang, "site_name")),
      el("nav", { "aria-label": "brecha" },
        el("a", { href: ctx.href("index.html") }, t(lang, "nav_overview")),
        pillarLink("connectivity"), pillarLink("data_capability"), pillarLink("digital_talent"),
        el("a", { href: ctx.href("sources.html") }, t(lang, "nav_sources")),
        el("a", { href: ctx.href("changes.html") }, t(lang, "nav_changes"))),
      langLink),
    el("div", { class: "controls" },
      el("label", { for: "focus-select" }, t(lang, "focus_country"), " "), focusSelect,
      el("span", { class: "peers", role: "group", "aria-label": t(lang, "peers") }, el("span", { class: "peers-label" }, t(lang, "peers"), ": "), chips, addPeer),
      el("span", { class: "group" }, t(lang, "benchmark_group", { group: tx(lang, meta.benchmark_group.name) })),
      el("span", { class: "as-of" }, t(lang, "data_as_of", { date: formatDate(lang, meta.data_as_of) }))))
}

const footer = (lang: Lang): HTMLElement =>
  el("footer", { class: "site-footer" }, el("p", {}, t(lang, "footer")),
    el("p", {}, el("a", { href: "feed.json" }, "JSON Feed"), " · ", el("a", { href: "feed.xml" }, "Atom"), " · ",
      el("a", { href: "data/downloads/observations.csv" }, t(lang, "all_data_csv")), " · ",
      el("a", { href: "data/downloads/observations.parquet" }, t(lang, "all_data_parquet")), " · ",
      el("a", { href: "data/downloads/observations.arrow" }, t(lang, "all_data_arrow"))))

/** Runs a page: resolves the state, draws the frame, then the page's own content. */
export const startPage = (page: string, render: (ctx: PageContext) => Promise<void> | void): void => {
  const parsed = parseState(location.search)
  const lang = parsed.lang
  document.documentElement.lang = lang
  const root = document.getElementById("app") ?? document.body
  const main = el("main", { id: "main", tabindex: "-1" }, el("p", { class: "loading" }, t(lang, "loading")))
  root.replaceChildren(main)
  loadJson<SiteMeta>(dataPaths.meta)
    .then(async (meta) => {
      const focus = parsed.focus && meta.focusable.includes(parsed.focus) ? parsed.focus : meta.default_focus
      const peers = (parsed.peers ?? defaultPeers(meta, focus)).filter((p) => p !== focus && meta.focusable.includes(p))
      const state = { ...parsed, focus, peers }
      const ctx: PageContext = {
        lang, meta, state, main,
        countryName: nameOf(meta.countries, lang),
        href: (target, id) => pageHref(state, target, id),
        go: (change) => location.assign(`${page}${serializeState({ ...state, ...change, peers: change.peers === undefined ? state.peers : change.peers })}`)
      }
      root.replaceChildren(header(ctx, page), main, footer(lang))
      main.replaceChildren()
      await render(ctx)
    })
    .catch((error: unknown) => {
      main.replaceChildren(el("p", { class: "error", role: "alert" }, t(lang, "load_failed", { detail: error instanceof Error ? error.message : String(error) })))
      console.error(error)
    })
}
