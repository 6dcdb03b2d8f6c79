// The baseline of the ETL benchmark: DuckDB by itself reads the WDI bulk CSV and unpivots
// it into a table of (indicator, area, year, value), with no validation or bookkeeping.
import { DuckDBInstance } from "@duckdb/node-api"

const [file, dbPath] = process.argv.slice(2)
const instance = await DuckDBInstance.create(dbPath)
const conn = await instance.connect()
await conn.run(`
  CREATE TABLE obs AS
  SELECT "Indicator Code" AS indicator_id, "Country Code" AS area, CAST(year AS SMALLINT) AS year, CAST(value AS DOUBLE) AS value
  FROM (UNPIVOT (SELECT * EXCLUDE ("Country Name", "Indicator Name") FROM read_csv('${file.replaceAll("'", "''")}', skip = 4, header = true, all_varchar = true))
        ON COLUMNS('^[0-9]{4}$') INTO NAME year VALUE value)`)
const count = await conn.runAndReadAll("SELECT count(*) AS n FROM obs")
console.log(`${count.getRowObjectsJS()[0].n} values`)
conn.closeSync()
instance.closeSync()
process.stderr.write(`peak_rss_kb=${process.resourceUsage().maxRSS}\n`)
