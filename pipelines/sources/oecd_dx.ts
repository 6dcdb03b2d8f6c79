// OECD Data Explorer export of the Digital Government Index and OURdata Index (dataflow
// OECD.GOV.GIP:DSD_GOV@DF_GOV_DGOGD_2025, Government at a Glance 2025), SDMX-CSV "with
// labels": code and label columns alternate (MEASURE, Measure, …), labels with commas are
// quoted, CRLF, and the empty label/base-period columns leave every line ending in ",,".
// It is the OECD's own file, with its own average (OECD_REP, an aggregate), so brecha uses
// it as the reference for the DGI/OURdata figures extracted by others from PDFs and for its
// own recomputed OECD averages (pipelines/sql/views/060_data_quality_oecd.sql).
// Facts about the file: ../shared/data/raw/PROVENANCE.md §6.2.
import { Effect } from "effect"
import { SourceFormatError } from "../errors.ts"
import { readLongCsv } from "../files/ddf.ts"
import { sdmxCsvDataset } from "../live/sdmx.ts"
import type { Source } from "../source.ts"

const id = "oecd_dx"
const dataflow = "DF_GOV_DGOGD"

export const oecdDx: Source = {
  id,
  title: "OECD Digital Government Index and OURdata Index (OECD Data Explorer, Government at a Glance 2025)",
  publisher: "OECD",
  licence: "OECD terms and conditions (re-use permitted with attribution); the copy used states CC BY 4.0",
  homepage: "https://data-explorer.oecd.org/",
  mirror: ["oecd-dgogd/oecd_dgi_full.csv"],
  // Live: the OECD's SDMX REST service answers the same labelled SDMX-CSV as the download.
  live: {
    baseUrl: "https://sdmx.oecd.org/public/rest",
    datasets: (base) => [
      sdmxCsvDataset(base, {
        agency: "OECD.GOV.GIP",
        dataflow: "DSD_GOV@DF_GOV_DGOGD_2025",
        version: "1.0",
        fileName: "DF_GOV_DGOGD_2025.csv"
      })
    ]
  },
  stage: (file, ctx) =>
    Effect.gen(function* () {
      const csv = yield* readLongCsv(id, file, ctx, ["STRUCTURE_ID", "REF_AREA", "MEASURE", "TIME_PERIOD", "OBS_VALUE"])
      const c = csv.col
      // Another dataflow has other MEASURE codes that would land under OECD.DX.* ids by accident.
      const foreign = yield* ctx.sql.query<{ s: string; line: number }>(
        `SELECT s, line FROM (SELECT ${c("STRUCTURE_ID")} AS s, row_number() OVER () + 1 AS line FROM ${csv.read})
         WHERE s IS NULL OR s NOT LIKE '%${dataflow}%' LIMIT 1`
      )
      if (foreign.length > 0) {
        return yield* new SourceFormatError({
          sourceId: id,
          file: file.origin,
          line: Number(foreign[0].line),
          column: "STRUCTURE_ID",
          problem: `the row belongs to dataflow "${foreign[0].s ?? ""}", not the digital government indexes (${dataflow})`
        })
      }
      // A unit multiplier other than 0 would scale every value; the indexes are published unscaled.
      if (csv.has("UNIT_MULT")) {
        const scaled = yield* ctx.sql.query<{ m: string; line: number }>(
          `SELECT m, line FROM (SELECT trim(${c("UNIT_MULT")}) AS m, row_number() OVER () + 1 AS line FROM ${csv.read})
           WHERE m IS NOT NULL AND m NOT IN ('', '0') LIMIT 1`
        )
        if (scaled.length > 0) {
          return yield* new SourceFormatError({
            sourceId: id,
            file: file.origin,
            line: Number(scaled[0].line),
            column: "UNIT_MULT",
            problem: `unit multiplier ${scaled[0].m}: the index values are expected unscaled (0)`
          })
        }
      }
      const status = csv.has("OBS_STATUS")
        ? `CASE upper(trim(${c("OBS_STATUS")})) WHEN 'E' THEN 'estimate' WHEN 'P' THEN 'provisional' WHEN 'B' THEN 'break' ELSE NULL END`
        : "NULL"
      // SDMX-CSV may carry deletions (ACTION = D): they are not values.
      const notDeleted = csv.has("ACTION") ? `AND upper(coalesce(trim(${c("ACTION")}), '')) <> 'D'` : ""
      yield* ctx.stageSelect(`
        SELECT 'OECD.DX.' || upper(trim(${c("MEASURE")})) AS indicator_id, trim(${c("REF_AREA")}) AS area,
               ${c("TIME_PERIOD")} AS year, ${c("OBS_VALUE")} AS value, ${status} AS flag, line, 'OBS_VALUE' AS field
        FROM (SELECT *, row_number() OVER () + 1 AS line FROM ${csv.read})
        WHERE trim(coalesce(${c("MEASURE")}, '')) <> '' ${notDeleted}`)
      // Labels, when the export has them (the label column is the one named in mixed case).
      const names = csv.header.includes("Measure")
        ? yield* ctx.sql.query<{ code: string; name: string }>(
            `SELECT DISTINCT 'OECD.DX.' || upper(trim(${c("MEASURE")})) AS code, trim(${c("Measure")}) AS name FROM ${csv.read}
           WHERE ${c("Measure")} IS NOT NULL AND trim(${c("Measure")}) <> '' AND ${c("MEASURE")} IS NOT NULL`
          )
        : []
      return { format: "oecd-sdmx-csv-labels", releasedAt: null, indicatorNames: Object.fromEntries(names.map((n) => [n.code, n.name])) }
    })
}
