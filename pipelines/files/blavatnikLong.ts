// The long layout the Blavatnik Index team used when it extracted OECD tables from PDFs:
// "cc_iso3c","ref_year","variable","value" (UTF-8 with BOM, LF). Several OECD indices come
// this way; each source maps the `variable` names to its indicator ids.
import { Effect } from "effect"
import type { LandedFile, StagedRow } from "../source.ts"
import { readCsvTable } from "./csv.ts"

export const blavatnikColumns = ["cc_iso3c", "ref_year", "variable", "value"] as const

/**
 * Decodes the file into staged rows, one per record, with `idOf` naming the indicator of a
 * variable. A record whose field count differs from the header's fails the file: that is a
 * broken extract, not a bad cell.
 */
export const readBlavatnikLong = (sourceId: string, file: LandedFile, idOf: (variable: string) => string) =>
  Effect.gen(function* () {
    const { records, at } = yield* readCsvTable(sourceId, file, blavatnikColumns)
    const rows: Array<StagedRow & { readonly line: number; readonly field: string }> = []
    const variables = new Set<string>()
    for (const record of records) {
      const variable = record.fields[at.variable].trim()
      variables.add(variable)
      rows.push({
        indicator_id: idOf(variable),
        area: record.fields[at.cc_iso3c],
        year: record.fields[at.ref_year],
        value: record.fields[at.value],
        line: record.line,
        field: variable
      })
    }
    return { rows, variables }
  })
