// The checks a bulk file gets without being held in memory: sha256, UTF-8, a cut-short end,
// the first line and byte, read from disk in chunks. Tiny chunk sizes put every character
// and every bad byte at a chunk's edge; each result must equal the one on the whole buffer.
import { Effect } from "effect"
import fc from "fast-check"
import { isUtf8 } from "node:buffer"
import { createHash } from "node:crypto"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { diskBytes, memoryBytes } from "../../pipelines/files/fileBytes.ts"
import { findInvalidUtf8, firstByteWhere, firstInvalidUtf8, firstLine, firstLongLine, requireUtf8, unterminatedLastNumber } from "../../pipelines/files/text.ts"
import { landLocalFile } from "../../pipelines/load/land.ts"

const dir = mkdtempSync(join(tmpdir(), "brecha-bytes-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let written = 0
const onDisk = (bytes: Uint8Array) => {
  const path = join(dir, `f${written++}.csv`)
  writeFileSync(path, bytes)
  return diskBytes(path, bytes.length)
}

/** What a whole-buffer scan says: the first bad byte and the line feeds before it, plus one. */
const wholeScan = (bytes: Uint8Array) => {
  const offset = firstInvalidUtf8(bytes)
  if (offset < 0) return undefined
  return { offset, byte: bytes[offset], line: 1 + bytes.subarray(0, offset).filter((b) => b === 0x0a).length }
}

const utf16 = (text: string, order: "le" | "be") => {
  const le = Buffer.from(text, "utf16le")
  return order === "le" ? Buffer.concat([Buffer.from([0xff, 0xfe]), le]) : Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()])
}

describe("firstInvalidUtf8", () => {
  it("refuses what Node's isUtf8 refuses: overlong forms, surrogates, code points above U+10FFFF, a cut character", () => {
    for (const bad of [
      [0xc0, 0x80],
      [0xe0, 0x80, 0x80],
      [0xed, 0xa0, 0x80],
      [0xf0, 0x80, 0x80, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xe2, 0x82],
      [0x80],
      [0xff]
    ]) {
      const bytes = Uint8Array.from([0x61, ...bad, 0x62])
      expect(isUtf8(bytes)).toBe(false)
      expect(firstInvalidUtf8(bytes)).toBe(1)
    }
    expect(firstInvalidUtf8(Buffer.from("año € 😀 \u{10ffff} \ud7ff \ue000"))).toBe(-1)
  })

  it("agrees with isUtf8 on random bytes", () =>
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => firstInvalidUtf8(bytes) < 0 === isUtf8(bytes)),
      { seed: 4242, numRuns: 3000 }
    ))
})

describe("findInvalidUtf8 in chunks", () => {
  const text = Buffer.from("Country,Año\nMéxico,€ 1\n😀,2\n")

  it("accepts a multi-byte character cut by any chunk edge", () => {
    for (let chunk = 1; chunk <= 9; chunk++) {
      expect(findInvalidUtf8(text, chunk)).toBeUndefined()
      expect(findInvalidUtf8(onDisk(text), chunk)).toBeUndefined()
    }
  })

  it("reports an invalid byte right after a chunk edge at its offset and line", () => {
    // "ab\ncd\n" is 6 bytes: with chunks of 6 the bad byte opens the second chunk, on line 3.
    const bytes = Buffer.concat([Buffer.from("ab\ncd\n"), Buffer.from([0xff]), Buffer.from("x\n")])
    expect(findInvalidUtf8(onDisk(bytes), 6)).toEqual({ offset: 6, byte: 0xff, line: 3 })
    // A lead byte at the end of one chunk whose next byte, in the next chunk, is no continuation.
    const cut = Buffer.concat([Buffer.from("ab\ncd"), Buffer.from([0xc3]), Buffer.from("\n(x\n")])
    expect(findInvalidUtf8(onDisk(cut), 6)).toEqual({ offset: 5, byte: 0xc3, line: 2 })
  })

  it("reports a character cut short by the end of the file", () => {
    const bytes = Buffer.concat([Buffer.from("ab\nc"), Buffer.from([0xe2, 0x82])])
    for (let chunk = 1; chunk <= 7; chunk++) expect(findInvalidUtf8(onDisk(bytes), chunk)).toEqual({ offset: 4, byte: 0xe2, line: 2 })
  })

  it("finds the same byte and line as a whole-buffer scan, whatever the chunk size", () =>
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom("a", "\n", "é", "€", "😀", ","), fc.integer({ min: 0, max: 255 })), { maxLength: 40 }),
        fc.integer({ min: 1, max: 12 }),
        (parts, chunk) => {
          const bytes = Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : Buffer.from([p]))))
          expect(findInvalidUtf8(memoryBytes(bytes), chunk)).toEqual(wholeScan(bytes))
        }
      ),
      { seed: 4242, numRuns: 1500 }
    ))

  it("requireUtf8 on a landed file fails with the same message and line as on its bytes", async () => {
    const bytes = Buffer.concat([Buffer.from("a,b\n1,2\n3,"), Buffer.from([0xe9]), Buffer.from("\n")])
    const path = join(dir, "latin1.csv")
    writeFileSync(path, bytes)
    const landed = await Effect.runPromise(landLocalFile("wdi", path, "latin1.csv"))
    const where = { sourceId: "wdi", file: path }
    const onFile = await Effect.runPromise(Effect.flip(requireUtf8(landed, where, 4)))
    const onBytes = await Effect.runPromise(Effect.flip(requireUtf8(bytes, where)))
    expect(onFile).toMatchObject({ line: 3, problem: "invalid UTF-8 byte 0xE9 at byte 10; save the file as UTF-8" })
    expect(onFile).toEqual(onBytes)
    await Effect.runPromise(requireUtf8(onDisk(utf16("a,é\n", "le")), where, 3))
  })
})

describe("unterminatedLastNumber from the end of a file", () => {
  it("gives the line and number as on the whole buffer, in UTF-8 and UTF-16 (both byte orders)", () => {
    const body = "a,b\n1,2,\nMéxico,😀\n3,4.5"
    for (let chunk = 1; chunk <= 9; chunk++) {
      expect(unterminatedLastNumber(onDisk(Buffer.from(body)), chunk)).toEqual({ line: 4, text: "4.5" })
      expect(unterminatedLastNumber(onDisk(utf16(body, "le")), chunk)).toEqual({ line: 4, text: "4.5" })
      expect(unterminatedLastNumber(onDisk(utf16(body, "be")), chunk)).toEqual({ line: 4, text: "4.5" })
      expect(unterminatedLastNumber(onDisk(utf16(`${body}\r\n`, "le")), chunk)).toBeUndefined()
      expect(unterminatedLastNumber(onDisk(utf16('a,b\n1,"x"', "be")), chunk)).toBeUndefined()
    }
    expect(unterminatedLastNumber(onDisk(Buffer.from(`${body}\n`)))).toBeUndefined()
    expect(unterminatedLastNumber(onDisk(Buffer.from("PK\u0003\u00041")))).toBeUndefined()
    expect(unterminatedLastNumber(onDisk(new Uint8Array(0)))).toBeUndefined()
  })

  it("looks at most 4096 bytes back on the last line, as on the whole buffer", () => {
    const bytes = Buffer.from(`x\n${"y".repeat(5000)},12`)
    expect(unterminatedLastNumber(onDisk(bytes), 1000)).toEqual(unterminatedLastNumber(bytes))
    expect(unterminatedLastNumber(bytes)).toEqual({ line: 2, text: "12" })
  })
})

describe("landing and the head of a file", () => {
  it("hashes in chunks to the sha256 of the whole file, and reads the bytes only when asked", async () => {
    const bytes = Buffer.from(`Country Name,Country Code\n${"Mexico,MEX\n".repeat(500_000)}`)
    const path = join(dir, "big.csv")
    writeFileSync(path, bytes)
    const landed = await Effect.runPromise(landLocalFile("wdi", path, "big.csv"))
    expect(landed.sha256).toBe(createHash("sha256").update(bytes).digest("hex"))
    expect(landed.size).toBe(bytes.length)
    expect(Buffer.from(landed.head(12)).toString()).toBe("Country Name")
    expect(Buffer.from(landed.tail(4)).toString()).toBe("MEX\n")
    expect(Buffer.compare(landed.bytes, bytes)).toBe(0)
  })

  it("reads the first line and the first non-blank byte from the head, across chunk edges", () => {
    const cases = [
      Buffer.from("\ufeff  \r\n[1,2]\n"),
      Buffer.from("Country Name,Año\r\nMexico,1\n"),
      Buffer.from("no line break"),
      utf16("a,b\n\u0a00,c\n", "le")
    ]
    for (const bytes of cases) {
      for (let chunk = 1; chunk <= 5; chunk++) {
        expect(Buffer.compare(firstLine(onDisk(bytes), chunk), firstLine(bytes))).toBe(0)
        const blank = (b: number) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0xef && b !== 0xbb && b !== 0xbf
        expect(firstByteWhere(onDisk(bytes), blank, chunk)).toBe(bytes.find(blank))
      }
    }
  })
})

describe("firstLongLine", () => {
  it("names the first line longer than the limit, whatever the chunk size", () => {
    const text = new TextEncoder().encode("ab\r\ncdefg\nhi\njklmnopq")
    for (let chunk = 1; chunk <= 8; chunk++) {
      expect(firstLongLine(text, 4, chunk)).toBe(2)
      expect(firstLongLine(text, 6, chunk)).toBe(4)
      expect(firstLongLine(text, 8, chunk)).toBeUndefined()
    }
  })
})
