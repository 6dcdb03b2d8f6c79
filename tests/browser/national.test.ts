// A national indicator and its target, added from the fixtures (tests/fixtures/national),
// appear on the pillar page, the recommendation page and their own indicator page, marked
// "national source" with the target drawn; an area no national indicator tracks links the
// CSV + YAML template.
import { mkdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { serveSite, type ServedSite } from "../../pipelines/export/serveSite.ts"
import type { IndicatorData, OverviewData } from "../../src/contract/types.ts"
import { hasChromium, launch, type Session } from "../support/browser.ts"
import { fixture } from "../support/raw.ts"
import { build, fixtureWarehouse } from "../support/site.ts"
import { ingest } from "../support/warehouse.ts"

const artifacts = join(import.meta.dirname, "..", "artifacts", "browser")

describe.skipIf(!hasChromium)("a national indicator and its target on the site", () => {
  let site: ServedSite
  let session: Session
  let out: string
  const saved = { national: process.env.BRECHA_NATIONAL, targets: process.env.BRECHA_TARGETS }

  beforeAll(async () => {
    process.env.BRECHA_NATIONAL = fixture("national", "good")
    process.env.BRECHA_TARGETS = fixture("national", "targets.yaml")
    const db = await fixtureWarehouse()
    await ingest(db, "national", fixture("national", "good", "NAT.PROC_ONLINE.csv"))
    out = (await build(db)).outDir
    site = await Effect.runPromise(serveSite({ dir: out, port: 0 }))
    session = await launch()
  }, 240_000)

  afterAll(async () => {
    await session?.close()
    await site?.close()
    for (const [key, value] of [
      ["BRECHA_NATIONAL", saved.national],
      ["BRECHA_TARGETS", saved.targets]
    ] as const) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
  })

  const open = async (path: string) => {
    const page = await session.context.newPage()
    const errors: Array<string> = []
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text())
    })
    page.on("pageerror", (e) => errors.push(e.message))
    await page.goto(site.url + path, { waitUntil: "networkidle" })
    return { page, errors }
  }

  it("exports the indicator's target and its status", () => {
    const data = JSON.parse(readFileSync(join(out, "data/indicator/NAT.PROC_ONLINE.json"), "utf8")) as IndicatorData
    expect(data.meta.source_id).toBe("national")
    expect(data.targets?.MEX).toMatchObject({
      value: 80,
      year: 2030,
      baseline_year: 2020,
      status: "on_track",
      will_meet: true,
      document: { title: "National digital strategy", url: "https://example.org/strategy", date: "2025-01-15" }
    })
    // Its trend alone (31.5 in 2019 -> 52.3 in 2023: 13.5 % a year) would also say on track.
    expect(data.trends?.MEX).toMatchObject({ base_year: 2019, latest_year: 2023, status: "on_track" })
    expect(data.trends?.MEX?.annual_growth).toBeCloseTo(Math.pow(52.3 / 31.5, 1 / 4) - 1, 9)
    const overview = JSON.parse(readFileSync(join(out, "data/overview/MEX.json"), "utf8")) as OverviewData
    expect(overview.rows.find((r) => r.id === "NAT.PROC_ONLINE")?.target?.status).toBe("on_track")
    // The area roll-up counts it: the target's status votes.
    const c4 = overview.recommendations?.find((r) => r.recommendation_id === "C4-STANDARDS")
    expect(Number(c4?.detail.n_on_track)).toBeGreaterThanOrEqual(1)
  })

  for (const path of ["pillar.html?id=data_capability", "recommendation.html?id=C4-STANDARDS"]) {
    it(`shows it on ${path}, marked national, with its target drawn and said`, async () => {
      const { page, errors } = await open(path)
      const frame = page.locator("figure.chart-frame", { has: page.locator('a[href*="NAT.PROC_ONLINE"]') })
      await frame.locator(".chart svg").waitFor({ timeout: 20_000 })
      expect(await frame.locator(".national-source").textContent()).toBe("Fuente nacional: National digital government office")
      expect(await frame.locator("svg g.target").count()).toBe(1)
      expect(await frame.locator(".finding").textContent()).toMatch(
        /Meta: 80,0 en 2030 \(National digital strategy, 15 de enero de 2025\)\. Desde 2020, México ha recorrido 34\s%\sdel camino; al ritmo actual llegaría a 110 en 2030: la meta se cumpliría\./
      )
      expect(await frame.locator(".badge").first().textContent()).toContain("En camino")
      expect(errors).toEqual([])
      await page.close()
    })
  }

  it("says on the recommendation page whether the area's target will be met", async () => {
    const { page } = await open("recommendation.html?id=C4-STANDARDS&lang=en")
    await page.waitForSelector("section.targets li")
    expect(await page.locator("section.targets li").textContent()).toMatch(
      /Procedures online.*On track.*Target: 80\.0 by 2030 \(National digital strategy, 15 January 2025\)\. Since 2020, Mexico has covered 34% of the way; at the current pace it would reach 110 by 2030: the target would be met\./
    )
    // A national indicator tracks this area: no invitation to add one.
    expect(await page.locator(".add-national").count()).toBe(0)
    await page.close()
  })

  it("shows its own page: national mark, no-benchmark note, trend with the target point and required pace", async () => {
    const { page, errors } = await open("indicator.html?id=NAT.PROC_ONLINE&lang=en")
    await page.waitForSelector("figure#trend .chart svg")
    expect(await page.locator("main h1").textContent()).toBe("Federal procedures available fully online")
    expect(await page.locator("main > .national-source").textContent()).toBe("National source: National digital government office")
    expect(await page.locator("main .notice").first().textContent()).toMatch(/no OECD benchmark/)
    expect(await page.locator("#trend svg g.target").count()).toBe(1)
    expect(await page.locator("#trend svg g.required-pace").count()).toBe(1)
    // A ranking of one country is no ranking.
    expect(await page.locator("#ranking").count()).toBe(0)
    mkdirSync(artifacts, { recursive: true })
    await page.screenshot({ path: join(artifacts, "national-indicator.png"), fullPage: true })
    expect(await page.locator("#trend svg").textContent()).toContain("Target 2030: 80")
    expect(await page.locator("#trend .finding").textContent()).toMatch(
      /Since 2020, Mexico has covered 34% of the way; at the current pace it would reach 110 by 2030: the target would be met\./
    )
    // Source, licence and citation come from the YAML.
    expect(await page.locator("#source-h + dl").textContent()).toContain("CC BY 4.0")
    expect(await page.locator("#cite-text").textContent()).toContain("National digital government office")
    expect(errors).toEqual([])
    await page.close()
  })

  it("links the CSV + YAML template where no national indicator tracks an area", async () => {
    const { page } = await open("recommendation.html?id=C4-PROCURE")
    await page.waitForSelector(".add-national")
    expect(await page.locator(".add-national").textContent()).toContain("brecha national init NAT.ID --recommendation C4-PROCURE")
    const href = await page.locator(".add-national a").nth(1).getAttribute("href")
    const yaml = await (await fetch(new URL(href!, page.url()))).text()
    expect(yaml).toMatch(/^id: NAT\.EXAMPLE$/m)
    await page.close()
  })
})
