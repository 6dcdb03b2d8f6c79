// Small helpers turning data-file fields into the reader's language.
import { formatDate } from "../i18n/format.ts"
import { t } from "../i18n/strings.ts"
import type { Bilingual, IndicatorRef, Lang, VintageRef } from "../../contract/types.ts"
import type { CaptionSource } from "./chartFrame.ts"

export const tx = (lang: Lang, b: Bilingual | null | undefined): string => (b ? (b[lang] ?? b.en ?? b.es ?? "") : "")

/** "released 25 May 2022" when the publisher dates the file, else "retrieved …". */
export const vintageLabel = (lang: Lang, v: Pick<VintageRef, "released_at" | "retrieved_at"> | null | undefined): string =>
  !v
    ? "—"
    : v.released_at
      ? t(lang, "released_on", { date: formatDate(lang, v.released_at) })
      : t(lang, "retrieved_on", { date: formatDate(lang, v.retrieved_at) })

/** A catalogue licence in the reader's language: "not stated" is the catalogue's word for none given. */
export const licenceText = (lang: Lang, licence: string | null): string =>
  !licence ? "—" : licence.trim().toLowerCase() === "not stated" ? t(lang, "licence_not_stated") : licence

/** A recommendation link's confidence in words. */
export const confidenceWord = (lang: Lang, c: string | null): string =>
  c === "confirmed"
    ? t(lang, "confidence_confirmed")
    : c === "partly_confirmed"
      ? t(lang, "confidence_partly_confirmed")
      : c === "inferred"
        ? t(lang, "confidence_inferred")
        : (c ?? "—")

export const captionFor = (
  lang: Lang,
  publisher: string | null,
  licence: string | null,
  vintages: ReadonlyArray<Pick<VintageRef, "released_at" | "retrieved_at">>
): CaptionSource => ({
  publisher: publisher ?? "—",
  licence: licenceText(lang, licence),
  vintage: vintages.length === 0 ? "—" : [...new Set(vintages.map((v) => vintageLabel(lang, v)))].join("; ")
})

export const indicatorName = (lang: Lang, i: IndicatorRef): string => tx(lang, i.short) || tx(lang, i.name) || i.id

export const pillarName = (lang: Lang, pillar: string): string =>
  (
    ({
      connectivity: t(lang, "pillar_connectivity"),
      data_capability: t(lang, "pillar_data_capability"),
      digital_talent: t(lang, "pillar_digital_talent"),
      context: t(lang, "pillar_context")
    }) as Record<string, string>
  )[pillar] ?? pillar
