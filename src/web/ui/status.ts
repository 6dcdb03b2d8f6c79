// Status badges say the status in words, with a shape, and only then in colour, so no
// reader depends on colour alone.
import { hasString, t } from "../i18n/strings.ts"
import type { Lang } from "../../contract/types.ts"
import { el } from "./dom.ts"

export interface StatusLook {
  readonly label: string
  readonly shape: string
  readonly tone: "good" | "fair" | "poor" | "bad" | "none"
}

const shapes: Record<string, { shape: string; tone: StatusLook["tone"] }> = {
  achieved: { shape: "★", tone: "good" },
  at_or_above: { shape: "★", tone: "good" },
  above_benchmark: { shape: "★", tone: "good" },
  no_open_indicator: { shape: "∅", tone: "none" },
  // A single-edition index behind the benchmark: no pace to judge, but the position is known.
  below_benchmark: { shape: "▽", tone: "poor" },
  on_track: { shape: "▲", tone: "good" },
  moderate: { shape: "◆", tone: "fair" },
  insufficient: { shape: "■", tone: "poor" },
  moving_away: { shape: "▼", tone: "bad" },
  not_enough_data: { shape: "○", tone: "none" },
  pending: { shape: "…", tone: "none" },
  no_data: { shape: "–", tone: "none" },
  no_indicator: { shape: "∅", tone: "none" }
}

export const statusLook = (lang: Lang, status: string | null | undefined): StatusLook => {
  const key = status ?? "not_enough_data"
  const known = shapes[key]
  const stringKey = `status_${key}`
  // A status the marts add later still shows, in its own words, until it gets a translation.
  const label = hasString(stringKey) ? t(lang, stringKey) : key.replace(/_/g, " ")
  return { label, shape: known?.shape ?? "●", tone: known?.tone ?? "none" }
}

export const statusBadge = (lang: Lang, status: string | null | undefined, title?: string): HTMLElement => {
  const look = statusLook(lang, status)
  return el(
    "span",
    { class: `badge tone-${look.tone}`, title: title ?? null },
    el("span", { class: "badge-shape", "aria-hidden": "true" }, look.shape),
    " ",
    look.label
  )
}
