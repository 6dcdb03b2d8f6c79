// Shared validation fixes found by the reliability corpus, over tiny hand-made files so they
// run without the real publisher files: fractional years were rounded, missing-value codes
// loaded where the catalogue sets no bound, a number cut short at the end of a file loaded
// as a believable value (now the file fails), UTF-16 WDI files failed with a misleading message, and a huge
// garbage cell was copied whole into rejected_rows.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { unterminatedLastNumber } from "../../pipelines/files/text.ts"
import { ingest, ingestFailure, query, tempDbPath } from "../support/warehouse.ts"

const longFile = (body: string, encoding: "utf8" | "utf16le" = "utf8"): string => {
  const dir = join(mkdtempSync(join(tmpdir(), "brecha-val-")), "it.net.bbnd.p2")
  mkdirSync(dir)
  writeFileSync(join(dir, "datapackage.json"), JSON.stringify({ name: "it.net.bbnd.p2", title: "Fixed broadband" }))
  const text = `Country Name,Country Code,Year,Value\r\n${body}`
  writeFileSync(join(dir, "data.csv"), encoding === "utf8" ? text : Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]))
  return join(dir, "data.csv")
}

describe("shared validation", () => {
  it("refuses a fractional year instead of rounding it, and odd number spellings", async () => {
    const db = tempDbPath()
    const outcome = await ingest(
      db,
      "wdi",
      longFile("Mexico,MEX,2019.5,10\r\nMexico,MEX,2018.0,9\r\nChile,CHL,0x7E4,8\r\nPeru,PER,2019,1_000\r\nPeru,PER,2018,7\r\n")
    )
    expect(outcome).toMatchObject({ rowsLoaded: 2, rowsRejected: 3 })
    expect(await query(db, "SELECT area, raw_year, reason FROM rejected_rows ORDER BY line")).toEqual([
      { area: "MEX", raw_year: "2019.5", reason: 'year "2019.5" is not a whole number' },
      { area: "CHL", raw_year: "0x7E4", reason: 'year "0x7E4" is not a whole number' },
      { area: "PER", raw_year: "2019", reason: 'value "1_000" is not a number' }
    ])
    expect(await query(db, "SELECT country_iso3, year FROM observations ORDER BY 1, 2")).toEqual([
      { country_iso3: "MEX", year: 2018 },
      { country_iso3: "PER", year: 2018 }
    ])
  })

  it("refuses missing-value codes even where the catalogue sets no upper bound", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "wdi", longFile("Mexico,MEX,2019,9999\r\nChile,CHL,2019,-999\r\nPeru,PER,2019,99.99\r\n"))
    expect(outcome).toMatchObject({ rowsLoaded: 1, rowsRejected: 2 })
    const reasons = await query<{ reason: string }>(db, "SELECT reason FROM rejected_rows ORDER BY line")
    expect(reasons.map((r) => r.reason)).toEqual([
      "value 9999 looks like a missing-value code, not a measurement",
      "value -999 looks like a missing-value code, not a measurement"
    ])
  })

  it("refuses a file that ends in a number with no line break (most likely cut short)", async () => {
    const db = tempDbPath()
    const failure = await ingestFailure(db, "wdi", longFile("Mexico,MEX,2019,14.52\r\nChile,CHL,2019,20.6"))
    expect(failure).toMatchObject({ _tag: "SourceFormatError", line: 3 })
    expect(failure.message).toMatch(/ends right after the number "20\.6" with no line break: it looks cut short/)
    expect(unterminatedLastNumber(Buffer.from("a,b\n1,2\n"))).toBeUndefined()
    expect(unterminatedLastNumber(Buffer.from('a,b\n1,"x"'))).toBeUndefined()
    expect(unterminatedLastNumber(Buffer.from("a,b\n1,2,\n3,4.5"))).toEqual({ line: 3, text: "4.5" })
    expect(unterminatedLastNumber(Buffer.from("PAR1\u0000\u00011"))).toBeUndefined()
  })

  it("reads a UTF-16 WDI file (Excel 'Unicode' save) to the same values as UTF-8", async () => {
    const body = 'Mexico,MEX,2019,14.52\r\n"Korea, Rep.",KOR,2019,43.5\r\n'
    const a = tempDbPath()
    const b = tempDbPath()
    await ingest(a, "wdi", longFile(body))
    await ingest(b, "wdi", longFile(body, "utf16le"))
    const sql = "SELECT country_iso3, year, value FROM observations ORDER BY 1"
    expect(await query(b, sql)).toEqual(await query(a, sql))
    expect(await query(b, sql)).toHaveLength(2)
  })

  it("clips a huge garbage cell in rejected_rows", async () => {
    const db = tempDbPath()
    await ingest(db, "wdi", longFile(`Mexico,MEX,2019,${"x".repeat(300_000)}\r\nChile,CHL,2019,20.6\r\n`))
    const rows = await query<{ n: number; reason: string }>(db, "SELECT length(raw_value) AS n, reason FROM rejected_rows")
    expect(rows[0].n).toBeLessThanOrEqual(201)
    expect(rows[0].reason.length).toBeLessThan(100)
  })
})
