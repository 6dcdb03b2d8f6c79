// Every source is either live (publisher endpoints) or final (why, last edition, when), and
// every source has a release cadence in data/catalog/sources.yaml.
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { readCatalog } from "../../pipelines/catalog/read.ts"
import { describeSources } from "../../pipelines/catalog/sources.ts"
import { sourceKind } from "../../pipelines/source.ts"
import { sources } from "../../pipelines/sources/registry.ts"
import { cadences } from "../../pipelines/catalog/types.ts"

describe("the source registry", () => {
  it("declares every source live xor final", () => {
    const both = sources.filter((s) => s.live && s.final).map((s) => s.id)
    expect(both).toEqual([])
    const undeclared = sources
      .filter((s) => sourceKind(s) === "undeclared")
      .map((s) => s.id)
      .sort()
    expect(undeclared).toEqual([])
  })

  it("gives each final source a reason, a last edition that starts with its year, and a release date", () => {
    const finals = sources.filter((s) => s.final)
    expect(finals.map((s) => s.id).sort()).toEqual(["odb", "oecd_dgi", "oecd_ourdata", "piaac"])
    for (const s of finals) {
      expect(s.final!.reason.length, s.id).toBeGreaterThan(40)
      expect(s.final!.lastEdition, s.id).toMatch(/^\d{4}/)
      expect(s.final!.releasedOn, s.id).toMatch(/^\d{4}-\d{2}(-\d{2})?$/)
      if (s.final!.liveCounterpart) expect(sources.find((o) => o.id === s.final!.liveCounterpart)?.live, s.id).toBeDefined()
    }
  })

  it("gives every source a cadence from data/catalog/sources.yaml, and lists no unknown source there", async () => {
    const catalog = await Effect.runPromise(readCatalog())
    const described = describeSources(catalog)
    for (const d of described) expect(cadences, d.sourceId).toContain(d.cadence)
    expect((catalog.sources ?? []).map((c) => c.id).sort()).toEqual(sources.map((s) => s.id).sort())
    expect(described.find((d) => d.sourceId === "un_egov")?.cadence).toBe("biennial")
    for (const d of described.filter((x) => x.kind === "live")) expect(d.endpoints.length, d.sourceId).toBeGreaterThan(0)
  })

  it("refuses a sources.yaml entry with an unknown cadence, naming the file", async () => {
    const { mkdtempSync, writeFileSync, cpSync } = await import("node:fs")
    const { join } = await import("node:path")
    const { tmpdir } = await import("node:os")
    const { defaultCatalogDir } = await import("../../pipelines/catalog/read.ts")
    const dir = mkdtempSync(join(tmpdir(), "brecha-catalog-"))
    cpSync(defaultCatalogDir(), dir, { recursive: true })
    writeFileSync(join(dir, "sources.yaml"), "- id: wdi\n  cadence: monthly\n")
    const result = await Effect.runPromise(Effect.result(readCatalog(dir)))
    expect(result._tag).toBe("Failure")
    if (result._tag === "Failure")
      expect(result.failure.message).toMatch(/sources\.yaml: entry 1 \(id wdi\): cadence: expected "annual" \| "biennial" \| "triennial" \| "irregular"/)
  })
})
