// Path URLs: one per page and language (`es/indicador/IT.NET.BBND.P2/`,
// `en/indicator/IT.NET.BBND.P2/`), relative to the site's root. The export writes a
// pre-rendered page at each of them; the pages link with them; the old query URLs
// (`indicator.html?id=…&lang=…`) are translated into them.
import { fileId } from "./paths.ts"
import type { Lang } from "./types.ts"

export const PAGES = ["index", "indicator", "recommendation", "pillar", "sources", "changes"] as const
export type PageName = (typeof PAGES)[number]

const slugs: Record<PageName, Record<Lang, string>> = {
  index: { es: "", en: "" },
  indicator: { es: "indicador", en: "indicator" },
  recommendation: { es: "recomendacion", en: "recommendation" },
  pillar: { es: "pilar", en: "pillar" },
  sources: { es: "fuentes", en: "sources" },
  changes: { es: "cambios", en: "changes" }
}

export const LANGS: ReadonlyArray<Lang> = ["es", "en"]

/** Pages that show one item (and so carry an id in their path). */
export const hasId = (page: PageName): boolean => page === "indicator" || page === "recommendation" || page === "pillar"

/** The page's folder below the site's root, with a trailing slash: `en/indicator/IT.NET.BBND.P2/`. */
export const pagePath = (lang: Lang, page: PageName, id?: string | null): string => {
  const slug = slugs[page][lang]
  if (!slug) return `${lang}/`
  return hasId(page) && id ? `${lang}/${slug}/${encodeURIComponent(fileId(id))}/` : `${lang}/${slug}/`
}

/** How many folders deep a page path is (what "../" must climb to reach the root). */
export const depthOf = (path: string): number => path.split("/").filter(Boolean).length

/** The page, language and id a path below the root names, or null when it names none. */
export const parsePagePath = (path: string): { page: PageName; lang: Lang; id: string | null } | null => {
  const parts = path
    .split("/")
    .filter(Boolean)
    .map((p) => decodeURIComponent(p))
  const lang = parts[0]
  if (lang !== "es" && lang !== "en") return null
  if (parts.length === 1) return { page: "index", lang, id: null }
  const page = PAGES.find((p) => slugs[p][lang] === parts[1] && p !== "index")
  if (!page) return null
  return { page, lang, id: hasId(page) ? (parts[2] ?? null) : null }
}

/** The page an old file name names (`indicator.html` → indicator). */
export const legacyPage = (fileName: string): PageName => {
  const name = fileName.replace(/\.html$/, "")
  return (PAGES as ReadonlyArray<string>).includes(name) ? (name as PageName) : "index"
}
