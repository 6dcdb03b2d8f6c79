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
    if (b < 0x80) { i++; continue }
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
  Effect.gen(function*() {
    const fail = (problem: string, line?: number) =>
      new SourceFormatError({ sourceId: options.sourceId, file: options.file, line, problem })
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
