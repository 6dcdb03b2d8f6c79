// One recommendation area of the review: its summary, confidence, the OECD framework
// dimensions it relates to, and its indicators as small multiples with their status, or,
// plainly, that no open indicator measures it yet and what would.
import { t } from "../../src/i18n/strings.ts"
import { dataPaths, nationalTemplates } from "../../src/site/paths.ts"
import type { BenchmarksData, OverviewData, RecommendationData } from "../../src/site/types.ts"
import { loadJson } from "../../src/ui/data.ts"
import { append, el, safeUrl } from "../../src/ui/dom.ts"
import type { PageContext } from "../../src/ui/page.ts"
import { recommendationStatus } from "../../src/ui/rollup.ts"
import { smallMultiple } from "../../src/ui/smallMultiple.ts"
import { statusBadge } from "../../src/ui/status.ts"
import { tx } from "../../src/ui/text.ts"
import { targetFinding } from "../../src/findings/target.ts"

const confidenceWord = (ctx: PageContext, c: string | null): string =>
  c === "confirmed" ? t(ctx.lang, "confidence_confirmed") : c === "partly_confirmed" ? t(ctx.lang, "confidence_partly_confirmed") : c === "inferred" ? t(ctx.lang, "confidence_inferred") : c ?? "—"

/** How to measure the area with the office's own data, with the template's two files. */
const addNational = (ctx: PageContext, recId: string): HTMLElement =>
  el("p", { class: "add-national" }, t(ctx.lang, "add_national_indicator", { rec: recId }), " ",
    el("a", { href: nationalTemplates.csv, download: "" }, t(ctx.lang, "template_csv")), " · ",
    el("a", { href: nationalTemplates.yaml, download: "" }, t(ctx.lang, "template_yaml")))

export const render = async (ctx: PageContext): Promise<void> => {
  const { lang, meta, state } = ctx
  const ref = meta.recommendations.find((r) => r.id === state.id) ?? meta.recommendations[0]
  const [rec, overview, bands] = await Promise.all([
    loadJson<RecommendationData>(dataPaths.recommendation(ref.id)),
    loadJson<OverviewData>(dataPaths.overview(state.focus)),
    loadJson<BenchmarksData>(dataPaths.benchmarks)
  ])
  document.title = `${rec.id} · ${tx(lang, rec.title)} · brecha`
  const rows = new Map(overview.rows.map((r) => [r.id, r]))
  const indicators = rec.indicators.flatMap((l) => {
    const i = meta.indicators.find((x) => x.id === l.id)
    return i ? [{ i, why: l.why }] : []
  })
  const status = recommendationStatus(ctx, overview, rec.id)
  // Whether each target set for the area's indicators will be met at the current pace.
  const targeted = indicators.flatMap(({ i }) => {
    const target = rows.get(i.id)?.target
    return target ? [{ i, target }] : []
  })
  append(ctx.main, 
    el("p", { class: "muted" }, rec.id, rec.chapter ? ` · ${t(lang, "chapter", { chapter: rec.chapter })}` : "", rec.section[lang] ? ` · ${tx(lang, rec.section)}` : ""),
    el("h1", {}, tx(lang, rec.title)),
    el("p", {}, statusBadge(lang, status.status, status.note)),
    targeted.length > 0
      ? el("section", { "aria-labelledby": "targets-h", class: "targets" }, el("h2", { id: "targets-h" }, t(lang, "section_targets")),
          el("ul", {}, targeted.map(({ i, target }) => el("li", {},
            el("a", { href: ctx.href("indicator.html", i.id) }, tx(lang, i.short)), " ", statusBadge(lang, target.status), " ",
            targetFinding({ lang, country: ctx.countryName(state.focus), unit: i.unit, target })))))
      : null,
    el("p", {}, tx(lang, rec.summary)),
    el("section", { "aria-labelledby": "conf-h" }, el("h2", { id: "conf-h" }, t(lang, "section_confidence")),
      el("p", {}, el("strong", {}, confidenceWord(ctx, rec.confidence)), ". ", tx(lang, rec.confidence_note)),
      rec.source.length ? el("ul", {}, rec.source.map((s) => { const u = safeUrl(s); return el("li", {}, u ? el("a", { href: u, rel: "noopener" }, u) : s) })) : null),
    rec.frameworks.length
      ? el("section", { "aria-labelledby": "fw-h" }, el("h2", { id: "fw-h" }, t(lang, "section_frameworks")),
          el("dl", { class: "meta-list" }, rec.frameworks.flatMap((f) => [el("dt", {}, `${f.item_id} · ${tx(lang, f.name)}`), el("dd", {}, tx(lang, f.summary))])))
      : null,
    el("section", { "aria-labelledby": "ind-h" }, el("h2", { id: "ind-h" }, t(lang, "section_indicators")),
      indicators.length === 0
        ? el("div", { class: "notice" }, el("p", {}, el("strong", {}, t(lang, "no_open_indicator"))), el("p", {}, t(lang, "section_measurement"), ": ", tx(lang, rec.measurement)),
            addNational(ctx, rec.id))
        : [
            el("div", { class: "grid" }, indicators.map(({ i }) => smallMultiple(ctx, i, rows.get(i.id), bands?.[i.id] ?? null))),
            rec.measurement[lang] ? el("p", { class: "muted" }, t(lang, "section_measurement"), ": ", tx(lang, rec.measurement)) : null,
            // Open data often only gives proxies: until a national indicator tracks the area, say how to add one.
            indicators.some(({ i }) => i.source_id === "national") ? null : addNational(ctx, rec.id)
          ])
  )
}
