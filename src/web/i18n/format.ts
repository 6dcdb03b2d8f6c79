// Numbers and dates for the page's language, through Intl. Spanish uses the "es" number
// conventions (81,2 %, 12.345,7) as the project's style asks; CLDR's es-MX would print
// 81.2 %, so only dates use the Mexican locale.
import type { Lang } from "../../contract/types.ts"

const numberLocale = (lang: Lang) => (lang === "es" ? "es" : "en")
const dateLocale = (lang: Lang) => (lang === "es" ? "es-MX" : "en-GB")

const cache = new Map<string, Intl.NumberFormat>()
const nf = (lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat => {
  const key = lang + JSON.stringify(options)
  let f = cache.get(key)
  if (!f) {
    f = new Intl.NumberFormat(numberLocale(lang), options)
    cache.set(key, f)
  }
  return f
}

/** Decimals that keep about three significant digits without inventing precision. */
export const decimalsFor = (value: number): number => {
  const a = Math.abs(value)
  if (a === 0 || a >= 100) return 0
  if (a >= 10) return 1
  if (a >= 1) return 1
  return 2
}

export const formatNumber = (lang: Lang, value: number | null | undefined, decimals?: number): string => {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—"
  const d = decimals ?? decimalsFor(value)
  // Grouping from 10 000 up in Spanish, as the RAE and most style guides recommend; always in English.
  return nf(lang, { minimumFractionDigits: d, maximumFractionDigits: d, useGrouping: lang === "es" ? "min2" : true }).format(value)
}

/** A value in an indicator's unit: percentages get the locale's percent sign. */
export const formatValue = (lang: Lang, unit: string | null, value: number | null | undefined, decimals?: number): string => {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—"
  if (unit === "percent") {
    const d = decimals ?? (Math.abs(value) >= 100 ? 0 : 1)
    return nf(lang, { style: "percent", minimumFractionDigits: d, maximumFractionDigits: d }).format(value / 100)
  }
  return formatNumber(lang, value, decimals)
}

/** A difference between two values of the unit: percentage points for percentages, signed. */
export const formatDelta = (lang: Lang, unit: string | null, delta: number | null | undefined): string => {
  if (delta === null || delta === undefined || !Number.isFinite(delta)) return "—"
  const sign = delta > 0 ? "+" : delta < 0 ? "−" : ""
  const a = Math.abs(delta)
  const body = formatNumber(lang, a, a >= 100 ? 0 : a >= 1 || unit === "percent" ? 1 : 2)
  if (unit === "percent") return `${sign}${body} ${lang === "es" ? "p. p." : "pp"}`
  return `${sign}${body}`
}

export const formatInteger = (lang: Lang, value: number): string =>
  nf(lang, { maximumFractionDigits: 0, useGrouping: lang === "es" ? "min2" : true }).format(value)

/** A date (or timestamp) as "26 de noviembre de 2026" / "26 November 2026"; null as a dash. */
export const formatDate = (lang: Lang, iso: string | null | undefined): string => {
  if (!iso) return "—"
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso.includes("T") || iso.endsWith("Z") ? iso : `${iso.replace(" ", "T")}Z`)
  if (Number.isNaN(d.getTime())) return iso
  return new Intl.DateTimeFormat(dateLocale(lang), { dateStyle: "long", timeZone: "UTC" }).format(d)
}

/** A list joined as "a, b y c" / "a, b and c". */
export const formatList = (lang: Lang, items: ReadonlyArray<string>): string => new Intl.ListFormat(lang, { style: "long", type: "conjunction" }).format(items)
