// A strict CSV reader for small and irregular publisher files (the big ones go through
// DuckDB's read_csv). Strict means: an unterminated quote or stray text after a closing
// quote is an error naming the line, never a silently merged record.
import { Effect } from "effect"
import { SourceFormatError } from "../errors.ts"
import { decodeText } from "./text.ts"

export interface CsvRecord {
  readonly fields: Array<string>
  /** 1-based line where the record starts in the file. */
  readonly line: number
}

export interface CsvOptions {
  readonly sourceId: string
  readonly file: string
  readonly delimiter?: string
}

export const parseCsv = (text: string, options: CsvOptions): Effect.Effect<Array<CsvRecord>, SourceFormatError> =>
  Effect.suspend(() => {
    const delimiter = options.delimiter ?? ","
    const records: Array<CsvRecord> = []
    let fields: Array<string> = []
    let field = ""
    let line = 1
    let recordLine = 1
    let i = 0
    let atFieldStart = true
    const n = text.length
    const endRecord = () => {
      fields.push(field)
      // A line with nothing on it is not a record.
      if (!(fields.length === 1 && fields[0] === "")) records.push({ fields, line: recordLine })
      fields = []
      field = ""
      atFieldStart = true
    }
    while (i < n) {
      const ch = text[i]
      if (atFieldStart && ch === '"') {
        const quoteLine = line
        i++
        let closed = false
        while (i < n) {
          const c = text[i]
          if (c === '"') {
            if (text[i + 1] === '"') { field += '"'; i += 2; continue }
            i++
            closed = true
            break
          }
          if (c === "\n") line++
          field += c
          i++
        }
        if (!closed) {
          return Effect.fail(new SourceFormatError({
            sourceId: options.sourceId, file: options.file, line: quoteLine,
            problem: "a quoted field is never closed (the file looks truncated)"
          }))
        }
        const next = text[i]
        if (next !== undefined && next !== delimiter && next !== "\n" && next !== "\r") {
          return Effect.fail(new SourceFormatError({
            sourceId: options.sourceId, file: options.file, line,
            problem: `unexpected character ${JSON.stringify(next)} after a closing quote`
          }))
        }
        atFieldStart = false
        continue
      }
      if (ch === delimiter) { fields.push(field); field = ""; atFieldStart = true; i++; continue }
      if (ch === "\r" || ch === "\n") {
        endRecord()
        if (ch === "\r" && text[i + 1] === "\n") i++
        i++
        line++
        recordLine = line
        continue
      }
      field += ch
      atFieldStart = false
      i++
    }
    if (field !== "" || fields.length > 0) endRecord()
    return Effect.succeed(records)
  })

/** Index of each required column in a header, or an error naming the first missing one. */
export const requireColumns = (
  header: CsvRecord,
  required: ReadonlyArray<string>,
  options: CsvOptions
): Effect.Effect<Record<string, number>, SourceFormatError> => {
  const names = header.fields.map((f) => f.trim())
  const index: Record<string, number> = {}
  for (const name of required) {
    const at = names.findIndex((h) => h.toLowerCase() === name.toLowerCase())
    if (at < 0) {
      return Effect.fail(new SourceFormatError({
        sourceId: options.sourceId, file: options.file, line: header.line, column: name,
        problem: `required column "${name}" is missing from the header (found: ${names.filter(Boolean).join(", ") || "nothing"})`
      }))
    }
    index[name] = at
  }
  return Effect.succeed(index)
}

/**
 * A small CSV file of a source, decoded and parsed, its required columns located: the
 * records after the header and each required column's index. Fails naming the file (and the
 * line or column) when the file is not text, has no header, or lacks a column.
 */
export const readCsvTable = <C extends string>(sourceId: string, file: { readonly origin: string; readonly bytes: Uint8Array }, required: ReadonlyArray<C>) =>
  Effect.gen(function*() {
    const options = { sourceId, file: file.origin }
    const text = yield* decodeText(file.bytes, options)
    const [header, ...records] = yield* parseCsv(text, options)
    if (!header) return yield* new SourceFormatError({ ...options, problem: "the file has no header" })
    const at = (yield* requireColumns(header, required, options)) as Record<C, number>
    return { header, records, at }
  })
