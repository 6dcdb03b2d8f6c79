// Sources and freshness: per source, whether it is live (its publisher endpoints) or final
// ("final edition (year), no further releases expected" and why), its cadence, last
// success, publishers and licences, latest vintage and release date, whether it is stale,
// rows, rejected rows with their reasons (expandable), and how its last run went —
// "stale since <date>" with the error when it has been failing.
import { formatDate, formatInteger } from "../../src/web/i18n/format.ts"
import { t } from "../../src/web/i18n/strings.ts"
import { dataPaths } from "../../src/contract/paths.ts"
import type { SourceFreshness, SourcesData } from "../../src/contract/types.ts"
import { dataTable } from "../../src/web/ui/chartFrame.ts"
import { append, el } from "../../src/web/ui/dom.ts"
import type { PageContext } from "../../src/web/ui/page.ts"
import { statusBadge } from "../../src/web/ui/status.ts"
import { licenceText } from "../../src/web/ui/text.ts"

const runOutcome = (ctx: PageContext, s: SourceFreshness): HTMLElement => {
  const { lang } = ctx
  if (!s.last_run) return el("span", {}, t(lang, "source_never_run"))
  const word =
    s.last_run.outcome === "unchanged"
      ? t(lang, "source_unchanged")
      : s.last_run.outcome === "loaded"
        ? t(lang, "source_loaded")
        : s.last_run.outcome === "final"
          ? t(lang, "source_final")
          : s.last_run.outcome === "unreachable"
            ? t(lang, "source_unreachable")
            : s.last_run.outcome === "failed"
              ? t(lang, "source_failed")
              : s.last_run.outcome
  if (s.stale_since && s.kind !== "final") {
    return el(
      "div",
      {},
      statusBadge(lang, "moving_away", s.last_run.error ?? undefined),
      el("strong", {}, " ", `${word} · `, t(lang, "source_stale_since", { date: formatDate(lang, s.stale_since) })),
      s.last_run.error ? el("p", { class: "error" }, s.last_run.error) : null
    )
  }
  return el("span", {}, `${word} · ${formatDate(lang, s.last_run.finished_at)}`)
}

const cadenceText = (lang: PageContext["lang"], cadence: string | null): string =>
  cadence === "annual"
    ? t(lang, "cadence_annual")
    : cadence === "biennial"
      ? t(lang, "cadence_biennial")
      : cadence === "triennial"
        ? t(lang, "cadence_triennial")
        : cadence === "irregular"
          ? t(lang, "cadence_irregular")
          : (cadence ?? "—")

/** Live: its publisher endpoints; final: the closing edition and why. */
const kindBlock = (ctx: PageContext, s: SourceFreshness): Array<HTMLElement> => {
  const { lang } = ctx
  if (s.final) {
    return [
      el("dt", {}, t(lang, "col_kind")),
      el(
        "dd",
        { class: "source-final" },
        el("strong", {}, t(lang, "source_final_edition", { year: s.final.year })),
        el("p", {}, t(lang, "source_final_published", { edition: s.final.edition, date: s.final.released ?? "—" }), " ", s.final.reason),
        s.final.live_counterpart
          ? el("p", {}, t(lang, "source_live_counterpart"), el("a", { href: `#source-${s.final.live_counterpart}` }, s.final.live_counterpart))
          : null
      )
    ]
  }
  if (s.kind === "live") {
    return [
      el("dt", {}, t(lang, "col_kind")),
      el("dd", {}, t(lang, "source_kind_live")),
      el("dt", {}, t(lang, "col_endpoints")),
      el(
        "dd",
        {},
        el(
          "ul",
          { class: "endpoints" },
          s.endpoints.map((url) => el("li", {}, el("code", {}, url)))
        )
      )
    ]
  }
  if (s.kind === "local") return [el("dt", {}, t(lang, "col_kind")), el("dd", {}, t(lang, "source_kind_local"))]
  return [el("dt", {}, t(lang, "col_kind")), el("dd", {}, t(lang, "source_kind_undeclared"))]
}

const staleText = (ctx: PageContext, s: SourceFreshness): HTMLElement =>
  s.kind === "final"
    ? el("span", {}, t(ctx.lang, "source_stale_no"))
    : s.stale
      ? el("span", {}, el("strong", {}, t(ctx.lang, "source_stale_yes")), s.stale_reason ? ` · ${s.stale_reason}` : "")
      : el("span", {}, t(ctx.lang, "source_stale_no"))

const sourceBlock = (ctx: PageContext, s: SourceFreshness): HTMLElement => {
  const { lang } = ctx
  const current = s.vintages.filter((v) => v.status === "current")
  const latest = [...current].sort((a, b) => a.retrieved_at.localeCompare(b.retrieved_at)).at(-1)
  const released =
    current
      .map((v) => v.released_at)
      .filter((d): d is string => d !== null)
      .sort()
      .at(-1) ?? null
  return el(
    "section",
    { class: "source", id: `source-${s.source_id}`, "aria-labelledby": `source-h-${s.source_id}` },
    el("h2", { id: `source-h-${s.source_id}` }, s.source_id),
    el(
      "dl",
      { class: "meta-list" },
      kindBlock(ctx, s),
      el("dt", {}, t(lang, "col_cadence")),
      el("dd", {}, cadenceText(lang, s.cadence)),
      el("dt", {}, t(lang, "col_last_success")),
      el("dd", {}, formatDate(lang, s.last_success)),
      el("dt", {}, t(lang, "col_freshness")),
      el("dd", {}, staleText(ctx, s)),
      el("dt", {}, t(lang, "col_publisher")),
      el("dd", {}, s.publishers.join("; ") || "—"),
      el("dt", {}, t(lang, "col_licence")),
      el("dd", {}, s.licences.map((l) => licenceText(lang, l)).join("; ") || "—"),
      el("dt", {}, t(lang, "col_latest_vintage")),
      el("dd", {}, latest ? `${formatDate(lang, latest.retrieved_at)} (#${latest.vintage_id})` : "—"),
      el("dt", {}, t(lang, "col_released")),
      el("dd", {}, formatDate(lang, released)),
      el("dt", {}, t(lang, "col_rows")),
      el("dd", {}, formatInteger(lang, s.rows_current)),
      el("dt", {}, t(lang, "col_rejected")),
      el(
        "dd",
        {},
        s.rejections.length === 0
          ? t(lang, "no_rejections")
          : el(
              "details",
              {},
              el("summary", {}, t(lang, "rejections_reasons", { n: formatInteger(lang, s.rows_rejected) })),
              el(
                "ul",
                {},
                s.rejections.map((r) =>
                  el(
                    "li",
                    {},
                    `${r.reason} (${formatInteger(lang, r.count)})`,
                    el(
                      "ul",
                      {},
                      r.examples.map((e) =>
                        el(
                          "li",
                          { class: "muted" },
                          `${e.origin}${e.line !== null ? `, ${t(lang, "line")} ${e.line}` : ""}: ${[e.area, e.raw_year, e.raw_value].filter((x) => x !== null).join(" · ")}`
                        )
                      )
                    )
                  )
                )
              )
            )
      ),
      el("dt", {}, t(lang, "col_last_run")),
      el("dd", {}, runOutcome(ctx, s)),
      el("dt", {}, t(lang, "col_indicators")),
      el(
        "dd",
        {},
        s.indicators.flatMap((id, i) => [i > 0 ? ", " : null, el("a", { href: ctx.href("indicator", id) }, id)])
      )
    ),
    el(
      "details",
      {},
      el("summary", {}, `${t(lang, "vintages_title")} (${s.vintages.length})`),
      dataTable(
        [
          { label: "#", cell: (v) => String(v.vintage_id), numeric: true },
          { label: t(lang, "col_source"), cell: (v) => v.unit },
          { label: t(lang, "col_released"), cell: (v) => formatDate(lang, v.released_at) },
          { label: t(lang, "col_retrieved"), cell: (v) => formatDate(lang, v.retrieved_at) },
          { label: t(lang, "col_rows"), cell: (v) => formatInteger(lang, v.rows_loaded), numeric: true },
          { label: t(lang, "col_rejected"), cell: (v) => formatInteger(lang, v.rows_rejected), numeric: true },
          { label: t(lang, "col_status"), cell: (v) => v.status }
        ],
        s.vintages,
        t(lang, "vintages_title")
      )
    )
  )
}

export const render = async (ctx: PageContext): Promise<void> => {
  const { lang } = ctx
  ctx.setHead({ title: `${t(lang, "nav_sources")} · brecha`, description: t(lang, "sources_intro") })
  const data = await ctx.load<SourcesData>(dataPaths.sources)
  append(
    ctx.main,
    el("h1", {}, t(lang, "nav_sources")),
    el("p", {}, t(lang, "sources_intro")),
    data.sources.map((s) => sourceBlock(ctx, s)),
    el(
      "section",
      { "aria-labelledby": "runs-h" },
      el("h2", { id: "runs-h" }, t(lang, "runs_title")),
      dataTable(
        [
          { label: "#", cell: (r) => String(r.run_id), numeric: true },
          { label: t(lang, "col_when"), cell: (r) => formatDate(lang, r.started_at) },
          { label: t(lang, "col_mode"), cell: (r) => `${r.trigger} · ${r.mode}` },
          { label: t(lang, "col_status"), cell: (r) => r.status }
        ],
        [...data.runs].reverse(),
        t(lang, "runs_title")
      )
    )
  )
}
