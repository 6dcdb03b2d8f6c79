// A floor for the ETL benchmark (not its baseline, which is bench-duckdb-alone.ts): DuckDB by
// itself reads the WDI bulk CSV, unpivots it, and writes the rows into a table shaped like
// brecha's history (observation_log: indicator, country, year, value, flag, vintage) inside a
// transaction, with no validation, no area resolution and no bookkeeping. What brecha's
// ingest costs above this is what validating and peeling cost; below it nothing can go.
import { DuckDBInstance } from "@duckdb/node-api"

const [file, dbPath] = process.argv.slice(2)
const instance = await DuckDBInstance.create(dbPath, { memory_limit: "500MB" })
const conn = await instance.connect()
await conn.run(`CREATE TABLE observation_log (indicator_id VARCHAR NOT NULL, country_iso3 VARCHAR NOT NULL, year SMALLINT NOT NULL,
  value DOUBLE NOT NULL, flag VARCHAR, vintage_id INTEGER NOT NULL)`)
await conn.run("SET preserve_insertion_order = false")
await conn.run("SET disabled_compression_methods = 'fsst,dict_fsst'")
await conn.run("BEGIN")
await conn.run(`
  INSERT INTO observation_log
  SELECT "Indicator Code", "Country Code", CAST(year AS SMALLINT), CAST(value AS DOUBLE), NULL, 1
  FROM (UNPIVOT (SELECT * EXCLUDE ("Country Name", "Indicator Name") FROM read_csv('${file.replaceAll("'", "''")}', skip = 4, header = true, all_varchar = true))
        ON COLUMNS('^[0-9]{4}$') INTO NAME year VALUE value)`)
await conn.run("COMMIT")
const count = await conn.runAndReadAll("SELECT count(*) AS n FROM observation_log")
console.log(`${count.getRowObjectsJS()[0].n} values`)
conn.closeSync()
instance.closeSync()
process.stderr.write(`peak_rss_kb=${process.resourceUsage().maxRSS}\n`)
