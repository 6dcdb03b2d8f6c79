// Property-based robustness: random bytes and random mutations of real files fed to the text
// decoder, the CSV parser and every source's stage (through the shared loader). Whatever the
// input: no exception or defect (only a typed SourceFormatError), bounded sizes so no hang, a
// failed load leaves the warehouse unchanged, and nothing NaN, infinite or a missing-value
// code ever reaches observations. Seeded (BRECHA_PROPERTY_SEED) and modest numRuns.
import { Effect } from "effect"
import fc from "fast-check"
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { basename, dirname, join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { parseCsv } from "../../pipelines/files/csv.ts"
import { decodeText } from "../../pipelines/files/text.ts"
import { sourceById } from "../../pipelines/sources/registry.ts"
import { hasRaw, rawDir } from "../support/raw.ts"
import { sampleCsv } from "./corpus.ts"
import { formats, type FormatEntry } from "./formats.ts"
import { badValues, openHarness, type Harness } from "./harness.ts"
import { verdict } from "./record.ts"

const seed = Number(process.env.BRECHA_PROPERTY_SEED ?? 4242)
const root = mkdtempSync(join(tmpdir(), "brecha-prop-"))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const options = { sourceId: "test", file: "random.csv" }

/** Runs a check, records its verdict, and fails the test with the counterexample if any. */
const property = async (id: string, run: () => Promise<void> | void) => {
  try {
    await run()
    verdict(`property/${id}`, [])
  } catch (error) {
    const message = error instanceof Error ? error.message.slice(0, 2000) : String(error)
    verdict(`property/${id}`, [message], { crash: /crashed|threw|defect/i.test(message), lostData: /reached|changed the warehouse/.test(message) })
    throw error
  }
}

describe("decodeText and parseCsv on random input", () => {
  it("decodeText never throws: text, or a SourceFormatError naming the file", () =>
    property("decodeText", () =>
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => {
          const result = Effect.runSync(Effect.result(decodeText(bytes, options)))
          if (result._tag === "Failure") {
            expect(result.failure._tag).toBe("SourceFormatError")
            expect(result.failure.message).toContain("random.csv")
          } else {
            expect(typeof result.success).toBe("string")
          }
        }),
        { numRuns: 400, seed }
      )
    ))

  const csvText = fc.array(fc.constantFrom('"', ",", "\r", "\n", "a", "1", " ", "é", '""', "\r\n"), { maxLength: 300 }).map((parts) => parts.join(""))
  it("parseCsv never throws; a failure names a line that exists", () =>
    property("parseCsv", () =>
      fc.assert(
        fc.property(csvText, (text) => {
          const result = Effect.runSync(Effect.result(parseCsv(text, options)))
          if (result._tag === "Failure") {
            expect(result.failure._tag).toBe("SourceFormatError")
            expect(result.failure.line).toBeGreaterThanOrEqual(1)
            expect(result.failure.line).toBeLessThanOrEqual(text.split(/\r\n|\n|\r/).length)
          } else {
            for (const record of result.success) expect(record.line).toBeGreaterThanOrEqual(1)
          }
        }),
        { numRuns: 500, seed }
      )
    ))

  it("parseCsv reads back any table written with standard quoting", () =>
    property("parseCsv-roundtrip", () =>
      fc.assert(
        fc.property(
          fc.array(fc.array(fc.string({ unit: fc.constantFrom("a", ",", '"', "\n", "\r\n", " ", "ü", "1"), maxLength: 8 }), { minLength: 2, maxLength: 4 }), {
            minLength: 1,
            maxLength: 6
          }),
          (table) => {
            const quote = (f: string) => `"${f.replaceAll('"', '""')}"`
            const text = `${table.map((row) => row.map(quote).join(",")).join("\r\n")}\r\n`
            const result = Effect.runSync(parseCsv(text, options))
            expect(result.map((r) => r.fields)).toEqual(table)
          }
        ),
        { numRuns: 300, seed }
      )
    ))
})

// ---------------------------------------------------------------------------------------
// Every source's stage, through the shared loader, on mutated real files.

type Op =
  | { readonly kind: "flip"; readonly at: number; readonly byte: number }
  | { readonly kind: "insert"; readonly at: number; readonly bytes: Uint8Array }
  | { readonly kind: "delete"; readonly at: number; readonly length: number }
  | { readonly kind: "truncate"; readonly at: number }
  | { readonly kind: "token"; readonly at: number; readonly token: string }
  | { readonly kind: "duplicate-line"; readonly at: number }

const tokens = [
  "NaN",
  "-99",
  "9999",
  "1e999",
  "-1e999",
  "",
  "abc",
  "-0",
  "1e-400",
  "\u0663",
  "0x10",
  "1_000",
  "2019.5",
  '"',
  ",",
  "\r\n",
  "inf",
  "-999999",
  "99999"
]
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), byte: fc.nat(255) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("token" as const), at: fc.nat(), token: fc.constantFrom(...tokens) }),
  fc.record({ kind: fc.constant("duplicate-line" as const), at: fc.nat() })
)

const apply = (input: Uint8Array, ops: ReadonlyArray<Op>): Uint8Array => {
  let b = Buffer.from(input)
  for (const o of ops) {
    const at = b.length === 0 ? 0 : o.at % b.length
    switch (o.kind) {
      case "flip":
        if (b.length > 0) b[at] = o.byte
        break
      case "insert":
        b = Buffer.concat([b.subarray(0, at), o.bytes, b.subarray(at)])
        break
      case "delete":
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + o.length)])
        break
      case "truncate":
        b = b.subarray(0, at)
        break
      case "token": {
        // Replace the number (or field) that starts at or after `at` with the token.
        const text = b.toString("latin1")
        const match = /[-+]?[0-9][0-9.eE+-]*/g
        match.lastIndex = at
        const m = match.exec(text)
        if (m) b = Buffer.from(text.slice(0, m.index) + o.token + text.slice(m.index + m[0].length), "latin1")
        break
      }
      case "duplicate-line": {
        const start = b.lastIndexOf(0x0a, at) + 1
        const end = b.indexOf(0x0a, at)
        if (end > start) b = Buffer.concat([b.subarray(0, end + 1), b.subarray(start, end + 1), b.subarray(end + 1)])
        break
      }
    }
  }
  return b
}

const sampleBytes = (format: FormatEntry): Uint8Array => {
  if (format.kind !== "csv") return readFileSync(join(rawDir, format.file))
  const sample = sampleCsv({ ...format, csv: { ...format.csv!, sampleRows: Math.min(format.csv!.sampleRows, 60) } }, rawDir)
  return Buffer.from(sample.lines.join(""), "latin1")
}

const runsPerFormat = Number(process.env.BRECHA_PROPERTY_RUNS ?? 12)

describe.skipIf(!hasRaw)("every source's stage on mutated real files", () => {
  const harnesses: Array<Harness> = []
  afterAll(async () => {
    for (const h of harnesses) await h.close()
  })

  for (const [index, format] of formats.entries()) {
    if (!sourceById(format.sourceId)) continue
    it(`${format.id}: typed failure or clean load, never a crash or a bad value`, async () => {
      const dir = join(root, format.id)
      mkdirSync(dir, { recursive: true })
      const h = await openHarness(join(dir, "warehouse.duckdb"))
      harnesses.push(h)
      const original = sampleBytes(format)
      let n = 0
      await property(format.id, () =>
        fc.assert(
          fc.asyncProperty(
            fc.oneof(
              { weight: 4, arbitrary: fc.array(op, { minLength: 1, maxLength: 5 }).map((ops) => ({ ops, random: undefined })) },
              { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2048 }).map((random) => ({ ops: [] as Array<Op>, random })) }
            ),
            async ({ ops, random }) => {
              const bytes = random ?? apply(original, ops)
              const folder = join(dir, `run-${n++}`)
              mkdirSync(folder)
              const file = join(folder, basename(format.file))
              writeFileSync(file, bytes)
              for (const sibling of format.siblings ?? []) copyFileSync(join(rawDir, dirname(format.file), sibling), join(folder, sibling))
              const before = await h.fingerprint()
              const result = await h.load(format.sourceId, file, format.file)
              rmSync(folder, { recursive: true, force: true })
              if (result.kind === "crashed") throw new Error(`crashed: ${result.error}`)
              if (result.kind === "failed") {
                if (result.error._tag !== "SourceFormatError") throw new Error(`a ${result.error._tag} instead of a SourceFormatError: ${result.error.message}`)
                if (!result.error.message.includes(basename(format.file))) throw new Error(`the message does not name the file: ${result.error.message}`)
                if ((await h.fingerprint()) !== before) throw new Error("a failed load changed the warehouse")
              } else if (result.outcome.vintageId !== undefined) {
                const bad = await badValues(h, result.outcome.vintageId)
                if (bad.length > 0) throw new Error(`NaN/infinite/sentinel values reached observations: ${JSON.stringify(bad.slice(0, 3))}`)
              }
            }
          ),
          { numRuns: runsPerFormat, seed: seed + index, endOnFailure: true }
        )
      )
    })
  }
})
