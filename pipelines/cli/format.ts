// Rendering query results and summaries for a terminal, as CSV, or as JSON.

const cell = (value: unknown): string => {
  if (value === null || value === undefined) return ""
  if (typeof value === "object") return JSON.stringify(value)
  return String(value)
}

export const toTable = (rows: ReadonlyArray<Record<string, unknown>>, columns?: ReadonlyArray<string>): string => {
  const cols = columns ?? (rows.length > 0 ? Object.keys(rows[0]) : [])
  if (cols.length === 0) return "(no rows)"
  const body = rows.map((r) => cols.map((c) => cell(r[c])))
  const widths = cols.map((c, i) => Math.min(60, Math.max(c.length, ...body.map((b) => b[i].length))))
  const clip = (text: string, w: number) => (text.length > w ? `${text.slice(0, w - 1)}…` : text.padEnd(w))
  const line = (values: ReadonlyArray<string>) =>
    values
      .map((v, i) => clip(v, widths[i]))
      .join("  ")
      .trimEnd()
  return [line(cols), line(widths.map((w) => "-".repeat(w))), ...body.map(line), `(${rows.length} row${rows.length === 1 ? "" : "s"})`].join("\n")
}

const csvField = (value: unknown): string => {
  const text = cell(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export const toCsv = (rows: ReadonlyArray<Record<string, unknown>>, columns?: ReadonlyArray<string>): string => {
  const cols = columns ?? (rows.length > 0 ? Object.keys(rows[0]) : [])
  return [cols.map(csvField).join(","), ...rows.map((r) => cols.map((c) => csvField(r[c])).join(","))].join("\n")
}

export const formatRows = (rows: ReadonlyArray<Record<string, unknown>>, format: "json" | "csv" | "table"): string =>
  format === "json" ? JSON.stringify(rows, null, 2) : format === "csv" ? toCsv(rows) : toTable(rows)

export const thousands = (n: number): string => n.toLocaleString("en-US")
