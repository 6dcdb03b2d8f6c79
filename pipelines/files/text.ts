// Turns raw bytes of a publisher file into text, or says precisely why it cannot:
// empty, binary, UTF-16 (decoded), or invalid UTF-8 (with the line of the first bad byte).
// The checks a bulk file needs (UTF-8, a cut-short end, the first line) also take a landed
// file's FileBytes and read it in chunks, so a file only DuckDB reads whole never is in JS.
import { Effect } from "effect"
import { isUtf8 } from "node:buffer"
import { SourceFormatError } from "../errors.ts"
import { asFileBytes, defaultChunkBytes, type FileBytes } from "./fileBytes.ts"

export interface DecodeOptions {
  readonly sourceId: string
  readonly file: string
  /** What to do with bytes that are not UTF-8: fail (default) or read them as Latin-1. */
  readonly invalidUtf8?: "fail" | "latin1"
}

/** The number of line feeds (0A) before `offset` (the whole file if omitted), counted chunk by chunk. */
const lineFeeds = (file: FileBytes, chunkBytes: number, offset = file.size): number => {
  let count = 0
  let at = 0
  for (const chunk of file.chunks(chunkBytes)) {
    if (at >= offset) break
    const upto = Math.min(chunk.length, offset - at)
    for (let i = chunk.indexOf(0x0a); i >= 0 && i < upto; i = chunk.indexOf(0x0a, i + 1)) count++
    at += chunk.length
  }
  return count
}

/** The line (1-based) of the byte at `offset`. */
const lineOf = (bytes: Uint8Array, offset: number): number => 1 + lineFeeds(asFileBytes(bytes), defaultChunkBytes, offset)

/**
 * Offset of the first byte that breaks UTF-8, or -1. UTF-8 as Unicode defines it (and
 * Node's native `isUtf8`): no overlong forms, no surrogates, nothing above U+10FFFF.
 */
export const firstInvalidUtf8 = (bytes: Uint8Array): number => {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]
    if (b < 0x80) {
      i++
      continue
    }
    // The continuation bytes a lead byte needs, and the range its second byte must be in.
    let need = 0
    let low = 0x80
    let high = 0xbf
    if (b >= 0xc2 && b <= 0xdf) need = 1
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2
      if (b === 0xe0) low = 0xa0
      else if (b === 0xed) high = 0x9f
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3
      if (b === 0xf0) low = 0x90
      else if (b === 0xf4) high = 0x8f
    } else return i
    const second = bytes[i + 1]
    if (second === undefined || second < low || second > high) return i
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k]
      if (c === undefined || (c & 0xc0) !== 0x80) return i
    }
    i += need + 1
  }
  return -1
}

/** How many bytes at the end of `bytes` start a character that is not complete (0 to 3). */
const unfinishedTail = (bytes: Uint8Array): number => {
  for (let j = 1; j <= Math.min(3, bytes.length); j++) {
    const b = bytes[bytes.length - j]
    if ((b & 0xc0) === 0x80) continue
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1
    return length > j ? j : 0
  }
  return 0
}

export interface InvalidUtf8 {
  /** Offset of the first bad byte in the file. */
  readonly offset: number
  readonly byte: number
  /** Its line (1-based). */
  readonly line: number
}

/**
 * The first byte that breaks UTF-8, and its line, or undefined. Reads the file in chunks
 * checked by Node's native `isUtf8`; a character cut by a chunk's edge is carried over to
 * the next chunk. Only an invalid chunk is scanned in JS for its first bad byte, and only
 * then are the lines before it counted.
 */
export const findInvalidUtf8 = (input: Uint8Array | FileBytes, chunkBytes = defaultChunkBytes): InvalidUtf8 | undefined => {
  const file = asFileBytes(input)
  const found = (offset: number, byte: number): InvalidUtf8 => ({ offset, byte, line: 1 + lineFeeds(file, chunkBytes, offset) })
  let carry: Uint8Array = new Uint8Array(0)
  // File offset of the first byte of `carry` (of the next chunk when nothing is carried).
  let base = 0
  for (const chunk of file.chunks(chunkBytes)) {
    const piece = carry.length === 0 ? chunk : Buffer.concat([carry, chunk])
    const end = piece.length - unfinishedTail(piece)
    const whole = piece.subarray(0, end)
    if (!isUtf8(whole)) {
      const at = firstInvalidUtf8(whole)
      if (at >= 0) return found(base + at, whole[at])
    }
    // A copy: the chunk's buffer is reused for the next read.
    carry = Uint8Array.from(piece.subarray(end))
    base += end
  }
  return carry.length > 0 ? found(base, carry[0]) : undefined
}

const invalidUtf8Problem = (bad: { readonly offset: number; readonly byte: number }) =>
  `invalid UTF-8 byte 0x${bad.byte.toString(16).toUpperCase().padStart(2, "0")} at byte ${bad.offset}; save the file as UTF-8`

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
    const bad = isUtf8(bytes) ? -1 : firstInvalidUtf8(bytes)
    let text: string
    if (bad >= 0) {
      if (options.invalidUtf8 !== "latin1") return yield* fail(invalidUtf8Problem({ offset: bad, byte: bytes[bad] }), lineOf(bytes, bad))
      text = new TextDecoder("latin1").decode(bytes)
    } else {
      text = new TextDecoder("utf-8").decode(bytes)
    }
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  })

/** The first line in `bytes`, with its line break (UTF-16 LE: up to the bytes 0A 00 at an even offset). */
const firstLineIn = (bytes: Uint8Array): Uint8Array => {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    for (let i = 2; i + 1 < bytes.length; i += 2) if (bytes[i] === 0x0a && bytes[i + 1] === 0) return bytes.subarray(0, i + 2)
    return bytes
  }
  const at = bytes.indexOf(0x0a)
  return at < 0 ? bytes : bytes.subarray(0, at + 1)
}

/** The first line of a file, with its line break; a landed file is read from its start only until that break. */
export const firstLine = (input: Uint8Array | FileBytes, chunkBytes = 64 * 1024): Uint8Array => {
  if (input instanceof Uint8Array) return firstLineIn(input)
  const parts: Array<Uint8Array> = []
  for (const chunk of input.chunks(chunkBytes)) {
    parts.push(Uint8Array.from(chunk))
    const read = parts.length === 1 ? parts[0] : Buffer.concat(parts)
    const line = firstLineIn(read)
    if (line.length < read.length) return line
  }
  return parts.length === 1 ? parts[0] : Buffer.concat(parts)
}

/** The first byte of a file that `keep` accepts (e.g. the first one that is not blank), read from its start only as far as needed. */
export const firstByteWhere = (input: Uint8Array | FileBytes, keep: (byte: number) => boolean, chunkBytes = 64 * 1024): number | undefined => {
  for (const chunk of asFileBytes(input).chunks(chunkBytes)) {
    const found = chunk.find(keep)
    if (found !== undefined) return found
  }
  return undefined
}

/**
 * The longest line DuckDB's CSV reader accepts (its `max_line_size`). The reader allocates
 * buffers in proportion to it (16 times: 128 MiB at 8 MB), so a generous limit costs memory
 * and time on every read: 8 MB instead of 2 MB put about 230 MiB on the peak of a full WDI
 * ingest and made it slower. 2 MB is still far beyond any publisher's line (a WDI bulk row
 * is about 1 KB), and a longer one fails naming its line.
 */
export const maxCsvLineBytes = 2 * 1024 * 1024

/** The `encoding` DuckDB's read_csv needs for a file starting with these bytes ("utf-16" after a UTF-16 LE byte-order mark). */
export const csvEncoding = (head: Uint8Array): "utf-8" | "utf-16" => (head[0] === 0xff && head[1] === 0xfe ? "utf-16" : "utf-8")

const lastNumber = /(?:^|[,;\t|])\s*"?([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d*)?)$/

/** The last line of a UTF-16 file (after its byte-order mark) and the number of line feeds before it, decoded chunk by chunk. */
const lastUtf16Line = (file: FileBytes, encoding: "utf-16le" | "utf-16be", chunkBytes: number) => {
  const decoder = new TextDecoder(encoding)
  let feeds = 0
  let last = ""
  const take = (text: string) => {
    let at = -1
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) {
      feeds++
      at = i
    }
    last = at < 0 ? last + text : text.slice(at + 1)
  }
  for (const chunk of file.chunks(chunkBytes, 2)) take(decoder.decode(chunk, { stream: true }))
  take(decoder.decode())
  return { feeds, last }
}

/**
 * A text file that ends on a number with no line break after it may have been cut short
 * (an interrupted download or copy turns "20.6070256" into a believable "20.6"). Returns
 * the line and text of that number so validation can refuse it; undefined otherwise, and
 * for binary formats (Parquet, XLSX) whose bytes have no lines. A landed file is read from
 * its end; its lines are counted only when it does end on such a number.
 */
export const unterminatedLastNumber = (
  input: Uint8Array | FileBytes,
  chunkBytes = defaultChunkBytes
): { readonly line: number; readonly text: string } | undefined => {
  const file = asFileBytes(input)
  if (file.size === 0) return undefined
  const head = file.head(4)
  const magic = String.fromCharCode(...head)
  if (magic === "PAR1" || magic === "PK\x03\x04") return undefined
  const utf16 = head[0] === 0xff && head[1] === 0xfe ? "utf-16le" : head[0] === 0xfe && head[1] === 0xff ? "utf-16be" : undefined
  if (utf16) {
    // An odd byte at the end decodes to U+FFFD, which is neither a line break nor a digit.
    if (file.size === 2 || file.size % 2 === 1) return undefined
    const end = file.tail(2)
    const unit = utf16 === "utf-16le" ? end[0] | (end[1] << 8) : (end[0] << 8) | end[1]
    if (unit === 0x0a || unit === 0x0d) return undefined
    const { feeds, last } = lastUtf16Line(file, utf16, chunkBytes % 2 === 0 ? chunkBytes : chunkBytes + 1)
    const match = lastNumber.exec(last)
    return match ? { line: feeds + 1, text: match[1] } : undefined
  }
  const end = file.tail(4096)
  const lastByte = end[end.length - 1]
  if (lastByte === 0x0a || lastByte === 0x0d) return undefined
  const tail = new TextDecoder("latin1").decode(end.subarray(end.lastIndexOf(0x0a) + 1))
  const match = lastNumber.exec(tail)
  return match ? { line: lineFeeds(file, chunkBytes) + 1, text: match[1] } : undefined
}

/**
 * Fails unless the whole file is UTF-8 (or UTF-16 with a byte-order mark, which DuckDB reads
 * with `encoding = csvEncoding(...)`), naming the line of the first bad byte. Sources that let
 * DuckDB read a CSV call it first: DuckDB checks UTF-8 only in the columns a query uses, and
 * a bad byte in a projected column of a wide file has hit an internal error in its CSV scanner
 * (DuckDB 1.5.6) that invalidates the whole database connection for the rest of the process.
 * Pass the landed file itself: it is read in chunks (`findInvalidUtf8`), never whole.
 */
export const requireUtf8 = (
  input: Uint8Array | FileBytes,
  options: { readonly sourceId: string; readonly file: string },
  chunkBytes = defaultChunkBytes
): Effect.Effect<void, SourceFormatError> =>
  Effect.try({
    try: () => {
      const file = asFileBytes(input)
      const head = file.head(2)
      if (csvEncoding(head) === "utf-16" || (head[0] === 0xfe && head[1] === 0xff)) return undefined
      return findInvalidUtf8(file, chunkBytes)
    },
    catch: (cause) => new SourceFormatError({ sourceId: options.sourceId, file: options.file, problem: `the file could not be read (${String(cause)})` })
  }).pipe(
    Effect.flatMap((bad) =>
      bad
        ? Effect.fail(new SourceFormatError({ sourceId: options.sourceId, file: options.file, line: bad.line, problem: invalidUtf8Problem(bad) }))
        : Effect.void
    )
  )

/**
 * The number of the first line longer than `maxBytes` (its line break not counted), or
 * undefined. Read in chunks, for the rare file DuckDB's reader gives up on without naming
 * the line (its parallel reader cannot place a line longer than its buffer).
 */
export const firstLongLine = (input: Uint8Array | FileBytes, maxBytes: number, chunkBytes = defaultChunkBytes): number | undefined => {
  let line = 1
  let length = 0
  for (const chunk of asFileBytes(input).chunks(chunkBytes)) {
    let at = 0
    while (at < chunk.length) {
      const end = chunk.indexOf(0x0a, at)
      const piece = (end < 0 ? chunk.length : end) - at
      if (length + piece > maxBytes) return line
      if (end < 0) {
        length += piece
        break
      }
      line++
      length = 0
      at = end + 1
    }
  }
  return undefined
}
