// What changed, run by run, from the warehouse's `changes` view: new values, revisions
// (with the largest ones shown), sources gone stale or recovered; links to the feeds and
// to the complete list as CSV.
import { formatDate, formatInteger, formatValue } from "../../src/web/i18n/format.ts"
import { t } from "../../src/web/i18n/strings.ts"
import { dataPaths } from "../../src/contract/paths.ts"
import type { ChangeGroup, ChangesData } from "../../src/contract/types.ts"
import { dataTable } from "../../src/web/ui/chartFrame.ts"
import { append, el } from "../../src/web/ui/dom.ts"
import type { PageContext } from "../../src/web/ui/page.ts"
import { indicatorName } from "../../src/web/ui/text.ts"

const kindWord = (ctx: PageContext, kind: string) =>
  kind === "new_value"
    ? t(ctx.lang, "kind_new_value")
    : kind === "revised"
      ? t(ctx.lang, "kind_revised")
      : kind === "stale"
        ? t(ctx.lang, "kind_stale")
        : kind === "recovered"
          ? t(ctx.lang, "kind_recovered")
          : kind

const runSection = (ctx: PageContext, run: number, groups: ReadonlyArray<ChangeGroup>) => {
  const { lang, meta } = ctx
  const indicators = new Map(meta.indicators.map((i) => [i.id, i]))
  const when =
    groups
      .map((g) => g.changed_at)
      .sort()
      .at(-1) ?? null
  const sourceEvents = groups.filter((g) => g.indicator_id === null)
  const valueGroups = groups.filter((g) => g.indicator_id !== null)
  const revised = valueGroups.filter((g) => g.kind === "revised" && g.examples.length > 0)
  return el(
    "section",
    { class: "run", id: `run-${run}`, "aria-labelledby": `run-h-${run}` },
    el("h2", { id: `run-h-${run}` }, t(lang, "changes_run", { run, date: formatDate(lang, when) })),
    sourceEvents.length
      ? el(
          "ul",
          {},
          sourceEvents.map((g) => el("li", {}, el("strong", {}, kindWord(ctx, g.kind)), `: ${g.source_id}`, g.error ? ` — ${g.error}` : ""))
        )
      : null,
    valueGroups.length
      ? dataTable(
          [
            { label: t(lang, "col_kind"), cell: (g) => kindWord(ctx, g.kind) },
            { label: t(lang, "col_source"), cell: (g) => g.source_id },
            {
              label: t(lang, "col_indicator"),
              cell: (g) => {
                const i = indicators.get(g.indicator_id ?? "")
                return i ? `${indicatorName(lang, i)} (${g.indicator_id})` : (g.indicator_id ?? "")
              }
            },
            { label: t(lang, "col_count"), cell: (g) => formatInteger(lang, g.n), numeric: true },
            { label: t(lang, "col_countries"), cell: (g) => formatInteger(lang, g.countries), numeric: true },
            { label: t(lang, "col_years"), cell: (g) => (g.min_year === g.max_year ? String(g.min_year ?? "—") : `${g.min_year}–${g.max_year}`) }
          ],
          valueGroups,
          t(lang, "changes_run", { run, date: formatDate(lang, when) })
        )
      : null,
    revised.length
      ? el(
          "details",
          {},
          el("summary", {}, t(lang, "largest_revisions")),
          revised.map((g) => {
            const unit = indicators.get(g.indicator_id ?? "")?.unit ?? null
            return el(
              "div",
              {},
              el("h3", {}, g.indicator_id ?? ""),
              el(
                "ul",
                {},
                g.examples.map((e) =>
                  el(
                    "li",
                    {},
                    `${ctx.countryName(e.country_iso3)}, ${e.year}: ${formatValue(lang, unit, e.old_value)} → ${formatValue(lang, unit, e.new_value)}`
                  )
                )
              )
            )
          })
        )
      : null
  )
}

export const render = async (ctx: PageContext): Promise<void> => {
  const { lang } = ctx
  ctx.setHead({ title: `${t(lang, "nav_changes")} · brecha`, description: t(lang, "changes_title") })
  const data = await ctx.load<ChangesData>(dataPaths.changes)
  const runs = [...new Set(data.groups.map((g) => g.run_id))].sort((a, b) => b - a)
  const feedSuffix = lang === "es" ? "" : ".en"
  append(
    ctx.main,
    el("h1", {}, t(lang, "nav_changes")),
    el(
      "p",
      {},
      el("a", { href: `feed${feedSuffix}.json` }, "JSON Feed"),
      " · ",
      el("a", { href: `feed${feedSuffix}.xml` }, "Atom"),
      " · ",
      el("a", { href: "data/downloads/changes.csv", download: "" }, t(lang, "changes_download"))
    ),
    runs.length === 0
      ? el("p", {}, t(lang, "changes_none"))
      : runs.map((r) =>
          runSection(
            ctx,
            r,
            data.groups.filter((g) => g.run_id === r)
          )
        )
  )
}
