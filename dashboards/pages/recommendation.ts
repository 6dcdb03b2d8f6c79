// One recommendation area of the review: its summary, confidence, the OECD framework
// dimensions it relates to, and its indicators as small multiples with their status, or,
// plainly, that no open indicator measures it yet and what would.
import { t } from "../../src/web/i18n/strings.ts"
import { dataPaths, nationalTemplates } from "../../src/contract/paths.ts"
import type { BenchmarksData, OverviewData, RecommendationData } from "../../src/contract/types.ts"
import { append, el, safeUrl } from "../../src/web/ui/dom.ts"
import type { PageContext } from "../../src/web/ui/page.ts"
import { recommendationStatus } from "../../src/web/ui/rollup.ts"
import { smallMultiple } from "../../src/web/ui/smallMultiple.ts"
import { statusBadge } from "../../src/web/ui/status.ts"
import { confidenceWord, tx } from "../../src/web/ui/text.ts"
import { targetFinding } from "../../src/web/findings/target.ts"

/** How to measure the area with the office's own data, with the template's two files. */
const addNational = (ctx: PageContext, recId: string): HTMLElement =>
  el(
    "p",
    { class: "add-national" },
    t(ctx.lang, "add_national_indicator", { rec: recId }),
    " ",
    el("a", { href: `${ctx.root}${nationalTemplates.csv}`, download: "" }, t(ctx.lang, "template_csv")),
    " · ",
    el("a", { href: `${ctx.root}${nationalTemplates.yaml}`, download: "" }, t(ctx.lang, "template_yaml"))
  )

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
  // Whether each target set for the area's indicators will be met at the current pace.
  const targeted = indicators.flatMap(({ i }) => {
    const target = rows.get(i.id)?.target
    return target ? [{ i, target }] : []
  })
  append(
    ctx.main,
    el(
      "p",
      { class: "muted" },
      rec.id,
      rec.chapter ? ` · ${t(lang, "chapter", { chapter: rec.chapter })}` : "",
      rec.section[lang] ? ` · ${tx(lang, rec.section)}` : ""
    ),
    el("h1", {}, tx(lang, rec.title)),
    el("p", {}, statusBadge(lang, status.status, status.note)),
    targeted.length > 0
      ? el(
          "section",
          { "aria-labelledby": "targets-h", class: "targets" },
          el("h2", { id: "targets-h" }, t(lang, "section_targets")),
          el(
            "ul",
            {},
            targeted.map(({ i, target }) =>
              el(
                "li",
                {},
                el("a", { href: ctx.href("indicator", i.id) }, tx(lang, i.short)),
                " ",
                statusBadge(lang, target.status),
                " ",
                targetFinding({ lang, country: ctx.countryName(state.focus), unit: i.unit, target })
              )
            )
          )
        )
      : null,
    el("p", {}, tx(lang, rec.summary)),
    el(
      "section",
      { "aria-labelledby": "conf-h" },
      el("h2", { id: "conf-h" }, t(lang, "section_confidence")),
      el("p", {}, el("strong", {}, confidenceWord(lang, rec.confidence)), ". ", tx(lang, rec.confidence_note)),
      rec.source.length
        ? el(
            "ul",
            {},
            rec.source.map((s) => {
              const u = safeUrl(s)
              return el("li", {}, u ? el("a", { href: u, rel: "noopener" }, u) : s)
            })
          )
        : null
    ),
    rec.frameworks.length
      ? el(
          "section",
          { "aria-labelledby": "fw-h" },
          el("h2", { id: "fw-h" }, t(lang, "section_frameworks")),
          el(
            "dl",
            { class: "meta-list" },
            rec.frameworks.flatMap((f) => [el("dt", {}, `${f.item_id} · ${tx(lang, f.name)}`), el("dd", {}, tx(lang, f.summary))])
          )
        )
      : null,
    el(
      "section",
      { "aria-labelledby": "ind-h" },
      el("h2", { id: "ind-h" }, t(lang, "section_indicators")),
      indicators.length === 0
        ? el(
            "div",
            { class: "notice" },
            el("p", {}, el("strong", {}, t(lang, "no_open_indicator"))),
            el("p", {}, t(lang, "section_measurement"), ": ", tx(lang, rec.measurement)),
            addNational(ctx, rec.id)
          )
        : [
            el(
              "div",
              { class: "grid" },
              indicators.map(({ i }) => smallMultiple(ctx, i, rows.get(i.id), bands?.[i.id] ?? null))
            ),
            rec.measurement[lang] ? el("p", { class: "muted" }, t(lang, "section_measurement"), ": ", tx(lang, rec.measurement)) : null,
            // Open data often only gives proxies: until a national indicator tracks the area, say how to add one.
            indicators.some(({ i }) => i.source_id === "national") ? null : addNational(ctx, rec.id)
          ]
    )
  )
}
