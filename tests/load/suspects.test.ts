// The cheap tests that spare most cells of a big file the full rules (suspects.sql) must
// never pass a cell the full rules (validate.sql) would refuse or not resolve to a country.
// Every combination of awkward values, years, areas and indicators is staged, and each cell
// that is not a suspect must come out of `checked` as a good country value. The plain cells
// must not be suspects, or the fast path would never be taken.
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { defineValidation } from "../../pipelines/load/loadFile.ts"
import { Warehouse } from "../../pipelines/warehouse/Warehouse.ts"
import { runWith, tempDbPath } from "../support/warehouse.ts"

const values = [
  "1",
  "1.5",
  "-2.25",
  "+3",
  ".5",
  "5.",
  "0",
  "-0",
  "00012",
  "1e5",
  "1E+05",
  "2.5e-3",
  "1e99",
  "1e100",
  "1e999",
  " 1",
  "1 ",
  "\t1",
  "1\r",
  "1_000",
  "1e0_1",
  "+-1",
  "-+1",
  "1.2.3",
  "1,5",
  "0x10",
  "nan",
  "NaN",
  "inf",
  "-inf",
  "Infinity",
  "abc",
  "١",
  " ",
  "9999",
  "9999.0",
  "9.999e3",
  "0.9999E4",
  "-99",
  "-99.000",
  "-9.9e1",
  "-999999",
  "999999",
  "99",
  "999",
  "99999",
  "9998.99999999999999999999",
  "12345678901234567890",
  "123456789012345678901",
  "1234567890.12345678901234567890",
  "1.5e",
  "e5",
  ".",
  "+",
  "-"
]
const years = ["2020", "1950", "1949", "2027", "2028", "2020.0", " 2020", "2e03", "20e2", "0x7E4", "abcd", "202", "20200", ""]
const areas = ["MEX", "mex", " MEX ", "Mexico", "WLD", "ZZZ", ""]
// A plain id, one with bounds in the catalogue, one whose codes are real values, and none.
const indicators = ["BENCH.PLAIN", "IT.NET.BBND.P2", "SP.POP.TOTL", "", null]

const sqlText = (s: string | null) => (s === null ? "NULL" : `'${s.replaceAll("'", "''")}'`)

describe("suspect cells", () => {
  it("only spares cells the full rules accept as country values", async () => {
    const cells: Array<string> = []
    let line = 0
    for (const indicator of indicators)
      for (const area of areas)
        for (const year of years)
          for (const value of values) cells.push(`(${sqlText(indicator)}, ${sqlText(area)}, ${sqlText(year)}, ${sqlText(value)}, ${++line})`)
    const result = await runWith(
      tempDbPath("suspects"),
      Effect.gen(function* () {
        const wh = yield* Warehouse
        return yield* wh.transaction((tx) =>
          Effect.gen(function* () {
            yield* tx.run(`CREATE OR REPLACE TEMP TABLE staged AS
              SELECT indicator_id, area, year, value, CAST(NULL AS VARCHAR) AS flag, line, 'v' AS field
              FROM (VALUES ${cells.join(", ")}) AS t(indicator_id, area, year, value, line)`)
            yield* defineValidation(tx, 2027)
            const spared = yield* tx.query<{
              indicator_id: string | null
              area: string
              year: string
              value: string
              reason: string | null
              iso3: string | null
            }>(
              `SELECT s.indicator_id, s.area, s.year, s.value, c.reason, c.iso3 FROM checked c JOIN staged s USING (line)
               WHERE c.line NOT IN (SELECT line FROM suspect_cells) AND (c.reason IS NOT NULL OR c.iso3 IS NULL)`
            )
            const plain = yield* tx.query<{ value: string }>(
              `SELECT value FROM staged WHERE indicator_id = 'BENCH.PLAIN' AND area = 'MEX' AND year = '2020'
                 AND value IN ('1', '1.5', '-2.25', '1e5', '2.5e-3') AND line IN (SELECT line FROM suspect_cells)`
            )
            // Indicators with rules of their own are always suspects.
            const ruled = yield* tx.query<{ indicator_id: string }>(
              `SELECT DISTINCT indicator_id FROM staged WHERE indicator_id IN ('IT.NET.BBND.P2', 'SP.POP.TOTL')
                 AND line NOT IN (SELECT line FROM suspect_cells) AND value <> ''`
            )
            const counts = yield* tx.query<{ spared: number; good: number }>(
              `SELECT (SELECT count(*) FROM staged WHERE value <> '' AND line NOT IN (SELECT line FROM suspect_cells)) AS spared,
                      (SELECT count(*) FROM checked WHERE reason IS NULL AND iso3 IS NOT NULL) AS good`
            )
            return { spared, plain, ruled, counts: counts[0] }
          })
        )
      })
    )
    // Every cell the cheap tests spared is a good country value…
    expect(result.spared).toEqual([])
    // …the plainest cells are spared (the fast path is taken)…
    expect(result.plain).toEqual([])
    // …indicators with bounds or real codes are never spared…
    expect(result.ruled).toEqual([])
    // …and some good cells are suspects all the same (a space, a year "2020.0"): the full rules decide.
    expect(Number(result.counts.spared)).toBeGreaterThan(0)
    expect(Number(result.counts.spared)).toBeLessThan(Number(result.counts.good))
  })

  it("reads as sure only what the plain-number rule reads as the same finite value, for every short string", async () => {
    // Every string of up to four characters over digits, the number signs and what DuckDB's
    // cast might tolerate (white space of every kind, underscores, letters of nan/inf/hex).
    const alphabet = [
      "0",
      "1",
      "9",
      ".",
      "e",
      "E",
      "+",
      "-",
      "_",
      " ",
      "\t",
      "\n",
      "\r",
      "\v",
      "\f",
      "\u00a0",
      "n",
      "a",
      "i",
      "f",
      "I",
      "N",
      "x",
      "X",
      "b",
      "o",
      ",",
      "d",
      "D",
      "'",
      "y",
      "t"
    ]
    const letters = `[${alphabet.map((a) => `chr(${a.codePointAt(0)})`).join(", ")}]`
    const result = await runWith(
      tempDbPath("plain"),
      Effect.gen(function* () {
        const wh = yield* Warehouse
        const wrong = yield* wh.query<{ s: string }>(
          `WITH a AS (SELECT unnest(${letters}) AS c),
                strings AS (SELECT c AS s FROM a
                  UNION ALL SELECT a1.c || a2.c FROM a a1, a a2
                  UNION ALL SELECT a1.c || a2.c || a3.c FROM a a1, a a2, a a3
                  UNION ALL SELECT a1.c || a2.c || a3.c || a4.c FROM a a1, a a2, a a3, a a4)
           SELECT s FROM strings
           WHERE surely_plain_number(s) AND NOT coalesce(plain_number(s) = TRY_CAST(s AS DOUBLE) AND isfinite(plain_number(s)), false)
           LIMIT 10`
        )
        const sure = yield* wh.query<{ n: number }>(
          `SELECT count(*) AS n FROM (VALUES ('1'), ('-2.5'), ('1e5'), ('.5'), ('5.'), ('+3')) t(s) WHERE surely_plain_number(s)`
        )
        return { wrong, sure: Number(sure[0].n) }
      })
    )
    expect(result.wrong).toEqual([])
    expect(result.sure).toBe(6)
  })
})
