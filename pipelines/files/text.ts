// Turns raw bytes of a publisher file into text, or says precisely why it cannot:
// empty, binary, UTF-16 (decoded), or invalid UTF-8 (with the line of the first bad byte).
import { Effect } from "effect"
import { SourceFormatError } from "../errors.ts"

export interface DecodeOptions {
  readonly sourceId: string
  readonly file: string
  /** What to do with bytes that are not UTF-8: fail (default) or read them as Latin-1. */
  readonly invalidUtf8?: "fail" | "latin1"
}

const lineOf = (bytes: Uint8Array, offset: number): number => {
  let line = 1
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++
  return line
}

/** Offset of the first byte that breaks UTF-8, or -1. */
export const firstInvalidUtf8 = (bytes: Uint8Array): number => {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]
    if (b < 0x80) {
      i++
      continue
    }
    let need = 0
    if (b >= 0xc2 && b <= 0xdf) need = 1
    else if (b >= 0xe0 && b <= 0xef) need = 2
    else if (b >= 0xf0 && b <= 0xf4) need = 3
    else return i
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]
      if (c === undefined || (c & 0xc0) !== 0x80) return i
    }
    i += need + 1
  }
  return -1
}

export const decodeText = (bytes: Uint8Array, options: DecodeOptions): Effect.Effect<string, SourceFormatError> =>
  Effect.gen(function* () {
    const fail = (problem: string, line?: number) => new SourceFormatError({ sourceId: options.sourceId, file: options.file, line, problem })
    if (bytes.length === 0) return yield* fail("the file is empty (0 bytes)")
    // UTF-16 with a byte-order mark: decode it rather than refuse a re-saved file.
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2))
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2))
    const head = bytes.subarray(0, Math.min(bytes.length, 65536))
    const nul = head.indexOf(0)
    if (nul >= 0) return yield* fail("not a text file: it contains binary (NUL) bytes", lineOf(bytes, nul))
    const bad = firstInvalidUtf8(bytes)
    let text: string
    if (bad >= 0) {
      if (options.invalidUtf8 !== "latin1") {
        return yield* fail(
          `invalid UTF-8 byte 0x${bytes[bad].toString(16).toUpperCase().padStart(2, "0")} at byte ${bad}; save the file as UTF-8`,
          lineOf(bytes, bad)
        )
      }
      text = new TextDecoder("latin1").decode(bytes)
    } else {
      text = new TextDecoder("utf-8").decode(bytes)
    }
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  })

/** The first line of a file, with its line break (UTF-16 LE: up to the bytes 0A 00 at an even offset). */
export const firstLine = (bytes: Uint8Array): Uint8Array => {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    for (let i = 2; i + 1 < bytes.length; i += 2) if (bytes[i] === 0x0a && bytes[i + 1] === 0) return bytes.subarray(0, i + 2)
    return bytes
  }
  const at = bytes.indexOf(0x0a)
  return at < 0 ? bytes : bytes.subarray(0, at + 1)
}

/** The `encoding` DuckDB's read_csv needs for these bytes ("utf-16" after a UTF-16 LE byte-order mark). */
/**
 * The longest line DuckDB's CSV reader accepts (its `max_line_size`). The reader allocates
 * buffers in proportion to it, so a generous 100 MB limit made every read ask for 1.5 GiB;
 * 8 MB is far beyond any publisher's line, and a longer one fails naming its line.
 */
export const maxCsvLineBytes = 8 * 1024 * 1024

export const csvEncoding = (bytes: Uint8Array): "utf-8" | "utf-16" => (bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16" : "utf-8")

/**
 * A text file that ends on a number with no line break after it may have been cut short
 * (an interrupted download or copy turns "20.6070256" into a believable "20.6"). Returns
 * the line and text of that number so validation can refuse it; undefined otherwise, and
 * for binary formats (Parquet, XLSX) whose bytes have no lines.
 */
export const unterminatedLastNumber = (bytes: Uint8Array): { readonly line: number; readonly text: string } | undefined => {
  if (bytes.length === 0) return undefined
  const magic = String.fromCharCode(...bytes.subarray(0, 4))
  if (magic === "PAR1" || magic === "PK\x03\x04") return undefined
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : undefined
  const text = utf16 ? new TextDecoder(utf16).decode(bytes.subarray(2)) : undefined
  const last = text !== undefined ? text.charCodeAt(text.length - 1) : bytes[bytes.length - 1]
  if (last === 0x0a || last === 0x0d) return undefined
  let tail: string
  let line = 1
  if (text !== undefined) {
    const at = text.lastIndexOf("\n")
    tail = text.slice(at + 1)
    for (let i = 0; i <= at; i++) if (text.charCodeAt(i) === 0x0a) line++
  } else {
    const at = bytes.lastIndexOf(0x0a)
    tail = new TextDecoder("latin1").decode(bytes.subarray(at + 1, bytes.length).subarray(-4096))
    for (let i = 0; i <= at; i++) if (bytes[i] === 0x0a) line++
  }
  const match = /(?:^|[,;\t|])\s*"?([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d*)?)$/.exec(tail)
  return match ? { line, text: match[1] } : undefined
}

/**
 * Fails unless the whole file is UTF-8 (or UTF-16 with a byte-order mark, which DuckDB reads
 * with `encoding = csvEncoding(...)`), naming the line of the first bad byte. Sources that let
 * DuckDB read a CSV call it first: DuckDB checks UTF-8 only in the columns a query uses, and
 * a bad byte in a projected column of a wide file has hit an internal error in its CSV scanner
 * (DuckDB 1.5.6) that invalidates the whole database connection for the rest of the process.
 */
export const requireUtf8 = (bytes: Uint8Array, options: { readonly sourceId: string; readonly file: string }): Effect.Effect<void, SourceFormatError> =>
  Effect.suspend(() => {
    if (csvEncoding(bytes) === "utf-16" || (bytes[0] === 0xfe && bytes[1] === 0xff)) return Effect.void
    const bad = firstInvalidUtf8(bytes)
    if (bad < 0) return Effect.void
    return Effect.fail(
      new SourceFormatError({
        sourceId: options.sourceId,
        file: options.file,
        line: lineOf(bytes, bad),
        problem: `invalid UTF-8 byte 0x${bytes[bad].toString(16).toUpperCase().padStart(2, "0")} at byte ${bad}; save the file as UTF-8`
      })
    )
  })
