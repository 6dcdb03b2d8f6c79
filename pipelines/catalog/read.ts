// Reads the reviewed catalogue files under data/catalog into typed values, with errors
// that name the file and the entry at fault.
import { Effect } from "effect"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { parse as parseYaml } from "yaml"
import type { Catalog, Country, Indicator, Framework, PeerGroup, Recommendation } from "../../src/catalog/types.ts"
import { CatalogError } from "../errors.ts"
import { parseCsv } from "../files/csv.ts"

export const defaultCatalogDir = (): string =>
  resolve(process.env.BRECHA_CATALOG ?? join(import.meta.dirname, "..", "..", "data", "catalog"))

const readCsvObjects = (dir: string, name: string) =>
  Effect.gen(function*() {
    const file = join(dir, name)
    if (!existsSync(file)) return yield* new CatalogError({ file, detail: "file is missing" })
    const records = yield* parseCsv(readFileSync(file, "utf8").replace(/^\uFEFF/, ""), { sourceId: "catalog", file }).pipe(
      Effect.mapError((e) => new CatalogError({ file, detail: e.message }))
    )
    const [header, ...rows] = records
    return rows.map((r) => Object.fromEntries(header.fields.map((h, i) => [h.trim(), (r.fields[i] ?? "").trim()])))
  })

const readYaml = <T>(file: string, optional = false) =>
  Effect.gen(function*() {
    if (!existsSync(file)) {
      if (optional) return [] as unknown as T
      return yield* new CatalogError({ file, detail: "file is missing" })
    }
    return yield* Effect.try({
      try: () => (parseYaml(readFileSync(file, "utf8")) ?? []) as T,
      catch: (cause) => new CatalogError({ file, detail: `not valid YAML: ${cause instanceof Error ? cause.message : String(cause)}` })
    })
  })

const intOrNull = (text: string | undefined): number | null => (text && text.trim() !== "" ? Number.parseInt(text, 10) : null)

export const readCatalog = (dir: string = defaultCatalogDir()): Effect.Effect<Catalog, CatalogError> =>
  Effect.gen(function*() {
    const countries: Array<Country> = (yield* readCsvObjects(dir, "countries.csv")).map((r) => ({
      iso3: r.iso3, iso2: r.iso2 || null, m49: intOrNull(r.m49), name_en: r.name_en, name_es: r.name_es || r.name_en,
      oecd_member_since: intOrNull(r.oecd_member_since), region: r.region || null
    }))
    const aggregates = (yield* readCsvObjects(dir, "aggregates.csv")).map((r) => ({
      code: r.code, name_en: r.name_en, name_es: r.name_es || r.name_en, kind: r.kind
    }))
    const aliases = (yield* readCsvObjects(dir, "area_aliases.csv")).map((r) => ({ alias: r.alias, iso3: r.iso3 }))

    const indicatorDir = join(dir, "indicators")
    const indicators: Array<Indicator> = []
    for (const name of existsSync(indicatorDir) ? readdirSync(indicatorDir).filter((f) => f.endsWith(".yaml")).sort() : []) {
      const file = join(indicatorDir, name)
      const entries = yield* readYaml<Array<Indicator>>(file)
      for (const entry of entries) {
        if (!entry?.id || !entry.pillar || !entry.name_en || !entry.source_id) {
          return yield* new CatalogError({ file, detail: `an entry lacks id, pillar, name_en or source_id: ${JSON.stringify(entry).slice(0, 120)}` })
        }
        if (entry.missing_codes_are_values !== undefined && typeof entry.missing_codes_are_values !== "boolean") {
          return yield* new CatalogError({ file, detail: `${entry.id}: missing_codes_are_values must be true or false, not ${JSON.stringify(entry.missing_codes_are_values)}` })
        }
        indicators.push({ ...entry, tracks: entry.tracks ?? [] })
      }
    }
    const recommendations = yield* readYaml<Array<Recommendation>>(join(dir, "recommendations.yaml"), true)
    const frameworks = yield* readYaml<Array<Framework>>(join(dir, "frameworks.yaml"), true)
    const peerGroups = yield* readYaml<Array<PeerGroup>>(join(dir, "peer_groups.yaml"), true)
    return { countries, aggregates, aliases, indicators, recommendations, frameworks: normaliseFrameworks(frameworks), peerGroups }
  })

/** frameworks.yaml may be a list or a map keyed by framework id. */
const normaliseFrameworks = (raw: unknown): Array<Framework> => {
  if (Array.isArray(raw)) return raw as Array<Framework>
  if (raw && typeof raw === "object") {
    const obj = raw as Record<string, unknown>
    const list = (obj.frameworks ?? obj) as unknown
    if (Array.isArray(list)) return list as Array<Framework>
    return Object.entries(list as Record<string, Omit<Framework, "id">>).map(([id, f]) => ({ ...f, id }))
  }
  return []
}
