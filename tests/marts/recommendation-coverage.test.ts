// An area that no indicator tracks is shown, not hidden: `no_open_indicator` in the roll-up
// and a plain sentence in es/en in recommendation_coverage. An area whose indicators have
// values gets the roll-up of their statuses; one whose indicators have none says that.
import { describe, expect, it, beforeAll } from "vitest"
import { query, tempDbPath } from "../support/warehouse.ts"
import { loadRows, testIndicator, useTestCatalog } from "./support.ts"

const db = tempDbPath("coverage")
beforeAll(async () => {
  useTestCatalog(
    [
      { ...testIndicator("TEST.COVER", true), tracks: [{ rec: "ZZ-TRACKED", why_en: "test link for coverage", why_es: "vínculo de prueba" }] },
      { ...testIndicator("TEST.EMPTY", true), tracks: [{ rec: "ZZ-EMPTY", why_en: "test link without data", why_es: "vínculo sin datos" }] },
      // A context indicator does not count as measuring an area.
      { ...testIndicator("TEST.CONTEXT", null), tracks: [{ rec: "ZZ-NONE", why_en: "context only", why_es: "solo contexto" }] }
    ],
    {
      extraRecommendations: ["ZZ-NONE", "ZZ-TRACKED", "ZZ-EMPTY"].map((id) => ({
        id,
        chapter: "test",
        title_en: id,
        title_es: id,
        summary_en: "test area",
        summary_es: "área de prueba",
        confidence: "inferred",
        frameworks: ["D1"],
        measurement_en: "A test note on what would measure it.",
        measurement_es: "Una nota de prueba sobre qué la mediría."
      }))
    }
  )
  await loadRows(
    db,
    "test_rows",
    ["MEX", "USA", "KOR"].flatMap((iso3, i) =>
      [2019, 2023].flatMap((year) => [
        { indicator_id: "TEST.COVER", area: iso3, year, value: String(40 + 20 * i + (year - 2019)) },
        { indicator_id: "TEST.CONTEXT", area: iso3, year, value: "1" }
      ])
    )
  )
}, 60_000)

describe("recommendation coverage and roll-up", () => {
  it("says plainly which areas have no open indicator, no loaded values, or data", async () => {
    const rows = await query<{ recommendation_id: string; has_open_indicator: boolean; n_indicators: number; coverage_en: string; coverage_es: string }>(
      db,
      "SELECT recommendation_id, has_open_indicator, n_indicators, coverage_en, coverage_es FROM recommendation_coverage WHERE recommendation_id LIKE 'ZZ-%' ORDER BY 1"
    )
    expect(rows.map((r) => [r.recommendation_id, r.has_open_indicator, Number(r.n_indicators)])).toEqual([
      ["ZZ-EMPTY", false, 1],
      ["ZZ-NONE", false, 0],
      ["ZZ-TRACKED", true, 1]
    ])
    const none = rows.find((r) => r.recommendation_id === "ZZ-NONE")!
    expect(none.coverage_en).toBe("No open indicator is loaded for this area. A test note on what would measure it.")
    expect(none.coverage_es).toBe("No hay un indicador abierto cargado para esta área. Una nota de prueba sobre qué la mediría.")
    expect(rows.find((r) => r.recommendation_id === "ZZ-EMPTY")!.coverage_en).toMatch(/^Its indicators are catalogued but none has values loaded yet\./)
    expect(rows.find((r) => r.recommendation_id === "ZZ-TRACKED")!.coverage_en).toBe("A test note on what would measure it.")
  })

  it("rolls up to no_open_indicator, no_data or the indicators' status", async () => {
    const rows = await query<{ recommendation_id: string; status: string; n_with_data: number; n_on_track: number }>(
      db,
      "SELECT recommendation_id, status, n_with_data FROM focus_recommendation_status WHERE headline AND recommendation_id LIKE 'ZZ-%' ORDER BY 1"
    )
    // Mexico 40 -> 44 (2019-2023) against the OECD mean of USA and KOR in 2023 (64, 84 -> 74):
    // growth (44/40)^(1/4)-1 = 2.41 %/year vs (74/44)^(1/7)-1 = 7.71 % needed; ratio 0.31 -> insufficient.
    expect(rows.map((r) => [r.recommendation_id, r.status, Number(r.n_with_data)])).toEqual([
      ["ZZ-EMPTY", "no_data", 0],
      ["ZZ-NONE", "no_open_indicator", 0],
      ["ZZ-TRACKED", "insufficient", 1]
    ])
  })
})
