// One indicator as a small multiple (pillar and recommendation pages): the focus country's
// trend inside the OECD band, its status, the finding, and the usual frame around it.
import { trendChart, type TrendRow, trendRows } from "../charts/trend.ts"
import { targetFinding } from "../findings/target.ts"
import { trendFinding } from "../findings/trend.ts"
import { formatValue } from "../i18n/format.ts"
import { t } from "../i18n/strings.ts"
import { fileId } from "../../contract/paths.ts"
import type { Benchmark, IndicatorRef, OverviewRow } from "../../contract/types.ts"
import { chartFrame } from "./chartFrame.ts"
import { el } from "./dom.ts"
import type { PageContext } from "./page.ts"
import { statusBadge } from "./status.ts"
import { captionFor, indicatorName, tx } from "./text.ts"

export const smallMultiple = (ctx: PageContext, indicator: IndicatorRef, row: OverviewRow | undefined, bands: ReadonlyArray<Benchmark> | null): HTMLElement => {
  const { lang, state, meta } = ctx
  const unit = indicator.unit
  const focusName = ctx.countryName(state.focus)
  const points = row?.series ?? []
  const target = row?.target ?? null
  const input = { focus: { iso3: state.focus, name: focusName, points }, peers: [], bands, compact: true, target }
  const rows = trendRows(input, t(lang, "legend_median"))
  const name = indicatorName(lang, indicator)
  // A national indicator without a benchmark takes its status from its target, else its trend.
  const badge = statusBadge(lang, points.length === 0 ? "no_data" : (row?.status?.status ?? target?.status ?? row?.trend?.status ?? "not_enough_data"))
  const frame = chartFrame<TrendRow>({
    lang,
    id: `sm-${fileId(indicator.id)}`,
    level: 3,
    compact: true,
    title: name,
    finding:
      trendFinding({ lang, country: focusName, unit, points, bands: bands ?? [] }) +
      (target ? ` ${targetFinding({ lang, country: focusName, unit, target })}` : ""),
    summary: t(lang, "summary_trend", {
      name,
      from: points[0]?.[0] ?? "—",
      to: points.at(-1)?.[0] ?? "—",
      country: focusName,
      peers: "",
      band: bands?.length ? t(lang, "summary_trend_band") : ""
    }),
    render: (width) => trendChart(input, { lang, unit, width, document: ctx.doc }),
    rows,
    table: [
      { label: t(lang, "col_series"), cell: (r) => r.series },
      { label: t(lang, "col_year"), cell: (r) => String(r.year), numeric: true },
      { label: t(lang, "col_value"), cell: (r) => formatValue(lang, unit, r.value), numeric: true }
    ],
    csv: {
      filename: `brecha_${fileId(indicator.id)}_${state.focus}.csv`,
      columns: [
        { name: "series", value: (r) => r.series },
        { name: "role", value: (r) => r.role },
        { name: "year", value: (r) => r.year },
        { name: "value", value: (r) => r.value },
        { name: "oecd_p25", value: (r) => r.p25 },
        { name: "oecd_p75", value: (r) => r.p75 },
        { name: "flags", value: (r) => r.flags }
      ]
    },
    sources: [captionFor(lang, indicator.publisher, indicator.licence, row?.vintage ? [row.vintage] : [])],
    tracks: indicator.tracks.map((rec) => ({
      id: rec,
      title: tx(lang, meta.recommendations.find((r) => r.id === rec)?.title),
      href: ctx.href("recommendation", rec)
    }))
  })
  const title = frame.querySelector(".chart-title")
  if (title) title.replaceChildren(el("a", { href: ctx.href("indicator", indicator.id) }, name))
  frame.insertBefore(el("p", {}, badge), frame.querySelector(".finding"))
  if (indicator.source_id === "national") {
    frame.insertBefore(nationalMark(lang, indicator.publisher), frame.querySelector(".finding"))
  }
  return frame
}

/** The mark of a user's own indicator: "national source", with its publisher. */
export const nationalMark = (lang: PageContext["lang"], publisher: string | null): HTMLElement =>
  el("p", { class: "national-source" }, t(lang, "national_source", { publisher: publisher ?? "—" }))
