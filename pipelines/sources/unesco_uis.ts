// UNESCO Institute for Statistics, CSV as returned by the UIS data API
// (`indicatorId,geoUnit,year,value,qualifier,magnitude`). brecha uses it for the share of
// tertiary graduates who studied ICT, by sex (FOSGP.5T8.F600.F / .M); any indicator in such
// a file is staged under the publisher's id. The files are small: decoded in JS.
//
// The two metadata columns change what a value means, so both are read strictly:
//  - magnitude NA  = "not applicable" (the category does not exist, e.g. a territory with no
//    tertiary graduates). The 0 written beside it is a placeholder, not a measured share:
//    it is treated as missing.
//  - magnitude NIL = "nil or negligible": a real measurement that rounds to zero. The 0 is
//    kept as a value.
//  - qualifier NAT_EST / UIS_EST = a national or a UIS estimate: kept as flag "estimate".
// An unknown code in either column fails the file rather than being guessed at.
import { Effect } from "effect"
import { SourceFormatError } from "../errors.ts"
import { readCsvTable } from "../files/csv.ts"
import type { Source, StagedRow } from "../source.ts"

const id = "unesco_uis"
const columns = ["indicatorId", "geoUnit", "year", "value", "qualifier", "magnitude"] as const

const qualifierFlags: Readonly<Record<string, string | null>> = { "": null, NAT_EST: "estimate", UIS_EST: "estimate" }
const magnitudes = new Set(["", "NA", "NIL"])

/**
 * Breaks in a series that the file does not mark, with the reason; the first value after
 * the break is flagged. Mexico's ICT-graduate shares move by a factor of 2–4 between two
 * consecutive years, for both sexes, twice (2009→2010 down, 2016→2017 up) and then stay at
 * the new level: a share of a graduating cohort of Mexico's size cannot move like that, so
 * these are changes in how programmes were classified or reported, not in the graduates.
 * The 2017 jump matches the move from ISCED-97 fields to ISCED-F 2013; the cause of the 2010
 * drop is not documented in the file (see the catalogue notes).
 */
export const knownBreaks: ReadonlyArray<{ readonly indicatorPrefix: string; readonly area: string; readonly years: ReadonlyArray<number> }> = [
  { indicatorPrefix: "FOSGP.5T8.F600.", area: "MEX", years: [2010, 2017] }
]

const isBreak = (indicator: string, area: string, year: string) =>
  knownBreaks.some((b) => indicator.startsWith(b.indicatorPrefix) && b.area === area && b.years.includes(Number(year)))

export const unescoUis: Source = {
  id,
  title: "UNESCO Institute for Statistics (graduates from ICT programmes)",
  publisher: "UNESCO Institute for Statistics",
  licence: "not stated in the copy held (a third-party GitHub copy of a UIS API download)",
  homepage: "https://databrowser.uis.unesco.org",
  mirror: ["unesco-uis/data_ICT_*.csv"],
  stage: (file, ctx) =>
    Effect.gen(function*() {
      const options = { sourceId: id, file: file.origin }
      const { records, at } = yield* readCsvTable(id, file, columns)
      const rows: Array<StagedRow> = []
      const names = new Set<string>()
      for (const record of records) {
        const cell = (name: (typeof columns)[number]) => (record.fields[at[name]] ?? "").trim()
        const qualifier = cell("qualifier")
        const magnitude = cell("magnitude").toUpperCase()
        if (!Object.hasOwn(qualifierFlags, qualifier)) {
          return yield* new SourceFormatError({ ...options, line: record.line, column: "qualifier", problem: `unknown qualifier "${qualifier}" (known: NAT_EST, UIS_EST or empty)` })
        }
        if (!magnitudes.has(magnitude)) {
          return yield* new SourceFormatError({ ...options, line: record.line, column: "magnitude", problem: `unknown magnitude "${magnitude}" (known: NA, NIL or empty)` })
        }
        const indicator = cell("indicatorId")
        const area = cell("geoUnit")
        const year = cell("year")
        names.add(indicator)
        rows.push({
          indicator_id: indicator, area, year,
          value: magnitude === "NA" ? null : cell("value"),
          flag: isBreak(indicator, area, year) ? "break" : qualifierFlags[qualifier],
          line: record.line, field: "value"
        })
      }
      yield* ctx.stageRows(rows)
      return { format: "uis-api-csv", releasedAt: null }
    })
}
