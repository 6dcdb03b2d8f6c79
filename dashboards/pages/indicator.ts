// One indicator: the trend of the focus against the OECD band and peers, the latest-year
// ranking, the gap over time, the index's parts, revisions between vintages, what it
// tracks, its source and method, downloads and a citation.
import { gapChart, type GapRow, gapRows } from "../../src/web/charts/gap.ts"
import { partRows, partsChart, type PartRow } from "../../src/web/charts/parts.ts"
import { rankingChart, type RankingRow, rankingRows, rankingYear } from "../../src/web/charts/ranking.ts"
import { largestRevision, revisionsChart } from "../../src/web/charts/revisions.ts"
import { peerColour } from "../../src/web/charts/theme.ts"
import { trendChart, type TrendRow, trendRows } from "../../src/web/charts/trend.ts"
import { targetFinding } from "../../src/web/findings/target.ts"
import { trendFinding } from "../../src/web/findings/trend.ts"
import { formatDate, formatDelta, formatInteger, formatValue } from "../../src/web/i18n/format.ts"
import { t } from "../../src/web/i18n/strings.ts"
import { dataPaths, fileId } from "../../src/contract/paths.ts"
import type { IndicatorData, RevisionRow } from "../../src/contract/types.ts"
import { chartFrame, downloadText } from "../../src/web/ui/chartFrame.ts"
import { toCsv } from "../../src/web/ui/csv.ts"
import { append, el, safeUrl } from "../../src/web/ui/dom.ts"
import type { PageContext } from "../../src/web/ui/page.ts"
import { nationalMark } from "../../src/web/ui/smallMultiple.ts"
import { statusBadge } from "../../src/web/ui/status.ts"
import { captionFor, confidenceWord, licenceText, pillarName, tx, vintageLabel } from "../../src/web/ui/text.ts"

const flagWords = (ctx: PageContext, flags: string | null): string =>
  (flags ?? "")
    .split(",")
    .map((f) => f.trim())
    .filter(Boolean)
    .map((f) => (["estimate", "break", "derived", "provisional"].includes(f) ? t(ctx.lang, `flag_${f}` as "flag_estimate") : f))
    .join(", ")

/**
 * A chart's caption sources (the vintages of the values it draws: `countries`' values, or
 * every vintage of the file when null) and the recommendations the indicator tracks.
 */
const provenance = (ctx: PageContext, data: IndicatorData, countries: ReadonlyArray<string> | null, extra: ReadonlyArray<number> = []) => {
  const ids = new Set(countries === null ? data.vintages.map((v) => v.vintage_id) : countries.flatMap((c) => data.series_vintages[c] ?? []))
  for (const id of extra) ids.add(id)
  return {
    sources: [
      captionFor(
        ctx.lang,
        data.meta.publisher,
        data.meta.licence,
        data.vintages.filter((v) => ids.has(v.vintage_id))
      )
    ],
    tracks: data.tracks.map((r) => ({ id: r.rec, title: tx(ctx.lang, r.title), href: ctx.href("recommendation", r.rec) }))
  }
}

const trendSection = (ctx: PageContext, data: IndicatorData) => {
  const { lang, state } = ctx
  const unit = data.meta.unit
  const focusName = ctx.countryName(state.focus)
  const focus = { iso3: state.focus, name: focusName, points: data.series[state.focus] ?? [] }
  const peers = state.peers.filter((p) => data.series[p]).map((p) => ({ iso3: p, name: ctx.countryName(p), points: data.series[p] }))
  const target = data.targets?.[state.focus] ?? null
  const input = { focus, peers, bands: data.benchmarks, target }
  const rows = trendRows(input, t(lang, "legend_median"))
  const years = rows.map((r) => r.year)
  const finding =
    trendFinding({ lang, country: focusName, unit, points: focus.points, bands: data.benchmarks }) +
    (target ? ` ${targetFinding({ lang, country: focusName, unit, target })}` : "")
  const legend = el(
    "p",
    { class: "legend", "aria-hidden": "true" },
    el("span", { class: "focus" }, "━ ", focusName),
    peers.map((p, i) => el("span", { style: `color:${peerColour(i)}` }, "— ", p.name)),
    data.benchmarks && (data.benchmarks.length > 0 || data.meta.source_id !== "national")
      ? [el("span", {}, "╌ ", t(lang, "legend_median")), el("span", {}, "▒ ", t(lang, "legend_iqr")), el("span", {}, "░ ", t(lang, "legend_range"))]
      : null,
    target ? el("span", {}, t(lang, "legend_target")) : null,
    el("span", {}, t(lang, "legend_estimate")),
    el("span", {}, t(lang, "legend_break"))
  )
  const summary = t(lang, "summary_trend", {
    name: tx(lang, data.meta.short),
    from: years.length ? Math.min(...years) : "—",
    to: years.length ? Math.max(...years) : "—",
    country: focusName,
    peers: peers.length ? t(lang, "summary_trend_peers", { list: peers.map((p) => p.name).join(", ") }) : "",
    band: data.benchmarks?.length ? t(lang, "summary_trend_band") : ""
  })
  const frame = chartFrame<TrendRow>({
    lang,
    id: "trend",
    level: 2,
    title: t(lang, "chart_trend", { name: tx(lang, data.meta.short), country: focusName }),
    finding,
    summary,
    render: (width) => trendChart(input, { lang, unit, width, document: ctx.doc }),
    rows,
    table: [
      { label: t(lang, "col_series"), cell: (r) => r.series },
      { label: t(lang, "col_year"), cell: (r) => String(r.year), numeric: true },
      { label: t(lang, "col_value"), cell: (r) => formatValue(lang, unit, r.value), numeric: true },
      { label: t(lang, "col_p25"), cell: (r) => formatValue(lang, unit, r.p25), numeric: true },
      { label: t(lang, "col_p75"), cell: (r) => formatValue(lang, unit, r.p75), numeric: true },
      { label: t(lang, "col_min"), cell: (r) => formatValue(lang, unit, r.min), numeric: true },
      { label: t(lang, "col_max"), cell: (r) => formatValue(lang, unit, r.max), numeric: true },
      { label: t(lang, "col_flags"), cell: (r) => flagWords(ctx, r.flags) }
    ],
    csv: {
      filename: `brecha_${fileId(data.id)}_${state.focus}_trend.csv`,
      columns: [
        { name: "series", value: (r) => r.series },
        { name: "country_iso3", value: (r) => r.iso3 },
        { name: "role", value: (r) => r.role },
        { name: "year", value: (r) => r.year },
        { name: "value", value: (r) => r.value },
        { name: "oecd_p25", value: (r) => r.p25 },
        { name: "oecd_p75", value: (r) => r.p75 },
        { name: "oecd_min", value: (r) => r.min },
        { name: "oecd_max", value: (r) => r.max },
        { name: "flags", value: (r) => r.flags }
      ]
    },
    ...provenance(ctx, data, [state.focus, ...peers.map((p) => p.iso3)])
  })
  frame.insertBefore(legend, frame.querySelector(".chart"))
  return frame
}

const rankingSection = (ctx: PageContext, data: IndicatorData) => {
  const { lang, state, meta } = ctx
  const unit = data.meta.unit
  const members = meta.countries.filter((c) => c.oecd !== null).map((c) => c.iso3)
  const year = rankingYear(data.series, members)
  if (year === null) return null
  const rows = rankingRows(data.series, meta.countries, lang, year, state.focus, data.meta.higher_is_better)
  const mean = data.benchmarks?.find((b) => b.year === year)?.mean ?? null
  const focusRow = rows.find((r) => r.focus)
  const memberCount = rows.filter((r) => r.member).length
  const focusName = ctx.countryName(state.focus)
  // A national indicator held for one country only has nothing to rank.
  if (data.meta.source_id === "national" && memberCount < 2) return null
  const finding = !focusRow
    ? t(lang, "finding_rank_missing", { country: focusName, year })
    : focusRow.member
      ? t(lang, "finding_rank", { country: focusName, rank: focusRow.rank, of: memberCount, year })
      : t(lang, "finding_rank_nonmember", { country: focusName, value: formatValue(lang, unit, focusRow.value), rank: focusRow.rank, of: memberCount, year })
  return chartFrame<RankingRow>({
    lang,
    id: "ranking",
    level: 2,
    title: t(lang, "chart_ranking", { year }),
    finding,
    summary: t(lang, "summary_ranking", { n: memberCount, year }),
    render: (width) => rankingChart(rows, mean, { lang, unit, width, document: ctx.doc }),
    rows,
    table: [
      { label: t(lang, "col_rank"), cell: (r) => String(r.rank), numeric: true },
      { label: t(lang, "col_country"), cell: (r) => (r.member ? r.name : `${r.name} (${t(lang, "not_member")})`) },
      { label: t(lang, "col_value"), cell: (r) => formatValue(lang, unit, r.value), numeric: true }
    ],
    csv: {
      filename: `brecha_${fileId(data.id)}_${year}_ranking.csv`,
      columns: [
        { name: "rank", value: (r) => r.rank },
        { name: "country_iso3", value: (r) => r.iso3 },
        { name: "country", value: (r) => r.name },
        { name: "oecd_member", value: (r) => (r.member ? "yes" : "no") },
        { name: "year", value: () => year },
        { name: "value", value: (r) => r.value }
      ]
    },
    ...provenance(
      ctx,
      data,
      rows.map((r) => r.iso3)
    )
  })
}

const gapSection = (ctx: PageContext, data: IndicatorData) => {
  const { lang, state } = ctx
  if (!data.benchmarks || data.benchmarks.length === 0) return null
  const unit = data.meta.unit
  const rows = gapRows(data.series[state.focus] ?? [], data.benchmarks)
  // One year has no "over time": the finding of the main chart already states that gap.
  if (rows.length < 2) return null
  const focusName = ctx.countryName(state.focus)
  const last = rows[rows.length - 1]
  const labels = { above: t(lang, "gap_above"), below: t(lang, "gap_below") }
  return chartFrame<GapRow>({
    lang,
    id: "gap",
    level: 2,
    title: t(lang, "chart_gap"),
    finding: `${focusName}, ${last.year}: ${formatDelta(lang, unit, last.gap)} (${formatValue(lang, unit, last.value)} − ${formatValue(lang, unit, last.median)}).`,
    summary: t(lang, "summary_gap", { country: focusName, from: rows[0].year, to: last.year }),
    render: (width) => gapChart(rows, labels, data.meta.higher_is_better, { lang, unit, width, document: ctx.doc }),
    rows,
    table: [
      { label: t(lang, "col_year"), cell: (r) => String(r.year), numeric: true },
      { label: focusName, cell: (r) => formatValue(lang, unit, r.value), numeric: true },
      { label: t(lang, "col_oecd_median"), cell: (r) => formatValue(lang, unit, r.median), numeric: true },
      { label: t(lang, "col_gap"), cell: (r) => formatDelta(lang, unit, r.gap), numeric: true }
    ],
    csv: {
      filename: `brecha_${fileId(data.id)}_${state.focus}_gap.csv`,
      columns: [
        { name: "year", value: (r) => r.year },
        { name: "value", value: (r) => r.value },
        { name: "oecd_median", value: (r) => r.median },
        { name: "gap", value: (r) => r.gap }
      ]
    },
    ...provenance(ctx, data, [state.focus])
  })
}

const partsSection = (ctx: PageContext, data: IndicatorData) => {
  const { lang, state } = ctx
  if (data.parts.length === 0) return null
  const unit = data.meta.unit
  const rows = partRows(data.parts, state.focus, lang)
  const focusName = ctx.countryName(state.focus)
  const worst = rows.find((r) => r.gap !== null)
  return chartFrame<PartRow>({
    lang,
    id: "parts",
    level: 2,
    title: t(lang, "chart_parts", { country: focusName }),
    finding: worst
      ? t(lang, "finding_parts", { country: focusName, part: worst.name, gap: formatDelta(lang, unit, worst.gap) })
      : t(lang, "finding_no_benchmark"),
    summary: rows.map((r) => `${r.name}: ${formatValue(lang, unit, r.value)} / ${formatValue(lang, unit, r.oecd_mean)}`).join("; "),
    render: (width) => partsChart(rows, { focus: focusName, oecd: t(lang, "oecd_mean") }, { lang, unit, width, document: ctx.doc }),
    rows,
    table: [
      { label: t(lang, "col_part"), cell: (r) => r.name },
      { label: t(lang, "col_year"), cell: (r) => (r.year === null ? "—" : String(r.year)), numeric: true },
      { label: focusName, cell: (r) => formatValue(lang, unit, r.value), numeric: true },
      { label: t(lang, "col_oecd_mean"), cell: (r) => formatValue(lang, unit, r.oecd_mean), numeric: true },
      { label: t(lang, "col_gap"), cell: (r) => formatDelta(lang, unit, r.gap), numeric: true }
    ],
    csv: {
      filename: `brecha_${fileId(data.id)}_${state.focus}_parts.csv`,
      columns: [
        { name: "indicator_id", value: (r) => r.id },
        { name: "part", value: (r) => r.name },
        { name: "year", value: (r) => r.year },
        { name: "value", value: (r) => r.value },
        { name: "oecd_mean", value: (r) => r.oecd_mean },
        { name: "gap", value: (r) => r.gap }
      ]
    },
    ...provenance(ctx, data, null)
  })
}

const revisionsSection = (ctx: PageContext, data: IndicatorData) => {
  const { lang, state } = ctx
  const unit = data.meta.unit
  const rows = data.revisions[state.focus] ?? []
  const focusName = ctx.countryName(state.focus)
  if (rows.length === 0)
    return el("section", {}, el("h2", {}, t(lang, "section_revisions")), el("p", {}, t(lang, "finding_no_revisions", { country: focusName })))
  const vintages = new Map(data.vintages.map((v) => [v.vintage_id, v]))
  const vdate = (id: number) => vintageLabel(lang, vintages.get(id))
  const big = largestRevision(rows) as RevisionRow
  return chartFrame<RevisionRow>({
    lang,
    id: "revisions",
    level: 2,
    title: t(lang, "chart_revisions"),
    finding: t(lang, "finding_revisions", {
      n: rows.length,
      country: focusName,
      year: big.year,
      old: formatValue(lang, unit, big.old_value),
      new: formatValue(lang, unit, big.new_value)
    }),
    summary: t(lang, "finding_revisions", {
      n: rows.length,
      country: focusName,
      year: big.year,
      old: formatValue(lang, unit, big.old_value),
      new: formatValue(lang, unit, big.new_value)
    }),
    render: (width) => revisionsChart(rows, { lang, unit, width, document: ctx.doc }),
    rows,
    table: [
      { label: t(lang, "col_year"), cell: (r) => String(r.year), numeric: true },
      { label: t(lang, "col_old"), cell: (r) => formatValue(lang, unit, r.old_value), numeric: true },
      { label: t(lang, "col_new"), cell: (r) => formatValue(lang, unit, r.new_value), numeric: true },
      { label: t(lang, "col_old_vintage"), cell: (r) => vdate(r.old_vintage) },
      { label: t(lang, "col_new_vintage"), cell: (r) => vdate(r.new_vintage) }
    ],
    csv: {
      filename: `brecha_${fileId(data.id)}_${state.focus}_revisions.csv`,
      columns: [
        { name: "year", value: (r) => r.year },
        { name: "old_value", value: (r) => r.old_value },
        { name: "new_value", value: (r) => r.new_value },
        { name: "old_vintage_id", value: (r) => r.old_vintage },
        { name: "new_vintage_id", value: (r) => r.new_vintage }
      ]
    },
    ...provenance(
      ctx,
      data,
      [state.focus],
      rows.flatMap((r) => [r.old_vintage, r.new_vintage])
    )
  })
}

const tracksSection = (ctx: PageContext, data: IndicatorData) =>
  el(
    "section",
    {},
    el("h2", {}, t(ctx.lang, "section_tracks")),
    data.tracks.length === 0
      ? el("p", {}, "—")
      : el(
          "ul",
          { class: "tracks-list" },
          data.tracks.map((r) =>
            el(
              "li",
              {},
              el("a", { href: ctx.href("recommendation", r.rec) }, `${r.rec} · ${tx(ctx.lang, r.title)}`),
              " ",
              el("span", { class: "muted" }, `(${t(ctx.lang, "section_confidence")}: ${confidenceWord(ctx.lang, r.confidence)})`),
              el("p", {}, tx(ctx.lang, r.summary)),
              el("p", { class: "muted" }, tx(ctx.lang, r.why))
            )
          )
        )
  )

const sourceSection = (ctx: PageContext, data: IndicatorData) => {
  const { lang, meta } = ctx
  const m = data.meta
  const url = safeUrl(m.url)
  const dl = (label: string, value: Node | string | null) => (value === null || value === "" ? [] : [el("dt", {}, label), el("dd", {}, value)])
  const latestVintage = [...data.vintages].sort((a, b) => (a.released_at ?? a.retrieved_at).localeCompare(b.released_at ?? b.retrieved_at)).at(-1)
  const cite = t(lang, "cite_text", {
    publisher: m.publisher ?? m.source_id,
    name: tx(lang, m.name),
    id: data.id,
    vintage: latestVintage ? formatDate(lang, latestVintage.released_at ?? latestVintage.retrieved_at) : "—",
    date: formatDate(lang, meta.generated_at),
    licence: licenceText(lang, m.licence),
    url: m.url ?? ""
  }).trim()
  const copy = el("button", { type: "button", class: "copy" }, t(lang, "copy"))
  copy.addEventListener("click", () => {
    void navigator.clipboard?.writeText(cite).then(() => (copy.textContent = t(lang, "copied")))
  })
  const allCsv = el("button", { type: "button", class: "copy" }, t(lang, "indicator_csv"))
  allCsv.addEventListener("click", () => {
    const rows = Object.entries(data.series).flatMap(([iso3, points]) => points.map((p) => ({ iso3, year: p[0], value: p[1], flags: p[2] })))
    downloadText(
      `brecha_${fileId(data.id)}_all_countries.csv`,
      toCsv(
        [
          { name: "indicator_id", value: () => data.id },
          { name: "country_iso3", value: (r: (typeof rows)[number]) => r.iso3 },
          { name: "year", value: (r) => r.year },
          { name: "value", value: (r) => r.value },
          { name: "flags", value: (r) => r.flags }
        ],
        rows
      )
    )
  })
  return [
    el(
      "section",
      { "aria-labelledby": "source-h" },
      el("h2", { id: "source-h" }, t(lang, "section_source")),
      el(
        "dl",
        { class: "meta-list" },
        dl(t(lang, "definition"), tx(lang, m.definition)),
        dl(t(lang, "unit"), tx(lang, m.unit_label)),
        dl(t(lang, "population"), tx(lang, m.population)),
        dl(t(lang, "publisher"), m.publisher),
        dl(t(lang, "licence"), licenceText(lang, m.licence)),
        dl(t(lang, "dataset_url"), url ? el("a", { href: url, rel: "noopener" }, url) : m.url),
        dl(t(lang, "cadence"), m.cadence),
        dl(
          t(lang, "vintages_used"),
          el(
            "ul",
            {},
            data.vintages.map((v) =>
              el(
                "li",
                {},
                [
                  `${v.unit} — ${vintageLabel(lang, v)}`,
                  v.released_at ? t(lang, "retrieved_on", { date: formatDate(lang, v.retrieved_at) }) : null,
                  `${formatInteger(lang, v.rows_loaded)} ${t(lang, "col_rows").toLowerCase()}`
                ]
                  .filter((x) => x !== null)
                  .join("; ")
              )
            )
          )
        ),
        m.derived ? dl(t(lang, "col_flags"), t(lang, "derived_yes")) : [],
        dl(t(lang, "notes"), tx(lang, m.notes))
      )
    ),
    el(
      "section",
      { "aria-labelledby": "dl-h" },
      el("h2", { id: "dl-h" }, t(lang, "section_downloads")),
      el("p", {}, allCsv),
      el(
        "ul",
        {},
        meta.downloads.map((d) =>
          el("li", {}, el("a", { href: d.file, download: "" }, tx(lang, d.label)), ` (${formatInteger(lang, Math.round(d.bytes / 1024))} KB)`)
        )
      )
    ),
    el("section", { "aria-labelledby": "cite-h" }, el("h2", { id: "cite-h" }, t(lang, "section_cite")), el("p", { class: "cite", id: "cite-text" }, cite), copy)
  ]
}

export const render = async (ctx: PageContext): Promise<void> => {
  const { lang, meta, state } = ctx
  const ref = meta.indicators.find((i) => i.id === state.id) ?? meta.indicators.find((i) => i.pillar !== "context") ?? meta.indicators[0]
  const data = await ctx.load<IndicatorData>(dataPaths.indicator(ref.id))
  const focusName = ctx.countryName(state.focus)
  ctx.setHead({
    title: `${tx(lang, data.meta.short)} · ${focusName} · brecha`,
    description: trendFinding({ lang, country: focusName, unit: data.meta.unit, points: data.series[state.focus] ?? [], bands: data.benchmarks })
  })
  const focusPoints = data.series[state.focus] ?? []
  const focusStatus = data.status?.[state.focus] ?? null
  const focusTarget = data.targets?.[state.focus] ?? null
  const national = data.meta.source_id === "national"
  append(
    ctx.main,
    el("p", { class: "muted" }, el("a", { href: ctx.href("pillar", data.meta.pillar) }, pillarName(lang, data.meta.pillar)), " · ", data.id),
    el("h1", {}, tx(lang, data.meta.name)),
    el("p", {}, tx(lang, data.meta.definition)),
    el(
      "p",
      { class: "muted" },
      `${t(lang, "unit")}: ${tx(lang, data.meta.unit_label) || "—"}`,
      data.meta.population.en ? ` · ${t(lang, "population")}: ${tx(lang, data.meta.population)}` : ""
    ),
    data.meta.reviewed ? null : el("p", { class: "notice" }, t(lang, "unreviewed")),
    national ? nationalMark(lang, data.meta.publisher) : null,
    national && !(data.benchmarks ?? []).some((b) => b.n > 1) ? el("p", { class: "notice" }, t(lang, "national_no_benchmark")) : null,
    el(
      "p",
      {},
      // A national indicator without a benchmark takes its status from its target, else its trend.
      statusBadge(
        lang,
        focusPoints.length === 0 ? "no_data" : (focusStatus?.status ?? focusTarget?.status ?? data.trends?.[state.focus]?.status ?? "not_enough_data")
      ),
      focusStatus?.years_to_parity != null ? ` ${t(lang, "years_to_parity", { n: formatValue(lang, null, focusStatus.years_to_parity, 0) })}` : ""
    ),
    focusPoints.length === 0
      ? el(
          "div",
          { class: "notice", role: "note" },
          el("p", {}, t(lang, "focus_has_no_data", { country: focusName })),
          el("p", {}, t(lang, "why_no_data"), tx(lang, data.meta.notes) || t(lang, "no_data_generic", { country: focusName }))
        )
      : null,
    trendSection(ctx, data),
    rankingSection(ctx, data) ?? "",
    gapSection(ctx, data) ?? "",
    partsSection(ctx, data) ?? "",
    revisionsSection(ctx, data),
    tracksSection(ctx, data),
    ...sourceSection(ctx, data)
  )
}
