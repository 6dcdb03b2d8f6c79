// The view's state lives in the URL: the page, language and item in its path
// (src/contract/routes.ts), the focus country and peers in the query when they are not the
// defaults, so a copied link reproduces exactly what the reader saw. The old query URLs
// (`indicator.html?lang=en&focus=KOR&id=…`) are read by `parseState` and redirected.
import { type PageName, pagePath } from "../../contract/routes.ts"
import type { Lang } from "../../contract/types.ts"

export interface ViewState {
  readonly lang: Lang
  readonly focus: string | null
  readonly peers: ReadonlyArray<string> | null
  readonly id: string | null
}

const iso3 = /^[A-Z]{3}$/

export const parseState = (search: string): ViewState => {
  const p = new URLSearchParams(search)
  const lang = p.get("lang") === "en" ? "en" : "es"
  const focus = (p.get("focus") ?? "").toUpperCase()
  const peersRaw = p.get("peers")
  return {
    lang,
    focus: iso3.test(focus) ? focus : null,
    // "peers=" (empty) means "no peers", which differs from no parameter (defaults).
    peers:
      peersRaw === null
        ? null
        : peersRaw
            .split(",")
            .map((s) => s.trim().toUpperCase())
            .filter((s) => iso3.test(s)),
    id: p.get("id")
  }
}

export const serializeState = (state: Partial<ViewState>): string => {
  const p = new URLSearchParams()
  if (state.lang) p.set("lang", state.lang)
  if (state.focus) p.set("focus", state.focus)
  if (state.peers) p.set("peers", state.peers.join(","))
  if (state.id) p.set("id", state.id)
  const s = p.toString()
  return s ? `?${s}` : ""
}

/**
 * A link to a page's path URL from a page `root` levels below the site root ("../../"),
 * keeping focus and peers only where they differ from the defaults (null = default).
 */
export const pageHref = (root: string, state: Pick<ViewState, "lang" | "focus" | "peers">, page: PageName, id?: string | null): string =>
  `${root}${pagePath(state.lang, page, id)}${serializeState({ focus: state.focus, peers: state.peers })}`
