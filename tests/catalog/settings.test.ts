// Settings: one file, environment overrides for the focus and peers, checked values, and
// the warehouse's focus views and `peers` group following them.
import { Effect } from "effect"
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterEach, describe, expect, it } from "vitest"
import { defaultSettingsFile, readSettings } from "../../pipelines/catalog/settings.ts"
import { loadRows } from "../marts/support.ts"
import { query, runWith, tempDbPath } from "../support/warehouse.ts"

const settingsWith = (edit: (text: string) => string) => {
  const file = join(mkdtempSync(join(tmpdir(), "brecha-settings-")), "settings.yaml")
  writeFileSync(file, edit(readFileSync(defaultSettingsFile(), "utf8")))
  return file
}
const failure = async (file: string, env: NodeJS.ProcessEnv = {}) => {
  const result = await Effect.runPromise(Effect.result(readSettings(file, env)))
  if (result._tag === "Success") throw new Error("expected the settings to be refused")
  return result.failure.message
}

afterEach(() => {
  delete process.env.BRECHA_FOCUS
  delete process.env.BRECHA_PEERS
  delete process.env.BRECHA_SETTINGS
})

describe("readSettings", () => {
  it("reads data/settings.yaml: Mexico, its peers, the status parameters", async () => {
    const s = await Effect.runPromise(readSettings(defaultSettingsFile(), {}))
    expect(s.focus).toBe("MEX")
    expect(s.peers.length).toBeGreaterThan(0)
    expect(s.peers).not.toContain("MEX")
    expect(s.benchmarkGroup).toBe("oecd")
    expect(s.status).toEqual({ windowYears: 5, minSpanYears: 2, targetYear: 2030, onTrackRatio: 0.95, moderateRatio: 0.6, changeMethodMax: 1 })
  })

  it("lets BRECHA_FOCUS and BRECHA_PEERS override the countries, and records that they did", async () => {
    const s = await Effect.runPromise(readSettings(defaultSettingsFile(), { BRECHA_FOCUS: "chl", BRECHA_PEERS: "mex, col ,CRI,CHL" }))
    expect(s.focus).toBe("CHL")
    expect(s.peers).toEqual(["MEX", "COL", "CRI"])
    expect(s.origin).toContain("BRECHA_FOCUS=CHL")
  })

  it("refuses a missing parameter, thresholds in the wrong order, or a focus that is not an ISO3 code", async () => {
    expect(await failure(settingsWith((t) => t.replace(/^\s+target_year:.*$/m, "")))).toMatch(/status\.target_year must be a number/)
    expect(await failure(settingsWith((t) => t.replace(/moderate_ratio: 0\.60/, "moderate_ratio: 0.99")))).toMatch(/moderate_ratio must not exceed/)
    expect(await failure(defaultSettingsFile(), { BRECHA_FOCUS: "Mexico" })).toMatch(/BRECHA_FOCUS: "Mexico" is not an ISO3 code/)
  })
})

describe("in the warehouse", () => {
  it("refuses, on sync, a focus that is not in the country catalogue", async () => {
    process.env.BRECHA_FOCUS = "XYZ"
    await expect(runWith(tempDbPath("bad-focus"), Effect.void)).rejects.toThrow(/XYZ \(focus or peers\) is not in countries\.csv/)
  })

  it("the focus views and the peers group follow BRECHA_FOCUS / BRECHA_PEERS", async () => {
    const db = tempDbPath("focus")
    const rows = ["MEX", "CHL", "COL", "USA"].flatMap((iso3, i) =>
      [2019, 2023].map((year) => ({ indicator_id: "IT.NET.USER.ZS", area: iso3, year, value: String(50 + 10 * i + (year - 2019)) }))
    )
    await loadRows(db, "test_rows", rows)
    const focus = () =>
      query<{ country_iso3: string; group_id: string; headline: boolean }>(
        db,
        "SELECT country_iso3, group_id, headline FROM focus_status WHERE indicator_id = 'IT.NET.USER.ZS' ORDER BY group_id"
      )
    expect((await focus()).every((r) => r.country_iso3 === "MEX")).toBe(true)
    expect((await focus()).filter((r) => r.headline).map((r) => r.group_id)).toEqual(["oecd"])

    process.env.BRECHA_FOCUS = "CHL"
    process.env.BRECHA_PEERS = "USA,COL"
    expect((await focus()).every((r) => r.country_iso3 === "CHL")).toBe(true)
    const peers = await query<{ n: number; mean: number }>(
      db,
      "SELECT n, mean FROM benchmarks WHERE indicator_id = 'IT.NET.USER.ZS' AND group_id = 'peers' AND year = 2023"
    )
    // USA 84 and COL 74 in 2023: the peers' mean, without Chile itself.
    expect(Number(peers[0].n)).toBe(2)
    expect(peers[0].mean).toBeCloseTo(79, 9)
    const groups = await query<{ group_id: string; n_members: number }>(db, "SELECT group_id, n_members FROM benchmark_groups ORDER BY position")
    expect(groups.map((g) => g.group_id).slice(0, 3)).toEqual(["oecd", "oecd_at_the_time", "peers"])
    expect(Number(groups.find((g) => g.group_id === "oecd")!.n_members)).toBe(38)
  })
})
