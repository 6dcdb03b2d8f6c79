// CSV text of exactly the rows a chart shows (RFC 4180 quoting; numbers unformatted so a
// spreadsheet reads them in any locale).
export interface CsvColumn<T> {
  readonly name: string
  readonly value: (row: T) => string | number | null | undefined
}

const cell = (v: string | number | null | undefined): string => {
  if (v === null || v === undefined) return ""
  const s = typeof v === "number" ? (Number.isFinite(v) ? String(v) : "") : v
  // A leading = + - @ would be run as a formula by spreadsheets: prefix it with a quote mark.
  const safe = typeof v === "string" && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

export const toCsv = <T>(columns: ReadonlyArray<CsvColumn<T>>, rows: ReadonlyArray<T>): string =>
  [columns.map((c) => cell(c.name)).join(","), ...rows.map((r) => columns.map((c) => cell(c.value(r))).join(","))].join("\r\n") + "\r\n"
