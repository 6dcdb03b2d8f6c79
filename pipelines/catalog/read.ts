// Reads the reviewed catalogue files under data/catalog into typed values, with errors
// that name the file and the entry at fault.
import { Effect, type Schema } from "effect"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join, resolve } from "node:path"
import type { Catalog, Country, Framework, Indicator } from "./types.ts"
import { decodeExternal } from "../decode.ts"
import { CatalogError } from "../errors.ts"
import { parseCsv } from "../files/csv.ts"
import { environment, readEnv } from "../environment.ts"
import { FrameworkById, FrameworkEntry, IndicatorEntry, PeerGroupEntry, RecommendationEntry, SourceCadenceEntry } from "./schemas.ts"
import { defaultNationalDir, defaultTargetsFile, readNationalCatalog, readTargets } from "./national.ts"
import { loadYaml } from "./yaml.ts"

export const defaultCatalogDir = (): string => resolve(readEnv(environment.catalog) ?? join(import.meta.dirname, "..", "..", "data", "catalog"))

const readCsvObjects = (dir: string, name: string) =>
  Effect.gen(function* () {
    const file = join(dir, name)
    if (!existsSync(file)) return yield* new CatalogError({ file, detail: "file is missing" })
    const records = yield* parseCsv(readFileSync(file, "utf8").replace(/^\uFEFF/, ""), { sourceId: "catalog", file }).pipe(
      Effect.mapError((e) => new CatalogError({ file, detail: e.message }))
    )
    const [header, ...rows] = records
    return rows.map((r) => Object.fromEntries(header.fields.map((h, i) => [h.trim(), (r.fields[i] ?? "").trim()])))
  })

/** A YAML file's content as plain data (`undefined` for an optional file that is absent). */
const readYaml = (file: string, optional = false) =>
  Effect.gen(function* () {
    if (!existsSync(file)) {
      if (optional) return undefined
      return yield* new CatalogError({ file, detail: "file is missing" })
    }
    const { parse: parseYaml } = yield* loadYaml
    return yield* Effect.try({
      try: (): unknown => parseYaml(readFileSync(file, "utf8")),
      catch: (cause) => new CatalogError({ file, detail: `not valid YAML: ${cause instanceof Error ? cause.message : String(cause)}` })
    })
  })

/** A YAML list of entries, each decoded with `schema`; an error names the entry (by id when it has one) and the field. */
const readEntries = <A>(file: string, schema: Schema.Decoder<A>, optional = false) =>
  Effect.gen(function* () {
    const raw = (yield* readYaml(file, optional)) ?? []
    if (!Array.isArray(raw)) return yield* new CatalogError({ file, detail: "expected a list of entries" })
    return yield* Effect.forEach(raw, (entry: unknown, i) => {
      const id = typeof entry === "object" && entry !== null && "id" in entry && typeof entry.id === "string" ? ` (id ${entry.id})` : ""
      return decodeExternal(schema, entry, (problem) => new CatalogError({ file, detail: `entry ${i + 1}${id}: ${problem}` }))
    })
  })

const intOrNull = (text: string | undefined): number | null => (text && text.trim() !== "" ? Number.parseInt(text, 10) : null)

export interface CatalogInputs {
  /** The national folder (data/national, --national DIR, BRECHA_NATIONAL). */
  readonly nationalDir?: string
  /** The targets file (data/targets.yaml, --targets FILE, BRECHA_TARGETS). */
  readonly targetsFile?: string
}

export const readCatalog = (dir: string = defaultCatalogDir(), inputs: CatalogInputs = {}): Effect.Effect<Catalog, CatalogError> =>
  Effect.gen(function* () {
    const countries: Array<Country> = (yield* readCsvObjects(dir, "countries.csv")).map((r) => ({
      iso3: r.iso3,
      iso2: r.iso2 || null,
      m49: intOrNull(r.m49),
      name_en: r.name_en,
      name_es: r.name_es || r.name_en,
      oecd_member_since: intOrNull(r.oecd_member_since),
      region: r.region || null
    }))
    const aggregates = (yield* readCsvObjects(dir, "aggregates.csv")).map((r) => ({
      code: r.code,
      name_en: r.name_en,
      name_es: r.name_es || r.name_en,
      kind: r.kind
    }))
    const aliases = (yield* readCsvObjects(dir, "area_aliases.csv")).map((r) => ({ alias: r.alias, iso3: r.iso3 }))

    const indicatorDir = join(dir, "indicators")
    const indicators: Array<Indicator> = []
    for (const name of existsSync(indicatorDir)
      ? readdirSync(indicatorDir)
          .filter((f) => f.endsWith(".yaml"))
          .sort()
      : []) {
      for (const entry of yield* readEntries(join(indicatorDir, name), IndicatorEntry)) indicators.push({ ...entry, tracks: entry.tracks ?? [] })
    }
    const recommendations = yield* readEntries(join(dir, "recommendations.yaml"), RecommendationEntry, true)
    const frameworks = yield* readFrameworks(join(dir, "frameworks.yaml"))
    const peerGroups = yield* readEntries(join(dir, "peer_groups.yaml"), PeerGroupEntry, true)
    const sources = yield* readEntries(join(dir, "sources.yaml"), SourceCadenceEntry, true)
    // A user's own indicators join the reviewed ones (a file that does not validate is left
    // out here and refused, with its reason, when the `national` source loads its CSV).
    const national = yield* readNationalCatalog(inputs.nationalDir ?? defaultNationalDir(), new Set(recommendations.map((r) => r.id)))
    for (const entry of national.indicators) {
      if (indicators.some((i) => i.id === entry.id)) continue
      indicators.push(entry)
    }
    const targets = yield* readTargets(inputs.targetsFile ?? defaultTargetsFile(), new Set(indicators.map((i) => i.id)), new Set(countries.map((c) => c.iso3)))
    return { countries, aggregates, aliases, indicators, recommendations, frameworks, peerGroups, sources, targets }
  })

/** frameworks.yaml: a list, or a map keyed by framework id (optionally under `frameworks:`). */
const readFrameworks = (file: string) =>
  Effect.gen(function* () {
    const raw = yield* readYaml(file, true)
    const list = typeof raw === "object" && raw !== null && !Array.isArray(raw) && "frameworks" in raw ? raw.frameworks : raw
    const fail = (problem: string) => new CatalogError({ file, detail: problem })
    if (list === undefined || list === null) return []
    if (Array.isArray(list)) return yield* readEntries(file, FrameworkEntry, true)
    const byId = yield* decodeExternal(FrameworkById, list, fail)
    return Object.entries(byId).map(([id, f]): Framework => ({ ...f, id }))
  })
