// The reliability corpus: damaged variants of real publisher files, generated from a seed
// at test time (nothing big is committed). Each case declares what must happen:
//  - "fails": the file is refused with a SourceFormatError naming it (and the line or
//    column where that is knowable), and the warehouse content is unchanged;
//  - "rejects": the file loads, and exactly the damaged cells are rejected with a reason,
//    none of them reaching observations (everything else loads as in the undamaged file);
//  - "same": a harmless variant (re-encoded, columns reordered) loads the same values.
// Which cells are damaged is chosen by the seed among the cells the undamaged sample loaded,
// so the expectation is exact. The formats are the table in formats.ts.
import { Effect } from "effect"
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { basename, dirname, join } from "node:path"
import { parseCsv } from "../../pipelines/files/csv.ts"
import type { FileOutcome } from "../../pipelines/load/loadFile.ts"
import type { CsvRow, FormatEntry } from "./formats.ts"
import type { Harness } from "./harness.ts"

export type Expected =
  | { readonly kind: "fails"; readonly problem: RegExp; readonly line?: number; readonly column?: string }
  | {
      readonly kind: "rejects"
      readonly cells: ReadonlyArray<{ readonly line: number; readonly year: string; readonly reason: RegExp }>
      readonly lost: number
    }
  | { readonly kind: "same" }
  /** Kept as a vintage but never made current (pipelines/load/plausibility.ts): an empty
   * file after a good one. Current values must stay exactly as they were. */
  | { readonly kind: "quarantined"; readonly reason: RegExp }

export interface Case {
  readonly id: string
  readonly format: FormatEntry
  readonly mutation: string
  /** Writes the damaged file (named like the real one, siblings beside it); resolves to its path. */
  readonly make: () => Promise<string>
  readonly expected: Expected
}

/** A value cell of the undamaged sample that loaded (a country, a number, in range). */
export interface Cell {
  readonly line: number
  readonly year: string
  readonly area: string
  readonly value: string
  readonly indicator: string
  /** CSV: column index of the value in its record. */
  readonly column: number
  /** CSV: the whole record by header name. */
  readonly row?: CsvRow
}

export interface Baseline {
  readonly file: string
  readonly outcome: FileOutcome
  /** line|year of every rejected cell of the undamaged sample. */
  readonly rejected: ReadonlySet<string>
  readonly eligible: ReadonlyArray<Cell>
  /** Catalogue bounds of each indicator. */
  readonly ranges: ReadonlyMap<string, { readonly min: number | null; readonly max: number | null }>
}

/** Small deterministic PRNG (mulberry32): the same seed gives the same corpus. */
export const prng = (seed: number) => {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: ReadonlyArray<T>): T => xs[Math.floor(next() * xs.length)] }
}

export const rejectedKey = (line: number | bigint, year: string) => `${Number(line)}|${String(year).trim()}`

// ---------------------------------------------------------------------------------------
// Writing a case: a folder per case, the file under its real name, siblings copied beside.

const writeCase = (dir: string, format: FormatEntry, rawDir: string, name: string, bytes: Uint8Array): string => {
  const folder = join(dir, name)
  mkdirSync(folder, { recursive: true })
  const path = join(folder, basename(format.file))
  writeFileSync(path, bytes)
  for (const sibling of format.siblings ?? []) copyFileSync(join(rawDir, dirname(format.file), sibling), join(folder, sibling))
  return path
}

// ---------------------------------------------------------------------------------------
// CSV: the file is handled as Latin-1 text so every byte maps to one char and survives
// editing unchanged; inserted text is ASCII unless a mutation means otherwise.

const splitLines = (text: string): Array<string> => text.split(/(?<=\n)/)
const eolOf = (line: string) => (line.endsWith("\r\n") ? "\r\n" : line.endsWith("\n") ? "\n" : "")
const bodyOf = (line: string) => line.slice(0, line.length - eolOf(line).length)

/** Raw spans [start, end) of each field of one CSV line (quotes included). */
const fieldSpans = (line: string): Array<[number, number]> => {
  const spans: Array<[number, number]> = []
  let i = 0
  let start = 0
  let quoted = false
  for (; i < line.length; i++) {
    const c = line[i]
    if (c === '"') quoted = !quoted
    else if (c === "," && !quoted) {
      spans.push([start, i])
      start = i + 1
    }
  }
  spans.push([start, line.length])
  return spans
}

/** Replaces field `index` of a line; keeps the quoting style of the original field. */
export const setField = (line: string, index: number, value: string): string => {
  const body = bodyOf(line)
  const [s, e] = fieldSpans(body)[index]
  const wasQuoted = body[s] === '"'
  return body.slice(0, s) + (wasQuoted ? `"${value}"` : value) + body.slice(e) + eolOf(line)
}

const swapFields = (line: string, a: number, b: number): string => {
  // A byte-order mark stays at the start of the line, whatever field moves there.
  const bom = line.startsWith("\u00EF\u00BB\u00BF") ? "\u00EF\u00BB\u00BF" : ""
  const body = bodyOf(line).slice(bom.length)
  const spans = fieldSpans(body)
  const parts = spans.map(([s, e]) => body.slice(s, e))
  ;[parts[a], parts[b]] = [parts[b], parts[a]]
  return bom + parts.join(",") + eolOf(line)
}

const dropField = (line: string, index: number): string => {
  const body = bodyOf(line)
  const parts = fieldSpans(body).map(([s, e]) => body.slice(s, e))
  parts.splice(index, 1)
  return parts.join(",") + eolOf(line)
}

const latin1 = (text: string) => Buffer.from(text, "latin1")

export interface CsvSample {
  readonly lines: Array<string>
  readonly header: Array<string>
  /** 0-based index in `lines` of the first and one-past-last data line. */
  readonly dataStart: number
  readonly dataEnd: number
}

export const sampleCsv = (format: FormatEntry, rawDir: string): CsvSample => {
  const layout = format.csv!
  const all = splitLines(readFileSync(join(rawDir, format.file)).toString("latin1"))
  const dataStart = layout.headerLine
  const dataEnd = Math.min(all.length - (layout.footerLines ?? 0), dataStart + layout.sampleRows)
  const lines = [...all.slice(0, dataEnd), ...all.slice(all.length - (layout.footerLines ?? 0))]
  // The last kept data line must end with a line break, as it did in the real file.
  const headerText = bodyOf(lines[layout.headerLine - 1]).replace(/^\u00EF\u00BB\u00BF/, "")
  const header = Effect.runSync(parseCsv(headerText, { sourceId: format.sourceId, file: format.file }))[0].fields.map((f) => f.trim())
  return { lines, header, dataStart, dataEnd: dataStart + (dataEnd - dataStart) }
}

/** Every value cell of the sample, with where it is. */
export const csvRows = (format: FormatEntry, sample: CsvSample): Array<CsvRow> => {
  const rows: Array<CsvRow> = []
  for (let i = sample.dataStart; i < sample.dataEnd; i++) {
    const record = Effect.runSync(Effect.result(parseCsv(bodyOf(sample.lines[i]), { sourceId: format.sourceId, file: format.file })))
    if (record._tag !== "Success" || record.success.length === 0) continue
    const row: Record<string, string | number> = { __line: i + 1 }
    sample.header.forEach((h, at) => {
      row[h] = (record.success[0].fields[at] ?? "").trim()
    })
    rows.push(row as unknown as CsvRow)
  }
  return rows
}

export const csvCells = (format: FormatEntry, sample: CsvSample): Array<Cell> => {
  const layout = format.csv!
  const col = (name: string) => sample.header.indexOf(name)
  const cells: Array<Cell> = []
  for (let i = sample.dataStart; i < sample.dataEnd; i++) {
    const record = Effect.runSync(Effect.result(parseCsv(bodyOf(sample.lines[i]), { sourceId: format.sourceId, file: format.file })))
    if (record._tag !== "Success" || record.success.length === 0) continue
    const fields = record.success[0].fields
    const row: Record<string, string | number> = { __line: i + 1 }
    sample.header.forEach((h, at) => {
      row[h] = (fields[at] ?? "").trim()
    })
    if (layout.staged && !layout.staged(row as unknown as CsvRow)) continue
    const indicator =
      "fixed" in layout.indicator
        ? layout.indicator.fixed
        : "fn" in layout.indicator
          ? layout.indicator.fn(row as unknown as CsvRow)
          : (fields[col(layout.indicator.column)] ?? "").trim()
    const area = (fields[col(layout.area)] ?? "").trim()
    const v = layout.value
    const valueColumns =
      "wide" in v
        ? sample.header.flatMap((h, at) => (v.wide.test(h) ? [at] : []))
        : "measures" in v
          ? Object.keys(v.measures)
              .map(col)
              .filter((at) => at >= 0)
          : [col(v.column)]
    for (const at of valueColumns) {
      const value = (fields[at] ?? "").trim()
      const year = "wide" in v ? sample.header[at] : (fields[col(layout.year!)] ?? "").trim()
      const id = "measures" in v ? v.measures[sample.header[at]] : indicator
      cells.push({ line: i + 1, year, area, value, indicator: id, column: at, row: row as unknown as CsvRow })
    }
  }
  return cells
}

/** Writes the undamaged sample (the baseline every case is compared with). */
export const writeCsvBaseline = (dir: string, format: FormatEntry, rawDir: string, sample: CsvSample) =>
  writeCase(dir, format, rawDir, `${format.id}--baseline`, latin1(sample.lines.join("")))

const formatNumber = (x: number) => String(Math.round(x * 1000) / 1000)

export const csvCases = (dir: string, format: FormatEntry, rawDir: string, sample: CsvSample, base: Baseline, seed: number): Array<Case> => {
  const rng = prng(seed)
  const layout = format.csv!
  const cases: Array<Case> = []
  const rows = csvRows(format, sample)
  /** The damaged cell plus any value the source derives from it (rejected along with it). */
  const withDerived = (cell: Cell, reason: RegExp) => {
    const derived = layout.derived?.({ line: cell.line, year: cell.year, row: cell.row! }, rows)
    return derived?.outcome === "rejected"
      ? [
          { line: cell.line, year: cell.year, reason },
          { line: derived.line, year: derived.year, reason: /./ }
        ]
      : [{ line: cell.line, year: cell.year, reason }]
  }
  /** Values lost when the cell is refused: itself, plus a derived value (rejected or missing). */
  const lostWith = (cell: Cell) => (layout.derived?.({ line: cell.line, year: cell.year, row: cell.row! }, rows) ? 2 : 1)
  // Files are written only when their case runs (the 100 MB one should not sit in memory).
  const add = (mutation: string, bytes: () => Uint8Array, expected: Expected) =>
    layout.skip?.[mutation] !== undefined
      ? undefined
      : cases.push({
          id: `${format.id}/${mutation}`,
          format,
          mutation,
          expected,
          make: async () => writeCase(dir, format, rawDir, `${format.id}--${mutation}`, bytes())
        })
  const withLines = (edit: (lines: Array<string>) => void) => () => {
    const lines = [...sample.lines]
    edit(lines)
    return latin1(lines.join(""))
  }
  const isLong = !("wide" in layout.value)
  const cellLevel = layout.cells !== false
  const target = () => rng.pick(base.eligible)
  const setCell = (mutation: string, value: string | ((cell: Cell) => string), reason: RegExp, among = base.eligible) => {
    if (among.length === 0 || !cellLevel) return
    const picked = rng.pick(among)
    const cell = { ...picked, value: typeof value === "string" ? value : value(picked) }
    const cells = withDerived(cell, reason)
    add(
      mutation,
      withLines((lines) => {
        lines[cell.line - 1] = setField(lines[cell.line - 1], cell.column, cell.value)
      }),
      { kind: "rejects", cells, lost: lostWith(cell) }
    )
  }
  const headerIndex = layout.headerLine - 1

  // --- cells that cannot be values: rejected one by one, with their reason
  setCell("text-in-number", "approx. 12", /is not a number/)
  setCell("nan", "NaN", /not a finite number/)
  setCell("infinity", "Inf", /not a finite number/)
  setCell("overflow-1e999", "1e999", /not a finite number/)
  if (layout.missingCodes?.includes("-99")) {
    // The source knows -99 as its own "no value": the cell becomes missing, not a number.
    const cell = cellLevel && base.eligible.length > 0 ? target() : undefined
    if (cell)
      add(
        "sentinel-minus-99",
        withLines((lines) => {
          lines[cell.line - 1] = setField(lines[cell.line - 1], cell.column, "-99")
        }),
        { kind: "rejects", cells: [], lost: lostWith(cell) }
      )
  } else setCell("sentinel-minus-99", "-99", /missing-value code/)
  setCell("sentinel-9999", "9999", /missing-value code/)
  const bounded = (side: "min" | "max") => base.eligible.filter((c) => base.ranges.get(c.indicator)?.[side] != null)
  setCell("above-maximum", (c) => formatNumber(base.ranges.get(c.indicator)!.max! * 1.5 + 0.5), /above the possible maximum/, bounded("max"))
  setCell("below-minimum", (c) => formatNumber(base.ranges.get(c.indicator)!.min! - 3.25), /below the possible minimum/, bounded("min"))
  // (A year shared by several measure columns rejects the whole row: the long layouts cover it.)
  if (isLong && cellLevel && !("measures" in layout.value)) {
    const yearColumn = sample.header.indexOf(layout.year!)
    for (const [mutation, year, reason] of [
      ["year-2899", "2899", /year 2899 is outside 1950/],
      ["year-1800", "1800", /year 1800 is outside 1950/],
      ["year-fractional", "2019.5", /year "2019\.5" is not a whole number/]
    ] as const) {
      const cell = target()
      add(
        mutation,
        withLines((lines) => {
          lines[cell.line - 1] = setField(lines[cell.line - 1], yearColumn, year)
        }),
        { kind: "rejects", cells: [{ line: cell.line, year, reason }], lost: 1 }
      )
    }
  }

  // --- a key given twice with different values: neither is believed
  if (cellLevel) {
    const cell = target()
    const newLine = sample.dataEnd + 1
    add(
      "duplicate-different-value",
      withLines((lines) => {
        const copy = setField(lines[cell.line - 1], cell.column, formatNumber(Number(cell.value) / 2 + 0.125))
        lines.splice(sample.dataEnd, 0, eolOf(copy) ? copy : `${copy}\n`)
      }),
      {
        kind: "rejects",
        lost: 1,
        cells: [
          { line: cell.line, year: cell.year, reason: /conflicting values/ },
          { line: newLine, year: cell.year, reason: /conflicting values/ }
        ]
      }
    )
  }

  // --- an exact duplicate row is one value, not a conflict
  if (cellLevel) {
    const cell = target()
    add(
      "duplicate-identical-row",
      withLines((lines) => {
        lines.splice(sample.dataEnd, 0, lines[cell.line - 1])
      }),
      { kind: "same" }
    )
  }

  // --- truncation inside a record (not at its end): the file is refused at that line
  {
    const cell = cellLevel ? target() : { line: sample.dataStart + 1 + rng.int(sample.dataEnd - sample.dataStart - 1) }
    const line = sample.lines[cell.line - 1]
    const spans = fieldSpans(bodyOf(line))
    const [s, e] = spans[Math.min(1, spans.length - 1)]
    const cut = s + 1 + rng.int(Math.max(1, e - s - 1))
    add("truncated-in-record", () => latin1(sample.lines.slice(0, cell.line - 1).join("") + line.slice(0, cut)), {
      kind: "fails",
      line: cell.line,
      problem: /truncated|never closed|columns/i
    })
  }

  // --- truncation inside the last number of the file: that value may be cut short
  if (isLong && cellLevel) {
    const last = base.eligible.filter((c) => c.line === sample.dataEnd).at(-1)
    const valueColumn = sample.header.indexOf((layout.value as { column: string }).column)
    if (last && valueColumn === sample.header.length - 1 && last.value.length > 2) {
      const line = bodyOf(sample.lines[last.line - 1])
      add("truncated-in-last-number", () => latin1(sample.lines.slice(0, last.line - 1).join("") + line.slice(0, line.length - 2)), {
        kind: "fails",
        line: last.line,
        problem: /no line break: it looks cut short/
      })
    }
  }

  // --- structure: required columns removed or renamed, columns swapped
  {
    const name = rng.pick(layout.required)
    const at = sample.header.indexOf(name)
    add(
      "column-removed",
      withLines((lines) => {
        for (let i = headerIndex; i < sample.dataEnd; i++) lines[i] = dropField(lines[i], at)
      }),
      { kind: "fails", column: name, problem: new RegExp(`"${name}"`) }
    )
    const renamed = rng.pick(layout.required)
    add(
      "column-renamed",
      withLines((lines) => {
        lines[headerIndex] = setField(lines[headerIndex], sample.header.indexOf(renamed), `${renamed}_v2`)
      }),
      { kind: "fails", column: renamed, problem: new RegExp(`"${renamed}"`) }
    )
  }
  if (cellLevel) {
    // Header and data moved together: the same table, read by column name.
    const a = sample.header.indexOf(layout.area)
    add(
      "columns-reordered",
      withLines((lines) => {
        for (let i = headerIndex; i < sample.dataEnd; i++) lines[i] = swapFields(lines[i], a, a + 1)
      }),
      { kind: "same" }
    )
    // Data swapped under an unchanged header: nothing in the file can be used.
    const v = base.eligible[0].column
    add(
      "columns-swapped-under-header",
      withLines((lines) => {
        for (let i = sample.dataStart; i < sample.dataEnd; i++) lines[i] = swapFields(lines[i], a, v)
      }),
      { kind: "fails", problem: /none of the \d+ values could be used|values were refused/ }
    )
  }

  // --- encodings
  if (cellLevel) {
    const cell = target()
    // In the area column: a column the source reads (DuckDB checks UTF-8 only in the columns a query uses).
    const at = sample.header.indexOf(layout.area)
    const inject = (bytes: string) =>
      withLines((lines) => {
        const record = Effect.runSync(parseCsv(bodyOf(lines[cell.line - 1]), { sourceId: format.sourceId, file: format.file }))[0].fields
        lines[cell.line - 1] = setField(lines[cell.line - 1], at, record[at].trim().slice(0, 1) + bytes + record[at].trim().slice(1))
      })
    add("latin1-byte", inject("\u00e9"), { kind: "fails", line: cell.line, problem: /UTF-8|unicode/i })
    add("invalid-utf8", inject("\u00c3\u0028"), { kind: "fails", line: cell.line, problem: /UTF-8|unicode/i })
    const text = Buffer.from(sample.lines.join(""), "latin1")
      .toString("utf8")
      .replace(/^\uFEFF/, "")
    add("utf16le-bom", () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]), { kind: "same" })
    add("crlf-to-lf", () => latin1(sample.lines.join("").replaceAll("\r\n", "\n")), { kind: "same" })
  }

  // --- files that hold no table at all
  add("zero-bytes", () => new Uint8Array(0), { kind: "fails", problem: /empty/ })
  add("blank-lines-only", () => Buffer.from("\ufeff\r\n\r\n\r\n", "utf8"), { kind: "fails", problem: /empty|header|no data/i })
  add(
    "header-only",
    () => latin1(sample.lines.slice(0, layout.headerLine).join("")),
    // After a good vintage of the same file, an empty one is quarantined, not loaded.
    layout.headerOnlyProblem ? { kind: "fails", problem: layout.headerOnlyProblem } : { kind: "quarantined", reason: /empty series/ }
  )
  {
    const junk = new Uint8Array(4096)
    for (let i = 0; i < junk.length; i++) junk[i] = rng.int(256)
    junk[17] = 0
    add("binary-named-csv", () => junk, { kind: "fails", problem: /binary|not a text|UTF-8/i })
  }
  if (layout.hugeLine) {
    // 100 MB of text without a delimiter, in the middle of the data.
    const cell = { line: sample.dataStart + 2 }
    add(
      "line-100mb",
      withLines((lines) => {
        lines.splice(cell.line - 1, 0, `${"x".repeat(100_000_000)}\r\n`)
      }),
      { kind: "fails", line: cell.line, problem: /columns|line|too long|maximum/i }
    )
  }
  return cases
}

// ---------------------------------------------------------------------------------------
// Parquet: damaged copies written by DuckDB from the real file.

export const parquetCells = (h: Harness, format: FormatEntry, file: string) => {
  const p = format.parquet!
  return h.query<{ line: number; area: string; year: string; value: string | null; staged: boolean }>(`
    SELECT line, area, year, value, staged FROM (
      SELECT row_number() OVER () AS line, CAST("${p.area}" AS VARCHAR) AS area, CAST("${p.year}" AS VARCHAR) AS year,
             CAST("${p.value}" AS VARCHAR) AS value, coalesce(${p.staged}, false) AS staged
      FROM read_parquet('${file.replaceAll("'", "''")}'))`)
}

export const parquetCases = async (h: Harness, dir: string, format: FormatEntry, rawDir: string, base: Baseline, seed: number): Promise<Array<Case>> => {
  const rng = prng(seed)
  const p = format.parquet!
  const src = `read_parquet('${join(rawDir, format.file).replaceAll("'", "''")}')`
  const total = Number((await h.query<{ n: number }>(`SELECT count(*) AS n FROM ${src}`))[0].n)
  const cases: Array<Case> = []
  const folder = (name: string) => {
    const f = join(dir, `${format.id}--${name}`)
    mkdirSync(f, { recursive: true })
    return join(f, basename(format.file))
  }
  const copy = async (mutation: string, select: string, expected: Expected) => {
    cases.push({
      id: `${format.id}/${mutation}`,
      format,
      mutation,
      expected,
      make: async () => {
        const path = folder(mutation)
        await h.run(`COPY (${select}) TO '${path.replaceAll("'", "''")}' (FORMAT parquet)`)
        return path
      }
    })
  }
  const bytes = (mutation: string, data: Uint8Array, expected: Expected) => {
    cases.push({
      id: `${format.id}/${mutation}`,
      format,
      mutation,
      expected,
      make: async () => {
        const path = folder(mutation)
        writeFileSync(path, data)
        return path
      }
    })
  }
  const numbered = `(SELECT *, row_number() OVER () AS __line FROM ${src})`
  const setValue = async (mutation: string, column: string, value: string | ((cell: Cell) => string), reason: RegExp, among = base.eligible) => {
    if (among.length === 0) return
    const picked = rng.pick(among)
    const cell = { ...picked, value: typeof value === "string" ? value : value(picked) }
    await copy(
      mutation,
      `SELECT * EXCLUDE (__line) REPLACE (CASE WHEN __line = ${cell.line} THEN '${cell.value}' ELSE "${column}" END AS "${column}") FROM ${numbered} ORDER BY __line`,
      { kind: "rejects", cells: [{ line: cell.line, year: column === p.year ? cell.value : cell.year, reason }], lost: 1 }
    )
  }
  await setValue("text-in-number", p.value, "approx. 12", /is not a number/)
  await setValue("nan", p.value, "NaN", /not a finite number/)
  await setValue("infinity", p.value, "-Infinity", /not a finite number/)
  await setValue("sentinel-minus-999", p.value, "-999", /missing-value code/)
  const bounded = (side: "min" | "max") => base.eligible.filter((c) => base.ranges.get(c.indicator)?.[side] != null)
  await setValue("above-maximum", p.value, (c) => formatNumber(base.ranges.get(c.indicator)!.max! * 1.5 + 0.5), /above the possible maximum/, bounded("max"))
  await setValue("below-minimum", p.value, (c) => formatNumber(base.ranges.get(c.indicator)!.min! - 3.25), /below the possible minimum/, bounded("min"))
  await setValue("year-2899", p.year, "2899", /year 2899 is outside 1950/)
  await setValue("year-fractional", p.year, "2019.5", /year "2019\.5" is not a whole number/)
  {
    const cell = rng.pick(base.eligible)
    await copy(
      "duplicate-different-value",
      `SELECT * EXCLUDE (__line) FROM (
         SELECT * FROM ${numbered}
         UNION ALL
         SELECT * REPLACE (CAST(TRY_CAST("${p.value}" AS DOUBLE) / 2 + 0.125 AS VARCHAR) AS "${p.value}", ${total + 1} AS __line)
         FROM ${numbered} WHERE __line = ${cell.line}) ORDER BY __line`,
      {
        kind: "rejects",
        lost: 1,
        cells: [
          { line: cell.line, year: cell.year, reason: /conflicting values/ },
          { line: total + 1, year: cell.year, reason: /conflicting values/ }
        ]
      }
    )
  }
  // The publisher changes the value column's type from text to DOUBLE: values read the same.
  await copy("value-typed-double", `SELECT * REPLACE (TRY_CAST("${p.value}" AS DOUBLE) AS "${p.value}") FROM ${src}`, { kind: "same" })
  {
    const removed = rng.pick(p.required)
    await copy("column-removed", `SELECT * EXCLUDE ("${removed}") FROM ${src}`, { kind: "fails", column: removed, problem: new RegExp(`"${removed}"`) })
    const renamed = rng.pick(p.required)
    await copy("column-renamed", `SELECT * RENAME ("${renamed}" AS "${renamed}_V2") FROM ${src}`, {
      kind: "fails",
      column: renamed,
      problem: new RegExp(`"${renamed}"`)
    })
    await copy("columns-swapped", `SELECT * REPLACE ("${p.year}" AS "${p.area}", "${p.area}" AS "${p.year}") FROM ${src}`, {
      kind: "fails",
      problem: /none of the \d+ values could be used|values were refused/
    })
    await copy("no-rows", `SELECT * FROM ${src} LIMIT 0`, { kind: "quarantined", reason: /empty series/ })
    await copy("series-code-changed", `SELECT * REPLACE ('RENAMED_' || INDICATOR AS INDICATOR) FROM ${src}`, {
      kind: "fails",
      problem: /none of the expected series/
    })
  }
  {
    const real = readFileSync(join(rawDir, format.file))
    bytes("truncated-file", real.subarray(0, Math.floor(real.length * (0.3 + rng.next() * 0.4))), { kind: "fails", problem: /Parquet|parquet/ })
    bytes("zero-bytes", new Uint8Array(0), { kind: "fails", problem: /empty \(0 bytes\)|Parquet|parquet/ })
    bytes("csv-named-parquet", Buffer.from("REF_AREA,TIME_PERIOD,OBS_VALUE\nMEX,2020,50\n"), { kind: "fails", problem: /Parquet|parquet/ })
    const junk = new Uint8Array(4096)
    for (let i = 0; i < junk.length; i++) junk[i] = rng.int(256)
    bytes("random-bytes", junk, { kind: "fails", problem: /Parquet|parquet/ })
  }
  {
    const cell = rng.pick(base.eligible)
    // 20 MB rather than 100: the CSV case already covers a 100 MB line, and this one is about
    // what a huge cell leaves in rejected_rows (clipped), not about the reader's limit.
    await copy(
      "cell-20mb",
      `SELECT * EXCLUDE (__line) REPLACE (CASE WHEN __line = ${cell.line} THEN repeat('x', 20000000) ELSE "${p.value}" END AS "${p.value}") FROM ${numbered} ORDER BY __line`,
      { kind: "rejects", cells: [{ line: cell.line, year: cell.year, reason: /is not a number/ }], lost: 1 }
    )
  }
  return cases
}

// ---------------------------------------------------------------------------------------
// XLSX: whole-file damage only. Cell-level damage would need an XLSX writer (none is
// installed; read-excel-file only reads), so cells of spreadsheets are covered by the
// source's own fixture tests.

export const xlsxCases = (dir: string, format: FormatEntry, rawDir: string, seed: number): Array<Case> => {
  const rng = prng(seed)
  const real = readFileSync(join(rawDir, format.file))
  const cases: Array<Case> = []
  const add = (mutation: string, bytes: () => Uint8Array) =>
    cases.push({
      id: `${format.id}/${mutation}`,
      format,
      mutation,
      expected: { kind: "fails", problem: /xlsx|spreadsheet|Excel|zip|empty|not a|read/i },
      make: async () => writeCase(dir, format, rawDir, `${format.id}--${mutation}`, bytes())
    })
  add("zero-bytes", () => new Uint8Array(0))
  add("truncated-file", () => real.subarray(0, Math.floor(real.length * (0.2 + rng.next() * 0.6))))
  add("csv-named-xlsx", () => Buffer.from("Country,ISO3,ODB-Score\nMexico,MEX,50\n"))
  add("random-bytes", () => {
    const b = new Uint8Array(8192)
    for (let i = 0; i < b.length; i++) b[i] = rng.int(256)
    return b
  })
  add("zip-header-then-garbage", () => {
    const b = Buffer.from(real.subarray(0, 4096))
    for (let i = 200; i < b.length; i += 7) b[i] = rng.int(256)
    return b
  })
  return cases
}
