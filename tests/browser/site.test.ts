// The built site in Debian's chromium, over a warehouse loaded from the real publishers'
// mirror: every page draws its charts without console errors or requests off localhost, on
// `brecha serve` and on a plain static server; with JavaScript off every page type still
// shows its charts, findings and tables; language and focus redraw on the client; old query
// URLs land on the same view; a chart's CSV and SVG; hostile names shown as text; 360 px.
import { type ChildProcess, spawn } from "node:child_process"
import { mkdirSync, readFileSync } from "node:fs"
import { createServer } from "node:net"
import { join } from "node:path"
import { Effect } from "effect"
import type { Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { serveSite, type ServedSite } from "../../pipelines/export/serveSite.ts"
import type { IndicatorData } from "../../src/contract/types.ts"
import { hasChromium, launch, type Session } from "../support/browser.ts"
import { hasRaw, rawDir } from "../support/raw.ts"
import { build, execute, refreshFrom } from "../support/site.ts"
import { tempDbPath } from "../support/warehouse.ts"

const artifacts = join(import.meta.dirname, "..", "artifacts", "browser")
const HOSTILE_EN = '<img src=x onerror="window.__pwned=1">'
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

  /** Waits until the client has drawn the page (its controls are live). */
  const enhanced = (page: Page) => page.waitForFunction(() => document.documentElement.dataset.drawn !== undefined, null, { timeout: 20_000 })

  const open = async (path: string, options: { width?: number } = {}) => {
    const page = await session.context.newPage()
    if (options.width) await page.setViewportSize({ width: options.width, height: 800 })
    const errors: Array<string> = []
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text())
    })
    page.on("pageerror", (e) => errors.push(e.message))
    page.on("dialog", (d) => {
      errors.push(`dialog: ${d.message()}`)
      void d.dismiss()
    })
    await page.goto(site.url + path, { waitUntil: "networkidle" })
    return { page, errors }
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true })

  const pages: Array<[string, string, number]> = [
    ["es/", "figure, .scorecard svg", 10],
    ["es/pilar/connectivity/", "figure.chart-frame .chart svg", 8],
    ["en/pillar/data_capability/", "figure.chart-frame .chart svg", 1],
    ["es/pilar/digital_talent/", "figure.chart-frame .chart svg", 1],
    ["es/indicador/IT.NET.BBND.P2/", "figure.chart-frame .chart svg", 3],
    ["en/indicator/ITU.IT_NET_USER/", "figure.chart-frame .chart svg", 2],
    ["es/recomendacion/C3-CONNECT/", "figure.chart-frame .chart svg", 8],
    ["es/recomendacion/GOV-CONT/", "main h1", 1],
    ["es/fuentes/", "main section.source", 2],
    ["en/changes/", "main section.run", 1]
  ]

  for (const [path, selector, atLeast] of pages) {
    it(`renders ${path} with its charts, no console error and nothing off localhost`, async () => {
      const { page, errors } = await open(path)
      await enhanced(page)
      await page.waitForSelector(selector, { timeout: 20_000 })
      expect(await page.locator(selector).count()).toBeGreaterThanOrEqual(atLeast)
      await shot(page, path.replace(/[^a-z0-9]+/gi, "_"))
      expect(errors).toEqual([])
      expect(session.offHost).toEqual([])
      await page.close()
    })
  }

  it("with JavaScript off, every page type shows its charts, findings and tables from the HTML", async () => {
    const noJs = await launch({ javaScript: false })
    try {
      for (const [path, chartSelector, tableSelector] of [
        ["es/", "td.spark svg", "table.scorecard tbody tr"],
        ["en/indicator/IT.NET.BBND.P2/", "figure#trend .chart svg", "figure#trend .chart-table tbody tr"],
        ["es/pilar/connectivity/", "figure.chart-frame .chart svg", "figure.chart-frame .chart-table tbody tr"],
        ["en/recommendation/C3-CONNECT/", "figure.chart-frame .chart svg", "figure.chart-frame .chart-table tbody tr"],
        ["es/fuentes/", "main section.source dl", "main section[aria-labelledby=runs-h] table tbody tr"],
        ["en/changes/", "main section.run", "main section.run table tbody tr"]
      ] as const) {
        const page = await noJs.context.newPage()
        await page.goto(site.url + path, { waitUntil: "load" })
        expect(await page.locator(chartSelector).count(), path).toBeGreaterThan(0)
        expect(await page.locator(tableSelector).first().isVisible(), path).toBe(true)
        if (path.includes("indicator")) {
          expect(await page.locator("#trend .finding").textContent()).toMatch(/^Mexico: \d/)
          expect(await page.locator("#trend .chart svg").isVisible()).toBe(true)
        }
        expect(await page.evaluate(() => document.documentElement.dataset.drawn)).toBeUndefined()
        await shot(page, `nojs_${path.replace(/[^a-z0-9]+/gi, "_")}`)
        await page.close()
      }
      expect(noJs.offHost).toEqual([])
    } finally {
      await noJs.close()
    }
  })

  it("lands an old query URL on the same view, at its path URL", async () => {
    const { page, errors } = await open("indicator.html?id=IT.NET.USER.ZS&focus=KOR&peers=JPN&lang=en")
    await page.waitForURL(/\/en\/indicator\/IT\.NET\.USER\.ZS\/\?focus=KOR&peers=JPN$/)
    await enhanced(page)
    expect(await page.locator("#trend .finding").textContent()).toMatch(/^Korea: /)
    expect(await page.locator("#focus-select").inputValue()).toBe("KOR")
    expect(await page.locator(".peers .chip").allTextContents()).toEqual(["Japan ×"])
    const home = await open("index.html?lang=en")
    await home.page.waitForURL(/\/en\/$/)
    await enhanced(home.page)
    expect(await home.page.locator("h1").textContent()).toMatch(/^How far Mexico/)
    expect([...errors, ...home.errors]).toEqual([])
    await page.close()
    await home.page.close()
  })

  it("on a plain static server (python -m http.server): no console error, no 404, nothing off localhost", async () => {
    const port = await freePort()
    const server: ChildProcess = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1"], { cwd: out, stdio: "ignore" })
    try {
      await waitForPort(port)
      for (const path of ["", "es/indicador/IT.NET.BBND.P2/", "en/recommendation/C3-CONNECT/", "pillar.html?id=digital_talent&lang=en"]) {
        const page = await session.context.newPage()
        const errors: Array<string> = []
        page.on("console", (m) => {
          if (m.type() === "error") errors.push(m.text())
        })
        page.on("pageerror", (e) => errors.push(e.message))
        page.on("response", (r) => {
          if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`)
        })
        await page.goto(`http://127.0.0.1:${port}/${path}`, { waitUntil: "networkidle" })
        await enhanced(page)
        expect(await page.locator("main .chart svg, main td.spark svg").count(), path).toBeGreaterThan(0)
        expect(errors, path).toEqual([])
        await page.close()
      }
      expect(session.offHost).toEqual([])
    } finally {
      server.kill()
    }
  })

  it("redraws on the client when the focus, the peers or the language change, keeping the URL in step", async () => {
    const { page, errors } = await open("es/indicador/IT.NET.USER.ZS/")
    await enhanced(page)
    const loads: Array<string> = []
    page.on("framenavigated", (f) => {
      if (f === page.mainFrame()) loads.push(f.url())
    })
    await page.selectOption("#focus-select", "COL")
    await page.waitForURL(/\/es\/indicador\/IT\.NET\.USER\.ZS\/\?focus=COL$/)
    await page.waitForFunction(() => document.querySelector("#trend .finding")?.textContent?.startsWith("Colombia: "))
    await page.click("#lang-switch")
    await page.waitForURL(/\/en\/indicator\/IT\.NET\.USER\.ZS\/\?focus=COL$/)
    await page.waitForFunction(() => document.querySelector("#trend .finding")?.textContent?.startsWith("Colombia: ") && document.documentElement.lang === "en")
    expect(await page.locator("#trend .finding").textContent()).toMatch(/^Colombia: \d+\.\d% in \d{4}; OECD median/)
    await page.selectOption("#peer-add", "KOR")
    await page.waitForFunction(() => [...document.querySelectorAll(".peers .chip")].some((c) => c.textContent?.startsWith("Korea")))
    expect(page.url()).toMatch(/focus=COL&peers=[A-Z,%C2]*KOR/)
    expect(await page.locator("#trend .legend").textContent()).toContain("Korea")
    // Back: the previous state, drawn again.
    await page.goBack()
    await page.waitForFunction(() => ![...document.querySelectorAll(".peers .chip")].some((c) => c.textContent?.startsWith("Korea")))
    // No reload happened: only history entries.
    expect(loads.every((u) => u.includes("IT.NET.USER.ZS"))).toBe(true)
    expect(errors).toEqual([])
    await page.close()
  })

  it("switches language with the header link, formatting numbers for it", async () => {
    const { page } = await open("es/indicador/IT.NET.USER.ZS/")
    await enhanced(page)
    expect(await page.locator("#trend .finding").textContent()).toMatch(/^México: 72,0\s%\sen 2020; mediana de la OCDE \d/)
    await page.click("#lang-switch")
    await page.waitForURL(/\/en\/indicator\/IT\.NET\.USER\.ZS\/$/)
    await page.waitForFunction(() => document.documentElement.lang === "en")
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en")
    expect(await page.locator("#trend .finding").textContent()).toMatch(/^Mexico: 72\.0% in 2020; OECD median \d/)
    expect(await page.locator("#lang-switch").textContent()).toBe("Español")
    await page.close()
  })

  it("takes the focus country from the URL, and the selector writes it back", async () => {
    const { page } = await open("en/indicator/IT.NET.USER.ZS/?focus=KOR")
    await enhanced(page)
    expect(await page.locator("#trend .finding").textContent()).toMatch(/^Korea: /)
    expect(await page.locator("#focus-select").inputValue()).toBe("KOR")
    await page.selectOption("#focus-select", "COL")
    await page.waitForURL(/focus=COL/)
    await page.waitForSelector("figure#trend .chart svg")
    expect(await page.locator("#trend .finding").textContent()).toMatch(/^Colombia: /)
    await page.close()
  })

  it("downloads exactly the chart's data as CSV", async () => {
    const { page } = await open("en/indicator/IT.NET.BBND.P2/?peers=COL")
    await enhanced(page)
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
    // And the chart itself as an SVG file.
    const [svgDownload] = await Promise.all([page.waitForEvent("download"), page.click("#trend button.download-svg")])
    expect(svgDownload.suggestedFilename()).toBe("brecha_IT.NET.BBND.P2_MEX_trend.svg")
    const svg = readFileSync(await svgDownload.path(), "utf8")
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/)
    expect(svg).toContain("Colombia")
    await page.close()
  })

  it("shows a hostile country or indicator name literally and never runs it", async () => {
    for (const path of ["es/indicador/IT.NET.USER.ZS/?peers=CHL", "en/indicator/IT.NET.USER.ZS/?peers=CHL", "en/", "en/pillar/connectivity/"]) {
      const { page, errors } = await open(path)
      await enhanced(page)
      // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText (the text a reader sees), not the DOM property
      const text = await page.locator("body").innerText()
      expect(text).toContain(path.startsWith("en/") ? HOSTILE_EN : HOSTILE_ES)
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
      expect(await page.locator("main img, main script").count()).toBe(0)
      expect(errors).toEqual([])
      await page.close()
    }
  })

  it("works at 360 px: no sideways scrolling of the page; tables scroll in their own box", async () => {
    for (const path of ["es/", "es/indicador/IT.NET.BBND.P2/", "es/fuentes/"]) {
      const { page } = await open(path, { width: 360 })
      await enhanced(page)
      await page.waitForTimeout(200)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
      await shot(page, `w360_${path.replace(/[^a-z0-9]+/gi, "_")}`)
      await page.close()
    }
  })

  it("lets the keyboard reach the table view of a chart", async () => {
    const { page } = await open("es/indicador/IT.NET.BBND.P2/")
    await enhanced(page)
    await page.focus("#trend button.toggle")
    await page.keyboard.press("Enter")
    expect(await page.locator("#trend .chart-table").isVisible()).toBe(true)
    expect(await page.locator("#trend .chart-table tbody tr").count()).toBeGreaterThan(10)
    expect(await page.locator("#trend button.toggle").getAttribute("aria-pressed")).toBe("true")
    await page.close()
  })
})

const freePort = () =>
  new Promise<number>((done, fail) => {
    const probe = createServer()
    probe.once("error", fail)
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address()
      const port = typeof address === "object" && address ? address.port : 0
      probe.close(() => done(port))
    })
  })

const waitForPort = async (port: number) => {
  for (let i = 0; i < 100; i++) {
    // The body is read to its end: an unread body of a server that then closes (python's
    // HTTP/1.0 server does) trips Node's HTTP client after the test.
    const ok = await fetch(`http://127.0.0.1:${port}/`).then(
      (r) => r.arrayBuffer().then(() => r.ok),
      () => false
    )
    if (ok) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`python3 -m http.server did not start on 127.0.0.1:${port}`)
}
