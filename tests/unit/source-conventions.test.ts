// What every source in the registry must come with, so that adding one that lacks a piece
// fails here with what is missing: catalogue entries, a fixtures folder, its own integration
// test file, a layout in the reliability corpus, and a live or final declaration.
import { Effect } from "effect"
import { existsSync, readdirSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { readCatalog } from "../../pipelines/catalog/read.ts"
import { type Source, sourceKind } from "../../pipelines/source.ts"
import { sources } from "../../pipelines/sources/registry.ts"
import { formats } from "../reliability/formats.ts"

const tests = join(import.meta.dirname, "..")
const catalog = Effect.runSync(readCatalog())

const missingPieces = (source: Source): Array<string> => {
  const missing: Array<string> = []
  const fixtures = join(tests, "fixtures", source.id)
  // A local source (the user's own folder) brings its catalogue entries in YAML files beside
  // its CSVs, so its fixtures must hold one; and a CSV of it is only valid with its YAML, which
  // the corpus (one file mutated at a time) cannot give: its own test covers its bad inputs.
  const local = sourceKind(source) === "local"
  if (local) {
    const yaml = existsSync(fixtures) && readdirSync(fixtures, { recursive: true }).some((f) => String(f).endsWith(".yaml"))
    if (!yaml) missing.push(`catalogue entries (a YAML file beside a CSV under tests/fixtures/${source.id}/)`)
  } else if (!catalog.indicators.some((i) => i.source_id === source.id)) missing.push(`catalogue entries (source_id: ${source.id} in data/catalog/indicators/)`)
  if (!existsSync(fixtures) || readdirSync(fixtures).length === 0) missing.push(`a fixtures folder (tests/fixtures/${source.id}/)`)
  if (!existsSync(join(tests, "integration", `${source.id}.test.ts`))) missing.push(`its own integration test file (tests/integration/${source.id}.test.ts)`)
  if (!local && !formats.some((f) => f.sourceId === source.id)) missing.push("a reliability-corpus layout (tests/reliability/formats.ts)")
  // How it is kept current: live datasets, final (no new editions), or the user's own folder.
  if (sourceKind(source) === "undeclared") missing.push("a live or final declaration")
  return missing
}

describe("every source in the registry", () => {
  for (const source of sources) {
    it(`${source.id} has what a source needs`, () => {
      expect(missingPieces(source), `${source.id} lacks`).toEqual([])
    })
  }

  it("a source lacking pieces is named with each one", () => {
    const bare: Source = { id: "no_such_source", title: "", publisher: "", licence: "", homepage: "", mirror: [], stage: () => Effect.die("unused") }
    expect(missingPieces(bare)).toEqual([
      "catalogue entries (source_id: no_such_source in data/catalog/indicators/)",
      "a fixtures folder (tests/fixtures/no_such_source/)",
      "its own integration test file (tests/integration/no_such_source.test.ts)",
      "a reliability-corpus layout (tests/reliability/formats.ts)",
      "a live or final declaration"
    ])
  })
})
