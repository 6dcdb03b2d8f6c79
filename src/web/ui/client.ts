// The page in the browser: draws it with `renderPage` (the same function the export runs at
// build time) into the live document, then keeps the URL and the view in step: changing
// the focus, the peers or the language pushes a new URL and redraws from the same data.
import { t } from "../i18n/strings.ts"
import { dataPaths } from "../../contract/paths.ts"
import { type PageName, pagePath, parsePagePath } from "../../contract/routes.ts"
import type { SiteMeta } from "../../contract/types.ts"
import type { PageModules } from "./boot.ts"
import { loadJson } from "./data.ts"
import { el, withDocument } from "./dom.ts"
import { linkState, type RenderEnv, type ResolvedState, renderPage, resolveState } from "./page.ts"
import { parseState, serializeState, type ViewState } from "./state.ts"

const setMetaDescription = (text: string) => {
  const tag = document.querySelector('meta[name="description"]')
  if (tag && text) tag.setAttribute("content", text)
}

export const startClient = async (base: string, firstPage: PageName, modules: PageModules, first: ViewState): Promise<void> => {
  const html = document.documentElement
  const app = document.getElementById("app") ?? document.body
  let meta: SiteMeta
  try {
    meta = await loadJson<SiteMeta>(base + dataPaths.meta)
  } catch (error) {
    html.classList.remove("pending")
    console.error(error)
    return
  }
  let drawing = 0
  const draw = async (page: PageName, state: ResolvedState): Promise<void> => {
    const seq = ++drawing
    try {
      const module = await modules[page]()
      const rendered = await withDocument(document, () => renderPage(env, page, module, meta, state))
      if (seq !== drawing) return
      app.replaceChildren(rendered.header, rendered.main, rendered.footer)
      html.lang = state.lang
      html.dataset.lang = state.lang
      document.title = rendered.title
      setMetaDescription(rendered.description)
      // Tests and the benchmark wait on this: the page is drawn and its controls are live.
      html.dataset.drawn = String(seq)
    } catch (error) {
      const main = document.getElementById("main") ?? app
      main.replaceChildren(
        el("p", { class: "error", role: "alert" }, t(state.lang, "load_failed", { detail: error instanceof Error ? error.message : String(error) }))
      )
      console.error(error)
    } finally {
      if (seq === drawing) html.classList.remove("pending")
    }
  }
  let page = firstPage
  const env: RenderEnv = {
    doc: document,
    root: base,
    load: (path) => loadJson(base + path),
    go: (change, current) => {
      const next = resolveState(meta, {
        lang: change.lang ?? current.lang,
        focus: change.focus ?? current.focus,
        // A new focus takes its own default peers unless the change names some.
        peers: change.peers === undefined ? (change.focus ? null : current.peers) : change.peers,
        id: current.id
      })
      const shown = linkState(meta, next)
      history.pushState(null, "", `${base}${pagePath(next.lang, page, next.id)}${serializeState({ focus: shown.focus, peers: shown.peers })}`)
      void draw(page, next)
    }
  }
  // Back and forward: the URL says the whole state.
  window.addEventListener("popstate", () => {
    const below = new URL(location.href).pathname.slice(new URL(base).pathname.length)
    // The site's root (index.html) is the Spanish overview.
    const where = below === "" || below === "index.html" ? { page: "index" as const, lang: "es" as const, id: null } : parsePagePath(below)
    if (!where) return
    page = where.page
    const parsed = parseState(location.search)
    void draw(where.page, resolveState(meta, { lang: where.lang, focus: parsed.focus, peers: parsed.peers, id: where.id }))
  })
  await draw(page, resolveState(meta, first))
}
