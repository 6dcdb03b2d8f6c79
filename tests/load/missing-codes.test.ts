// The per-indicator opt-out from the shared missing-value codes: an indicator whose genuine
// values can equal -99 or 9999 (a head count) says so in the catalogue
// (missing_codes_are_values), and its values load; every other indicator still refuses them.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, ManagedRuntime } from "effect"
import { describe, expect, it } from "vitest"
import { readCatalog } from "../../pipelines/catalog/read.ts"
import { checkIntegrity } from "../../pipelines/integrity.ts"
import { Warehouse } from "../../pipelines/warehouse/Warehouse.ts"
import { ingest, query, tempDbPath } from "../support/warehouse.ts"

const repo = join(import.meta.dirname, "..", "..")

/** A long WDI file with a Code column, so one file can hold two indicators. */
const longFile = (body: string): string => {
  const dir = mkdtempSync(join(tmpdir(), "brecha-codes-"))
  writeFileSync(join(dir, "data.csv"), "Country Name,Country Code,Indicator Code,Year,Value\r\n" + body)
  return join(dir, "data.csv")
}

describe("missing-value codes, per indicator", () => {
  it("loads 9999 and -99 for an indicator that opts out, and still refuses them for the others", async () => {
    const db = tempDbPath()
    const outcome = await ingest(
      db,
      "wdi",
      longFile(
        [
          "Tuvalu,TUV,SP.POP.TOTL,2019,9999",
          "Tuvalu,TUV,SP.POP.TOTL,2018,-99",
          "Mexico,MEX,IT.NET.BBND.P2,2019,9999",
          "Mexico,MEX,IT.NET.BBND.P2,2018,17.5",
          ""
        ].join("\r\n")
      )
    )
    expect(outcome).toMatchObject({ rowsLoaded: 2, rowsRejected: 2 })
    expect(await query(db, "SELECT indicator_id, year, value FROM observations ORDER BY 1, 2")).toEqual([
      { indicator_id: "IT.NET.BBND.P2", year: 2018, value: 17.5 },
      { indicator_id: "SP.POP.TOTL", year: 2019, value: 9999 }
    ])
    // The opt-out lifts the code rule only: the catalogue's bounds (valid_min 0) still apply.
    expect(await query(db, "SELECT indicator_id, line, reason FROM rejected_rows ORDER BY line")).toEqual([
      { indicator_id: "SP.POP.TOTL", line: 3, reason: "value -99 is below the possible minimum 0.0 for SP.POP.TOTL" },
      { indicator_id: "IT.NET.BBND.P2", line: 4, reason: "value 9999 looks like a missing-value code, not a measurement" }
    ])
    // `brecha check` agrees: a value the catalogue declares genuine is not a violation.
    const runtime = ManagedRuntime.make(Warehouse.layer({ path: db }))
    try {
      const results = await runtime.runPromise(
        Effect.gen(function* () {
          return yield* checkIntegrity()
        })
      )
      expect(results.find((r) => r.id.includes("finite"))).toMatchObject({ violations: 0 })
    } finally {
      await runtime.dispose()
    }
  })

  it("the catalogue field must be true or false", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "brecha-cat-")), "catalog")
    mkdirSync(dir)
    cpSync(join(repo, "data", "catalog"), dir, { recursive: true })
    const file = join(dir, "indicators", "wdi.yaml")
    writeFileSync(file, readFileSync(file, "utf8").replace("missing_codes_are_values: true", "missing_codes_are_values: sometimes"))
    const error = await Effect.runPromise(Effect.flip(readCatalog(dir)))
    expect(error).toMatchObject({ _tag: "CatalogError", file })
    expect(error.message).toMatch(/entry \d+ \(id SP\.POP\.TOTL\): missing_codes_are_values: expected boolean/)
  })
})
