import { describe, expect, it } from "vitest"
import { formatDate, formatDelta, formatNumber, formatValue } from "../../src/web/i18n/format.ts"
import { t } from "../../src/web/i18n/strings.ts"
import { toCsv } from "../../src/web/ui/csv.ts"
import { LANGS, legacyPage, pagePath, parsePagePath } from "../../src/contract/routes.ts"
import { pageHref, parseState, serializeState } from "../../src/web/ui/state.ts"
import { trendFinding } from "../../src/web/findings/trend.ts"

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ")

describe("numbers and dates for the language", () => {
  it("uses a decimal comma and a spaced percent sign in Spanish, a point and no space in English", () => {
    expect(plain(formatValue("es", "percent", 81.23))).toBe("81,2 %")
    expect(formatValue("en", "percent", 81.23)).toBe("81.2%")
    expect(formatNumber("es", 12345.6)).toBe("12.346")
    expect(formatNumber("en", 12345.6)).toBe("12,346")
    expect(formatValue("en", "per_100_people", 21.66)).toBe("21.7")
    expect(formatValue("es", null, null)).toBe("—")
  })
  it("signs differences and calls percentage differences points", () => {
    expect(plain(formatDelta("es", "percent", -6.43))).toBe("−6,4 p. p.")
    expect(formatDelta("en", "percent", 6.43)).toBe("+6.4 pp")
  })
  it("writes dates in words", () => {
    expect(formatDate("es", "2022-05-25")).toBe("25 de mayo de 2022")
    expect(formatDate("en", "2026-11-26 22:53:07.71")).toBe("26 November 2026")
    expect(formatDate("en", null)).toBe("—")
  })
  it("fills placeholders with text", () => {
    expect(t("en", "data_as_of", { date: "<b>x</b>" })).toBe("Data as of <b>x</b>")
  })
})

describe("CSV of a chart", () => {
  it("quotes commas, quotes and newlines, keeps numbers raw and defuses formulas", () => {
    const csv = toCsv(
      [
        { name: "country", value: (r: { c: string; v: number | null }) => r.c },
        { name: "value", value: (r) => r.v }
      ],
      [
        { c: "Korea, Rep.", v: 81.25 },
        { c: 'Say "hi"\nthere', v: null },
        { c: "=HYPERLINK(1)", v: -2 }
      ]
    )
    expect(csv).toBe('country,value\r\n"Korea, Rep.",81.25\r\n"Say ""hi""\nthere",\r\n\'=HYPERLINK(1),-2\r\n')
  })
})

describe("state in the URL", () => {
  it("reads language, focus, peers and id, ignoring junk", () => {
    expect(parseState("?lang=en&focus=chl&peers=MEX,col,xx&id=IT.NET.USER.ZS")).toEqual({
      lang: "en",
      focus: "CHL",
      peers: ["MEX", "COL"],
      id: "IT.NET.USER.ZS"
    })
    expect(parseState("?focus=<script>")).toEqual({ lang: "es", focus: null, peers: null, id: null })
    expect(parseState("?peers=")).toMatchObject({ peers: [] })
  })
  it("round-trips and carries focus and peers into path links", () => {
    const state = { lang: "en" as const, focus: "MEX", peers: ["CHL", "COL"], id: null }
    expect(parseState(serializeState(state))).toEqual(state)
    expect(pageHref("../../../", state, "indicator", "IT.NET.USER.ZS")).toBe("../../../en/indicator/IT.NET.USER.ZS/?focus=MEX&peers=CHL%2CCOL")
    // Defaults (null) keep the path clean: it is the pre-rendered page.
    expect(pageHref("", { lang: "es", focus: null, peers: null }, "recommendation", "C3-CONNECT")).toBe("es/recomendacion/C3-CONNECT/")
  })
  it("names every page by a path per language, and reads it back", () => {
    for (const lang of LANGS) {
      for (const [page, id] of [
        ["index", null],
        ["indicator", "IT.NET.BBND.P2"],
        ["recommendation", "C3-CONNECT"],
        ["pillar", "connectivity"],
        ["sources", null],
        ["changes", null]
      ] as const) {
        expect(parsePagePath(pagePath(lang, page, id))).toEqual({ page, lang, id })
      }
    }
    expect(pagePath("es", "indicator", "IT.NET.BBND.P2")).toBe("es/indicador/IT.NET.BBND.P2/")
    expect(parsePagePath("fr/indicator/X/")).toBeNull()
    expect(legacyPage("recommendation.html")).toBe("recommendation")
  })
})

describe("the finding sentence", () => {
  const bands = [2018, 2023].map((year, i) => ({
    year,
    group_id: "oecd",
    n: 38,
    mean: null,
    median: [85, 92.1][i],
    p25: null,
    p75: null,
    min: null,
    max: null
  }))
  it("states the latest value, the OECD median and how the gap moved, in the page's language", () => {
    const s = trendFinding({
      lang: "en",
      country: "Mexico",
      unit: "percent",
      points: [
        [2018, 65.4, null],
        [2023, 81.2, null]
      ],
      bands
    })
    expect(s).toBe("Mexico: 81.2% in 2023; OECD median 92.1%. The gap has narrowed by 8.7 pp since 2018.")
    const es = plain(
      trendFinding({
        lang: "es",
        country: "México",
        unit: "percent",
        points: [
          [2018, 65.4, null],
          [2023, 81.2, null]
        ],
        bands
      })
    )
    expect(es).toBe("México: 81,2 % en 2023; mediana de la OCDE 92,1 %. La brecha se redujo 8,7 p. p. desde 2018.")
  })
  it("says when the benchmark is missing, and when there is no data", () => {
    expect(
      trendFinding({
        lang: "en",
        country: "Mexico",
        unit: "percent",
        points: [
          [2015, 57.4, null],
          [2020, 72, null]
        ],
        bands: null
      })
    ).toBe("Mexico: 72.0% in 2020. It changed by +14.6 pp since 2015. The OECD benchmark is not computed yet.")
    expect(trendFinding({ lang: "es", country: "México", unit: "percent", points: [], bands: null })).toBe("No hay datos de México para este indicador.")
  })
})
