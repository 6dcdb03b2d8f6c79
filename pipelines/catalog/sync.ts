// Copies the catalogue into the warehouse's catalog_* tables (replacing what was there)
// so SQL can resolve areas, bounds and links. syncCatalogFromDisk runs it when the catalogue
// or the settings changed; identical content leaves identical tables.
import { Effect } from "effect"
import type { Catalog } from "./types.ts"
import { CatalogError } from "../errors.ts"
import type { Sql } from "../warehouse/Warehouse.ts"
import { readSettings, syncSettings } from "./settings.ts"
import { syncSources } from "./sources.ts"

/** Every spelling that names a country, lower-cased and trimmed, to its ISO3. */
export const areaKeys = (catalog: Catalog): Effect.Effect<Map<string, string>, CatalogError> =>
  Effect.gen(function* () {
    const keys = new Map<string, string>()
    const add = (key: string | number | null | undefined, iso3: string, what: string) => {
      if (key === null || key === undefined || String(key).trim() === "") return undefined
      const k = String(key).trim().toLowerCase()
      const existing = keys.get(k)
      if (existing && existing !== iso3) return `"${key}" (${what}) names both ${existing} and ${iso3}`
      keys.set(k, iso3)
      return undefined
    }
    const known = new Set(catalog.countries.map((c) => c.iso3))
    for (const c of catalog.countries) {
      for (const [key, what] of [
        [c.iso3, "iso3"],
        [c.iso2, "iso2"],
        [c.m49, "m49"],
        [c.name_en, "name_en"],
        [c.name_es, "name_es"]
      ] as const) {
        const clash = add(key, c.iso3, what)
        if (clash) return yield* new CatalogError({ file: "countries.csv", detail: clash })
      }
    }
    for (const a of catalog.aliases) {
      if (!known.has(a.iso3))
        return yield* new CatalogError({ file: "area_aliases.csv", detail: `alias "${a.alias}" points to ${a.iso3}, which is not in countries.csv` })
      const clash = add(a.alias, a.iso3, "alias")
      if (clash) return yield* new CatalogError({ file: "area_aliases.csv", detail: clash })
    }
    return keys
  })

export const syncCatalog = (sql: Sql, catalog: Catalog) =>
  Effect.gen(function* () {
    const keys = yield* areaKeys(catalog)
    for (const table of [
      "catalog_countries",
      "catalog_aggregates",
      "catalog_area_keys",
      "catalog_indicators",
      "catalog_recommendations",
      "catalog_indicator_recommendations",
      "catalog_recommendation_sources",
      "catalog_framework_items",
      "catalog_peer_groups",
      "catalog_targets"
    ])
      yield* sql.run(`DELETE FROM ${table}`)

    yield* sql.append(
      "catalog_countries",
      catalog.countries.map((c) => [c.iso3, c.iso2, c.m49, c.name_en, c.name_es, c.oecd_member_since, c.region])
    )
    yield* sql.append(
      "catalog_aggregates",
      catalog.aggregates.map((a) => [a.code, a.name_en, a.name_es, a.kind])
    )
    yield* sql.append(
      "catalog_area_keys",
      [...keys.entries()].map(([k, iso3]) => [k, iso3])
    )
    yield* sql.append(
      "catalog_indicators",
      catalog.indicators.map((i) => [
        i.id,
        i.pillar,
        i.name_en,
        i.name_es,
        i.short_en ?? null,
        i.short_es ?? null,
        i.definition_en ?? null,
        i.definition_es ?? null,
        i.unit ?? null,
        i.unit_en ?? null,
        i.unit_es ?? null,
        i.higher_is_better ?? null,
        i.source_id,
        i.publisher ?? null,
        i.licence ?? null,
        i.url ?? null,
        i.cadence ?? null,
        i.derived ?? false,
        i.population_en ?? null,
        i.population_es ?? null,
        i.notes_en ?? null,
        i.notes_es ?? null,
        i.valid_min ?? null,
        i.valid_max ?? null,
        i.parent_id ?? null,
        i.target ?? null,
        i.missing_codes_are_values ?? false
      ])
    )
    yield* sql.append(
      "catalog_indicator_recommendations",
      catalog.indicators.flatMap((i) => i.tracks.map((t) => [i.id, t.rec, t.why_en ?? null, t.why_es ?? null]))
    )
    // Lists go in through SQL: the appender path is text-only.
    let position = 0
    for (const r of catalog.recommendations) {
      position++
      yield* sql.run(
        `INSERT INTO catalog_recommendations (recommendation_id, chapter, section_en, section_es, title_en, title_es, summary_en, summary_es,
           confidence, confidence_note_en, confidence_note_es, measurement_en, measurement_es, frameworks, position)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, list_filter(string_split(?, '|'), x -> x <> ''), ?)`,
        [
          r.id,
          String(r.chapter),
          r.section_en ?? null,
          r.section_es ?? null,
          r.title_en,
          r.title_es,
          r.summary_en,
          r.summary_es,
          r.confidence,
          r.confidence_note_en ?? null,
          r.confidence_note_es ?? null,
          r.measurement_en ?? null,
          r.measurement_es ?? null,
          (r.frameworks ?? []).join("|"),
          position
        ]
      )
    }
    // A recommendation's sources stay a list: one row per address, never a flattened text.
    yield* sql.append(
      "catalog_recommendation_sources",
      catalog.recommendations.flatMap((r) =>
        (r.source === undefined ? [] : typeof r.source === "string" ? [r.source] : [...r.source]).map((url, i) => [r.id, i + 1, String(url).trim()])
      )
    )
    yield* sql.append(
      "catalog_framework_items",
      catalog.frameworks.flatMap((f) =>
        f.items.map((item) => [f.id, item.id, item.name_en, item.name_es, item.summary_en ?? null, item.summary_es ?? null, item.confidence ?? null])
      )
    )
    yield* sql.append(
      "catalog_peer_groups",
      catalog.peerGroups.flatMap((g) => g.members.map((m) => [g.id, m]))
    )
    yield* syncSources(sql, catalog)
    for (const t of catalog.targets) {
      yield* sql.run("INSERT INTO catalog_targets VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS DATE))", [
        t.indicator_id,
        t.country_iso3,
        t.value,
        t.year,
        t.baseline_year,
        t.document_title,
        t.document_url,
        t.document_date
      ])
    }
    // Settings ride along so every writable path (refresh, ingest, build) sees the current focus.
    yield* syncSettings(sql, catalog, yield* readSettings())
  })
