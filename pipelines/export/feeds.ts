// JSON Feed 1.1 and Atom 1.0 of the `changes` view: one item per refresh run that changed
// something, so an analyst's feed reader says "WDI revised 14 values" the morning it happens.
import { formatInteger } from "../../src/web/i18n/format.ts"
import { t } from "../../src/web/i18n/strings.ts"
import type { ChangeGroup, Lang } from "../../src/contract/types.ts"

export interface FeedItem {
  readonly id: string
  readonly run_id: number
  readonly title: string
  readonly text: string
  readonly date: string
  readonly url: string
}

const iso = (timestamp: string): string => {
  const s = timestamp.includes("T") ? timestamp : timestamp.replace(" ", "T")
  const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s}Z`)
  return Number.isNaN(d.getTime()) ? new Date(0).toISOString() : d.toISOString()
}

const kindLabel = (lang: Lang, kind: string): string =>
  kind === "new_value"
    ? t(lang, "kind_new_value")
    : kind === "revised"
      ? t(lang, "kind_revised")
      : kind === "stale"
        ? t(lang, "kind_stale")
        : kind === "recovered"
          ? t(lang, "kind_recovered")
          : kind

export const feedItems = (groups: ReadonlyArray<ChangeGroup>, lang: Lang, pageUrl: string): Array<FeedItem> => {
  const byRun = new Map<number, Array<ChangeGroup>>()
  for (const g of groups) byRun.set(g.run_id, [...(byRun.get(g.run_id) ?? []), g])
  return [...byRun]
    .sort(([a], [b]) => b - a)
    .map(([run, gs]) => {
      const count = (kind: string) => gs.filter((g) => g.kind === kind).reduce((n, g) => n + g.n, 0)
      const sourcesOf = (kind: string) => [...new Set(gs.filter((g) => g.kind === kind).map((g) => g.source_id))].join(", ")
      const parts = [
        count("new_value") > 0 ? t(lang, "feed_part_new", { n: formatInteger(lang, count("new_value")) }) : null,
        count("revised") > 0 ? t(lang, "feed_part_revised", { n: formatInteger(lang, count("revised")) }) : null,
        count("stale") > 0 ? t(lang, "feed_part_stale", { list: sourcesOf("stale") }) : null,
        count("recovered") > 0 ? t(lang, "feed_part_recovered", { list: sourcesOf("recovered") }) : null
      ].filter((p): p is string => p !== null)
      const lines = gs.map((g) =>
        g.indicator_id === null
          ? t(lang, "feed_line_source", { kind: kindLabel(lang, g.kind), source: g.source_id, error: g.error ?? "" })
          : t(lang, "feed_line_values", {
              kind: kindLabel(lang, g.kind),
              source: g.source_id,
              indicator: g.indicator_id,
              n: formatInteger(lang, g.n),
              countries: g.countries,
              years: g.min_year === g.max_year ? String(g.min_year) : `${g.min_year}–${g.max_year}`
            })
      )
      const date = iso(
        gs
          .map((g) => g.changed_at)
          .sort()
          .at(-1) ?? ""
      )
      return {
        id: `brecha-run-${run}-${lang}`,
        run_id: run,
        title: t(lang, "feed_item_title", { run, parts: parts.join(", ") }),
        text: lines.join("\n"),
        date,
        url: `${pageUrl}#run-${run}`
      }
    })
}

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). */
export const jsonFeed = (items: ReadonlyArray<FeedItem>, lang: Lang, urls: { home: string; feed: string }) => ({
  version: "https://jsonfeed.org/version/1.1",
  title: t(lang, "feed_title"),
  home_page_url: urls.home,
  feed_url: urls.feed,
  language: lang,
  items: items.map((i) => ({ id: i.id, url: i.url, title: i.title, content_text: i.text, date_published: i.date }))
})

const xml = (s: string): string =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    // Characters XML 1.0 forbids cannot appear even escaped.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing those control characters is the point
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, "")

/** Atom 1.0 (RFC 4287). `updated` is the newest item's date, or the build time with no items. */
export const atomFeed = (items: ReadonlyArray<FeedItem>, lang: Lang, urls: { home: string; feed: string }, builtAt: string): string => {
  const updated = items[0]?.date ?? iso(builtAt)
  const entries = items
    .map(
      (i) => `  <entry>
    <id>urn:brecha:${xml(i.id)}</id>
    <title>${xml(i.title)}</title>
    <link href="${xml(i.url)}"/>
    <updated>${i.date}</updated>
    <content type="text">${xml(i.text)}</content>
  </entry>`
    )
    .join("\n")
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">
  <id>urn:brecha:changes:${lang}</id>
  <title>${xml(t(lang, "feed_title"))}</title>
  <link href="${xml(urls.home)}"/>
  <link rel="self" href="${xml(urls.feed)}"/>
  <updated>${updated}</updated>
  <author><name>brecha</name></author>
${entries}
</feed>
`
}
