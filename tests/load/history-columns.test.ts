// A warehouse written before observation_log lost its source_id column (a value's source is
// its vintage's) opens, drops the column, and keeps every value with the same source.
import { DuckDBInstance } from "@duckdb/node-api"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { query, runWith, tempDbPath } from "../support/warehouse.ts"

describe("observation_log without source_id", () => {
  it("migrates an older warehouse in place, values and sources intact", async () => {
    const db = tempDbPath("older")
    const instance = await DuckDBInstance.create(db)
    const conn = await instance.connect()
    await conn.run(`CREATE TABLE vintage_log (vintage_id INTEGER PRIMARY KEY, source_id VARCHAR NOT NULL, unit VARCHAR NOT NULL,
      origin VARCHAR NOT NULL, content_sha256 VARCHAR NOT NULL, retrieved_at TIMESTAMP NOT NULL, released_at DATE,
      rows_loaded BIGINT NOT NULL, rows_rejected BIGINT NOT NULL, rows_aggregate BIGINT NOT NULL, format VARCHAR,
      status VARCHAR NOT NULL DEFAULT 'current', status_reason VARCHAR, run_id INTEGER)`)
    await conn.run(`CREATE TABLE observation_log (indicator_id VARCHAR NOT NULL, country_iso3 VARCHAR NOT NULL, year SMALLINT NOT NULL,
      value DOUBLE NOT NULL, flag VARCHAR, vintage_id INTEGER NOT NULL, source_id VARCHAR NOT NULL)`)
    await conn.run(`INSERT INTO vintage_log VALUES (1, 'wdi', 'u', 'o', 'sha', TIMESTAMP '2026-01-01', NULL, 2, 0, 0, NULL, 'current', NULL, NULL)`)
    await conn.run(
      `INSERT INTO observation_log VALUES ('IT.NET.USER.ZS', 'MEX', 2020, 71.97, NULL, 1, 'wdi'), ('IT.NET.USER.ZS', 'KOR', 2020, 96.5, 'e', 1, 'wdi')`
    )
    conn.closeSync()
    instance.closeSync()

    await runWith(db, Effect.void)
    expect(await query(db, "SELECT column_name FROM duckdb_columns() WHERE table_name = 'observation_log' ORDER BY column_index")).toEqual(
      ["indicator_id", "country_iso3", "year", "value", "flag", "vintage_id"].map((column_name) => ({ column_name }))
    )
    expect(await query(db, "SELECT country_iso3, value, flag, source_id, vintage_id FROM observation_history ORDER BY 1")).toEqual([
      { country_iso3: "KOR", value: 96.5, flag: "e", source_id: "wdi", vintage_id: 1 },
      { country_iso3: "MEX", value: 71.97, flag: null, source_id: "wdi", vintage_id: 1 }
    ])
  })
})
