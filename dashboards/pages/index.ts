// Overview (home): the scorecard of every indicator by pillar for the focus country, the
// review's recommendation areas with their roll-up status, and what changed last refresh.
import { sparkline } from "../../src/web/charts/sparkline.ts"
import { formatDate, formatDelta, formatInteger, formatValue } from "../../src/web/i18n/format.ts"
import { t } from "../../src/web/i18n/strings.ts"
import { dataPaths } from "../../src/contract/paths.ts"
import type { IndicatorRef, OverviewData, OverviewRow } from "../../src/contract/types.ts"
import { append, el } from "../../src/web/ui/dom.ts"
import type { PageContext } from "../../src/web/ui/page.ts"
import { statusBadge } from "../../src/web/ui/status.ts"
import { indicatorName, pillarName, tx } from "../../src/web/ui/text.ts"
import { recommendationStatus } from "../../src/web/ui/rollup.ts"

const PILLARS = ["connectivity", "data_capability", "digital_talent"] as const

export const indicatorStatusBadge = (ctx: PageContext, row: OverviewRow | undefined) =>
  !row || row.series.length === 0 ? statusBadge(ctx.lang, "no_data") : statusBadge(ctx.lang, row.status?.status ?? "not_enough_data")

/** A recommendation link as the reader needs it: its title, with the code as secondary text. */
const recLink = (ctx: PageContext, recId: string) => {
  const rec = ctx.meta.recommendations.find((r) => r.id === recId)
  return el(
    "a",
    { href: ctx.href("recommendation", recId), class: "rec-link" },
    rec ? tx(ctx.lang, rec.title) : recId,
    " ",
    el("span", { class: "rec-code" }, recId)
  )
}

const scorecard = (ctx: PageContext, overview: OverviewData, pillar: string, indicators: ReadonlyArray<IndicatorRef>) => {
  const { lang } = ctx
  const rows = new Map(overview.rows.map((r) => [r.id, r]))
  return el(
    "section",
    { class: "pillar-block", "aria-labelledby": `pillar-${pillar}` },
    el("h2", { id: `pillar-${pillar}` }, el("a", { href: ctx.href("pillar", pillar) }, pillarName(lang, pillar))),
    el(
      "div",
      { class: "table-scroll", tabindex: "0", role: "region", "aria-labelledby": `pillar-${pillar}` },
      el(
        "table",
        { class: "scorecard" },
        el(
          "thead",
          {},
          el(
            "tr",
            {},
            el("th", { scope: "col" }, t(lang, "col_indicator")),
            el("th", { scope: "col", class: "num" }, t(lang, "col_latest")),
            el("th", { scope: "col", class: "num" }, t(lang, "col_benchmark")),
            el("th", { scope: "col", class: "num" }, t(lang, "col_gap")),
            el("th", { scope: "col" }, t(lang, "col_trend")),
            el("th", { scope: "col" }, t(lang, "col_status")),
            el("th", { scope: "col" }, t(lang, "col_tracks"))
          )
        ),
        el(
          "tbody",
          {},
          indicators.map((i) => {
            const row = rows.get(i.id)
            const last = row?.series[row.series.length - 1]
            const status = row?.status ?? null
            const spark = row && row.series.length > 1 ? sparkline(row.series, { document: ctx.doc }) : null
            spark?.setAttribute("aria-hidden", "true")
            return el(
              "tr",
              {},
              el(
                "th",
                { scope: "row" },
                el("a", { href: ctx.href("indicator", i.id) }, indicatorName(lang, i)),
                el("span", { class: "unit" }, tx(lang, i.unit_label))
              ),
              el("td", { class: "num" }, last ? `${formatValue(lang, i.unit, last[1])} (${last[0]})` : "—"),
              el("td", { class: "num" }, status?.benchmark_value != null ? formatValue(lang, i.unit, status.benchmark_value) : "—"),
              el("td", { class: "num" }, status?.gap != null ? formatDelta(lang, i.unit, status.gap) : "—"),
              el("td", { class: "spark" }, spark),
              el("td", {}, indicatorStatusBadge(ctx, row)),
              el(
                "td",
                { class: "tracks" },
                el(
                  "ul",
                  {},
                  i.tracks.map((rec) => el("li", {}, recLink(ctx, rec)))
                )
              )
            )
          })
        )
      )
    )
  )
}

const changesLines = (ctx: PageContext) => {
  const { lang, meta } = ctx
  const c = meta.last_change
  const lines =
    c.run_id === null
      ? [t(lang, "changes_none")]
      : [
          t(lang, "changes_new", { n: formatInteger(lang, c.new_values), k: c.indicators.length }),
          t(lang, "changes_revised", { n: formatInteger(lang, c.revised) }),
          c.stale.length > 0
            ? t(lang, "changes_stale", { list: c.stale.join(", ") })
            : c.recovered.length > 0
              ? t(lang, "changes_recovered", { list: c.recovered.join(", ") })
              : t(lang, "changes_all_fresh")
        ]
  return el(
    "section",
    { class: "changes-box", "aria-labelledby": "changes-h" },
    el("h2", { id: "changes-h" }, t(lang, "changes_title")),
    c.run_id !== null ? el("p", { class: "muted" }, t(lang, "changes_run", { run: c.run_id, date: formatDate(lang, c.changed_at) })) : null,
    el(
      "ul",
      {},
      lines.map((l) => el("li", {}, l))
    ),
    el("p", {}, el("a", { href: ctx.href("changes") }, t(lang, "changes_more")))
  )
}

/** The one sentence that says why an area has its status, from the roll-up's counts. */
const recWhy = (ctx: PageContext, overview: OverviewData, recId: string): string | null => {
  const d = overview.recommendations?.find((r) => r.recommendation_id === recId)?.detail
  if (!d) return null
  const n = (k: string) => (typeof d[k] === "number" ? (d[k] as number) : Number(d[k] ?? 0))
  const withData = n("n_with_data")
  if (withData === 0) return t(ctx.lang, "rec_why_no_data")
  return t(ctx.lang, "rec_why", { behind: withData - n("n_above_benchmark") - n("n_on_track"), with: withData, away: n("n_moving_away") })
}

const recommendationStrip = (ctx: PageContext, overview: OverviewData) => {
  const { lang, meta } = ctx
  return el(
    "section",
    { class: "rec-strip", "aria-labelledby": "recs-h" },
    el("h2", { id: "recs-h" }, t(lang, "rec_strip_title")),
    el("p", {}, t(lang, "rec_strip_intro", { country: ctx.countryName(ctx.state.focus) })),
    el(
      "ul",
      { class: "rec-cards" },
      meta.recommendations.map((r) => {
        const status = recommendationStatus(ctx, overview, r.id)
        const why = status.note ?? recWhy(ctx, overview, r.id)
        return el(
          "li",
          {},
          el(
            "a",
            { href: ctx.href("recommendation", r.id), class: "rec-card" },
            el("span", { class: "rec-title" }, tx(lang, r.title)),
            el("span", { class: "rec-id" }, r.id),
            statusBadge(lang, status.status),
            why ? el("span", { class: "rec-why" }, why) : null
          )
        )
      })
    )
  )
}

export const render = async (ctx: PageContext): Promise<void> => {
  const { lang, meta, state } = ctx
  ctx.setHead({ title: `brecha · ${ctx.countryName(state.focus)}`, description: t(lang, "site_tagline", { country: ctx.countryName(state.focus) }) })
  const overview = await ctx.load<OverviewData>(dataPaths.overview(state.focus))
  const byPillar = (p: string) => meta.indicators.filter((i) => i.pillar === p && i.parent_id === null)
  append(
    ctx.main,
    el("h1", {}, t(lang, "site_tagline", { country: ctx.countryName(state.focus) })),
    // First the answer (where the focus stands against the review), then the evidence.
    recommendationStrip(ctx, overview),
    ...PILLARS.map((p) => scorecard(ctx, overview, p, byPillar(p))),
    changesLines(ctx)
  )
}
