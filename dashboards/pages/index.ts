// Overview (home): the scorecard of every indicator by pillar for the focus country, the
// review's recommendation areas with their roll-up status, and what changed last refresh.
import { sparkline } from "../../src/charts/sparkline.ts"
import { formatDate, formatDelta, formatInteger, formatValue } from "../../src/i18n/format.ts"
import { t } from "../../src/i18n/strings.ts"
import { dataPaths } from "../../src/site/paths.ts"
import type { IndicatorRef, OverviewData, OverviewRow } from "../../src/site/types.ts"
import { loadJson } from "../../src/ui/data.ts"
import { append, el } from "../../src/ui/dom.ts"
import type { PageContext } from "../../src/ui/page.ts"
import { statusBadge } from "../../src/ui/status.ts"
import { indicatorName, pillarName, tx } from "../../src/ui/text.ts"
import { recommendationStatus } from "../../src/ui/rollup.ts"

const PILLARS = ["connectivity", "data_capability", "digital_talent"] as const

export const indicatorStatusBadge = (ctx: PageContext, row: OverviewRow | undefined) => {
  if (!row || row.series.length === 0) return statusBadge(ctx.lang, "no_data")
  if (!ctx.meta.marts.indicator_status) return statusBadge(ctx.lang, "pending", t(ctx.lang, "status_pending_note"))
  return statusBadge(ctx.lang, row.status?.status ?? "not_enough_data")
}

const scorecard = (ctx: PageContext, overview: OverviewData, pillar: string, indicators: ReadonlyArray<IndicatorRef>) => {
  const { lang } = ctx
  const rows = new Map(overview.rows.map((r) => [r.id, r]))
  return el("section", { class: "pillar-block", "aria-labelledby": `pillar-${pillar}` },
    el("h2", { id: `pillar-${pillar}` }, el("a", { href: ctx.href("pillar.html", pillar) }, pillarName(lang, pillar))),
    el("div", { class: "table-scroll", tabindex: "0", role: "region", "aria-labelledby": `pillar-${pillar}` },
      el("table", { class: "scorecard" },
        el("thead", {}, el("tr", {},
          el("th", { scope: "col" }, t(lang, "col_indicator")),
          el("th", { scope: "col", class: "num" }, t(lang, "col_latest")),
          el("th", { scope: "col", class: "num" }, t(lang, "col_benchmark")),
          el("th", { scope: "col", class: "num" }, t(lang, "col_gap")),
          el("th", { scope: "col" }, t(lang, "col_trend")),
          el("th", { scope: "col" }, t(lang, "col_status")),
          el("th", { scope: "col" }, t(lang, "col_tracks")))),
        el("tbody", {}, indicators.map((i) => {
          const row = rows.get(i.id)
          const last = row?.series[row.series.length - 1]
          const status = row?.status ?? null
          const spark = row && row.series.length > 1 ? sparkline(row.series) : null
          spark?.setAttribute("aria-hidden", "true")
          return el("tr", {},
            el("th", { scope: "row" }, el("a", { href: ctx.href("indicator.html", i.id) }, indicatorName(lang, i)),
              el("span", { class: "unit" }, tx(lang, i.unit_label))),
            el("td", { class: "num" }, last ? `${formatValue(lang, i.unit, last[1])} (${last[0]})` : "—"),
            el("td", { class: "num" }, status?.benchmark_value != null ? formatValue(lang, i.unit, status.benchmark_value) : "—"),
            el("td", { class: "num" }, status?.gap != null ? formatDelta(lang, i.unit, status.gap) : "—"),
            el("td", { class: "spark" }, spark),
            el("td", {}, indicatorStatusBadge(ctx, row)),
            el("td", { class: "tracks" }, i.tracks.flatMap((rec, k) => [k > 0 ? " " : null, el("a", { href: ctx.href("recommendation.html", rec) }, rec)])))
        })))))
}

const changesLines = (ctx: PageContext) => {
  const { lang, meta } = ctx
  const c = meta.last_change
  const lines = c.run_id === null
    ? [t(lang, "changes_none")]
    : [
        t(lang, "changes_new", { n: formatInteger(lang, c.new_values), k: c.indicators.length }),
        t(lang, "changes_revised", { n: formatInteger(lang, c.revised) }),
        c.stale.length > 0 ? t(lang, "changes_stale", { list: c.stale.join(", ") }) : c.recovered.length > 0 ? t(lang, "changes_recovered", { list: c.recovered.join(", ") }) : t(lang, "changes_all_fresh")
      ]
  return el("section", { class: "changes-box", "aria-labelledby": "changes-h" },
    el("h2", { id: "changes-h" }, t(lang, "changes_title")),
    c.run_id !== null ? el("p", { class: "muted" }, t(lang, "changes_run", { run: c.run_id, date: formatDate(lang, c.changed_at) })) : null,
    el("ul", {}, lines.map((l) => el("li", {}, l))),
    el("p", {}, el("a", { href: ctx.href("changes.html") }, t(lang, "changes_more"))))
}

const recommendationStrip = (ctx: PageContext, overview: OverviewData) => {
  const { lang, meta } = ctx
  return el("section", { class: "rec-strip", "aria-labelledby": "recs-h" },
    el("h2", { id: "recs-h" }, t(lang, "rec_strip_title")),
    el("ul", { class: "rec-cards" }, meta.recommendations.map((r) => {
      const status = recommendationStatus(ctx, overview, r.id)
      return el("li", {}, el("a", { href: ctx.href("recommendation.html", r.id), class: "rec-card" },
        el("span", { class: "rec-id" }, r.id),
        el("span", { class: "rec-title" }, tx(lang, r.title)),
        statusBadge(lang, status.status, status.note)))
    })))
}

export const render = async (ctx: PageContext): Promise<void> => {
  const { lang, meta, state } = ctx
  document.title = `brecha · ${ctx.countryName(state.focus)}`
  const overview = await loadJson<OverviewData>(dataPaths.overview(state.focus))
  const byPillar = (p: string) => meta.indicators.filter((i) => i.pillar === p && i.parent_id === null)
  append(ctx.main, 
    el("h1", {}, t(lang, "site_tagline", { country: ctx.countryName(state.focus) })),
    meta.marts.indicator_status ? null : el("p", { class: "notice" }, t(lang, "status_pending_note")),
    ...PILLARS.map((p) => scorecard(ctx, overview, p, byPillar(p))),
    recommendationStrip(ctx, overview),
    changesLines(ctx)
  )
}
