// The recommendation catalogue: complete against the review's areas (REVIEW.md §2), honest
// about confidence, cross-walked to frameworks that exist, and every non-context indicator
// tied to an area. Then the same links as the warehouse exposes them.
import { Effect } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { readCatalog } from "../../pipelines/catalog/read.ts"
import type { Catalog } from "../../pipelines/catalog/types.ts"
import { query, tempDbPath } from "../support/warehouse.ts"

// REVIEW.md §2, in its order; [C] marks the three areas read in the review itself.
const reviewAreas = [
  "GOV-CONT",
  "GOV-CENTRE",
  "GOV-AGILE-STATE",
  "C1-REFORM",
  "C1-INHOUSE",
  "C2-LEGACY",
  "C3-EDN",
  "C3-CONNECT",
  "C3-SKILLS",
  "C3-INTEROP",
  "C3-LEGAL",
  "C3-OGD",
  "C3-LEAD",
  "C3-ORG",
  "C4-STANDARDS",
  "C4-CULTURE",
  "C4-DATA",
  "C4-TALENT",
  "C4-PROCURE",
  "C4-AGILE"
]
const confirmedAreas = ["GOV-CENTRE", "GOV-AGILE-STATE", "C4-STANDARDS"]
// REVIEW.md §5 framework cross-walk (each area must carry at least these links).
const crosswalk: Record<string, ReadonlyArray<string>> = {
  D1: ["GOV-CONT", "GOV-CENTRE", "C3-EDN", "C3-LEAD", "C3-ORG", "C3-LEGAL"],
  D2: ["C4-DATA", "C3-OGD"],
  D3: ["C3-INTEROP", "C4-AGILE", "C4-PROCURE"],
  D4: ["C3-OGD"],
  D5: ["C4-STANDARDS", "C3-SKILLS"],
  D6: ["C4-STANDARDS", "C4-DATA"],
  // Council side: the capacity principles (business cases, project capacity).
  P09: ["C4-TALENT", "C4-PROCURE", "C1-INHOUSE"],
  P10: ["C4-TALENT", "C4-PROCURE", "C1-INHOUSE"]
}

let catalog: Catalog
beforeAll(async () => {
  catalog = await Effect.runPromise(readCatalog())
})

describe("recommendation areas", () => {
  it("are exactly the review's twenty areas, in its order", () => {
    expect(catalog.recommendations.map((r) => r.id)).toEqual(reviewAreas)
  })

  it("each has chapter, section, title and summary in both languages", () => {
    for (const r of catalog.recommendations) {
      for (const key of ["chapter", "section_en", "section_es", "title_en", "title_es", "summary_en", "summary_es"] as const) {
        expect(String(r[key] ?? "").trim().length, `${r.id}.${key}`).toBeGreaterThan(0)
      }
    }
  })

  it("carry their confidence honestly: confirmed only where the review was read, reconstructions say so", () => {
    for (const r of catalog.recommendations) {
      expect(["confirmed", "partly_confirmed", "inferred"], r.id).toContain(r.confidence)
      expect((r.confidence_note_en ?? "").length, r.id).toBeGreaterThan(20)
      expect((r.confidence_note_es ?? "").length, r.id).toBeGreaterThan(20)
      if (r.confidence !== "confirmed") expect(r.confidence_note_en, r.id).toMatch(/not (been )?(verified|checked)/)
    }
    expect(
      catalog.recommendations
        .filter((r) => r.confidence === "confirmed")
        .map((r) => r.id)
        .sort()
    ).toEqual([...confirmedAreas].sort())
  })

  it("link only framework items that exist, at least one each, and carry the review's cross-walk", () => {
    const items = new Set(catalog.frameworks.flatMap((f) => f.items.map((i) => i.id)))
    expect(items.size).toBe(6 + 12)
    for (const r of catalog.recommendations) {
      expect(r.frameworks?.length ?? 0, r.id).toBeGreaterThan(0)
      for (const id of r.frameworks ?? []) expect(items.has(id), `${r.id} links unknown framework item ${id}`).toBe(true)
    }
    for (const [dimension, areas] of Object.entries(crosswalk)) {
      for (const area of areas) {
        expect(catalog.recommendations.find((r) => r.id === area)?.frameworks, `${area} ↔ ${dimension}`).toContain(dimension)
      }
    }
  })

  it("either have indicators or a measurement note on what would measure them (which never claims a load state)", () => {
    const tracked = new Set(catalog.indicators.filter((i) => i.pillar !== "context").flatMap((i) => i.tracks.map((t) => t.rec)))
    for (const r of catalog.recommendations) {
      // Whether an indicator is loaded is a fact of the warehouse (recommendation_coverage), not of prose.
      expect(r.measurement_en ?? "", r.id).not.toMatch(/no open indicator is loaded/i)
      if (tracked.has(r.id)) continue
      expect((r.measurement_en ?? "").trim().length, `${r.id} has no indicator and no measurement_en`).toBeGreaterThan(40)
      expect((r.measurement_es ?? "").trim().length, `${r.id} has no indicator and no measurement_es`).toBeGreaterThan(40)
    }
  })
})

describe("indicator links", () => {
  it("every non-context indicator tracks at least one existing area, each link with a reason in both languages", () => {
    const areas = new Set(catalog.recommendations.map((r) => r.id))
    const nonContext = catalog.indicators.filter((i) => i.pillar !== "context")
    expect(nonContext.length).toBeGreaterThan(0)
    for (const i of nonContext) expect(i.tracks.length, `${i.id} tracks no area`).toBeGreaterThan(0)
    for (const i of catalog.indicators) {
      for (const t of i.tracks) {
        expect(areas.has(t.rec), `${i.id} tracks unknown area ${t.rec}`).toBe(true)
        expect((t.why_en ?? "").trim().length, `${i.id} -> ${t.rec} why_en`).toBeGreaterThan(10)
        expect((t.why_es ?? "").trim().length, `${i.id} -> ${t.rec} why_es`).toBeGreaterThan(10)
      }
    }
  })
})

describe("in the warehouse (catalogue only, no data)", () => {
  const db = tempDbPath("recs")

  it("recommendation_frameworks has one row per link, each resolved to its framework", async () => {
    const rows = await query<{ recommendation_id: string; framework_id: string | null; item_id: string; name_es: string }>(
      db,
      "SELECT recommendation_id, framework_id, item_id, name_es FROM recommendation_frameworks"
    )
    expect(rows.length).toBe(catalog.recommendations.reduce((n, r) => n + (r.frameworks?.length ?? 0), 0))
    expect(rows.filter((r) => r.framework_id === null)).toEqual([])
    const procure = rows.filter((r) => r.recommendation_id === "C4-PROCURE").map((r) => `${r.framework_id}:${r.item_id}`)
    expect(procure).toContain("council_2014:P11")
  })

  it("every area appears in the coverage and the status roll-up; those without data say so", async () => {
    const coverage = await query<{ recommendation_id: string; has_open_indicator: boolean; coverage_en: string; coverage_es: string }>(
      db,
      "SELECT recommendation_id, has_open_indicator, coverage_en, coverage_es FROM recommendation_coverage ORDER BY position"
    )
    expect(coverage.map((c) => c.recommendation_id)).toEqual(reviewAreas)
    // An empty warehouse: nothing is loaded, and every area says so in both languages.
    for (const c of coverage) {
      expect(c.has_open_indicator).toBe(false)
      expect(c.coverage_en).toMatch(/^(No open indicator is loaded for this area|Its indicators are catalogued but none has values loaded yet)\. /)
      expect(c.coverage_es).toMatch(/^(No hay un indicador abierto cargado|Sus indicadores están catalogados)/)
    }
    const status = await query<{ recommendation_id: string; status: string; n_indicators: number }>(
      db,
      "SELECT recommendation_id, status, n_indicators FROM focus_recommendation_status WHERE headline ORDER BY position"
    )
    expect(status.map((s) => s.recommendation_id)).toEqual(reviewAreas)
    // (tests/marts/recommendation-coverage.test.ts covers an area with no indicator at all.)
    for (const s of status) expect(s.status, s.recommendation_id).toBe(s.n_indicators === 0 ? "no_open_indicator" : "no_data")
  })
})
