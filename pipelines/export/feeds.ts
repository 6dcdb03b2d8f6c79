// JSON Feed 1.1 and Atom 1.0 renderings of the `changes` view, for the site's "what changed"
// page to publish. Pure functions: rows in, text out. One entry per (run, source) for value
// changes (counts per indicator, then the first few values), and one per stale / recovered /
// quarantined event, because those are what a subscriber must not miss.
import type { ChangeRow } from "../changes.ts"

export interface FeedOptions {
  readonly title: string
  /** The site's home page (absolute URL). */
  readonly homeUrl: string
  /** Where this feed itself is published (absolute URL). */
  readonly feedUrl: string
  /** Page that lists the changes; entries link to `${changesUrl}#run-<id>`. */
  readonly changesUrl: string
  readonly language?: string
  readonly description?: string
  /** Individual value changes listed per entry (the counts always cover all). */
  readonly detailsPerEntry?: number
}

export interface FeedEntry {
  readonly id: string
  readonly url: string
  readonly title: string
  readonly text: string
  readonly updated: string
  readonly tags: ReadonlyArray<string>
}

const iso = (value: string): string => {
  const text = String(value)
  const ms = Date.parse(/Z$|[+-]\d{2}:?\d{2}$/.test(text) ? text : text.replace(" ", "T") + "Z")
  return Number.isNaN(ms) ? text : new Date(ms).toISOString()
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`
const num = (v: number | null) => (v === null ? "" : String(Number(Number(v).toPrecision(6))))

/** Groups rows into entries, newest first. */
export const feedEntries = (rows: ReadonlyArray<ChangeRow>, options: FeedOptions): Array<FeedEntry> => {
  const cap = options.detailsPerEntry ?? 20
  const entries: Array<FeedEntry> = []
  const runKey = (r: ChangeRow) => (r.run_id === null ? `ingest-${iso(r.changed_at).slice(0, 10)}` : `run-${r.run_id}`)
  const valueGroups = new Map<string, Array<ChangeRow>>()
  for (const row of rows) {
    if (row.kind === "new_value" || row.kind === "revised") {
      const key = `${runKey(row)}|${row.source_id}`
      const group = valueGroups.get(key) ?? []
      group.push(row)
      valueGroups.set(key, group)
      continue
    }
    const anchor = runKey(row)
    const title = row.kind === "stale"
      ? `${row.source_id} is stale: its last retrieval failed`
      : row.kind === "recovered"
      ? `${row.source_id} recovered: retrieved again`
      : `${row.source_id}: a new vintage was quarantined as implausible`
    const text = row.kind === "stale"
      ? `The figures shown for ${row.source_id} are from its last good retrieval. Error: ${row.error ?? "unknown"}`
      : row.kind === "recovered"
      ? `${row.source_id} was retrieved successfully again${row.run_id !== null ? ` in run ${row.run_id}` : ""}.`
      : `Vintage ${row.new_vintage_id} of ${row.source_id} was kept aside and is not shown: ${row.error ?? "implausible"}`
    entries.push({
      id: `urn:brecha:${anchor}:${row.source_id}:${row.kind}${row.new_vintage_id !== null ? `:${row.new_vintage_id}` : ""}`,
      url: `${options.changesUrl}#${anchor}`, title, text, updated: iso(row.changed_at), tags: [row.source_id, row.kind]
    })
  }
  for (const [key, group] of valueGroups) {
    const [anchor, source] = key.split("|")
    const revised = group.filter((r) => r.kind === "revised")
    const added = group.filter((r) => r.kind === "new_value")
    const byIndicator = new Map<string, { added: number; revised: number }>()
    for (const r of group) {
      const c = byIndicator.get(r.indicator_id ?? "?") ?? { added: 0, revised: 0 }
      if (r.kind === "revised") c.revised++
      else c.added++
      byIndicator.set(r.indicator_id ?? "?", c)
    }
    const parts = [added.length > 0 ? plural(added.length, "new value") : "", revised.length > 0 ? plural(revised.length, "revision") : ""].filter(Boolean)
    const lines = [...byIndicator.entries()].sort(([a], [b]) => a.localeCompare(b))
      .map(([ind, c]) => `${ind}: ${[c.added ? plural(c.added, "new value") : "", c.revised ? plural(c.revised, "revision") : ""].filter(Boolean).join(", ")}`)
    // Revisions are the news; list them before new values.
    const shown = [...revised, ...added].slice(0, cap)
    const details = shown.map((r) =>
      r.kind === "revised"
        ? `${r.indicator_id} ${r.country_iso3} ${r.year}: ${num(r.old_value)} → ${num(r.new_value)} (vintage ${r.old_vintage_id} → ${r.new_vintage_id})`
        : `${r.indicator_id} ${r.country_iso3} ${r.year}: ${num(r.new_value)} (new, vintage ${r.new_vintage_id})`)
    const more = group.length - shown.length
    entries.push({
      id: `urn:brecha:${anchor}:${source}:values`,
      url: `${options.changesUrl}#${anchor}`,
      title: `${source}: ${parts.join(", ")}${anchor.startsWith("run-") ? ` (run ${anchor.slice(4)})` : ""}`,
      text: [...lines, "", ...details, ...(more > 0 ? [`… and ${plural(more, "more change")}.`] : [])].join("\n"),
      updated: group.map((r) => iso(r.changed_at)).sort().at(-1)!,
      tags: [source, ...[...byIndicator.keys()]]
    })
  }
  return entries.sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : a.id.localeCompare(b.id)))
}

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). */
export const renderJsonFeed = (rows: ReadonlyArray<ChangeRow>, options: FeedOptions): string => {
  const entries = feedEntries(rows, options)
  return JSON.stringify({
    version: "https://jsonfeed.org/version/1.1",
    title: options.title,
    home_page_url: options.homeUrl,
    feed_url: options.feedUrl,
    ...(options.description ? { description: options.description } : {}),
    ...(options.language ? { language: options.language } : {}),
    items: entries.map((e) => ({ id: e.id, url: e.url, title: e.title, content_text: e.text, date_published: e.updated, date_modified: e.updated, tags: e.tags }))
  }, null, 2)
}

const xml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&apos;" })[c]!)
    // Characters XML 1.0 forbids (control characters other than tab/newline/CR) are dropped.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, "")

/** Atom 1.0 (RFC 4287). */
export const renderAtom = (rows: ReadonlyArray<ChangeRow>, options: FeedOptions): string => {
  const entries = feedEntries(rows, options)
  const updated = entries[0]?.updated ?? new Date(0).toISOString()
  return [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom"${options.language ? ` xml:lang="${xml(options.language)}"` : ""}>`,
    `  <title>${xml(options.title)}</title>`,
    ...(options.description ? [`  <subtitle>${xml(options.description)}</subtitle>`] : []),
    `  <id>${xml(options.feedUrl)}</id>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(options.feedUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(options.homeUrl)}"/>`,
    `  <updated>${updated}</updated>`,
    `  <author><name>brecha</name></author>`,
    ...entries.map((e) => [
      `  <entry>`,
      `    <id>${xml(e.id)}</id>`,
      `    <title>${xml(e.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xml(e.url)}"/>`,
      `    <updated>${e.updated}</updated>`,
      ...e.tags.map((t) => `    <category term="${xml(t)}"/>`),
      `    <content type="text">${xml(e.text)}</content>`,
      `  </entry>`
    ].join("\n")),
    `</feed>`,
    ""
  ].join("\n")
}
