// Shared look of the charts: one strong accent for the focus country, neutrals for the OECD
// bands, and the Okabe–Ito colour-blind-safe palette for peers (the accent's own hue left out).
import type { Lang, Point } from "../../contract/types.ts"
import { formatValue } from "../i18n/format.ts"

export const ACCENT = "#c2410c"
export const NEUTRAL = "#6b7280"
export const BAND_IQR = "#9ca3af"
export const BAND_RANGE = "#d1d5db"
export const PEER_COLOURS = ["#0072B2", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#000000"] as const

export const peerColour = (i: number): string => PEER_COLOURS[i % PEER_COLOURS.length]

export interface ChartEnv {
  readonly lang: Lang
  readonly unit: string | null
  readonly width: number
  /** Plot's `document` option: a real one in the browser, a minimal one in unit tests. */
  readonly document?: Document
}

/** Decimals that tell ticks `step` apart (0.05 → 2, 0.5 → 1, 5 → 0). */
export const tickDecimals = (ticks: ReadonlyArray<number> | undefined): number => {
  if (!ticks || ticks.length < 2) return 1
  const step = Math.abs(ticks[1] - ticks[0])
  return step > 0 ? Math.max(0, Math.min(4, -Math.floor(Math.log10(step) + 1e-9))) : 1
}

/** Axis ticks: values in the unit with as many decimals as the tick spacing needs. */
export const valueTick = (env: ChartEnv) => (v: number, _i?: number, ticks?: ReadonlyArray<number>) => formatValue(env.lang, env.unit, v, tickDecimals(ticks))
export const yearTick = (y: number) => (Number.isInteger(y) ? String(y) : "")

export const hasFlag = (p: Point, flag: string): boolean =>
  (p[2] ?? "")
    .split(",")
    .map((s) => s.trim())
    .includes(flag)

/** Plot options every chart shares. */
export const baseOptions = (env: ChartEnv) => ({
  width: env.width,
  style: { fontSize: "12px", overflow: "visible" },
  ...(env.document ? { document: env.document } : {})
})
