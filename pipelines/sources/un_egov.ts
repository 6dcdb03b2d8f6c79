// UN E-Government Survey (UN DESA): EGDI, its three components, the E-Participation index
// and the EGDI rank, from three kinds of file of the same survey:
//  - World Bank Data360 extracts (Parquet, one component per file, every edition 2003–2024);
//  - UN Data Center "EGOV_DATA_<year>.csv" downloads, whose header differs between copies
//    (UN spelling; an extra ISO3 `CODE` column; a renamed `Country,Rank,E_Index,…` header);
//  - the UNU-EGOV re-packaging egdi-<year>.csv (ISO3 codes, pandas float artefacts, float ranks).
// Each file is its own vintage. A UN or UNU file is dated by its survey year; a Data360 file
// has no date, so it is dated by its retrieval, which makes the later Data360 re-publication
// the current value wherever it has one. The view data_quality_egov lists where files disagree.
import { Effect } from "effect"
import { basename } from "node:path"
import { SourceFormatError } from "../errors.ts"
import { data360LiveDatasets, stageData360File, type Data360Series } from "../files/data360.ts"
import { parseCsv, requireHeaderWidth } from "../files/csv.ts"
import { decodeText } from "../files/text.ts"
import type { LandedFile, Source, StageContext, StagedRow } from "../source.ts"

const id = "un_egov"

/**
 * The Data360 copies of the survey (Parquet extracts, or the Data360 API live). TTI is
 * Data360's spelling of the UN's TII. An EGDI of 0 means the survey did not score the
 * country that year, so it is missing; components keep their published zeros.
 */
export const egovData360Series: ReadonlyArray<Data360Series> = [
  { database: "UN_EGDI", code: "UN_EGDI_EGDI", id: "UN.EGDI", zeroIsMissing: true },
  { database: "UN_EGDI", code: "UN_EGDI_OSI", id: "UN.EGDI.OSI" },
  { database: "UN_EGDI", code: "UN_EGDI_HCI", id: "UN.EGDI.HCI" },
  { database: "UN_EGDI", code: "UN_EGDI_TTI", id: "UN.EGDI.TII" }
]

/** CSV measures: our id and every header spelling seen for it (UN, renamed copy, UNU-EGOV). */
const csvMeasures: ReadonlyArray<{ id: string; names: ReadonlyArray<string>; required: boolean }> = [
  { id: "UN.EGDI", names: ["E-Government Index", "E_Index", "e-gov-index"], required: true },
  { id: "UN.EGDI.OSI", names: ["Online Service Index", "Online_Service", "osi"], required: true },
  { id: "UN.EGDI.HCI", names: ["Human Capital Index", "Human_Capital", "hci"], required: true },
  { id: "UN.EGDI.TII", names: ["Telecommunication Infrastructure Index", "Tele_Infra", "tii"], required: true },
  { id: "UN.EPI", names: ["E-Participation Index", "E_Participation", "e-pat-index"], required: false },
  { id: "UN.EGDI.RANK", names: ["E-Government Rank", "Rank", "e-gov-rank"], required: false }
]
const codeColumns = ["CODE", "country-code"]
const nameColumns = ["Country Name", "Country", "country-name"]
const yearColumns = ["Survey Year"]

/**
 * Pandas wrote some values as the nearest binary double (0.6955600000000001); the UN
 * published 0.69556. Twelve significant digits are far more than any survey value has and
 * remove the artefact. Text that is not a number is passed on untouched so validation can
 * reject it with its reason.
 */
export const cleanNumber = (text: string): string => {
  const t = text.trim()
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(t)) return t
  // Only an artefact has 15 or more significant digits; anything else stays as written, so a
  // rejected cell shows the publisher's text.
  if (t.replace(/[-+.]/g, "").replace(/^0+/, "").length < 15) return t
  return String(Number(Number(t).toPrecision(12)))
}

const findColumn = (header: Array<string>, names: ReadonlyArray<string>) => {
  const lower = header.map((h) => h.trim().toLowerCase())
  for (const name of names) {
    const at = lower.indexOf(name.toLowerCase())
    if (at >= 0) return at
  }
  return -1
}

const stageCsv = (file: LandedFile, ctx: StageContext) =>
  Effect.gen(function* () {
    const where = { sourceId: id, file: file.origin }
    const text = yield* decodeText(file.bytes, where)
    const [header, ...records] = yield* parseCsv(text, where)
    if (!header) return yield* new SourceFormatError({ ...where, problem: "the file has no header" })
    const missing = (column: string, accepted: ReadonlyArray<string>) =>
      new SourceFormatError({
        ...where,
        line: header.line,
        column,
        problem: `required column "${column}" is missing from the header (accepted spellings: ${accepted.join(", ")}; found: ${header.fields.join(", ")})`
      })
    const codeAt = findColumn(header.fields, codeColumns)
    const nameAt = findColumn(header.fields, nameColumns)
    if (codeAt < 0 && nameAt < 0) return yield* missing("Country Name", [...nameColumns, ...codeColumns])
    // UNU-EGOV files carry no year column: the year is in the file name (egdi-2010.csv).
    const yearAt = findColumn(header.fields, yearColumns)
    const yearFromName = /(?:egdi|EGOV_DATA)[-_](\d{4})\.csv$/i.exec(basename(file.origin))?.[1]
    if (yearAt < 0 && !yearFromName) return yield* missing("Survey Year", yearColumns)
    const measures: Array<{ id: string; at: number }> = []
    for (const m of csvMeasures) {
      const at = findColumn(header.fields, m.names)
      if (at < 0 && m.required) return yield* missing(m.names[0], m.names)
      if (at >= 0) measures.push({ id: m.id, at })
    }
    const egdiAt = measures.find((m) => m.id === "UN.EGDI")!.at
    yield* requireHeaderWidth(header, records, where)
    const rows: Array<StagedRow> = []
    const years = new Set<string>()
    for (const record of records) {
      const cell = (at: number) => (record.fields[at] ?? "").trim()
      // The ISO3 code where the file has one; else the UN name (trailing spaces trimmed).
      const area = codeAt >= 0 && cell(codeAt) !== "" ? cell(codeAt) : cell(nameAt)
      const year = yearAt >= 0 ? cell(yearAt) : yearFromName!
      years.add(year)
      // An EGDI of exactly 0 is the survey's mark for a country it did not score (a missing
      // component, or no state yet); its tied last "rank" is no rank either.
      const unscored = Number(cleanNumber(cell(egdiAt))) === 0 && cell(egdiAt) !== ""
      for (const m of measures) {
        const blank = unscored && (m.id === "UN.EGDI" || m.id === "UN.EGDI.RANK")
        rows.push({
          indicator_id: m.id,
          area,
          year,
          value: blank ? null : cleanNumber(cell(m.at)),
          line: record.line,
          field: header.fields[m.at].trim()
        })
      }
    }
    if (rows.length > 0) yield* ctx.stageRows(rows)
    // Only the survey year is stated; the day is not, so the year's first day stands in.
    const surveyYear = years.size === 1 ? [...years][0] : undefined
    return {
      format:
        yearAt < 0 ? "unu-egov-csv" : findColumn(header.fields, ["E_Index"]) >= 0 ? "un-egov-csv-renamed" : codeAt >= 0 ? "un-egov-csv+code" : "un-egov-csv",
      releasedAt: surveyYear && /^\d{4}$/.test(surveyYear) ? `${surveyYear}-01-01` : null
    }
  })

export const unEgov: Source = {
  id,
  title: "UN E-Government Survey (EGDI and components)",
  publisher: "UN DESA",
  licence: "not stated",
  homepage: "https://publicadministration.un.org/egovkb/en-us/Data-Center",
  mirror: [
    "wb-data360/development/e-gov_development_index_(un_egdi)_-_overall_score.parquet",
    "wb-data360/development/e-gov_development_index_(un_egdi)_-_online_services_index.parquet",
    "wb-data360/development/e-gov_development_index_(un_egdi)_-_human_capital_index.parquet",
    "wb-data360/development/e-gov_development_index_(un_egdi)_-telecommunication_infrastructure_index.parquet",
    "un-egdi/*/EGOV_DATA_*.csv",
    "un-egdi/unu-egov/egdi-*.csv"
  ],
  // Live: the Data360 API. The UN Data Center's own CSV download has no stable URL we could
  // verify, so its files are read from a mirror or with `brecha ingest`.
  live: {
    baseUrl: "https://data360api.worldbank.org",
    datasets: (base) => data360LiveDatasets(base, egovData360Series)
  },
  stage: (file, ctx) => (/\.(parquet|json)$/i.test(file.path) ? stageData360File(id, file, ctx, egovData360Series) : stageCsv(file, ctx))
}
