// The `national` source: a user's own indicator (CSV + YAML) loads like any source, joins
// the catalogue, keeps vintages and revisions; every bad input is refused with its file,
// line and field, and leaves the warehouse as it was.
import { Effect } from "effect"
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { readNationalCatalog, readTargets } from "../../pipelines/catalog/national.ts"
import { refresh } from "../../pipelines/refresh.ts"
import { contentFingerprint, ingest, ingestFailure, query, runWith, tempDbPath } from "../support/warehouse.ts"
import { fixture } from "../support/raw.ts"

const good = fixture("national", "good")
const saved = { national: process.env.BRECHA_NATIONAL, targets: process.env.BRECHA_TARGETS }

beforeAll(() => {
  process.env.BRECHA_NATIONAL = good
  process.env.BRECHA_TARGETS = fixture("national", "targets.yaml")
})
afterAll(() => {
  for (const [key, value] of [
    ["BRECHA_NATIONAL", saved.national],
    ["BRECHA_TARGETS", saved.targets]
  ] as const) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
})

describe("national indicators load as a source", () => {
  it("loads values, flags and the catalogue entry from the YAML", async () => {
    const db = tempDbPath("national")
    const outcome = await ingest(db, "national", join(good, "NAT.PROC_ONLINE.csv"))
    expect(outcome.outcome).toBe("loaded")
    expect(outcome.rowsLoaded).toBe(5)
    const values = await query<{ year: number; value: number; flag: string | null; source_id: string }>(
      db,
      "SELECT year, value, flag, source_id FROM observations WHERE indicator_id = 'NAT.PROC_ONLINE' ORDER BY year"
    )
    expect(values.map((v) => [v.year, v.value, v.flag, v.source_id])).toEqual([
      [2019, 31.5, null, "national"],
      [2020, 38, null, "national"],
      [2021, 44.2, "estimate", "national"],
      [2022, 47.9, null, "national"],
      [2023, 52.3, null, "national"]
    ])
    const [entry] = await query<Record<string, unknown>>(db, "SELECT * FROM indicators WHERE indicator_id = 'NAT.PROC_ONLINE'")
    expect(entry).toMatchObject({
      pillar: "data_capability",
      name_en: "Federal procedures available fully online",
      short_es: "Trámites en línea",
      unit_es: "% de los trámites",
      higher_is_better: true,
      source_id: "national",
      publisher: "National digital government office",
      licence: "CC BY 4.0",
      url: "https://example.org/procedures",
      cadence: "annual",
      reviewed: true
    })
    const links = await query<{ recommendation_id: string }>(
      db,
      "SELECT recommendation_id FROM indicator_recommendations WHERE indicator_id = 'NAT.PROC_ONLINE' ORDER BY 1"
    )
    expect(links.map((l) => l.recommendation_id)).toEqual(["C3-EDN", "C4-STANDARDS"])
    const targets = await query<Record<string, unknown>>(db, "SELECT indicator_id, target_value, target_year, baseline_year, document_title FROM targets")
    expect(targets).toEqual([
      { indicator_id: "NAT.PROC_ONLINE", target_value: 80, target_year: 2030, baseline_year: 2020, document_title: "National digital strategy" }
    ])
  })

  it("reads the same values from a BOM, CRLF, quoted or semicolon-separated copy", async () => {
    const variants = [
      "\uFEFFcountry_iso3,year,value,flag\r\nMEX,2019,31.5,\r\nMEX,2020,38.0,\r\nMEX,2021,44.2,estimate\r\n",
      '"country_iso3","year","value","flag"\n"MEX","2019","31.5",""\n"MEX","2020","38.0",""\n"MEX","2021","4.42e1","estimate"\n',
      "country_iso3;year;value;flag\nMEX;2019;31.5;\nMEX;2020;38.0;\nMEX;2021;44.2;estimate\n"
    ]
    for (const [i, text] of variants.entries()) {
      const dir = mkdtempSync(join(tmpdir(), "brecha-national-variant-"))
      copyFileSync(join(good, "NAT.PROC_ONLINE.yaml"), join(dir, "NAT.PROC_ONLINE.yaml"))
      writeFileSync(join(dir, "NAT.PROC_ONLINE.csv"), text)
      const db = tempDbPath(`national-variant-${i}`)
      expect((await ingest(db, "national", join(dir, "NAT.PROC_ONLINE.csv"))).rowsLoaded, `variant ${i}`).toBe(3)
      const values = await query<{ year: number; value: number; flag: string | null }>(
        db,
        "SELECT year, value, flag FROM observations WHERE indicator_id = 'NAT.PROC_ONLINE' ORDER BY year"
      )
      expect(
        values.map((v) => [v.year, v.value, v.flag]),
        `variant ${i}`
      ).toEqual([
        [2019, 31.5, null],
        [2020, 38, null],
        [2021, 44.2, "estimate"]
      ])
    }
  })

  it("keeps each change as a vintage and lists revisions; a YAML change alone is a new vintage too", async () => {
    const db = tempDbPath("national-rev")
    const dir = mkdtempSync(join(tmpdir(), "brecha-national-"))
    copyFileSync(join(good, "NAT.PROC_ONLINE.yaml"), join(dir, "NAT.PROC_ONLINE.yaml"))
    copyFileSync(join(good, "NAT.PROC_ONLINE.csv"), join(dir, "NAT.PROC_ONLINE.csv"))
    const csv = join(dir, "NAT.PROC_ONLINE.csv")
    expect((await ingest(db, "national", csv)).outcome).toBe("loaded")
    expect((await ingest(db, "national", csv)).outcome).toBe("unchanged")
    writeFileSync(
      csv,
      "country_iso3,year,value,flag\nMEX,2019,31.5,\nMEX,2020,38.0,\nMEX,2021,45.0,\nMEX,2022,47.9,\nMEX,2023,52.3,\nMEX,2024,57.1,provisional\n"
    )
    expect((await ingest(db, "national", csv)).outcome).toBe("loaded")
    const revisions = await query<{ year: number; old_value: number; new_value: number }>(
      db,
      "SELECT year, old_value, new_value FROM revisions WHERE indicator_id = 'NAT.PROC_ONLINE'"
    )
    expect(revisions).toEqual([{ year: 2021, old_value: 44.2, new_value: 45 }])
    const yaml = join(dir, "NAT.PROC_ONLINE.yaml")
    writeFileSync(yaml, (await import("node:fs")).readFileSync(yaml, "utf8").replace("cadence: annual", "cadence: quarterly"))
    expect((await ingest(db, "national", csv)).outcome).toBe("loaded")
    const vintages = await query<{ n: number }>(db, "SELECT count(*) AS n FROM vintages WHERE source_id = 'national'")
    expect(Number(vintages[0].n)).toBe(3)
  })

  it("refresh reads the national folder in every mode; a second refresh is unchanged", async () => {
    const db = tempDbPath("national-refresh")
    const first = await runWith(db, refresh({ sourceIds: ["national"], mirror: mkdtempSync(join(tmpdir(), "brecha-empty-mirror-")) }))
    expect(first.sources[0]).toMatchObject({ sourceId: "national", outcome: "loaded", rowsLoaded: 5 })
    const second = await runWith(db, refresh({ sourceIds: ["national"], mirror: mkdtempSync(join(tmpdir(), "brecha-empty-mirror-")) }))
    expect(second.sources[0].outcome).toBe("unchanged")
  })

  it("has no benchmark of itself; its target, else its trend, gives the area its vote", async () => {
    const db = tempDbPath("national-status")
    await ingest(db, "national", join(good, "NAT.PROC_ONLINE.csv"))
    expect(await query(db, "SELECT * FROM indicator_status WHERE indicator_id = 'NAT.PROC_ONLINE'")).toEqual([])
    expect(await query(db, "SELECT * FROM benchmarks WHERE indicator_id = 'NAT.PROC_ONLINE'")).toEqual([])
    const vote = () =>
      query<{ status: string; n_with_data: number; n_on_track: number }>(
        db,
        "SELECT status, n_with_data, n_on_track FROM recommendation_status WHERE recommendation_id = 'C4-STANDARDS' AND country_iso3 = 'MEX' AND group_id = 'oecd'"
      )
    const [withTarget] = await vote()
    expect([Number(withTarget.n_with_data), Number(withTarget.n_on_track)]).toEqual([1, 1])
    const [target] = await query<{ status: string }>(db, "SELECT status FROM target_status WHERE indicator_id = 'NAT.PROC_ONLINE'")
    expect(target.status).toBe("on_track")
    // Without the targets file, the trend alone (13.5 % a year since 2019) votes.
    process.env.BRECHA_TARGETS = join(tmpdir(), "brecha-no-such-targets.yaml")
    try {
      expect(await query(db, "SELECT * FROM target_status")).toEqual([])
      const [trend] = await query<{ status: string }>(db, "SELECT status FROM trend_status WHERE indicator_id = 'NAT.PROC_ONLINE' AND country_iso3 = 'MEX'")
      expect(trend.status).toBe("on_track")
      const [withTrend] = await vote()
      expect([withTrend.status, Number(withTrend.n_on_track)]).toEqual(["on_track", 1])
    } finally {
      process.env.BRECHA_TARGETS = fixture("national", "targets.yaml")
    }
  })

  it("an absent national folder is nothing to load, not a failure", async () => {
    process.env.BRECHA_NATIONAL = join(tmpdir(), "brecha-no-such-national-folder")
    process.env.BRECHA_TARGETS = join(tmpdir(), "brecha-no-such-targets.yaml")
    try {
      const db = tempDbPath("national-none")
      const summary = await runWith(db, refresh({ sourceIds: ["national"], mirror: tmpdir() }))
      expect(summary.sources[0].outcome).toBe("unchanged")
      expect(summary.ok).toBe(true)
    } finally {
      process.env.BRECHA_NATIONAL = good
      process.env.BRECHA_TARGETS = fixture("national", "targets.yaml")
    }
  })
})

describe("bad national files are refused with file, line and field, and change nothing", () => {
  const cases: ReadonlyArray<{ name: string; file: string; line?: number; column?: string; says: RegExp }> = [
    { name: "a missing YAML", file: "missing-yaml/NAT.NO_YAML.csv", says: /NAT\.NO_YAML\.yaml: file is missing/ },
    { name: "an unknown recommendation id", file: "unknown-rec/NAT.BAD_REC.csv", column: "recommendations", says: /"C9-NOPE" is not a recommendation area/ },
    { name: "an id that does not start with NAT.", file: "bad-id/PROC_ONLINE.csv", column: "id", says: /"PROC_ONLINE" must start with "NAT\."/ },
    { name: "a duplicate (country, year)", file: "duplicate/NAT.DUP.csv", line: 4, column: "year", says: /MEX 2020 is given twice \(lines 2 and 4\)/ },
    { name: "text in value", file: "text-value/NAT.TEXT.csv", line: 3, column: "value", says: /value "about 40" is not a number/ },
    { name: "a year out of range", file: "year-range/NAT.YEAR.csv", line: 3, column: "year", says: /year 1890 is outside 1950–/ },
    { name: "an unknown ISO3", file: "unknown-iso3/NAT.ISO.csv", line: 3, column: "country_iso3", says: /"MXX" is not an ISO3 code/ }
  ]
  let db: string
  let before: string
  beforeAll(async () => {
    db = tempDbPath("national-bad")
    await ingest(db, "national", join(good, "NAT.PROC_ONLINE.csv"))
    before = await contentFingerprint(db)
  }, 60_000)

  for (const c of cases) {
    it(`refuses ${c.name}`, async () => {
      const failure = await ingestFailure(db, "national", fixture("national", c.file))
      expect(failure._tag).toBe("SourceFormatError")
      expect(failure.message).toContain(c.file.split("/")[1].replace(".csv", ""))
      expect(failure.message).toMatch(c.says)
      if (c.line !== undefined) expect(failure.line).toBe(c.line)
      if (c.column !== undefined) expect(failure.column).toBe(c.column)
      expect(await contentFingerprint(db)).toBe(before)
    })
  }
})

describe("the catalogue reads national YAML and targets strictly", () => {
  const recs = new Set(["C4-STANDARDS", "C3-EDN"])
  it("lists each bad YAML with its file and field, and keeps the good ones", async () => {
    const ok = await Effect.runPromise(readNationalCatalog(good, recs))
    expect(ok.indicators.map((i) => i.id)).toEqual(["NAT.PROC_ONLINE"])
    expect(ok.problems).toEqual([])
    const bad = await Effect.runPromise(readNationalCatalog(fixture("national", "unknown-rec"), recs))
    expect(bad.indicators).toEqual([])
    expect(bad.problems[0].message).toMatch(/NAT\.BAD_REC\.yaml, field "recommendations": "C9-NOPE"/)
  })

  it("refuses a target for an unknown indicator, a baseline after the target, or a bad date, naming the field", async () => {
    const dir = mkdtempSync(join(tmpdir(), "brecha-targets-"))
    const write = (text: string) => {
      const file = join(dir, "targets.yaml")
      writeFileSync(file, text)
      return file
    }
    const known = new Set(["NAT.PROC_ONLINE"])
    const countries = new Set(["MEX"])
    const fail = async (text: string) => {
      const result = await Effect.runPromise(Effect.result(readTargets(write(text), known, countries)))
      if (result._tag === "Success") throw new Error("expected a failure")
      return result.failure.message
    }
    const doc = `document: { title: "Plan", url: "https://example.org/plan", date: "2025-01-15" }`
    expect(await fail(`- { indicator: NAT.NOPE, value: 80, year: 2030, baseline_year: 2020, ${doc} }`)).toMatch(
      /field "target 1\.indicator": "NAT\.NOPE" is not an indicator/
    )
    expect(await fail(`- { indicator: NAT.PROC_ONLINE, value: 80, year: 2030, baseline_year: 2031, ${doc} }`)).toMatch(
      /field "target 1\.baseline_year": 2031 must be before the target year 2030/
    )
    expect(await fail(`- { indicator: NAT.PROC_ONLINE, value: "eighty", year: 2030, baseline_year: 2020, ${doc} }`)).toMatch(
      /field "target 1\.value": must be a number/
    )
    expect(
      await fail(
        `- { indicator: NAT.PROC_ONLINE, value: 80, year: 2030, baseline_year: 2020, document: { title: "Plan", url: "https://example.org/plan", date: "15/01/2025" } }`
      )
    ).toMatch(/field "target 1\.document\.date"/)
    const targets = await Effect.runPromise(readTargets(fixture("national", "targets.yaml"), known, countries))
    expect(targets).toEqual([
      {
        indicator_id: "NAT.PROC_ONLINE",
        country_iso3: null,
        value: 80,
        year: 2030,
        baseline_year: 2020,
        document_title: "National digital strategy",
        document_url: "https://example.org/strategy",
        document_date: "2025-01-15"
      }
    ])
  })
})
