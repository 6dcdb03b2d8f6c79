// Reading the World Bank Indicators API v2 JSON (`[pageInfo, rows]`, or the list of such
// pages) as landed by pipelines/live. Shared by the sources the API serves (wdi, spi).
// Documentation: https://datahelpdesk.worldbank.org/knowledgebase/articles/898581-api-basic-call-structure
// Rows: indicator{id,value}, country{id,value}, countryiso3code, date (text), value (number
// or null), unit, obs_status, decimal. The header's `lastupdated` is the release date.
// The API reports its own errors with status 200 and a one-element body
// `[{"message":[{"id":"175","key":"Invalid format","value":"The indicator was not found. It may
// have been deleted or archived."}]}]` (175: archived, 120: unknown value): such a body is a
// failed file naming the message, never an empty load.
import { Effect } from "effect"
import { SourceFormatError } from "../errors.ts"
import type { LandedFile, StageContext, StagedRow } from "../source.ts"
import { decodeText } from "./text.ts"

interface WbApiRow {
  readonly indicator?: { readonly id?: string; readonly value?: string }
  readonly country?: { readonly id?: string; readonly value?: string }
  readonly countryiso3code?: string
  readonly date?: string
  readonly value?: number | string | null
  readonly obs_status?: string
}

const wbRequired = ["indicator", "country", "date", "value"] as const

/** The API's own error messages in a body, if it is one (`[{message:[{id, key, value}]}]`). */
export const worldBankApiMessages = (doc: unknown): Array<string> | undefined => {
  if (!Array.isArray(doc)) return undefined
  const info = doc[0] as { message?: unknown } | undefined
  if (typeof info !== "object" || info === null || !Array.isArray(info.message)) return undefined
  return (info.message as Array<{ id?: string; key?: string; value?: string }>).map((m) => `${m.id ?? ""} ${m.key ?? ""}: ${m.value ?? ""}`.trim())
}

/**
 * Stages an API answer. Small enough to decode in JS (an indicator is ~17,000 rows); values
 * go through the shared SQL validation as text. `indicatorId` maps the API's code to ours.
 */
export const stageWorldBankApiJson = (sourceId: string, file: LandedFile, ctx: StageContext, indicatorId: (code: string) => string = (c) => c) =>
  Effect.gen(function* () {
    const fail = (problem: string) => new SourceFormatError({ sourceId, file: file.origin, problem })
    const text = yield* decodeText(file.bytes, { sourceId, file: file.origin })
    const doc = yield* Effect.try({
      try: () => JSON.parse(text) as unknown,
      catch: (e) => fail(`not valid JSON (${e instanceof Error ? e.message : String(e)})`)
    })
    if (!Array.isArray(doc)) return yield* fail("expected a JSON array (World Bank API v2 page or list of pages)")
    const messages = worldBankApiMessages(doc)
    if (messages) return yield* fail(`the World Bank API answered with an error instead of data: ${messages.join("; ")}`)
    const pages = (Array.isArray(doc[0]) ? doc : [doc]) as Array<Array<unknown>>
    let releasedAt: string | null = null
    const rows: Array<StagedRow> = []
    const names: Record<string, string> = {}
    for (const [p, page] of pages.entries()) {
      const info = page?.[0] as { lastupdated?: unknown; message?: unknown } | undefined
      const pageMessages = worldBankApiMessages(page)
      if (pageMessages) return yield* fail(`page ${p + 1}: the World Bank API answered with an error instead of data: ${pageMessages.join("; ")}`)
      if (!Array.isArray(page) || page.length !== 2 || typeof info !== "object" || info === null) {
        return yield* fail(`page ${p + 1} is not [page info, rows]`)
      }
      if (typeof info.lastupdated === "string" && /^\d{4}-\d{2}-\d{2}$/.test(info.lastupdated)) releasedAt = info.lastupdated
      const data = (page[1] ?? []) as Array<WbApiRow>
      if (!Array.isArray(data)) return yield* fail(`page ${p + 1}: the rows are not an array`)
      for (const [i, row] of data.entries()) {
        const missing = wbRequired.filter((k) => !(k in (row ?? {})))
        if (missing.length > 0) {
          // The API changed its schema: refuse the whole file rather than load half-understood rows.
          return yield* fail(
            `page ${p + 1}, row ${i + 1}: field(s) ${missing.map((m) => `"${m}"`).join(", ")} missing (the row has ${Object.keys(row ?? {}).join(", ") || "no fields"}); the API layout changed`
          )
        }
        const indicator = indicatorId(row.indicator?.id ?? "")
        if (indicator && row.indicator?.value) names[indicator] = row.indicator.value
        rows.push({
          indicator_id: indicator,
          area: row.countryiso3code || row.country?.id || "",
          year: row.date ?? "",
          value: row.value === null || row.value === undefined ? null : String(row.value),
          flag: row.obs_status ? String(row.obs_status) : null,
          line: rows.length + 1,
          field: "value"
        })
      }
    }
    // Called even with no rows, so that `staged` exists and an empty answer is judged as one.
    yield* ctx.stageRows(rows)
    return { releasedAt, indicatorNames: names }
  })
