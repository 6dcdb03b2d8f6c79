// The bytes of a landed file, in memory (an HTTP answer) or on disk (a local file). A bulk
// file can be hundreds of MB that only DuckDB needs to read whole, so the checks made in JS
// use the size, the head, the tail or a pass in chunks, and the whole file is read only when
// a source asks for `bytes` (small JSON, XLSX, SDMX files decoded in JS).
import { closeSync, openSync, readSync } from "node:fs"

export interface FileBytes {
  readonly size: number
  /**
   * The whole file. On disk it is read when asked and held only weakly, so a LandedFile
   * passed around for a whole load does not keep a big file alive.
   */
  readonly bytes: Uint8Array
  /** The first `n` bytes (all of them if the file is shorter). */
  readonly head: (n: number) => Uint8Array
  /** The last `n` bytes (all of them if the file is shorter). */
  readonly tail: (n: number) => Uint8Array
  /** The bytes from offset `from` in order, in pieces of at most `chunkBytes` (a piece may be reused once the next is asked for). */
  readonly chunks: (chunkBytes?: number, from?: number) => Iterable<Uint8Array>
}

/** Pieces of 4 MiB: few reads, a small fixed buffer. */
export const defaultChunkBytes = 4 * 1024 * 1024

export const memoryBytes = (bytes: Uint8Array): FileBytes => ({
  size: bytes.length,
  bytes,
  head: (n) => bytes.subarray(0, Math.min(n, bytes.length)),
  tail: (n) => bytes.subarray(Math.max(0, bytes.length - n)),
  chunks: function* (chunkBytes = defaultChunkBytes, from = 0) {
    for (let at = from; at < bytes.length; at += chunkBytes) yield bytes.subarray(at, Math.min(bytes.length, at + chunkBytes))
  }
})

const readRange = (path: string, position: number, length: number): Uint8Array => {
  const fd = openSync(path, "r")
  try {
    const buffer = Buffer.allocUnsafe(length)
    let filled = 0
    while (filled < length) {
      const n = readSync(fd, buffer, filled, length - filled, position + filled)
      if (n === 0) break
      filled += n
    }
    return buffer.subarray(0, filled)
  } finally {
    closeSync(fd)
  }
}

/** The file at `path`, whose size is `size` (as found when it was landed). */
export const diskBytes = (path: string, size: number): FileBytes => {
  let whole: WeakRef<Uint8Array> | undefined
  return {
    size,
    get bytes() {
      const held = whole?.deref()
      if (held) return held
      const read = readRange(path, 0, size)
      whole = new WeakRef(read)
      return read
    },
    head: (n) => readRange(path, 0, Math.max(0, Math.min(n, size))),
    tail: (n) => {
      const length = Math.max(0, Math.min(n, size))
      return readRange(path, size - length, length)
    },
    chunks: function* (chunkBytes = defaultChunkBytes, from = 0) {
      const fd = openSync(path, "r")
      try {
        const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(chunkBytes, size - from)))
        for (let at = from; at < size; ) {
          const n = readSync(fd, buffer, 0, Math.min(buffer.length, size - at), at)
          if (n === 0) return
          yield buffer.subarray(0, n)
          at += n
        }
      } finally {
        closeSync(fd)
      }
    }
  }
}

/** Bytes or a file's bytes, as FileBytes (the checks of text.ts take either). */
export const asFileBytes = (input: Uint8Array | FileBytes): FileBytes => (input instanceof Uint8Array ? memoryBytes(input) : input)
