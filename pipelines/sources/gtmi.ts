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
import { readBlavatnikLong } from "../files/blavatnikLong.ts"
import type { Source, StagedRow } from "../source.ts"

const id = "gtmi"

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
      const { rows } = yield* readBlavatnikLong(id, file, gtmiIndicatorId)
      for (const row of rows) {
        // Any other variable would be a different file, not a new GTMI question group.
        if (!/^gtmi_[a-z0-9_]+$/.test(row.field ?? "")) {
          return yield* new SourceFormatError({
            sourceId: id, file: file.origin, line: row.line, column: "variable",
            problem: `"${row.field}" is not a GTMI question-group variable (gtmi_…): is this the GTMI file?`
          })
        }
      }
      // R writes a missing value as NA.
      const isNa = (value: StagedRow["value"]) => typeof value === "string" && value.trim().toUpperCase() === "NA"
      yield* ctx.stageRows(rows.map((row) => ({ ...row, value: isNa(row.value) ? null : row.value, flag: null })))
      return { format: "gtmi-long-csv", releasedAt: null }
    })
}
