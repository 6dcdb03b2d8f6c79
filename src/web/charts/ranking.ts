// Latest-year ranking: every OECD member with a value that year as a sorted bar, the focus
// highlighted (colour, bold label and a marker), the OECD mean as a rule when the benchmarks
// mart gives one. A non-member focus is added in its place, greyed-out label marked as such.
import * as Plot from "@observablehq/plot"
import type { CountryRef, Point } from "../../contract/types.ts"
import { formatValue } from "../i18n/format.ts"
import { t } from "../i18n/strings.ts"
import { ACCENT, BAND_IQR, baseOptions, type ChartEnv, NEUTRAL, valueTick } from "./theme.ts"

export interface RankingRow {
  readonly iso3: string
  readonly name: string
  readonly value: number
  readonly member: boolean
  readonly focus: boolean
  readonly rank: number
}

/**
 * The year to rank: the latest one in which at least half the OECD members (that have the
 * indicator at all) report, so a year with three early publishers is not taken for "latest".
 */
export const rankingYear = (series: Readonly<Record<string, ReadonlyArray<Point>>>, members: ReadonlyArray<string>): number | null => {
  const counts = new Map<number, number>()
  let reporting = 0
  for (const iso3 of members) {
    const points = series[iso3]
    if (!points || points.length === 0) continue
    reporting += 1
    for (const [year] of points) counts.set(year, (counts.get(year) ?? 0) + 1)
  }
  const years = [...counts].filter(([, n]) => n >= Math.max(1, reporting / 2)).map(([y]) => y)
  return years.length > 0 ? Math.max(...years) : null
}

export const rankingRows = (
  series: Readonly<Record<string, ReadonlyArray<Point>>>,
  countries: ReadonlyArray<CountryRef>,
  lang: "es" | "en",
  year: number,
  focus: string,
  higherIsBetter: boolean | null
): Array<RankingRow> => {
  const rows = countries
    .filter((c) => c.oecd !== null || c.iso3 === focus)
    .flatMap((c) => {
      const p = (series[c.iso3] ?? []).find((pt) => pt[0] === year)
      return p ? [{ iso3: c.iso3, name: lang === "es" ? c.name_es : c.name_en, value: p[1], member: c.oecd !== null, focus: c.iso3 === focus }] : []
    })
  const direction = higherIsBetter === false ? 1 : -1
  rows.sort((a, b) => direction * (a.value - b.value) || a.name.localeCompare(b.name))
  // Rank among members only; a non-member focus gets the rank it would have.
  let memberRank = 0
  return rows.map((r) => {
    if (r.member) memberRank += 1
    const rank = r.member ? memberRank : memberRank + 1
    return { ...r, rank }
  })
}

export const rankingChart = (rows: ReadonlyArray<RankingRow>, mean: number | null, env: ChartEnv): SVGSVGElement | HTMLElement => {
  const label = (r: RankingRow) => (r.focus ? `▶ ${r.name}` : r.member ? r.name : `${r.name} (${t(env.lang, "not_member")})`)
  const longest = Math.max(...rows.map((r) => label(r).length), 8)
  return Plot.plot({
    ...baseOptions(env),
    height: rows.length * 17 + 60,
    // The mean's label sits above the bars, clear of the axis's tick labels at the bottom.
    marginTop: 24,
    marginLeft: Math.min(190, Math.round(longest * 7.2) + 10),
    marginRight: 56,
    x: { label: null, grid: true, tickFormat: valueTick(env), ticks: Math.max(3, Math.floor(env.width / 110)) },
    y: { label: null, domain: rows.map(label), tickSize: 0 },
    marks: [
      Plot.barX(rows, { x: "value", y: label, fill: (r: RankingRow) => (r.focus ? ACCENT : r.member ? BAND_IQR : "#e5e7eb"), insetTop: 2, insetBottom: 2 }),
      Plot.text(
        rows.filter((r) => r.focus),
        {
          x: "value",
          y: label,
          text: (r: RankingRow) => formatValue(env.lang, env.unit, r.value),
          dx: 4,
          textAnchor: "start",
          fontWeight: 700,
          fill: ACCENT
        }
      ),
      mean !== null ? Plot.ruleX([mean], { stroke: NEUTRAL, strokeDasharray: "5,3", strokeWidth: 1.5 }) : null,
      mean !== null
        ? Plot.text([mean], {
            x: (d: number) => d,
            frameAnchor: "top",
            dy: -12,
            text: () => `${t(env.lang, "oecd_mean")}: ${formatValue(env.lang, env.unit, mean)}`,
            fill: NEUTRAL
          })
        : null,
      Plot.tip(rows, Plot.pointerY({ x: "value", y: label, title: (r: RankingRow) => `${r.rank}. ${r.name}: ${formatValue(env.lang, env.unit, r.value)}` }))
    ].filter((m) => m !== null)
  })
}
