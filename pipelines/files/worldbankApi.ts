// Reading the World Bank Indicators API v2 JSON (`[pageInfo, rows]`, or the list of such
// pages) as landed by pipelines/live. Shared by the sources the API serves (wdi, spi).
// Documentation: https://datahelpdesk.worldbank.org/knowledgebase/articles/898581-api-basic-call-structure
// Rows: indicator{id,value}, country{id,value}, countryiso3code, date (text), value (number
// or null), unit, obs_status, decimal. The header's `lastupdated` is the release date.
// The API reports its own errors with status 200 and a one-element body
// `[{"message":[{"id":"175","key":"Invalid format","value":"The indicator was not found. It may
// have been deleted or archived."}]}]` (175: archived, 120: unknown value): such a body is a
// failed file naming the message, never an empty load.
import { Effect, Schema } from "effect"
import { decodeExternal } from "../decode.ts"
import { SourceFormatError } from "../errors.ts"
import type { LandedFile, StageContext, StagedRow } from "../source.ts"
import { decodeText } from "./text.ts"

/** A message of the API's error answer: `{id, key, value}`. */
const WbMessage = Schema.Struct({ id: Schema.optionalKey(Schema.String), key: Schema.optionalKey(Schema.String), value: Schema.optionalKey(Schema.String) })

/** The API's error answer, sent with status 200: `[{message:[...]}]`. */
const WbErrorBody = Schema.TupleWithRest(Schema.Tuple([Schema.Struct({ message: Schema.Array(WbMessage) })]), [Schema.Unknown])

/** One page: `[pageInfo, rows]`, rows null when there are none; a row is checked field by field below. */
const WbPage = Schema.Tuple([
  Schema.Struct({ lastupdated: Schema.optionalKey(Schema.NullOr(Schema.String)) }),
  Schema.NullOr(Schema.Array(Schema.Record(Schema.String, Schema.Unknown)))
])

const WbName = Schema.NullOr(Schema.Struct({ id: Schema.optionalKey(Schema.NullOr(Schema.String)), value: Schema.optionalKey(Schema.NullOr(Schema.String)) }))

/** The fields of a row we read; `value` is a number or null (text tolerated, validated in SQL). */
const WbRow = Schema.Struct({
  indicator: WbName,
  country: WbName,
  countryiso3code: Schema.optionalKey(Schema.NullOr(Schema.String)),
  date: Schema.String,
  value: Schema.NullOr(Schema.Union([Schema.Number, Schema.String])),
  obs_status: Schema.optionalKey(Schema.NullOr(Schema.String))
})

const wbRequired = ["indicator", "country", "date", "value"] as const

/** The API's own error messages in a body, if it is one (`[{message:[{id, key, value}]}]`). */
export const worldBankApiMessages = (doc: unknown): Array<string> | undefined =>
  Schema.is(WbErrorBody)(doc) ? doc[0].message.map((m) => `${m.id ?? ""} ${m.key ?? ""}: ${m.value ?? ""}`.trim()) : undefined

/**
 * Stages an API answer. Small enough to decode in JS (an indicator is ~17,000 rows); values
 * go through the shared SQL validation as text. `indicatorId` maps the API's code to ours.
 */
export const stageWorldBankApiJson = (sourceId: string, file: LandedFile, ctx: StageContext, indicatorId: (code: string) => string = (c) => c) =>
  Effect.gen(function* () {
    const fail = (problem: string) => new SourceFormatError({ sourceId, file: file.origin, problem })
    const text = yield* decodeText(file.bytes, { sourceId, file: file.origin })
    const doc = yield* Effect.try({
      try: (): unknown => JSON.parse(text),
      catch: (e) => fail(`not valid JSON (${e instanceof Error ? e.message : String(e)})`)
    })
    if (!Array.isArray(doc)) return yield* fail("expected a JSON array (World Bank API v2 page or list of pages)")
    const messages = worldBankApiMessages(doc)
    if (messages) return yield* fail(`the World Bank API answered with an error instead of data: ${messages.join("; ")}`)
    const pages: ReadonlyArray<unknown> = Array.isArray(doc[0]) ? doc : [doc]
    let releasedAt: string | null = null
    const rows: Array<StagedRow> = []
    const names: Record<string, string> = {}
    for (const [p, body] of pages.entries()) {
      const pageMessages = worldBankApiMessages(body)
      if (pageMessages) return yield* fail(`page ${p + 1}: the World Bank API answered with an error instead of data: ${pageMessages.join("; ")}`)
      const [info, data] = yield* decodeExternal(WbPage, body, (problem) => fail(`page ${p + 1} is not [page info, rows] (${problem})`))
      if (typeof info.lastupdated === "string" && /^\d{4}-\d{2}-\d{2}$/.test(info.lastupdated)) releasedAt = info.lastupdated
      for (const [i, fields] of (data ?? []).entries()) {
        const missing = wbRequired.filter((k) => !(k in fields))
        if (missing.length > 0) {
          // The API changed its schema: refuse the whole file rather than load half-understood rows.
          return yield* fail(
            `page ${p + 1}, row ${i + 1}: field(s) ${missing.map((m) => `"${m}"`).join(", ")} missing (the row has ${Object.keys(fields).join(", ") || "no fields"}); the API layout changed`
          )
        }
        const row = yield* decodeExternal(WbRow, fields, (problem) => fail(`page ${p + 1}, row ${i + 1}: ${problem}`))
        const indicator = indicatorId(row.indicator?.id ?? "")
        if (indicator && row.indicator?.value) names[indicator] = row.indicator.value
        rows.push({
          indicator_id: indicator,
          area: row.countryiso3code || row.country?.id || "",
          year: row.date,
          value: row.value === null ? null : String(row.value),
          flag: row.obs_status || null,
          line: rows.length + 1,
          field: "value"
        })
      }
    }
    // Called even with no rows, so that `staged` exists and an empty answer is judged as one.
    yield* ctx.stageRows(rows)
    return { releasedAt, indicatorNames: names }
  })
