// Arrow IPC outputs over the warehouse loaded from the real mirror: the site's
// observations.arrow and `brecha sql --format arrow`, each read back with apache-arrow and
// compared with the matching CSV row for row; typed columns and dictionary-encoded codes; the
// IPC file structure checked against the format's specification; and read by flechette (an Arrow
// implementation written elsewhere, independently of apache-arrow) too.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { tableFromIPC as flechetteFromIPC, Type as FlechetteType } from "@uwdata/flechette"
import { type DataType, Type, tableFromIPC, type Table } from "apache-arrow"
import Papa from "papaparse"
import { Effect } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { arrowDictionaryColumns, writeDownloads } from "../../pipelines/export/downloads.ts"
import { Warehouse } from "../../pipelines/warehouse/Warehouse.ts"
import { runCli } from "../support/cli.ts"
import { hasRaw, rawDir } from "../support/raw.ts"
import { runWith, tempDbPath } from "../support/warehouse.ts"

const csvRows = (path: string) => Papa.parse<Record<string, string>>(readFileSync(path, "utf8"), { header: true, skipEmptyLines: true }).data

/** Microseconds since the epoch of a CSV timestamp written by DuckDB ("2026-11-30 03:39:32.123456", UTC). */
const csvMicros = (text: string): bigint => {
  const [whole, fraction = ""] = text.split(".")
  return BigInt(Date.parse(whole.replace(" ", "T") + "Z")) * 1000n + BigInt((fraction + "000000").slice(0, 6))
}

/** Every cell of an Arrow table as the text DuckDB's CSV writer gives it. */
const asCsvText = (table: Table, name: string): Array<string> => {
  const column = table.getChild(name)!
  const type = column.type as DataType
  if (type.typeId === Type.Timestamp) {
    const out: Array<string> = []
    for (const chunk of column.data) {
      const values = chunk.values as BigInt64Array
      for (let i = 0; i < chunk.length; i++) out.push(chunk.getValid(i) ? String(values[chunk.offset + i]) : "")
    }
    return out
  }
  return Array.from({ length: table.numRows }, (_, i) => {
    const v = column.get(i)
    if (v === null || v === undefined) return ""
    if (type.typeId === Type.Date) return new Date(v as number).toISOString().slice(0, 10)
    return String(v)
  })
}

/** Compares an Arrow table with CSV rows: same columns, same rows, each cell equal. */
const compareWithCsv = (table: Table, rows: Array<Record<string, string>>) => {
  const problems: Array<string> = []
  const columns = table.schema.fields.map((f) => f.name)
  if (rows.length > 0 && columns.join() !== Object.keys(rows[0]).join()) problems.push(`columns ${columns.join()} vs CSV ${Object.keys(rows[0]).join()}`)
  if (table.numRows !== rows.length) problems.push(`${table.numRows} Arrow rows vs ${rows.length} CSV rows`)
  for (const name of columns) {
    const type = table.getChild(name)!.type as DataType
    const cells = asCsvText(table, name)
    let bad = 0
    for (let i = 0; i < rows.length; i++) {
      const csv = rows[i][name] ?? ""
      const ok =
        type.typeId === Type.Timestamp
          ? csv === ""
            ? cells[i] === ""
            : csv.endsWith("Z")
              ? // `brecha sql --format csv` prints JS ISO times (milliseconds); DuckDB's own CSV keeps microseconds.
                BigInt(Date.parse(csv)) === BigInt(cells[i]) / 1000n
              : String(csvMicros(csv)) === cells[i]
          : type.typeId === Type.Date
            ? csv.slice(0, 10) === cells[i]
            : type.typeId === Type.Float || type.typeId === Type.Int
              ? csv === ""
                ? cells[i] === ""
                : Number(csv) === Number(cells[i])
              : csv === cells[i]
      if (!ok && bad++ < 3) problems.push(`${name} row ${i}: Arrow ${cells[i]} vs CSV ${csv}`)
    }
  }
  return problems
}

/** The Arrow IPC file format, checked by hand (specification, "IPC File Format"): magic at both ends, a footer inside the file. */
const structuralProblems = (bytes: Uint8Array): Array<string> => {
  const problems: Array<string> = []
  const magic = "ARROW1"
  const text = (from: number, to: number) => new TextDecoder().decode(bytes.subarray(from, to))
  if (text(0, 6) !== magic || bytes[6] !== 0 || bytes[7] !== 0) problems.push("does not start with ARROW1 and two bytes of padding")
  if (text(bytes.length - 6, bytes.length) !== magic) problems.push("does not end with ARROW1")
  const footerLength = new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 10, 4).getInt32(0, true)
  if (!(footerLength > 0 && footerLength < bytes.length - 18)) problems.push(`footer length ${footerLength} does not fit in ${bytes.length} bytes`)
  // After the leading magic comes the stream: a continuation marker (0xFFFFFFFF) and the schema message.
  if (new DataView(bytes.buffer, bytes.byteOffset + 8, 4).getUint32(0, true) !== 0xffffffff) problems.push("no continuation marker before the schema message")
  return problems
}

describe.skipIf(!hasRaw)("Arrow IPC outputs (warehouse from the real mirror)", () => {
  const db = tempDbPath("arrow")
  const dir = mkdtempSync(join(tmpdir(), "brecha-arrow-"))
  beforeAll(async () => {
    const refresh = await runCli(["refresh", "--mirror", rawDir, "--db", db])
    expect(refresh.code, refresh.stderr).toBe(0)
    await runWith(
      db,
      Effect.gen(function* () {
        const wh = yield* Warehouse
        return yield* writeDownloads(wh, dir)
      })
    )
  }, 600_000)

  it("observations.arrow: typed columns, codes dictionary-encoded, equal to observations.csv row for row", () => {
    const bytes = readFileSync(join(dir, "observations.arrow"))
    expect(structuralProblems(bytes)).toEqual([])
    const table = tableFromIPC(bytes)
    const types = Object.fromEntries(table.schema.fields.map((f) => [f.name, String(f.type)]))
    expect(types).toMatchObject({
      indicator_id: "Dictionary<Int32, Utf8>",
      country_iso3: "Dictionary<Int32, Utf8>",
      source_id: "Dictionary<Int32, Utf8>",
      flag: "Dictionary<Int32, Utf8>",
      year: "Int16",
      value: "Float64",
      vintage_id: "Int32",
      vintage_released_at: "Date32<DAY>",
      vintage_retrieved_at: "Timestamp<MICROSECOND, UTC>"
    })
    for (const name of arrowDictionaryColumns) expect(table.getChild(name)!.type.typeId, name).toBe(Type.Dictionary)
    const rows = csvRows(join(dir, "observations.csv"))
    expect(rows.length).toBeGreaterThan(100_000)
    expect(compareWithCsv(table, rows)).toEqual([])
  })

  it("brecha sql --format arrow --out FILE equals --format csv of the same query, row for row", async () => {
    const sql =
      "SELECT indicator_id, country_iso3, year, value, flag, vintage_id, CAST(year AS BIGINT) AS year64 FROM observations WHERE source_id IN ('wdi', 'un_egov') ORDER BY ALL"
    const file = join(dir, "query.arrow")
    const arrow = await runCli(["sql", sql, "--format", "arrow", "--out", file, "--db", db])
    expect(arrow.code, arrow.stderr).toBe(0)
    const csv = await runCli(["sql", sql, "--format", "csv", "--db", db])
    expect(csv.code, csv.stderr).toBe(0)
    writeFileSync(join(dir, "query.csv"), csv.stdout)
    const bytes = readFileSync(file)
    expect(structuralProblems(bytes)).toEqual([])
    const table = tableFromIPC(bytes)
    expect(Object.fromEntries(table.schema.fields.map((f) => [f.name, String(f.type)]))).toEqual({
      indicator_id: "Dictionary<Int32, Utf8>",
      country_iso3: "Dictionary<Int32, Utf8>",
      year: "Int16",
      value: "Float64",
      flag: "Dictionary<Int32, Utf8>",
      vintage_id: "Int32",
      year64: "Int64"
    })
    const rows = csvRows(join(dir, "query.csv"))
    expect(rows.length).toBeGreaterThan(10_000)
    expect(compareWithCsv(table, rows)).toEqual([])
    // Vintages: dates and timestamps keep their types, microseconds included.
    const vintages = join(dir, "vintages.arrow")
    const v = await runCli([
      "sql",
      "SELECT vintage_id, released_at, retrieved_at FROM vintages ORDER BY vintage_id",
      "--format",
      "arrow",
      "--out",
      vintages,
      "--db",
      db
    ])
    expect(v.code, v.stderr).toBe(0)
    const vc = await runCli(["sql", "SELECT vintage_id, released_at, retrieved_at FROM vintages ORDER BY vintage_id", "--format", "csv", "--db", db])
    writeFileSync(join(dir, "vintages.csv"), vc.stdout)
    expect(compareWithCsv(tableFromIPC(readFileSync(vintages)), csvRows(join(dir, "vintages.csv")))).toEqual([])
  }, 300_000)

  it("flechette (an Arrow reader written elsewhere, independently of apache-arrow) reads observations.arrow with the same types and rows", () => {
    const table = flechetteFromIPC(readFileSync(join(dir, "observations.arrow")), { useDate: true })
    const rows = csvRows(join(dir, "observations.csv"))
    expect(table.numRows).toBe(rows.length)
    const types = Object.fromEntries(table.schema.fields.map((f) => [f.name, f.type]))
    const utf8Dictionary = {
      typeId: FlechetteType.Dictionary,
      dictionary: { typeId: FlechetteType.Utf8 },
      indices: { typeId: FlechetteType.Int, bitWidth: 32 }
    }
    expect(types).toMatchObject({
      indicator_id: utf8Dictionary,
      country_iso3: utf8Dictionary,
      year: { typeId: FlechetteType.Int, bitWidth: 16, signed: true },
      value: { typeId: FlechetteType.Float },
      vintage_id: { typeId: FlechetteType.Int, bitWidth: 32 },
      vintage_released_at: { typeId: FlechetteType.Date },
      vintage_retrieved_at: { typeId: FlechetteType.Timestamp, timezone: "UTC" }
    })
    // Row for row: the same keys and values as the CSV (both in the file's order).
    const records = table.toArray()
    const problems: Array<string> = []
    rows.forEach((row, i) => {
      const r = records[i]
      if (r.indicator_id !== row.indicator_id || r.country_iso3 !== row.country_iso3 || r.year !== Number(row.year) || r.value !== Number(row.value)) {
        if (problems.length < 5) problems.push(`row ${i + 1}: flechette ${JSON.stringify(r)} vs CSV ${JSON.stringify(row)}`)
      }
    })
    expect(problems).toEqual([])
  })
})
