// A recommendation area's roll-up status as the overview, its page and the strip show it:
// the recommendation_status mart's word, or, plainly, that the area has no open indicator.
import { t } from "../i18n/strings.ts"
import type { OverviewData } from "../../contract/types.ts"
import type { PageContext } from "./page.ts"

export const recommendationStatus = (ctx: PageContext, overview: OverviewData | null, recId: string): { status: string; note: string | undefined } => {
  const hasIndicator = ctx.meta.indicators.some((i) => i.tracks.includes(recId))
  if (!hasIndicator) return { status: "no_indicator", note: t(ctx.lang, "no_open_indicator") }
  const row = overview?.recommendations?.find((r) => r.recommendation_id === recId)
  return { status: row?.status ?? "not_enough_data", note: undefined }
}
