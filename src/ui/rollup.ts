// A recommendation area's roll-up status as the overview, its page and the strip show it:
// the recommendation_status mart's word when it exists; otherwise say plainly whether the
// area has no open indicator at all or whether the status is simply not computed yet.
import { t } from "../i18n/strings.ts"
import type { OverviewData } from "../site/types.ts"
import type { PageContext } from "./page.ts"

export const recommendationStatus = (ctx: PageContext, overview: OverviewData | null, recId: string): { status: string; note: string | undefined } => {
  const hasIndicator = ctx.meta.indicators.some((i) => i.tracks.includes(recId))
  if (!hasIndicator) return { status: "no_indicator", note: t(ctx.lang, "no_open_indicator") }
  const row = overview?.recommendations?.find((r) => r.recommendation_id === recId)
  if (row) return { status: row.status ?? "not_enough_data", note: undefined }
  if (!ctx.meta.marts.recommendation_status) return { status: "pending", note: t(ctx.lang, "status_pending_note") }
  return { status: "not_enough_data", note: undefined }
}
