// Open Data Inventory (Open Data Watch), in two forms.
//
// Live: the JSON API behind odin.opendatawatch.com (Open Data Watch's own service, declared as
// `apiUrl` in the site's bundle): https://odin-aim.akroninc.net/api/api/. The scored endpoints
// answer only POST (a GET is 405); brecha asks, per edition,
//   POST https://odin-aim.akroninc.net/api/api/client/GetRanking/{useId}   body {} (default weights)
// and receives a JSON array, one element per assessed country:
//   {countryId, countryCode (ISO3), countryName, regionCode, regionName, regionId, continentId,
//    continent, coverageSubscore, opennessSubscore, rowTotalSubscore, rank}
// ODIN's published 0–100 scores (weighted by ODIN's default weights). `useId` numbers the
// editions (client/GetLiveYears: 8 = 2022/23, 9 = 2024/25); the edition year is not in the
// answer, so it is carried in the dataset's file name. No paging. Errors are ASP.NET
// problem+json with HTTP 400 (e.g. a non-numeric countryId). Sources: the site's Angular bundle
// (its `client/…` calls and whether each is a GET or a POST) and the measured answers of
// 2026-10-04, summarised in ../shared/data/raw/api-samples/README.md §6; user page
// https://odin.opendatawatch.com/Data/Download. These published scores are loaded as
// ODIN.SCORE.* and never mixed with the scores brecha derives from the CSV below, whose
// unweighted method differs by a few points.
// Not used: client/DataDownload (POST, the site's export; the request body's values are not
// documented) and the bulk ZIP of .xlsx workbooks (no spreadsheet reader here).
//
// Files: the 2022/23 edition, the original download. One row per
// country and data category with the points of ten elements (five of coverage, five of
// openness; 0, 0.5 or 1 each, "-" where an element does not apply), plus an
// `All Categories` row per country with the sums.
// Quirks: CRLF; Latin-1 bytes (the © of the footer, "Türkiye" in 23 rows), which are invalid
// UTF-8 and decoded as Latin-1; four footer lines after the data (©, citation, a timestamp,
// "Last updated: <date>", which becomes the release date).
// Scores are put on ODIN's published 0–100 scale: the points of the All Categories row
// divided by the points possible for that country (one per applicable element cell in its
// category rows) × 100, for coverage, openness and overall.
import { Effect, Schema } from "effect"
import { decodeExternal } from "../decode.ts"
import { SourceFormatError } from "../errors.ts"
import { parseCsvTable, type CsvRecord } from "../files/csv.ts"
import { decodeText } from "../files/text.ts"
import type { LandedFile, Source, StagedRow } from "../source.ts"

const id = "odin"

export const coverageElements = [
  "Indicator coverage and disaggregation",
  "Data available last 5 years",
  "Data available last 10 years",
  "First administrative level",
  "Second administrative level"
] as const
export const opennessElements = ["Machine readable", "Non-proprietary", "Download options", "Metadata available", "Terms of use"] as const
const keyColumns = ["Year", "Country Code", "Data categories"] as const
const allCategories = "all categories"
const notApplicable = "-"

const months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]

/** Splits the text into data and footer: the footer is the trailing lines that are not records of a year. */
export const splitFooter = (text: string) => {
  const lines = text.split(/\r\n|\n|\r/)
  let end = lines.length
  while (end > 1 && !/^\s*"?\d{4}"?\s*,/.test(lines[end - 1])) end--
  const footer = lines.slice(end).filter((l) => l.trim() !== "")
  const updated = footer.map((l) => /^Last updated:\s*([A-Za-z]+)\s+(\d{1,2}),\s*(\d{4})/i.exec(l.trim())).find(Boolean)
  const month = updated ? months.indexOf(updated[1].toLowerCase()) + 1 : 0
  const releasedAt = updated && month > 0 ? `${updated[3]}-${String(month).padStart(2, "0")}-${updated[2].padStart(2, "0")}` : null
  return { data: lines.slice(0, end).join("\n"), footer, releasedAt }
}

/** Element cells that apply (not "-") in a country's category rows: one possible point each. */
const tally = (records: ReadonlyArray<CsvRecord>, at: ReadonlyArray<number>) => {
  let possible = 0
  for (const r of records) for (const i of at) if ((r.fields[i] ?? "").trim() !== notApplicable) possible++
  return possible
}

const stageOdin = (file: LandedFile) =>
  Effect.gen(function* () {
    const where = { sourceId: id, file: file.origin }
    const { data, releasedAt } = splitFooter(yield* decodeText(file.bytes, { ...where, invalidUtf8: "latin1" }))
    const { records, at } = yield* parseCsvTable<string>(data, where, [...keyColumns, ...coverageElements, ...opennessElements])
    const byCountry = new Map<string, { total?: CsvRecord; categories: Array<CsvRecord> }>()
    for (const record of records) {
      const key = `${record.fields[at["Country Code"]].trim()}|${record.fields[at.Year].trim()}`
      const entry = byCountry.get(key) ?? { categories: [] }
      if (record.fields[at["Data categories"]].trim().toLowerCase() === allCategories) entry.total = record
      else entry.categories.push(record)
      byCountry.set(key, entry)
    }
    const rows: Array<StagedRow> = []
    for (const { total, categories } of byCountry.values()) {
      if (!total) continue
      const scale = (elements: ReadonlyArray<string>) => {
        const columns = elements.map((e) => at[e])
        const cells = columns.map((i) => total.fields[i].trim())
        // A cell that is not a number is staged as it is, so validation rejects it with its reason.
        const bad = cells.find((c) => !Number.isFinite(Number(c)) || c === "")
        if (bad !== undefined) return bad
        const possible = tally(categories, columns)
        if (possible === 0) return null
        const points = cells.reduce((s, c) => s + Number(c), 0)
        return String(Math.round((points / possible) * 100 * 1e6) / 1e6)
      }
      const base = { area: total.fields[at["Country Code"]], year: total.fields[at.Year], line: total.line, flag: "derived" }
      rows.push({ ...base, indicator_id: "ODIN.COVERAGE", value: scale(coverageElements), field: "coverage elements" })
      rows.push({ ...base, indicator_id: "ODIN.OPENNESS", value: scale(opennessElements), field: "openness elements" })
      rows.push({ ...base, indicator_id: "ODIN.OVERALL", value: scale([...coverageElements, ...opennessElements]), field: "all elements" })
    }
    if (rows.length === 0) {
      return yield* new SourceFormatError({ ...where, problem: `no "All Categories" row: cannot tell any country's scores` })
    }
    return { rows, releasedAt }
  })

/** ODIN editions retrieved live: the API's useId and the edition's year. */
export const odinEditions = [
  { useId: 8, year: 2022 },
  { useId: 9, year: 2024 }
] as const

const publishedScores = [
  { field: "coverageSubscore", id: "ODIN.SCORE.COVERAGE" },
  { field: "opennessSubscore", id: "ODIN.SCORE.OPENNESS" },
  { field: "rowTotalSubscore", id: "ODIN.SCORE.OVERALL" }
] as const

/** GetRanking: an array of countries, each an object of scores; the scores are validated as text in SQL. */
const Ranking = Schema.Array(Schema.Record(Schema.String, Schema.Unknown))

/** One GetRanking answer: the edition year comes from the file name the dataset gave it. */
const stageRanking = (file: LandedFile) =>
  Effect.gen(function* () {
    const where = { sourceId: id, file: file.origin }
    const fail = (problem: string) => new SourceFormatError({ ...where, problem })
    const year = /GetRanking_(\d{4})\.json$/.exec(file.path)?.[1] ?? /GetRanking\/(\d{4})$/.exec(file.unit)?.[1]
    if (!year) return yield* fail("cannot tell the edition year of this GetRanking answer (expected a file named GetRanking_<year>.json)")
    const text = yield* decodeText(file.bytes, where)
    const doc = yield* Effect.try({
      try: (): unknown => JSON.parse(text),
      catch: (e) => fail(`not valid JSON (${e instanceof Error ? e.message : String(e)})`)
    })
    const entries = yield* decodeExternal(Ranking, doc, (problem) =>
      fail(`expected the GetRanking layout, a JSON array of countries (${problem}); got ${JSON.stringify(doc).slice(0, 120)}`)
    )
    const rows: Array<StagedRow> = []
    for (const [i, entry] of entries.entries()) {
      const missing = ["countryCode", ...publishedScores.map((s) => s.field)].filter((k) => !(k in entry))
      if (missing.length > 0) {
        return yield* fail(
          `element ${i + 1}: field(s) ${missing.map((m) => `"${m}"`).join(", ")} missing (it has ${Object.keys(entry).join(", ") || "no fields"}); the API layout changed`
        )
      }
      for (const score of publishedScores) {
        const v = entry[score.field]
        rows.push({
          indicator_id: score.id,
          area: String(entry.countryCode ?? "").trim(),
          year,
          value: v === null || v === undefined ? null : String(v),
          line: i + 1,
          field: score.field
        })
      }
    }
    return rows
  })

export const odin: Source = {
  id,
  title: "Open Data Inventory (ODIN)",
  publisher: "Open Data Watch",
  licence: "CC BY 4.0",
  homepage: "https://odin.opendatawatch.com",
  mirror: ["odin/ODIN_*.csv"],
  live: {
    baseUrl: "https://odin-aim.akroninc.net/api/api",
    datasets: (base) =>
      odinEditions.map(({ useId, year }) => ({
        unit: `api/GetRanking/${year}`,
        url: `${base}/client/GetRanking/${useId}`,
        fileName: `GetRanking_${year}.json`,
        paging: "none" as const,
        expect: "json" as const,
        // The default weights: what the site's ranking page shows.
        postJson: {}
      }))
  },
  stage: (file, ctx) =>
    Effect.gen(function* () {
      if (file.path.endsWith(".json")) {
        yield* ctx.stageRows(yield* stageRanking(file))
        return { format: "odin-api-ranking-json", releasedAt: null }
      }
      const { rows, releasedAt } = yield* stageOdin(file)
      yield* ctx.stageRows(rows)
      return { format: "odin-csv", releasedAt }
    })
}
