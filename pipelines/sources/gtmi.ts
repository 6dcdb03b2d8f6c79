// World Bank GovTech Maturity Index 2022, as the long question-group file
// `gtmi_2022_metadata.csv` ("cc_iso3c","ref_year","variable","value", BOM): 29 `gtmi_*`
// variables per economy, each the sum of the points of one group of GTMI survey questions.
// This is not the World Bank's workbook: the Blavatnik School re-processed it into this
// shape, and neither the GTMI composite nor its four sub-indices (CGSI, PSDI, DCEI, GTEI)
// are in it. Nothing is aggregated here: a composite made from these groups would be ours,
// not the World Bank's. Each variable becomes WB.GTMI.<NAME> (gtmi_data_exchange →
// WB.GTMI.DATA_EXCHANGE).
import { Effect } from "effect"
import { SourceFormatError } from "../errors.ts"
import { readCsvTable } from "../files/csv.ts"
import type { Source, StagedRow } from "../source.ts"

const id = "gtmi"
const columns = ["cc_iso3c", "ref_year", "variable", "value"] as const

export const gtmiIndicatorId = (variable: string): string => `WB.GTMI.${variable.replace(/^gtmi_/, "").toUpperCase()}`

export const gtmi: Source = {
  id,
  title: "GovTech Maturity Index 2022 (question groups)",
  publisher: "World Bank (re-processed by the Blavatnik School of Government)",
  licence: "CC BY 4.0",
  homepage: "https://www.worldbank.org/en/programs/govtech/gtmi",
  mirror: ["wb-gtmi/gtmi_2022_metadata.csv"],
  stage: (file, ctx) =>
    Effect.gen(function*() {
      const options = { sourceId: id, file: file.origin }
      const { records, at } = yield* readCsvTable(id, file, columns)
      const rows: Array<StagedRow> = []
      for (const record of records) {
        const cell = (name: (typeof columns)[number]) => (record.fields[at[name]] ?? "").trim()
        const variable = cell("variable")
        // Any other variable would be a different file, not a new GTMI question group.
        if (!/^gtmi_[a-z0-9_]+$/.test(variable)) {
          return yield* new SourceFormatError({
            ...options, line: record.line, column: "variable",
            problem: `"${variable}" is not a GTMI question-group variable (gtmi_…): is this the GTMI file?`
          })
        }
        const value = cell("value")
        rows.push({
          indicator_id: gtmiIndicatorId(variable), area: cell("cc_iso3c"), year: cell("ref_year"),
          // R writes a missing value as NA.
          value: value.toUpperCase() === "NA" ? null : value,
          flag: null, line: record.line, field: variable
        })
      }
      yield* ctx.stageRows(rows)
      return { format: "gtmi-long-csv", releasedAt: null }
    })
}
