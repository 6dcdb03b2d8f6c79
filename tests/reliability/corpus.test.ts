// Runs the reliability corpus (corpus.ts) over every format of formats.ts whose source is
// in the registry: one warehouse per format, the undamaged sample loaded first, then each
// damaged variant checked against its declared outcome.
import { mkdtempSync, rmSync, copyFileSync, mkdirSync } from "node:fs"
import { tmpdir } from "node:os"
import { basename, dirname, join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { sourceById } from "../../pipelines/sources/registry.ts"
import { hasRaw, rawDir } from "../support/raw.ts"
import {
  type Baseline,
  type Case,
  type Cell,
  csvCases,
  csvCells,
  parquetCases,
  parquetCells,
  rejectedKey,
  sampleCsv,
  writeCsvBaseline,
  xlsxCases
} from "./corpus.ts"
import { formats, type FormatEntry } from "./formats.ts"
import { badValues, type Harness, openHarness, rejectedThatLoaded } from "./harness.ts"
import { verdict } from "./record.ts"

const seed = Number(process.env.BRECHA_CORPUS_SEED ?? 20240130)
const root = mkdtempSync(join(tmpdir(), "brecha-corpus-"))

interface Family {
  readonly format: FormatEntry
  readonly h: Harness
  readonly base: Baseline
  readonly cases: Array<Case>
}

const rejectedOf = async (h: Harness, vintageId: number) =>
  h.query<{ line: number; raw_year: string; reason: string; raw_value: string | null }>(
    `SELECT line, raw_year, reason, left(raw_value, 300) AS raw_value, length(raw_value) AS raw_length FROM rejected_rows WHERE vintage_id = ${vintageId}`
  )

/** Cells whose key (area, year, indicator) is unique among the staged cells: damaging one
 * of them touches exactly one value. */
const uniqueKeyCells = <C extends { area: string; year: string; indicator?: string }>(cells: Array<C>) => {
  const counts = new Map<string, number>()
  const key = (c: C) => `${c.indicator ?? ""}|${c.area.toLowerCase()}|${c.year}`
  for (const c of cells) counts.set(key(c), (counts.get(key(c)) ?? 0) + 1)
  return cells.filter((c) => counts.get(key(c)) === 1)
}

const prepare = async (format: FormatEntry, index: number): Promise<Family> => {
  const dir = join(root, format.id)
  mkdirSync(dir, { recursive: true })
  const h = await openHarness(join(dir, "warehouse.duckdb"))
  const keys = new Set((await h.query<{ area_key: string }>("SELECT area_key FROM catalog_area_keys")).map((r) => r.area_key))
  let file: string
  let cells: Array<Cell>
  let sample: ReturnType<typeof sampleCsv> | undefined
  if (format.kind === "xlsx") {
    // Whole-file damage only (see xlsxCases); the undamaged file must load.
    const folder = join(dir, `${format.id}--baseline`)
    mkdirSync(folder, { recursive: true })
    file = join(folder, basename(format.file))
    copyFileSync(join(rawDir, format.file), file)
    const loaded = await h.load(format.sourceId, file, format.file)
    if (loaded.kind !== "loaded") throw new Error(`${format.id}: the real file does not load: ${JSON.stringify(loaded)}`)
    const base = { file, outcome: loaded.outcome, rejected: new Set<string>(), eligible: [], ranges: new Map() }
    return { format, h, base, cases: xlsxCases(dir, format, rawDir, seed + index * 7919) }
  }
  if (format.kind === "csv") {
    sample = sampleCsv(format, rawDir)
    file = writeCsvBaseline(dir, format, rawDir, sample)
    cells = csvCells(format, sample)
  } else {
    const folder = join(dir, `${format.id}--baseline`)
    mkdirSync(folder, { recursive: true })
    file = join(folder, basename(format.file))
    copyFileSync(join(rawDir, format.file), file)
    const rows = await parquetCells(h, format, file)
    cells = rows
      .filter((r) => r.staged)
      .map((r) => ({
        line: Number(r.line),
        year: r.year,
        area: r.area,
        value: r.value ?? "",
        indicator: format.parquet!.indicatorId,
        column: -1
      }))
  }
  const loaded = await h.load(format.sourceId, file, format.file)
  if (loaded.kind !== "loaded" || loaded.outcome.outcome !== "loaded") {
    throw new Error(`${format.id}: the undamaged sample does not load: ${JSON.stringify(loaded)}`)
  }
  const rejected = new Set((await rejectedOf(h, loaded.outcome.vintageId!)).map((r) => rejectedKey(r.line, r.raw_year)))
  const eligible = uniqueKeyCells(cells.filter((c) => c.value.trim() !== "")).filter(
    (c) => Number.isFinite(Number(c.value)) && keys.has(c.area.trim().toLowerCase()) && !rejected.has(rejectedKey(c.line, c.year))
  )
  if (eligible.length < 10 && format.csv?.cells !== false) throw new Error(`${format.id}: too few loadable cells in the sample (${eligible.length})`)
  const bounds = await h.query<{ indicator_id: string; valid_min: number | null; valid_max: number | null }>(
    "SELECT indicator_id, valid_min, valid_max FROM catalog_indicators"
  )
  const base: Baseline = {
    file,
    outcome: loaded.outcome,
    rejected,
    eligible,
    ranges: new Map(bounds.map((b) => [b.indicator_id, { min: b.valid_min, max: b.valid_max }]))
  }
  const caseSeed = seed + index * 7919
  const cases = format.kind === "csv" ? csvCases(dir, format, rawDir, sample!, base, caseSeed) : await parquetCases(h, dir, format, rawDir, base, caseSeed)
  return { format, h, base, cases }
}

/** The current values (the `observations` view), as one hash. */
const currentValues = async (h: Harness) =>
  (
    await h.query<{ h: string }>(
      "SELECT count(*) || ':' || CAST(coalesce(sum(hash(indicator_id, country_iso3, year, value)), 0) AS VARCHAR) AS h FROM observations"
    )
  )[0].h

const check = async (family: Family, c: Case): Promise<Array<string>> => {
  const { h, base, format } = family
  const problems: Array<string> = []
  let lostData = false
  let crash = false
  const before = await h.fingerprint()
  const currentBefore = await currentValues(h)
  const file = await c.make()
  const result = await h.load(format.sourceId, file, format.file)
  rmSync(dirname(file), { recursive: true, force: true })
  const e = c.expected
  if (result.kind === "crashed") {
    crash = true
    problems.push(`crashed: ${result.error}`)
  } else if (result.kind === "failed") {
    if ((await h.fingerprint()) !== before) {
      lostData = true
      problems.push("a failed load changed the warehouse")
    }
    if (e.kind !== "fails") problems.push(`expected ${e.kind}, but it failed: ${result.error.message}`)
    else {
      if (result.error._tag !== "SourceFormatError") problems.push(`failed with ${result.error._tag}, not SourceFormatError: ${result.error.message}`)
      if (!result.error.message.includes(basename(file))) problems.push(`the message does not name the file: ${result.error.message}`)
      if (!e.problem.test(result.error.message)) problems.push(`message ${JSON.stringify(result.error.message)} does not match ${e.problem}`)
      if (e.line !== undefined && result.error.line !== e.line) problems.push(`line ${result.error.line}, expected ${e.line} (${result.error.message})`)
      if (e.column !== undefined && result.error.column !== e.column)
        problems.push(`column ${result.error.column}, expected ${e.column} (${result.error.message})`)
    }
  } else if (result.outcome.outcome === "quarantined") {
    const reason = result.outcome.statusReason ?? ""
    if (e.kind !== "quarantined") problems.push(`expected ${e.kind}, but it was quarantined: ${reason}`)
    else if (!e.reason.test(reason)) problems.push(`quarantine reason ${JSON.stringify(reason)} does not match ${e.reason}`)
    const status = await h.query<{ status: string }>(`SELECT status FROM vintage_log WHERE vintage_id = ${result.outcome.vintageId}`)
    if (status[0]?.status !== "quarantined") problems.push(`vintage status is ${status[0]?.status}`)
    if ((await currentValues(h)) !== currentBefore) {
      lostData = true
      problems.push("a quarantined vintage changed the current values")
    }
  } else {
    const outcome = result.outcome
    const v = outcome.vintageId
    if (v !== undefined) {
      const bad = await badValues(h, v)
      if (bad.length > 0) {
        lostData = true
        problems.push(`NaN/infinite/sentinel values loaded: ${JSON.stringify(bad.slice(0, 3))}`)
      }
      const leaked = await rejectedThatLoaded(h, v)
      if (leaked.length > 0) {
        lostData = true
        problems.push(`rejected cells reached observations: ${JSON.stringify(leaked.slice(0, 3))}`)
      }
    }
    if (e.kind === "fails") {
      problems.push(`expected a failure, but it loaded: ${JSON.stringify(outcome)}`)
      // A file that should have been refused put values in the warehouse.
      if (outcome.rowsLoaded > 0) lostData = true
    } else if (e.kind === "rejects") {
      const expectedRejected = base.outcome.rowsRejected + e.cells.length
      if (outcome.rowsRejected !== expectedRejected) problems.push(`rejected ${outcome.rowsRejected}, expected ${expectedRejected}`)
      if (outcome.rowsLoaded !== base.outcome.rowsLoaded - e.lost) {
        lostData = true
        problems.push(`loaded ${outcome.rowsLoaded}, expected ${base.outcome.rowsLoaded - e.lost}`)
      }
      const rows = v === undefined ? [] : await rejectedOf(h, v)
      const got = new Map(rows.map((r) => [rejectedKey(r.line, r.raw_year), r.reason]))
      for (const cell of e.cells) {
        const reason = got.get(rejectedKey(cell.line, cell.year))
        if (reason === undefined) problems.push(`line ${cell.line} (${cell.year}) was not rejected`)
        else if (!cell.reason.test(reason)) problems.push(`line ${cell.line}: reason ${JSON.stringify(reason)} does not match ${cell.reason}`)
      }
      const wanted = new Set([...base.rejected, ...e.cells.map((x) => rejectedKey(x.line, x.year))])
      const extra = [...got.keys()].filter((k) => !wanted.has(k))
      if (extra.length > 0) problems.push(`unexpected rejections: ${extra.slice(0, 5).join(", ")}`)
      const long = rows.filter((r) => (r.raw_value?.length ?? 0) > 256)
      if (long.length > 0) problems.push(`rejected_rows keeps raw values longer than 256 characters`)
    } else {
      if (outcome.outcome === "loaded") {
        const diff = await h.query<{ n: number }>(`
          SELECT count(*) AS n FROM (
            (SELECT indicator_id, country_iso3, year, value FROM observation_log WHERE vintage_id = ${v}
             EXCEPT SELECT indicator_id, country_iso3, year, value FROM observation_log WHERE vintage_id = ${base.outcome.vintageId})
            UNION ALL
            (SELECT indicator_id, country_iso3, year, value FROM observation_log WHERE vintage_id = ${base.outcome.vintageId}
             EXCEPT SELECT indicator_id, country_iso3, year, value FROM observation_log WHERE vintage_id = ${v}))`)
        if (Number(diff[0].n) !== 0) {
          lostData = true
          problems.push(`${diff[0].n} values differ from the undamaged file`)
        }
        if (outcome.rowsRejected !== base.outcome.rowsRejected) problems.push(`rejected ${outcome.rowsRejected}, expected ${base.outcome.rowsRejected}`)
      }
    }
  }
  return verdict(c.id, problems, { lostData, crash })
}

const families: Array<Family> = []
if (hasRaw) {
  for (const [index, format] of formats.entries()) {
    if (!sourceById(format.sourceId)) continue
    families.push(await prepare(format, index))
  }
}

afterAll(async () => {
  for (const f of families) await f.h.close()
  rmSync(root, { recursive: true, force: true })
})

describe.skipIf(!hasRaw)("reliability corpus: damaged real files", () => {
  it("has at least 40 cases and covers every format whose source exists", () => {
    expect(families.reduce((n, f) => n + f.cases.length, 0)).toBeGreaterThanOrEqual(40)
    expect(families.map((f) => f.format.id)).toEqual(formats.filter((f) => sourceById(f.sourceId)).map((f) => f.id))
  })
  for (const family of families) {
    describe(family.format.id, () => {
      for (const c of family.cases) {
        it(c.mutation, async () => {
          expect(await check(family, c)).toEqual([])
        })
      }
    })
  }
})
