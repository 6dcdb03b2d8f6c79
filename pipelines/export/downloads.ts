// Full downloads: every current observation (with names, units and vintage dates) as CSV and
// Parquet, written by DuckDB itself, and as an Arrow IPC file (typed, codes dictionary-encoded);
// and the complete list of changes as CSV.
import { Effect } from "effect"
import { statSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import type { SiteMeta } from "../../src/contract/types.ts"
import { WarehouseError } from "../errors.ts"
import type { Sql } from "../warehouse/Warehouse.ts"
import { queryToArrow } from "./arrow.ts"

/** The observations download; `typed` keeps the vintage dates as DATE and TIMESTAMP (Arrow), else text (CSV). */
const observationsSelect = (typed: boolean) => `
  SELECT o.indicator_id, i.name_en AS indicator_name_en, i.name_es AS indicator_name_es, i.unit,
         o.country_iso3, c.name_en AS country_name_en, c.name_es AS country_name_es,
         o.year, o.value, o.flag, o.source_id, o.vintage_id,
         ${typed ? "v.released_at" : "CAST(v.released_at AS VARCHAR)"} AS vintage_released_at,
         ${typed ? "v.retrieved_at" : "CAST(v.retrieved_at AS VARCHAR)"} AS vintage_retrieved_at
  FROM observations o
  JOIN indicators i USING (indicator_id)
  LEFT JOIN countries c ON c.iso3 = o.country_iso3
  JOIN vintages v USING (vintage_id)
  ORDER BY o.indicator_id, o.country_iso3, o.year`
const observationsQuery = observationsSelect(false)

/** The columns of observations.arrow that repeat codes and names: dictionary-encoded. */
export const arrowDictionaryColumns = [
  "indicator_id",
  "indicator_name_en",
  "indicator_name_es",
  "unit",
  "country_iso3",
  "country_name_en",
  "country_name_es",
  "flag",
  "source_id"
]

const changesQuery = `
  SELECT kind, run_id, CAST(changed_at AS VARCHAR) AS changed_at, source_id, indicator_id, country_iso3, year,
         old_value, new_value, old_vintage_id, new_vintage_id, error
  FROM changes ORDER BY run_id DESC, kind, source_id, indicator_id, country_iso3, year`

const quote = (path: string) => `'${path.replace(/'/g, "''")}'`

export const writeDownloads = (sql: Sql, dir: string) =>
  Effect.gen(function* () {
    const files: Array<{ file: string; query: string; options: string; en: string; es: string }> = [
      {
        file: "observations.csv",
        query: observationsQuery,
        options: "(HEADER, DELIMITER ',')",
        en: "All observations (CSV)",
        es: "Todas las observaciones (CSV)"
      },
      {
        file: "observations.parquet",
        query: observationsQuery,
        options: "(FORMAT parquet, COMPRESSION zstd)",
        en: "All observations (Parquet)",
        es: "Todas las observaciones (Parquet)"
      },
      {
        file: "changes.csv",
        query: changesQuery,
        options: "(HEADER, DELIMITER ',')",
        en: "Every change, run by run (CSV)",
        es: "Todos los cambios, por ejecución (CSV)"
      }
    ]
    const written: Array<SiteMeta["downloads"][number]> = []
    for (const f of files) {
      const path = join(dir, f.file)
      yield* sql.run(`COPY (${f.query}) TO ${quote(path)} ${f.options}`)
      written.push({ file: `data/downloads/${f.file}`, bytes: statSync(path).size, label: { en: f.en, es: f.es } })
    }
    const arrow = join(dir, "observations.arrow")
    const bytes = yield* queryToArrow(sql, observationsSelect(true), arrowDictionaryColumns)
    yield* Effect.try({
      try: () => writeFileSync(arrow, bytes),
      catch: (e) => new WarehouseError({ operation: "write observations.arrow", path: arrow, detail: String(e) })
    })
    // Listed right after the Parquet file.
    written.splice(2, 0, {
      file: "data/downloads/observations.arrow",
      bytes: bytes.length,
      label: { en: "All observations (Apache Arrow IPC)", es: "Todas las observaciones (Apache Arrow IPC)" }
    })
    return written
  })
