// The plausibility check of the shared load path, through `ingest` (the mirror path gets it
// too): a vintage that reads fine but is implausible next to the previous vintage of the
// same unit is kept as quarantined and never becomes current; a first vintage is never judged.
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { contentFingerprint, ingest, ingestFailure, query, tempDbPath } from "../support/warehouse.ts"

const countries = ["MEX", "USA", "CAN", "CHL", "COL", "CRI", "BRA", "ARG", "PER", "URY", "ESP", "FRA", "DEU", "ITA", "JPN", "KOR", "AUS", "NZL", "GBR", "IRL"]

/** A WDI long file (with an Indicator Code column) named `data.csv` in its own folder, so every version is the same unit. */
const longFile = (rows: Array<[string, number, number | string]>, indicator = "IT.NET.BBND.P2") => {
  const dir = mkdtempSync(join(tmpdir(), "brecha-plaus-"))
  const file = join(dir, "data.csv")
  writeFileSync(file, `${["Country Name,Country Code,Indicator Code,Year,Value", ...rows.map(([c, y, v]) => `${c},${c},${indicator},${y},${v}`)].join("\n")}\n`)
  return file
}
const full = (scale = 1, years = [2021, 2022]) =>
  countries.flatMap((c, i) => years.map((y): [string, number, number] => [c, y, Number(((10 + i + (y - 2021)) * scale).toFixed(4))]))

const current = (db: string) => query(db, "SELECT country_iso3, year, value, vintage_id FROM observations ORDER BY ALL")

describe("plausibility of a new vintage against the previous one of the same unit", () => {
  it("a normal update (a new year, a few revisions) becomes current", async () => {
    const db = tempDbPath()
    await ingest(db, "wdi", longFile(full()))
    const next = full(1, [2021, 2022, 2023]).map(([c, y, v]): [string, number, number] => [c, y, c === "MEX" && y === 2022 ? v + 0.5 : v])
    const outcome = await ingest(db, "wdi", longFile(next))
    expect(outcome).toMatchObject({ outcome: "loaded", rowsLoaded: 60 })
    expect(await query(db, "SELECT status FROM vintage_log ORDER BY vintage_id")).toEqual([{ status: "current" }, { status: "current" }])
  })

  it("most countries missing: quarantined with the counts, previous values stay current", async () => {
    const db = tempDbPath()
    await ingest(db, "wdi", longFile(full()))
    const before = await current(db)
    const outcome = await ingest(db, "wdi", longFile(full().filter(([c]) => countries.slice(0, 6).includes(c))))
    expect(outcome).toMatchObject({ outcome: "quarantined", statusReason: "IT.NET.BBND.P2: only 6 countries, vintage 1 had 20 (most countries missing)" })
    expect(await current(db)).toEqual(before)
    // Kept for inspection.
    expect(await query(db, "SELECT count(*)::INT AS n FROM observation_history WHERE vintage_status = 'quarantined'")).toEqual([{ n: 12 }])
  })

  it("a change of unit (percent to fraction) is quarantined, a small revision is not", async () => {
    const db = tempDbPath()
    await ingest(db, "wdi", longFile(full()))
    const outcome = await ingest(db, "wdi", longFile(full(0.01)))
    expect(outcome).toMatchObject({
      outcome: "quarantined",
      statusReason: "IT.NET.BBND.P2: values changed scale (median new/old = 0.01 over 40 shared values): a unit change?"
    })
    const revised = await ingest(db, "wdi", longFile(full(1.03)))
    expect(revised.outcome).toBe("loaded")
  })

  it("an empty answer after earlier vintages is quarantined; as a first vintage it is an error", async () => {
    const db = tempDbPath()
    const empty = longFile([])
    const failure = await ingestFailure(db, "wdi", empty)
    expect(failure.message).toMatch(/no data rows with values/)
    await ingest(db, "wdi", longFile(full()))
    const outcome = await ingest(db, "wdi", longFile([]))
    expect(outcome).toMatchObject({ outcome: "quarantined", rowsLoaded: 0, statusReason: "IT.NET.BBND.P2: empty series (vintage 1 had 20 countries)" })
  })

  it("values that are all refused after earlier vintages fail the file, leaving the warehouse as it was", async () => {
    const db = tempDbPath()
    await ingest(db, "wdi", longFile(full()))
    const before = await contentFingerprint(db)
    const failure = await ingestFailure(db, "wdi", longFile(full().map(([c, y]): [string, number, string] => [c, y, "n/a"])))
    expect(failure.message).toMatch(/40 of the 40 values were refused/)
    expect(await contentFingerprint(db)).toBe(before)
  })

  it("a first vintage is not judged, however small", async () => {
    const db = tempDbPath()
    const outcome = await ingest(db, "wdi", longFile([["MEX", 2022, 12]]))
    expect(outcome.outcome).toBe("loaded")
  })

  it("the same implausible content again is unchanged (nothing written twice)", async () => {
    const db = tempDbPath()
    await ingest(db, "wdi", longFile(full()))
    const small = longFile(full().filter(([c]) => c === "MEX"))
    expect((await ingest(db, "wdi", small)).outcome).toBe("quarantined")
    const before = await contentFingerprint(db)
    expect((await ingest(db, "wdi", small)).outcome).toBe("unchanged")
    expect(await contentFingerprint(db)).toBe(before)
  })
})
