// One pillar (connectivity, data capability, digital talent): each of its indicators as a
// small multiple of the focus country against the OECD band, with its status.
import { t } from "../../src/web/i18n/strings.ts"
import { dataPaths } from "../../src/contract/paths.ts"
import type { BenchmarksData, OverviewData } from "../../src/contract/types.ts"
import { append, el } from "../../src/web/ui/dom.ts"
import type { PageContext } from "../../src/web/ui/page.ts"
import { smallMultiple } from "../../src/web/ui/smallMultiple.ts"
import { pillarName } from "../../src/web/ui/text.ts"

const PILLARS = ["connectivity", "data_capability", "digital_talent", "context"]

export const render = async (ctx: PageContext): Promise<void> => {
  const { lang, meta, state } = ctx
  const pillar = PILLARS.includes(state.id ?? "") ? (state.id as string) : "connectivity"
  const name = pillarName(lang, pillar)
  ctx.setHead({
    title: `${name} · ${ctx.countryName(state.focus)} · brecha`,
    description: t(lang, "pillar_page_intro", { pillar: name, country: ctx.countryName(state.focus) })
  })
  const [overview, bands] = await Promise.all([ctx.load<OverviewData>(dataPaths.overview(state.focus)), ctx.load<BenchmarksData>(dataPaths.benchmarks)])
  const rows = new Map(overview.rows.map((r) => [r.id, r]))
  const indicators = meta.indicators.filter((i) => i.pillar === pillar)
  append(
    ctx.main,
    el("h1", {}, name),
    el("p", {}, t(lang, "pillar_page_intro", { pillar: name, country: ctx.countryName(state.focus) })),
    el(
      "div",
      { class: "grid" },
      indicators.map((i) => smallMultiple(ctx, i, rows.get(i.id), bands?.[i.id] ?? null))
    )
  )
}
