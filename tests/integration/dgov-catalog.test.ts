// The catalogue entries of the data-capability sources: every key present, in both
// languages, linked to recommendations and parents that exist.
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { readCatalog } from "../../pipelines/catalog/read.ts"

const keys = [
  "id",
  "pillar",
  "name_en",
  "name_es",
  "short_en",
  "short_es",
  "definition_en",
  "definition_es",
  "unit",
  "unit_en",
  "unit_es",
  "higher_is_better",
  "valid_min",
  "valid_max",
  "source_id",
  "publisher",
  "licence",
  "url",
  "cadence",
  "derived",
  "population_en",
  "population_es",
  "notes_en",
  "notes_es",
  "tracks"
]

describe("data-capability catalogue entries", async () => {
  const catalog = await Effect.runPromise(readCatalog())
  const ours = catalog.indicators.filter((i) => ["un_egov", "oecd_dgi", "oecd_ourdata", "odin"].includes(i.source_id))
  const recs = new Set(catalog.recommendations.map((r) => r.id))
  const ids = new Set(catalog.indicators.map((i) => i.id))

  it("has every entry the sources load", () => {
    // odin: three scores derived from the CSV and ODIN's three published scores retrieved live.
    expect(ours.length).toBe(6 + 8 + 13 + 3 + 3)
  })

  for (const i of ours) {
    it(`${i.id}: all keys, data_capability, tracks existing recommendations, parent exists`, () => {
      for (const k of keys) expect(i, k).toHaveProperty(k)
      expect(i.pillar).toBe("data_capability")
      expect(i.tracks.length).toBeGreaterThan(0)
      for (const t of i.tracks) {
        expect(recs.has(t.rec), t.rec).toBe(true)
        expect(t.why_en.length && t.why_es.length).toBeGreaterThan(10)
      }
      if (i.parent_id) expect(ids.has(i.parent_id), i.parent_id).toBe(true)
      expect(i.valid_min).not.toBeNull()
      expect(i.valid_max).not.toBeNull()
    })
  }

  it("marks exactly the computed indicators as derived", () => {
    expect(
      ours
        .filter((i) => i.derived)
        .map((i) => i.id)
        .sort()
    ).toEqual(["ODIN.COVERAGE", "ODIN.OPENNESS", "ODIN.OVERALL", "OECD.OURDATA"])
  })
})
