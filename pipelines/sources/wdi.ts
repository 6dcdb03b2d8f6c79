// World Bank World Development Indicators, in the three layouts the World Bank publishes:
//  - the bulk-download CSV (API_<CODE>_DS2_*.csv): an optional 4-line preamble with the
//    "Last Updated Date", then one row per economy and one column per year (wide);
//  - the long `Country Name,Country Code,Year,Value` form with a datapackage.json beside it
//    naming the indicator.
//  - the Indicators API v2 JSON (live): `GET {base}/country/all/indicator/{code}?format=json&per_page=20000`,
//    `[pageInfo, rows]` per page (paged by `page`), landed as one page of all rows;
//    `lastupdated` is the release date. Read by pipelines/files/worldbankApi.ts, which also
//    turns the API's 200-with-a-message answers (175 archived, 120 invalid) into a clear error.
//    Documentation: https://datahelpdesk.worldbank.org/knowledgebase/articles/898581-api-basic-call-structure
// Re-saved variants are accepted: BOM or not, CRLF or LF, quoted or not, a trailing empty
// column, scientific notation. DuckDB reads and unpivots the file; rows are never decoded in JS.
import { Effect, Schema } from "effect"
import { existsSync, readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { decodeExternal } from "../decode.ts"
import { SourceFormatError } from "../errors.ts"
import { parseCsv } from "../files/csv.ts"
import { strictReadCsv } from "../files/strictCsv.ts"
import { decodeText, firstByteWhere, requireUtf8 } from "../files/text.ts"
import { stageWorldBankApiJson } from "../files/worldbankApi.ts"
import type { LandedFile, Source, StageContext } from "../source.ts"

const id = "wdi"

/** The first lines of the file, decoded, to find the preamble and the header. */
const headLines = (file: LandedFile) =>
  Effect.gen(function* () {
    const head = file.head(64 * 1024)
    const text = yield* decodeText(head.length < file.size ? trimToLastNewline(head) : head, { sourceId: id, file: file.origin })
    return text.split(/\r\n|\n|\r/)
  })

const trimToLastNewline = (bytes: Uint8Array): Uint8Array => {
  const at = bytes.lastIndexOf(0x0a)
  return at > 0 ? bytes.subarray(0, at + 1) : bytes
}

const fieldsOf = (line: string, lineNumber: number, file: LandedFile) =>
  parseCsv(line, { sourceId: id, file: file.origin }).pipe(
    Effect.map((records) => (records[0]?.fields ?? []).map((f) => f.trim())),
    Effect.mapError((e) => new SourceFormatError({ sourceId: id, file: file.origin, line: lineNumber, problem: e.problem }))
  )

/**
 * DuckDB's reader over the file with the header we already parsed: positional column names
 * c0, c1, … all as text, no sniffing (small files defeat the sniffer), strict so a truncated
 * or ragged record is an error naming its line rather than a silently padded row.
 */
const readCsv = (file: LandedFile, ctx: StageContext, headerIndex: number, header: Array<string>) => strictReadCsv(file, ctx, headerIndex + 1, header.length)
const col = (header: Array<string>, name: string) => `c${header.indexOf(name)}`

const stageBulk = (file: LandedFile, ctx: StageContext, lines: Array<string>, headerIndex: number, header: Array<string>) =>
  Effect.gen(function* () {
    let releasedAt: string | null = null
    for (let i = 0; i < headerIndex; i++) {
      const fields = yield* fieldsOf(lines[i], i + 1, file)
      if (/^last updated date$/i.test(fields[0] ?? "")) {
        const date = fields[1] ?? ""
        if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
          return yield* new SourceFormatError({
            sourceId: id,
            file: file.origin,
            line: i + 1,
            problem: `"Last Updated Date" is "${date}", not a YYYY-MM-DD date`
          })
        }
        releasedAt = date
      }
    }
    const years = header.filter((h) => /^\d{4}$/.test(h))
    if (years.length === 0) {
      return yield* new SourceFormatError({ sourceId: id, file: file.origin, line: headerIndex + 1, problem: "the header has no year columns (1960, 1961, …)" })
    }
    const required = ["Country Name", "Country Code", "Indicator Name", "Indicator Code"]
    for (const name of required) {
      if (!header.includes(name)) {
        return yield* new SourceFormatError({
          sourceId: id,
          file: file.origin,
          line: headerIndex + 1,
          column: name,
          problem: `required column "${name}" is missing from the header`
        })
      }
    }
    // All cells as text so a bad cell is rejected with its reason rather than failing the file.
    const read = readCsv(file, ctx, headerIndex, header)
    const code = col(header, "Indicator Code")
    const area = col(header, "Country Code")
    if (new Set(years).size !== years.length) {
      return yield* new SourceFormatError({ sourceId: id, file: file.origin, line: headerIndex + 1, problem: "a year column appears twice in the header" })
    }
    // One narrow pass over the rows (not the cells): each (indicator, economy) row's line,
    // the indicator names, and whether any row repeats. Numbering the 25 million cells of a
    // full WDI file instead would cost more than reading it.
    yield* ctx.sql.run(`
      CREATE OR REPLACE TEMP TABLE wdi_rows AS
      SELECT indicator_id, area, min(name) AS name, count(*) AS copies, min(rn) + ${headerIndex + 1} AS line
      FROM (SELECT trim(${code}) AS indicator_id, ${area} AS area, trim(${col(header, "Indicator Name")}) AS name,
                   row_number() OVER () AS rn FROM ${read})
      GROUP BY indicator_id, area`)
    // Rows repeat when the same indicator has two rows for one economy, under the same code
    // or under two codes naming the same country.
    const repeats = yield* ctx.sql.query<{ n: number }>(`
      SELECT count(*) AS n FROM (
        SELECT r.indicator_id, coalesce(k.iso3, lower(trim(r.area))) AS economy
        FROM wdi_rows r LEFT JOIN catalog_area_keys k ON k.area_key = lower(trim(r.area))
        GROUP BY ALL HAVING sum(r.copies) > 1)`)
    const yearColumns = years.map((y) => `${col(header, y)} AS "${y}"`).join(", ")
    const yearList = years.map((y) => `"${y}"`).join(", ")
    const uniqueKeys = Number(repeats[0]?.n ?? 0) === 0
    // Without repeats, cells need no line of their own (wdi_rows has each row's). With
    // repeats, the loader must tell the two rows apart, so every cell carries its row's line.
    yield* ctx.stageSelect(`
      SELECT indicator_id, area, year, value, NULL AS flag, ${uniqueKeys ? "NULL" : `${headerIndex + 1} + rn`} AS line, year AS field
      FROM (
        UNPIVOT (SELECT trim(${code}) AS indicator_id, ${area} AS area, ${uniqueKeys ? "" : "row_number() OVER () AS rn, "}${yearColumns} FROM ${read})
        ON ${yearList} INTO NAME year VALUE value
      )`)
    return {
      format: "wdi-bulk-wide",
      releasedAt,
      ...(uniqueKeys ? { lines: "wdi_rows", uniqueKeys } : {}),
      indicatorNames: () =>
        ctx.sql
          .query<{ code: string; name: string }>("SELECT indicator_id AS code, any_value(name) AS name FROM wdi_rows WHERE name IS NOT NULL GROUP BY 1")
          .pipe(Effect.map((rows) => Object.fromEntries(rows.map((n) => [n.code, n.name]))))
    }
  })

/** The fields read from the datapackage.json beside a long file; the rest is not used. */
const DataPackage = Schema.Struct({
  name: Schema.optionalKey(Schema.String),
  title: Schema.optionalKey(Schema.NullOr(Schema.String)),
  worldbank: Schema.optionalKey(Schema.Struct({ indicator: Schema.optionalKey(Schema.String) }))
})

const stageLong = (file: LandedFile, ctx: StageContext, headerIndex: number, header: Array<string>) =>
  Effect.gen(function* () {
    const hasCodeColumn = header.includes("Indicator Code")
    let indicator: string | null = null
    let title: string | null = null
    if (!hasCodeColumn) {
      const packagePath = join(dirname(file.path), "datapackage.json")
      if (!existsSync(packagePath)) {
        return yield* new SourceFormatError({
          sourceId: id,
          file: file.origin,
          line: headerIndex + 1,
          column: "Indicator Code",
          problem: 'a long WDI file needs an "Indicator Code" column or a datapackage.json beside it naming the indicator'
        })
      }
      const json = yield* Effect.try({
        try: (): unknown => JSON.parse(readFileSync(packagePath, "utf8")),
        catch: (cause) => new SourceFormatError({ sourceId: id, file: packagePath, problem: `datapackage.json is not valid JSON (${String(cause)})` })
      })
      const meta = yield* decodeExternal(
        DataPackage,
        json,
        (problem) =>
          new SourceFormatError({ sourceId: id, file: packagePath, problem: `datapackage.json is not a Frictionless data package as published (${problem})` })
      )
      indicator = (meta.worldbank?.indicator ?? meta.name ?? "").toUpperCase()
      title = meta.title ?? null
      if (!/^[A-Z0-9]+(\.[A-Z0-9]+)+$/.test(indicator)) {
        return yield* new SourceFormatError({
          sourceId: id,
          file: packagePath,
          problem: `cannot tell the indicator code from datapackage.json ("${indicator}")`
        })
      }
    }
    const read = readCsv(file, ctx, headerIndex, header)
    yield* ctx.stageSelect(`
      SELECT ${hasCodeColumn ? col(header, "Indicator Code") : ctx.literal(indicator!)} AS indicator_id,
             ${col(header, "Country Code")} AS area, ${col(header, "Year")} AS year, ${col(header, "Value")} AS value,
             NULL AS flag, ${headerIndex + 1} + row_number() OVER () AS line, 'Value' AS field
      FROM ${read}`)
    return {
      format: "wdi-long",
      releasedAt: null,
      indicatorNames: indicator && title ? { [indicator]: title } : {}
    }
  })

/**
 * The WDI indicators brecha retrieves live from the World Bank API. IQ.SCI.OVRL (Statistical
 * Capacity score) is not among them: it is archived, the API answers it with message 175
 * ("The indicator was not found. It may have been deleted or archived"), and its successor,
 * the SPI, is retrieved live by the `spi` source. Its history stays as loaded from the files.
 */
export const wdiIndicators = ["IT.NET.USER.ZS", "IT.NET.BBND.P2", "IT.CEL.SETS.P2", "IT.NET.SECR.P6", "SP.POP.TOTL", "SE.TER.ENRR"] as const

/** WDI indicators that are archived by the publisher: final, loaded from files only. */
export const wdiArchived = ["IQ.SCI.OVRL"] as const

export const wdi: Source = {
  id,
  title: "World Development Indicators",
  publisher: "World Bank",
  licence: "CC BY 4.0",
  homepage: "https://datacatalog.worldbank.org/search/dataset/0037712",
  mirror: ["wb-wdi/bulk-csv-original/API_*.csv", "wb-wdi/datasets-wdi/*/data.csv"],
  live: {
    baseUrl: "https://api.worldbank.org/v2",
    // One request per indicator: per_page=20000 holds every economy-year of a WDI series.
    datasets: (base) =>
      wdiIndicators.map((code) => ({
        unit: `api/${code}`,
        url: `${base}/country/all/indicator/${code}?format=json&per_page=20000`,
        fileName: `${code}.json`,
        paging: "worldbank-v2" as const,
        expect: "json" as const
      }))
  },
  stage: (file, ctx) =>
    Effect.gen(function* () {
      const firstByte = firstByteWhere(file, (b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0xef && b !== 0xbb && b !== 0xbf)
      if (firstByte === 0x5b /* [ */) {
        const staged = yield* stageWorldBankApiJson(id, file, ctx)
        return { format: "wdi-api-json", ...staged }
      }
      const lines = yield* headLines(file)
      yield* requireUtf8(file, { sourceId: id, file: file.origin })
      // The header is the first line whose first cell is "Country Name" (after any preamble).
      const limit = Math.min(lines.length, 12)
      let headerIndex = -1
      let header: Array<string> = []
      for (let i = 0; i < limit; i++) {
        if (!/^\s*"?Country Name"?\s*,/i.test(lines[i])) continue
        headerIndex = i
        header = yield* fieldsOf(lines[i], i + 1, file)
        break
      }
      if (headerIndex < 0) {
        const first = lines.find((l) => l.trim().length > 0) ?? ""
        return yield* new SourceFormatError({
          sourceId: id,
          file: file.origin,
          line: 1,
          problem: `no WDI header found in the first ${limit} lines (expected a line starting "Country Name","Country Code"; the file starts ${JSON.stringify(first.slice(0, 60))})`
        })
      }
      if (header.includes("Year") && header.includes("Value")) {
        for (const name of ["Country Code", "Year", "Value"]) {
          if (!header.includes(name)) {
            return yield* new SourceFormatError({
              sourceId: id,
              file: file.origin,
              line: headerIndex + 1,
              column: name,
              problem: `required column "${name}" is missing`
            })
          }
        }
        return yield* stageLong(file, ctx, headerIndex, header)
      }
      return yield* stageBulk(file, ctx, lines, headerIndex, header)
    })
}
