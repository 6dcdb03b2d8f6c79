// Open Data Barometer (World Wide Web Foundation), editions 2013–2017, from the publisher's
// historical workbook ("Open Data Barometer - Historical Data (All five Editions) -
// Public.xlsx"), read with read-excel-file. Only the `ODB-<year>-Rankings` sheets are read:
// one per edition, with the ODB score (0–100) and its three sub-indices. Their columns are
// named per edition: `ODB-Score-Scaled`, `Readiness-Scaled`, … in 2013–2016 but `ODB-Score`,
// `Readiness`, … in the 2017 Leaders Edition; each measure takes whichever spelling the sheet
// has. Numbers are kept as the text the workbook stores (parseNumber) so that SQL, not JS,
// decides what is a number. Blank rows (the workbook has some after the data) are skipped.
import { Effect } from "effect"
import type { CellValue } from "read-excel-file/node"
import { SourceFormatError } from "../errors.ts"
import type { Source, StagedRow } from "../source.ts"

const id = "odb"
const rankingsSheet = /^ODB-(\d{4})-Rankings$/

/** Our id for each measure, and the column names it has had across editions. */
export const odbMeasures: ReadonlyArray<{ readonly id: string; readonly name: string; readonly columns: ReadonlyArray<string> }> = [
  { id: "ODB.SCORE", name: "Open Data Barometer score", columns: ["ODB-Score-Scaled", "ODB-Score"] },
  { id: "ODB.READINESS", name: "Open Data Barometer readiness sub-index", columns: ["Readiness-Scaled", "Readiness"] },
  { id: "ODB.IMPLEMENTATION", name: "Open Data Barometer implementation sub-index", columns: ["Implementation-Scaled", "Implementation"] },
  { id: "ODB.IMPACT", name: "Open Data Barometer impact sub-index", columns: ["Impact-Scaled", "Impact"] }
]

// The package types a date cell as `typeof Date`; at run time it is a Date instance.
const text = (cell: CellValue<string> | null | undefined): string => {
  if (cell === null || cell === undefined) return ""
  const value: unknown = cell
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).trim()
}

export const odb: Source = {
  id,
  title: "Open Data Barometer",
  publisher: "World Wide Web Foundation",
  licence: "CC BY 4.0",
  homepage: "https://opendatabarometer.org",
  mirror: ["open-data-barometer/Open Data Barometer - Historical Data (All five Editions) - Public.xlsx"],
  // Discontinued: the Web Foundation ended the Barometer after its Leaders Edition.
  final: {
    reason:
      "Discontinued: the World Wide Web Foundation ended the Open Data Barometer after its Leaders Edition " +
      "(2017 data, 30 governments); no later edition exists. The historical workbook holds all five editions, 2013–2017.",
    lastEdition: "2017 (Leaders Edition)",
    releasedOn: "2018-09-20" // the Web Foundation launched the Leaders Edition that day
  },
  stage: (file, ctx) =>
    Effect.gen(function* () {
      const fail = (problem: string, more: { line?: number; column?: string } = {}) =>
        new SourceFormatError({ sourceId: id, file: file.origin, problem, ...more })
      // The workbook reader (some seventy modules) is loaded only when a workbook is read, not
      // by every command that lists the sources.
      const { default: readXlsxFile } = yield* Effect.promise(() => import("read-excel-file/node"))
      const sheets = yield* Effect.tryPromise({
        // Numbers stay the text stored in the workbook (e.g. "40.299999999999997").
        try: () => readXlsxFile(file.path, { parseNumber: (s: string) => s }),
        catch: (cause) => {
          const error = cause as { name?: string; code?: string; message?: string }
          return fail(`not a readable .xlsx workbook (${[error.name, error.code, error.message].filter(Boolean).join(": ")})`)
        }
      })
      const editions = sheets.filter((s) => rankingsSheet.test(s.sheet))
      if (editions.length === 0) {
        return yield* fail(`no "ODB-<year>-Rankings" sheet in the workbook (its sheets: ${sheets.map((s) => `"${s.sheet}"`).join(", ")})`)
      }
      const rows: Array<StagedRow> = []
      for (const { sheet, data } of editions) {
        const year = rankingsSheet.exec(sheet)![1]
        const headerIndex = data.findIndex((row) => row.some((cell) => text(cell) !== ""))
        const header = (data[headerIndex] ?? []).map((cell) => text(cell))
        const at = (name: string) => header.indexOf(name)
        if (at("ISO3") < 0) {
          return yield* fail(`sheet "${sheet}" has no "ISO3" column in its header row`, { line: headerIndex + 1, column: "ISO3" })
        }
        const measures = []
        for (const measure of odbMeasures) {
          const column = measure.columns.find((c) => at(c) >= 0)
          if (!column) {
            return yield* fail(
              `sheet "${sheet}" has none of the columns ${measure.columns.map((c) => `"${c}"`).join(" or ")} (header: ${header.filter(Boolean).join(", ")})`,
              { line: headerIndex + 1, column: measure.columns.join(" | ") }
            )
          }
          measures.push({ ...measure, column, index: at(column) })
        }
        for (let r = headerIndex + 1; r < data.length; r++) {
          const row = data[r]
          if (row.every((cell) => text(cell) === "")) continue
          const line = r + 1
          // The sheet name is the edition; a row claiming another year is a mixed-up sheet.
          const rowYear = at("Year") >= 0 ? text(row[at("Year")]) : ""
          if (rowYear !== "" && rowYear !== year) {
            return yield* fail(`sheet "${sheet}" row ${line} says year ${rowYear}, not ${year}`, { line, column: "Year" })
          }
          for (const measure of measures) {
            rows.push({
              indicator_id: measure.id,
              area: text(row[at("ISO3")]),
              year,
              value: text(row[measure.index]) || null,
              flag: null,
              line,
              field: `${sheet}!${measure.column}`
            })
          }
        }
      }
      yield* ctx.stageRows(rows)
      return {
        format: `odb-workbook:${editions
          .map((e) => rankingsSheet.exec(e.sheet)![1])
          .sort()
          .join(",")}`,
        releasedAt: null,
        indicatorNames: Object.fromEntries(odbMeasures.map((m) => [m.id, m.name]))
      }
    })
}
