// Small and irregular publisher CSV files, read with papaparse (the big ones go through
// DuckDB's read_csv). Strict: papaparse's quote errors (a quoted field never closed, text
// after a closing quote) fail the file naming the line, and a table's records must be as
// wide as its header, so nothing is ever a silently merged or padded record.
import { Effect } from "effect"
import Papa from "papaparse"
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

/** Offsets where each line starts (after \r\n, \n or \r), for naming the line of an offset. */
const lineStarts = (text: string): Array<number> => {
  const starts = [0]
  for (const m of text.matchAll(/\r\n|\n|\r/g)) starts.push(m.index + m[0].length)
  return starts
}

/** 1-based line of a character offset. */
const lineAt = (starts: ReadonlyArray<number>, offset: number): number => {
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (starts[mid] <= offset) lo = mid
    else hi = mid - 1
  }
  return lo + 1
}

const quoteProblems: Record<string, string> = {
  MissingQuotes: "a quoted field is never closed (the file looks truncated)",
  InvalidQuotes: "a quoted field has text after its closing quote (malformed quotes)"
}

export const parseCsv = (text: string, options: CsvOptions): Effect.Effect<Array<CsvRecord>, SourceFormatError> =>
  Effect.suspend(() => {
    const starts = lineStarts(text)
    const records: Array<CsvRecord> = []
    let error: SourceFormatError | undefined
    let recordStart = 0
    Papa.parse<Array<string>>(text, {
      delimiter: options.delimiter ?? ",",
      quoteChar: '"',
      step: (result, parser) => {
        const problem = result.errors[0]
        if (problem) {
          // papaparse reports the offset just after the opening quote of the field at fault.
          const at = problem.index === undefined ? recordStart : Math.max(0, problem.index - 1)
          error = new SourceFormatError({
            sourceId: options.sourceId,
            file: options.file,
            line: lineAt(starts, at),
            problem: quoteProblems[problem.code] ?? problem.message
          })
          parser.abort()
          return
        }
        const fields = result.data
        // A line with nothing on it is not a record.
        if (!(fields.length === 1 && fields[0] === "")) records.push({ fields, line: lineAt(starts, recordStart) })
        recordStart = result.meta.cursor
      }
    })
    return error ? Effect.fail(error) : Effect.succeed(records)
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
      return Effect.fail(
        new SourceFormatError({
          sourceId: options.sourceId,
          file: options.file,
          line: header.line,
          column: name,
          problem: `required column "${name}" is missing from the header (found: ${names.filter(Boolean).join(", ") || "nothing"})`
        })
      )
    }
    index[name] = at
  }
  return Effect.succeed(index)
}

/** Fails naming the first record whose width differs from the header's: a cut or broken line, not a row of empty cells. */
export const requireHeaderWidth = (header: CsvRecord, records: ReadonlyArray<CsvRecord>, options: CsvOptions): Effect.Effect<void, SourceFormatError> => {
  for (const record of records) {
    if (record.fields.length !== header.fields.length) {
      return Effect.fail(
        new SourceFormatError({
          sourceId: options.sourceId,
          file: options.file,
          line: record.line,
          problem: `the record has ${record.fields.length} fields but the header has ${header.fields.length}`
        })
      )
    }
  }
  return Effect.void
}

/**
 * A CSV text as a table: its header, each required column's index, and the records after the
 * header, every one as wide as the header. Fails naming the file (and the line or column) when
 * there is no header, a column is missing, or a record has the wrong width.
 */
export const parseCsvTable = <C extends string>(text: string, options: CsvOptions, required: ReadonlyArray<C>) =>
  Effect.gen(function* () {
    const [header, ...records] = yield* parseCsv(text, options)
    if (!header) return yield* new SourceFormatError({ ...options, problem: "the file has no header" })
    const at = (yield* requireColumns(header, required, options)) as Record<C, number>
    yield* requireHeaderWidth(header, records, options)
    return { header, records, at }
  })

/** A small CSV file of a source, decoded (failing if it is not text) and read as a table. */
export const readCsvTable = <C extends string>(sourceId: string, file: { readonly origin: string; readonly bytes: Uint8Array }, required: ReadonlyArray<C>) =>
  Effect.gen(function* () {
    const options = { sourceId, file: file.origin }
    return yield* parseCsvTable(yield* decodeText(file.bytes, options), options, required)
  })
