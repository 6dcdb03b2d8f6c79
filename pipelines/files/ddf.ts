// Reading long CSV files whose header names the columns (DDF datapoints of open-numbers,
// ILOSTAT and EdStats re-publications, SDMX-CSV): the header is parsed here so a missing
// column is an error naming file and column, then DuckDB reads the body strictly
// (strictCsv.ts).
import { Effect } from "effect"
import { SourceFormatError } from "../errors.ts"
import type { LandedFile, StageContext } from "../source.ts"
import { parseCsv } from "./csv.ts"
import { strictReadCsv } from "./strictCsv.ts"
import { decodeText, firstLine, requireUtf8 } from "./text.ts"

export interface LongCsv {
  /** The header as written (trimmed, BOM removed). */
  readonly header: ReadonlyArray<string>
  /** A `read_csv(...)` expression yielding one VARCHAR column c0, c1, … per header column. */
  readonly read: string
  /** The positional column (c0, c1, …) of a header name; exact case first, then any case. */
  readonly col: (name: string) => string
  /** Whether the header has this column (exact case first, then any case). */
  readonly has: (name: string) => boolean
}

const headerLine = firstLine

/** Finds a column by exact name, else case-insensitively (SDMX-CSV has MEASURE and Measure). */
const indexOf = (header: ReadonlyArray<string>, name: string): number => {
  const exact = header.indexOf(name)
  return exact >= 0 ? exact : header.findIndex((h) => h.toLowerCase() === name.toLowerCase())
}

export const readLongCsv = (sourceId: string, file: LandedFile, ctx: StageContext, required: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    if (file.size === 0) {
      return yield* new SourceFormatError({ sourceId, file: file.origin, problem: "the file is empty" })
    }
    const text = yield* decodeText(headerLine(file), { sourceId, file: file.origin })
    yield* requireUtf8(file, { sourceId, file: file.origin })
    const records = yield* parseCsv(text.replace(/^\uFEFF/, ""), { sourceId, file: file.origin })
    const header = (records[0]?.fields ?? []).map((f) => f.trim())
    for (const name of required) {
      if (indexOf(header, name) < 0) {
        return yield* new SourceFormatError({
          sourceId,
          file: file.origin,
          line: 1,
          column: name,
          problem: `required column "${name}" is missing from the header (found: ${header.filter(Boolean).join(", ").slice(0, 200) || "nothing"})`
        })
      }
    }
    const read = strictReadCsv(file, ctx, 1, header.length)
    return {
      header,
      read,
      col: (name: string) => `c${indexOf(header, name)}`,
      has: (name: string) => indexOf(header, name) >= 0
    } satisfies LongCsv
  })
