// The focus country, its peers and the status parameters: read from data/settings.yaml (one
// place), with BRECHA_FOCUS / BRECHA_PEERS overriding the countries, and written to the
// warehouse's one-row `settings` table so the marts and views can join them.
import { Effect, Schema } from "effect"
import { existsSync, readFileSync } from "node:fs"
import { join, resolve } from "node:path"
import type { Catalog } from "./types.ts"
import type { StatusParameters } from "../../src/oracle/status.ts"
import { decodeExternal } from "../decode.ts"
import { CatalogError } from "../errors.ts"
import type { Sql } from "../warehouse/Warehouse.ts"
import { environment, envValue, readEnv } from "../environment.ts"
import { loadYaml } from "./yaml.ts"

export interface Settings {
  readonly focus: string
  readonly peers: ReadonlyArray<string>
  readonly benchmarkGroup: string
  readonly status: StatusParameters
  /** Where the values came from, for the record: the file, plus any environment override. */
  readonly origin: string
}

export const defaultSettingsFile = (): string => resolve(readEnv(environment.settings) ?? join(import.meta.dirname, "..", "..", "data", "settings.yaml"))

/** A status parameter: a finite number, named when missing or not one. */
const parameter = Schema.Number.annotate({ message: "must be a number" })
  .check(Schema.isFinite({ message: "must be a number" }))
  .pipe(Schema.annotateKey({ messageMissingKey: "must be a number" }))

/** data/settings.yaml as written. */
const SettingsFile = Schema.Struct({
  focus: Schema.optionalKey(Schema.String),
  peers: Schema.optionalKey(Schema.Array(Schema.String)),
  benchmark_group: Schema.optionalKey(Schema.String),
  status: Schema.Struct({
    window_years: parameter,
    min_span_years: parameter,
    target_year: parameter,
    on_track_ratio: parameter,
    moderate_ratio: parameter,
    change_method_max: parameter
  })
})

const iso3List = (text: string): Array<string> =>
  text
    .split(/[,\s]+/)
    .map((s) => s.trim().toUpperCase())
    .filter((s) => s.length > 0)

/** Reads the settings file and applies the environment overrides; every value is checked. */
export const readSettings = (file: string = defaultSettingsFile(), env: Record<string, string | undefined> = process.env) =>
  Effect.gen(function* () {
    if (!existsSync(file)) return yield* new CatalogError({ file, detail: "settings file is missing" })
    const { parse: parseYaml } = yield* loadYaml
    const yaml = yield* Effect.try({
      try: (): unknown => parseYaml(readFileSync(file, "utf8")),
      catch: (cause) => new CatalogError({ file, detail: `not valid YAML: ${cause instanceof Error ? cause.message : String(cause)}` })
    })
    const fail = (detail: string) => Effect.fail(new CatalogError({ file, detail }))
    const raw = yield* decodeExternal(SettingsFile, yaml ?? {}, (detail) => new CatalogError({ file, detail }))
    const params: StatusParameters = {
      windowYears: raw.status.window_years,
      minSpanYears: raw.status.min_span_years,
      targetYear: raw.status.target_year,
      onTrackRatio: raw.status.on_track_ratio,
      moderateRatio: raw.status.moderate_ratio,
      changeMethodMax: raw.status.change_method_max
    }
    if (params.moderateRatio > params.onTrackRatio) return yield* fail("status.moderate_ratio must not exceed status.on_track_ratio")
    if (params.windowYears < 1 || params.minSpanYears < 1) return yield* fail("status.window_years and status.min_span_years must be at least 1")

    const overrides: Array<string> = []
    let focus = (raw.focus ?? "").trim().toUpperCase()
    const focusOverride = yield* envValue(environment.focus, env)
    if (focusOverride !== undefined) {
      focus = focusOverride.toUpperCase()
      overrides.push(`BRECHA_FOCUS=${focus}`)
    }
    let peers = (raw.peers ?? []).map((p) => p.trim().toUpperCase())
    const peersOverride = yield* envValue(environment.peers, env)
    if (peersOverride !== undefined) {
      peers = iso3List(peersOverride)
      overrides.push(`BRECHA_PEERS=${peers.join(",")}`)
    }
    if (!/^[A-Z]{3}$/.test(focus)) return yield* fail(`focus must be an ISO3 code, got "${focus}"`)
    const benchmarkGroup = raw.benchmark_group ?? "oecd"
    return {
      focus,
      // The focus is never its own peer.
      peers: [...new Set(peers)].filter((p) => p !== focus),
      benchmarkGroup,
      status: params,
      origin: [file, ...overrides].join("; ")
    } satisfies Settings
  })

/** Built-in groups; catalogue peer groups (peer_groups.yaml) come after them. */
const builtInGroups = [
  { id: "oecd", name_en: "OECD members (current 38)", name_es: "Miembros de la OCDE (los 38 actuales)", rule: "current members, every year" },
  {
    id: "oecd_at_the_time",
    name_en: "OECD members at the time",
    name_es: "Miembros de la OCDE en cada año",
    rule: "members in that year (countries.csv oecd_member_since)"
  },
  { id: "peers", name_en: "Peers of the focus country", name_es: "Pares del país de enfoque", rule: "settings.peers" }
]

/** Writes the settings row and the benchmark groups' names (checked against the catalogue). */
export const syncSettings = (sql: Sql, catalog: Catalog, settings: Settings) =>
  Effect.gen(function* () {
    const known = new Set(catalog.countries.map((c) => c.iso3))
    const file = settings.origin
    for (const iso3 of [settings.focus, ...settings.peers]) {
      if (!known.has(iso3)) return yield* new CatalogError({ file, detail: `${iso3} (focus or peers) is not in countries.csv` })
    }
    const groupIds = new Set(builtInGroups.map((g) => g.id))
    for (const g of catalog.peerGroups) {
      if (groupIds.has(g.id)) return yield* new CatalogError({ file: "peer_groups.yaml", detail: `group id ${g.id} is used twice or is built in` })
      groupIds.add(g.id)
      for (const m of g.members) {
        if (!known.has(m)) return yield* new CatalogError({ file: "peer_groups.yaml", detail: `group ${g.id}: ${m} is not in countries.csv` })
      }
    }
    if (!groupIds.has(settings.benchmarkGroup)) {
      return yield* new CatalogError({ file, detail: `benchmark_group ${settings.benchmarkGroup} is not a known group (${[...groupIds].join(", ")})` })
    }
    const s = settings.status
    yield* sql.run("DELETE FROM settings")
    yield* sql.run(`INSERT INTO settings VALUES (?, list_filter(string_split(?, ','), x -> x <> ''), ?, ?, ?, ?, ?, ?, ?, ?)`, [
      settings.focus,
      settings.peers.join(","),
      settings.benchmarkGroup,
      s.windowYears,
      s.minSpanYears,
      s.targetYear,
      s.onTrackRatio,
      s.moderateRatio,
      s.changeMethodMax,
      settings.origin
    ])
    yield* sql.run("DELETE FROM catalog_benchmark_groups")
    const rows = [
      ...builtInGroups.map((g) => [g.id, g.name_en, g.name_es, g.rule]),
      ...catalog.peerGroups.map((g) => [g.id, g.name_en, g.name_es, "data/catalog/peer_groups.yaml"])
    ]
    for (const [i, row] of rows.entries()) yield* sql.run("INSERT INTO catalog_benchmark_groups VALUES (?, ?, ?, ?, ?)", [...row, i + 1])
  })
