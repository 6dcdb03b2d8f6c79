// Helpers for mart tests: stage hand-made rows through the Source contract (the same load
// path every publisher uses: validation, vintages, observations), and a catalogue copy with
// extra test indicators so a test can choose directions, bounds and targets.
import { Effect } from "effect"
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { stringify } from "yaml"
import { landLocalFile } from "../../pipelines/load/land.ts"
import { loadFile } from "../../pipelines/load/loadFile.ts"
import type { Source, StagedRow } from "../../pipelines/source.ts"
import { runWith } from "../support/warehouse.ts"

/** A source whose files are JSON arrays of staged rows. */
export const stagedRowsSource = (id: string): Source => ({
  id,
  title: `test rows (${id})`,
  publisher: "brecha tests",
  licence: "test data",
  homepage: "http://127.0.0.1/",
  mirror: [],
  stage: (file, ctx) =>
    Effect.gen(function* () {
      const rows = JSON.parse(new TextDecoder().decode(file.bytes)) as Array<StagedRow>
      yield* ctx.stageRows(rows)
      return { format: "test-json-rows" }
    })
})

/** Loads rows as one vintage of a test source. */
export const loadRows = (db: string, sourceId: string, rows: ReadonlyArray<StagedRow>, unit = "rows.json") => {
  const file = join(mkdtempSync(join(tmpdir(), "brecha-rows-")), unit)
  writeFileSync(file, JSON.stringify(rows))
  return runWith(
    db,
    Effect.gen(function* () {
      const landed = yield* landLocalFile(sourceId, file, unit)
      return yield* loadFile(stagedRowsSource(sourceId), landed)
    })
  )
}

const catalogDir = join(import.meta.dirname, "..", "..", "data", "catalog")

/** Ids of every indicator in the real catalogue. */
export const catalogIndicatorIds = (): Set<string> => {
  const ids = new Set<string>()
  for (const f of readdirSync(join(catalogDir, "indicators")).filter((n) => n.endsWith(".yaml"))) {
    for (const m of readFileSync(join(catalogDir, "indicators", f), "utf8").matchAll(/^- id:\s*(\S+)/gm)) ids.add(m[1])
  }
  return ids
}

/**
 * Points BRECHA_CATALOG at a copy of data/catalog with `indicators` added (those whose id the
 * real catalogue already has are left out, so the real entry wins) and, optionally, extra
 * recommendation areas. Returns the folder.
 */
export const useTestCatalog = (
  indicators: ReadonlyArray<Record<string, unknown>>,
  options: { readonly extraRecommendations?: ReadonlyArray<Record<string, unknown>> } = {}
): string => {
  const dir = mkdtempSync(join(tmpdir(), "brecha-catalog-"))
  cpSync(catalogDir, dir, { recursive: true })
  if (options.extraRecommendations && options.extraRecommendations.length > 0) {
    const file = join(dir, "recommendations.yaml")
    writeFileSync(file, `${readFileSync(file, "utf8")}\n${stringify(options.extraRecommendations)}`)
  }
  const known = catalogIndicatorIds()
  const extra = indicators.filter((i) => !known.has(String(i.id)))
  if (extra.length > 0) writeFileSync(join(dir, "indicators", "zz_tests.yaml"), stringify(extra))
  if (!existsSync(join(dir, "recommendations.yaml"))) throw new Error("catalogue copy failed")
  process.env.BRECHA_CATALOG = dir
  return dir
}

/** A small test indicator entry (every field the catalogue needs). */
export const testIndicator = (id: string, higherIsBetter: boolean | null, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  id,
  pillar: higherIsBetter === null ? "context" : "data_capability",
  name_en: `Test ${id}`,
  name_es: `Prueba ${id}`,
  unit: "score",
  higher_is_better: higherIsBetter,
  source_id: "test",
  tracks: higherIsBetter === null ? [] : [{ rec: "C4-DATA", why_en: "test indicator for the marts", why_es: "indicador de prueba de los marts" }],
  ...extra
})
