// The sentence about a target a government set itself: what it is and who set it, how much
// of the way from the baseline has been covered, and whether the current pace meets it.
import { formatDate, formatValue } from "../i18n/format.ts"
import { t } from "../i18n/strings.ts"
import type { Lang, TargetRef } from "../../contract/types.ts"

export interface TargetFindingInput {
  readonly lang: Lang
  readonly country: string
  readonly unit: string | null
  readonly target: TargetRef
}

export const targetFinding = ({ lang, country, unit, target }: TargetFindingInput): string => {
  const first = t(lang, "finding_target", {
    value: formatValue(lang, unit, target.value),
    year: target.year,
    document: target.document.title,
    date: formatDate(lang, target.document.date)
  })
  if (target.status === "achieved" && target.latest_value !== null && target.latest_year !== null) {
    return `${first} ${t(lang, "finding_target_achieved", { country, latest: formatValue(lang, unit, target.latest_value), latest_year: target.latest_year })}`
  }
  if (target.will_meet === null || target.base_year === null || target.progress_share === null) {
    return `${first} ${t(lang, "finding_target_no_pace", { baseline_year: target.baseline_year })}`
  }
  const progress = t(lang, "finding_target_progress", {
    base_year: target.base_year,
    country,
    share: formatValue(lang, "percent", target.progress_share * 100, 0),
    projected: formatValue(lang, unit, target.projected_value),
    year: target.year
  })
  return `${first} ${progress} ${t(lang, target.will_meet ? "finding_target_will_meet" : "finding_target_will_not_meet")}`
}
