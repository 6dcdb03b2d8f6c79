// The long layout the Blavatnik Index team used when it extracted OECD tables from PDFs:
// "cc_iso3c","ref_year","variable","value" (UTF-8 with BOM, LF). Several OECD indices come
// this way; each source maps the `variable` names to its indicator ids.
import { Effect } from "effect"
import { SourceFormatError } from "../errors.ts"
import type { LandedFile, StagedRow } from "../source.ts"
import { parseCsv, requireColumns } from "./csv.ts"
import { decodeText } from "./text.ts"

export const blavatnikColumns = ["cc_iso3c", "ref_year", "variable", "value"] as const

/**
 * Decodes the file into staged rows, one per record, with `idOf` naming the indicator of a
 * variable. A record whose field count differs from the header's fails the file: that is a
 * broken extract, not a bad cell.
 */
export const readBlavatnikLong = (sourceId: string, file: LandedFile, idOf: (variable: string) => string) =>
  Effect.gen(function*() {
    const where = { sourceId, file: file.origin }
    const records = yield* parseCsv(yield* decodeText(file.bytes, where), where)
    const header = records[0]
    if (!header) return yield* new SourceFormatError({ ...where, problem: "the file has no header" })
    const at = yield* requireColumns(header, blavatnikColumns, where)
    const rows: Array<StagedRow> = []
    const variables = new Set<string>()
    for (const record of records.slice(1)) {
      if (record.fields.length !== header.fields.length) {
        return yield* new SourceFormatError({
          ...where, line: record.line,
          problem: `the record has ${record.fields.length} fields but the header has ${header.fields.length}`
        })
      }
      const variable = record.fields[at.variable].trim()
      variables.add(variable)
      rows.push({
        indicator_id: idOf(variable), area: record.fields[at.cc_iso3c], year: record.fields[at.ref_year],
        value: record.fields[at.value], line: record.line, field: variable
      })
    }
    return { rows, variables }
  })
