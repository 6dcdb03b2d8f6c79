// Floors for the ETL benchmark, beside the write floor (bench-write-floor.ts): what DuckDB
// alone takes, in this process, for the two extra reads a validating load of a WDI bulk file
// makes, with no test on any cell:
//   - read: read_csv + UNPIVOT of every cell, only counted (the peel reads every cell once);
//   - row index: the narrow read numbering rows in file order (line numbers, names, repeated
//     keys), grouped by (indicator, area), as the WDI source's stage does.
// Prints one line: `read_s=… row_index_s=…`.
import { DuckDBInstance } from "@duckdb/node-api"

const [file] = process.argv.slice(2)
const instance = await DuckDBInstance.create(":memory:", { memory_limit: "500MB" })
const conn = await instance.connect()
const csv = `read_csv('${file.replaceAll("'", "''")}', skip = 4, header = true, all_varchar = true)`
const timed = async (sql: string) => {
  const started = performance.now()
  await conn.runAndReadAll(sql)
  return (performance.now() - started) / 1000
}
const read = await timed(`SELECT count(*) FROM (UNPIVOT (SELECT * EXCLUDE ("Country Name", "Indicator Name") FROM ${csv})
  ON COLUMNS('^[0-9]{4}$') INTO NAME year VALUE value)`)
const rowIndex = await timed(`SELECT count(*) FROM (
  SELECT indicator_id, area, min(name), count(*), min(rn) FROM (
    SELECT "Indicator Code" AS indicator_id, "Country Code" AS area, "Indicator Name" AS name, row_number() OVER () AS rn FROM ${csv})
  GROUP BY ALL)`)
console.log(`read_s=${read.toFixed(3)} row_index_s=${rowIndex.toFixed(3)}`)
conn.closeSync()
instance.closeSync()
