// What the warehouse knows about each source itself (catalog_sources): live or final, its
// publisher endpoints or the reason it is final, and its release cadence from
// data/catalog/sources.yaml. The source_freshness view reads it to decide staleness, and
// `brecha sources` and the sources page show it.
import { Effect } from "effect"
import type { Cadence, Catalog } from "./types.ts"
import { type FinalSpec, sourceKind, type SourceKind } from "../source.ts"
import { sources as registry } from "../sources/registry.ts"
import type { Sql } from "../warehouse/Warehouse.ts"

export interface SourceDescription {
  readonly sourceId: string
  readonly title: string
  readonly publisher: string
  readonly licence: string
  readonly kind: SourceKind
  readonly cadence: Cadence | null
  readonly cadenceNote: string | null
  /** The publisher URLs a live refresh asks (defaults; BRECHA_<ID>_URL may point elsewhere). */
  readonly endpoints: ReadonlyArray<string>
  readonly final: FinalSpec | null
}

/** Registry and catalogue together, in registry order. */
export const describeSources = (catalog: Pick<Catalog, "sources">): ReadonlyArray<SourceDescription> =>
  registry.map((s) => {
    const entry = catalog.sources?.find((c) => c.id === s.id)
    return {
      sourceId: s.id,
      title: s.title,
      publisher: s.publisher,
      licence: s.licence,
      kind: sourceKind(s),
      cadence: entry?.cadence ?? null,
      cadenceNote: entry?.note ?? null,
      endpoints: s.live ? s.live.datasets(s.live.baseUrl.replace(/\/+$/, "")).map((d) => d.url) : [],
      final: s.final ?? null
    }
  })

/** A stable text of everything the registry contributes, for the catalogue fingerprint. */
export const registryFingerprintText = (): string =>
  JSON.stringify(describeSources({ sources: [] }).map((d) => [d.sourceId, d.kind, d.endpoints, d.final, d.title, d.publisher]))

export const syncSources = (sql: Sql, catalog: Catalog) =>
  Effect.gen(function* () {
    yield* sql.run("DELETE FROM catalog_sources")
    let position = 0
    for (const d of describeSources(catalog)) {
      position++
      yield* sql.run(`INSERT INTO catalog_sources VALUES (?, ?, ?, ?, ?, ?, ?, list_filter(string_split(?, chr(10)), x -> x <> ''), ?, ?, ?, ?, ?)`, [
        d.sourceId,
        d.title,
        d.publisher,
        d.licence,
        d.kind,
        d.cadence,
        d.cadenceNote,
        d.endpoints.join("\n"),
        d.final?.reason ?? null,
        d.final?.lastEdition ?? null,
        d.final?.releasedOn ?? null,
        d.final?.liveCounterpart ?? null,
        position
      ])
    }
  })
