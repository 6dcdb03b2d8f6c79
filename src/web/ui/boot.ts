// A page's tiny entry. The HTML already holds the page, drawn at build time for the default
// focus and peers; this script only enhances it. An old query URL
// (`indicator.html?id=…&lang=…`) is sent to its path URL. Then the page's code and data load
// and the page is drawn again with its controls live (and for another focus, if the URL asks).
import { dataPaths } from "../../contract/paths.ts"
import { legacyPage, type PageName, pagePath } from "../../contract/routes.ts"
import type { Lang, SiteMeta } from "../../contract/types.ts"
import { loadJson } from "./data.ts"
import type { PageModule } from "./page.ts"
import { parseState, serializeState } from "./state.ts"

export type PageModules = Readonly<Record<PageName, () => Promise<PageModule>>>

const redirect = async (base: string, page: PageName): Promise<void> => {
  const parsed = parseState(location.search)
  let id = parsed.id
  if (!id && (page === "indicator" || page === "recommendation" || page === "pillar")) {
    const meta = await loadJson<SiteMeta>(base + dataPaths.meta)
    id =
      page === "pillar"
        ? "connectivity"
        : page === "indicator"
          ? ((meta.indicators.find((i) => i.pillar !== "context") ?? meta.indicators[0])?.id ?? null)
          : (meta.recommendations[0]?.id ?? null)
  }
  location.replace(`${base}${pagePath(parsed.lang, page, id)}${serializeState({ focus: parsed.focus, peers: parsed.peers })}${location.hash}`)
}

/** The data files a page reads (as its code in dashboards/pages does), to fetch them early. */
const pageData = (page: PageName, id: string | null, focus: string): Array<string> => {
  switch (page) {
    case "index":
      return focus ? [dataPaths.overview(focus)] : []
    case "indicator":
      return id ? [dataPaths.indicator(id)] : []
    case "recommendation":
      return [...(id ? [dataPaths.recommendation(id)] : []), ...(focus ? [dataPaths.overview(focus)] : []), dataPaths.benchmarks]
    case "pillar":
      return [...(focus ? [dataPaths.overview(focus)] : []), dataPaths.benchmarks]
    case "sources":
      return [dataPaths.sources]
    case "changes":
      return [dataPaths.changes]
  }
}

export const boot = (modules: PageModules): void => {
  const html = document.documentElement
  const base = new URL(html.dataset.root || "./", location.href).href
  const rendered = html.dataset.page as PageName | undefined
  const query = new URLSearchParams(location.search)
  if (!rendered || query.has("lang") || query.has("id")) {
    void redirect(base, rendered ?? legacyPage(location.pathname.split("/").pop() ?? ""))
    return
  }
  const parsed = parseState(location.search)
  const lang: Lang = html.dataset.lang === "en" ? "en" : "es"
  const state = { lang, focus: parsed.focus, peers: parsed.peers, id: html.dataset.id || null }
  // Another focus than the one drawn: dim the drawn one until the right one replaces it.
  if (parsed.focus || parsed.peers) html.classList.add("pending")
  // Fetch the data the page will read while its code downloads (a wrong guess, such as an
  // unknown focus, is only a wasted request: never an error).
  for (const path of [dataPaths.meta, ...pageData(rendered, state.id, parsed.focus ?? html.dataset.focus ?? "")]) loadJson(base + path).catch(() => {})
  void Promise.all([modules[rendered](), import("./client.ts")]).then(([, { startClient }]) => startClient(base, rendered, modules, state))
}
