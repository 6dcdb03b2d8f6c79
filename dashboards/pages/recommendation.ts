// One recommendation area of the review: its summary, confidence, the OECD framework
// dimensions it relates to, and its indicators as small multiples with their status, or,
// plainly, that no open indicator measures it yet and what would.
import { t } from "../../src/web/i18n/strings.ts"
import { dataPaths } from "../../src/contract/paths.ts"
import type { BenchmarksData, OverviewData, RecommendationData } from "../../src/contract/types.ts"
import { append, el, safeUrl } from "../../src/web/ui/dom.ts"
import type { PageContext } from "../../src/web/ui/page.ts"
import { recommendationStatus } from "../../src/web/ui/rollup.ts"
import { smallMultiple } from "../../src/web/ui/smallMultiple.ts"
import { statusBadge } from "../../src/web/ui/status.ts"
import { confidenceWord, tx } from "../../src/web/ui/text.ts"

export const render = async (ctx: PageContext): Promise<void> => {
  const { lang, meta, state } = ctx
  const ref = meta.recommendations.find((r) => r.id === state.id) ?? meta.recommendations[0]
  const [rec, overview, bands] = await Promise.all([
    ctx.load<RecommendationData>(dataPaths.recommendation(ref.id)),
    ctx.load<OverviewData>(dataPaths.overview(state.focus)),
    ctx.load<BenchmarksData>(dataPaths.benchmarks)
  ])
  ctx.setHead({ title: `${tx(lang, rec.title)} (${rec.id}) · brecha`, description: tx(lang, rec.summary) })
  const rows = new Map(overview.rows.map((r) => [r.id, r]))
  const indicators = rec.indicators.flatMap((l) => {
    const i = meta.indicators.find((x) => x.id === l.id)
    return i ? [{ i, why: l.why }] : []
  })
  const status = recommendationStatus(ctx, overview, rec.id)
  append(ctx.main, 
    el("p", { class: "muted" }, rec.id, rec.chapter ? ` · ${t(lang, "chapter", { chapter: rec.chapter })}` : "", rec.section[lang] ? ` · ${tx(lang, rec.section)}` : ""),
    el("h1", {}, tx(lang, rec.title)),
    el("p", {}, statusBadge(lang, status.status, status.note)),
    el("p", {}, tx(lang, rec.summary)),
    el("section", { "aria-labelledby": "conf-h" }, el("h2", { id: "conf-h" }, t(lang, "section_confidence")),
      el("p", {}, el("strong", {}, confidenceWord(lang, rec.confidence)), ". ", tx(lang, rec.confidence_note)),
      rec.source.length ? el("ul", {}, rec.source.map((s) => { const u = safeUrl(s); return el("li", {}, u ? el("a", { href: u, rel: "noopener" }, u) : s) })) : null),
    rec.frameworks.length
      ? el("section", { "aria-labelledby": "fw-h" }, el("h2", { id: "fw-h" }, t(lang, "section_frameworks")),
          el("dl", { class: "meta-list" }, rec.frameworks.flatMap((f) => [el("dt", {}, `${f.item_id} · ${tx(lang, f.name)}`), el("dd", {}, tx(lang, f.summary))])))
      : null,
    el("section", { "aria-labelledby": "ind-h" }, el("h2", { id: "ind-h" }, t(lang, "section_indicators")),
      indicators.length === 0
        ? el("div", { class: "notice" }, el("p", {}, el("strong", {}, t(lang, "no_open_indicator"))), el("p", {}, t(lang, "section_measurement"), ": ", tx(lang, rec.measurement)))
        : [
            el("div", { class: "grid" }, indicators.map(({ i }) => smallMultiple(ctx, i, rows.get(i.id), bands?.[i.id] ?? null))),
            rec.measurement[lang] ? el("p", { class: "muted" }, t(lang, "section_measurement"), ": ", tx(lang, rec.measurement)) : null
          ])
  )
}
