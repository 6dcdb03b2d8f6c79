// CSV text of exactly the rows a chart shows, written by papaparse (RFC 4180 quoting; numbers
// unformatted so a spreadsheet reads them in any locale).
import Papa from "papaparse"

export interface CsvColumn<T> {
  readonly name: string
  readonly value: (row: T) => string | number | null | undefined
}

const cell = (v: string | number | null | undefined): string | number | null => {
  if (v === null || v === undefined) return null
  if (typeof v === "number") return Number.isFinite(v) ? v : null
  // A leading = + - @ would be run as a formula by spreadsheets: prefix it with a quote mark.
  // (papaparse's own escapeFormulae also quotes the cell and misses text with a line break.)
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v
}

export const toCsv = <T>(columns: ReadonlyArray<CsvColumn<T>>, rows: ReadonlyArray<T>): string =>
  `${Papa.unparse([columns.map((c) => cell(c.name)), ...rows.map((r) => columns.map((c) => cell(c.value(r))))], { newline: "\r\n" })}\r\n`
