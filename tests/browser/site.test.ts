// The built site in Debian's chromium, over a warehouse loaded from the real publishers'
// mirror: every page draws its charts without console errors or requests off localhost;
// language switch; focus from the URL; a chart's CSV; hostile names shown as text; 360 px.
import { mkdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { Effect } from "effect"
import type { Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { serveSite, type ServedSite } from "../../pipelines/export/serveSite.ts"
import type { IndicatorData } from "../../src/site/types.ts"
import { hasChromium, launch, type Session } from "../support/browser.ts"
import { hasRaw, rawDir } from "../support/raw.ts"
import { build, execute, refreshFrom } from "../support/site.ts"
import { tempDbPath } from "../support/warehouse.ts"

const artifacts = join(import.meta.dirname, "..", "artifacts", "browser")
const HOSTILE_EN = "<img src=x onerror=\"window.__pwned=1\">"
const HOSTILE_ES = "<script>window.__pwned=1</script>Chile"

describe.skipIf(!hasRaw || !hasChromium)("the site in chromium (real mirror)", () => {
  let site: ServedSite
  let session: Session
  let out: string

  beforeAll(async () => {
    const db = tempDbPath("browser")
    await refreshFrom(db, rawDir)
    // A publisher-supplied name that is markup must show literally, never run.
    await execute(db, [
      `UPDATE catalog_countries SET name_en = '${HOSTILE_EN.replace(/'/g, "''")}', name_es = '${HOSTILE_ES}' WHERE iso3 = 'CHL'`,
      `UPDATE catalog_indicators SET short_en = '${HOSTILE_EN.replace(/'/g, "''")}' WHERE indicator_id = 'IT.NET.SECR.P6'`
    ])
    out = (await build(db)).outDir
    site = await Effect.runPromise(serveSite({ dir: out, port: 0 }))
    session = await launch()
    mkdirSync(artifacts, { recursive: true })
  })

  afterAll(async () => {
    await session?.close()
    await site?.close()
  })

  const open = async (path: string, options: { width?: number } = {}) => {
    const page = await session.context.newPage()
    if (options.width) await page.setViewportSize({ width: options.width, height: 800 })
    const errors: Array<string> = []
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()) })
    page.on("pageerror", (e) => errors.push(e.message))
    page.on("dialog", (d) => { errors.push(`dialog: ${d.message()}`); void d.dismiss() })
    await page.goto(site.url + path, { waitUntil: "networkidle" })
    return { page, errors }
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true })

  const pages: Array<[string, string, number]> = [
    ["index.html", "figure, .scorecard svg", 10],
    ["pillar.html?id=connectivity", "figure.chart-frame .chart svg", 8],
    ["pillar.html?id=data_capability", "figure.chart-frame .chart svg", 1],
    ["pillar.html?id=digital_talent", "figure.chart-frame .chart svg", 1],
    ["indicator.html?id=IT.NET.BBND.P2", "figure.chart-frame .chart svg", 3],
    ["indicator.html?id=ITU.IT_NET_USER&lang=en", "figure.chart-frame .chart svg", 2],
    ["recommendation.html?id=C3-CONNECT", "figure.chart-frame .chart svg", 8],
    ["recommendation.html?id=GOV-CONT", "main h1", 1],
    ["sources.html", "main section.source", 2],
    ["changes.html", "main section.run", 1]
  ]

  for (const [path, selector, atLeast] of pages) {
    it(`renders ${path} with its charts, no console error and nothing off localhost`, async () => {
      const { page, errors } = await open(path)
      await page.waitForSelector(selector, { timeout: 20_000 })
      expect(await page.locator(selector).count()).toBeGreaterThanOrEqual(atLeast)
      await shot(page, path.replace(/[^a-z0-9]+/gi, "_"))
      expect(errors).toEqual([])
      expect(session.offHost).toEqual([])
      await page.close()
    })
  }

  it("switches language with the header link, formatting numbers for it", async () => {
    const { page } = await open("indicator.html?id=IT.NET.USER.ZS")
    await page.waitForSelector("figure#trend .chart svg")
    expect(await page.locator("#trend .finding").textContent()).toMatch(/^México: 72,0\s%\sen 2020; mediana de la OCDE \d/)
    await page.click("#lang-switch")
    await page.waitForSelector("figure#trend .chart svg")
    expect(page.url()).toContain("lang=en")
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en")
    expect(await page.locator("#trend .finding").textContent()).toMatch(/^Mexico: 72\.0% in 2020; OECD median \d/)
    expect(await page.locator("#lang-switch").textContent()).toBe("Español")
    await page.close()
  })

  it("takes the focus country from the URL, and the selector writes it back", async () => {
    const { page } = await open("indicator.html?id=IT.NET.USER.ZS&focus=KOR&lang=en")
    await page.waitForSelector("figure#trend .chart svg")
    expect(await page.locator("#trend .finding").textContent()).toMatch(/^Korea: /)
    expect(await page.locator("#focus-select").inputValue()).toBe("KOR")
    await page.selectOption("#focus-select", "COL")
    await page.waitForURL(/focus=COL/)
    await page.waitForSelector("figure#trend .chart svg")
    expect(await page.locator("#trend .finding").textContent()).toMatch(/^Colombia: /)
    await page.close()
  })

  it("downloads exactly the chart's data as CSV", async () => {
    const { page } = await open("indicator.html?id=IT.NET.BBND.P2&peers=COL&lang=en")
    await page.waitForSelector("figure#trend .chart svg")
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#trend button.download")])
    expect(download.suggestedFilename()).toBe("brecha_IT.NET.BBND.P2_MEX_trend.csv")
    const csv = readFileSync(await download.path(), "utf8").replace(/^\uFEFF/, "")
    const lines = csv.trim().split("\r\n")
    expect(lines[0]).toBe("series,country_iso3,role,year,value,oecd_p25,oecd_p75,oecd_min,oecd_max,flags")
    const data = JSON.parse(readFileSync(join(out, "data/indicator/IT.NET.BBND.P2.json"), "utf8")) as IndicatorData
    const mex = lines.filter((l) => l.includes(",MEX,focus,"))
    const col = lines.filter((l) => l.includes(",COL,peer,"))
    expect(mex).toHaveLength(data.series.MEX.length)
    expect(col).toHaveLength(data.series.COL.length)
    const [year, value] = data.series.MEX[data.series.MEX.length - 1]
    expect(mex.at(-1)).toBe(`Mexico,MEX,focus,${year},${value},,,,,`)
    await page.close()
  })

  it("shows a hostile country or indicator name literally and never runs it", async () => {
    for (const path of ["indicator.html?id=IT.NET.USER.ZS&peers=CHL", "indicator.html?id=IT.NET.USER.ZS&peers=CHL&lang=en", "index.html?lang=en"]) {
      const { page, errors } = await open(path)
      await page.waitForSelector("figure, .scorecard")
      // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText (the text a reader sees), not the DOM property
      const text = await page.locator("body").innerText()
      expect(text).toContain(path.includes("lang=en") ? HOSTILE_EN : HOSTILE_ES)
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
      expect(await page.locator("main img, main script").count()).toBe(0)
      expect(errors).toEqual([])
      await page.close()
    }
  })

  it("works at 360 px: no sideways scrolling of the page; tables scroll in their own box", async () => {
    for (const path of ["index.html", "indicator.html?id=IT.NET.BBND.P2", "sources.html"]) {
      const { page } = await open(path, { width: 360 })
      await page.waitForSelector("main h1")
      await page.waitForTimeout(200)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
      await shot(page, `w360_${path.replace(/[^a-z0-9]+/gi, "_")}`)
      await page.close()
    }
  })

  it("lets the keyboard reach the table view of a chart", async () => {
    const { page } = await open("indicator.html?id=IT.NET.BBND.P2")
    await page.waitForSelector("figure#trend .chart svg")
    await page.focus("#trend button.toggle")
    await page.keyboard.press("Enter")
    expect(await page.locator("#trend .chart-table").isVisible()).toBe(true)
    expect(await page.locator("#trend .chart-table tbody tr").count()).toBeGreaterThan(10)
    expect(await page.locator("#trend button.toggle").getAttribute("aria-pressed")).toBe("true")
    await page.close()
  })
})
