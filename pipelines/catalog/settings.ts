// The focus country, its peers and the status parameters: read from data/settings.yaml (one
// place), with BRECHA_FOCUS / BRECHA_PEERS overriding the countries, and written to the
// warehouse's one-row `settings` table so the marts and views can join them.
import { Effect } from "effect"
import { existsSync, readFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { parse as parseYaml } from "yaml"
import type { Catalog } from "./types.ts"
import type { StatusParameters } from "../../src/oracle/status.ts"
import { CatalogError } from "../errors.ts"
import type { Sql } from "../warehouse/Warehouse.ts"

export interface Settings {
  readonly focus: string
  readonly peers: ReadonlyArray<string>
  readonly benchmarkGroup: string
  readonly status: StatusParameters
  /** Where the values came from, for the record: the file, plus any environment override. */
  readonly origin: string
}

export const defaultSettingsFile = (): string =>
  resolve(process.env.BRECHA_SETTINGS ?? join(import.meta.dirname, "..", "..", "data", "settings.yaml"))

const iso3List = (text: string): Array<string> =>
  text.split(/[,\s]+/).map((s) => s.trim().toUpperCase()).filter((s) => s.length > 0)

/** Reads the settings file and applies the environment overrides; every value is checked. */
export const readSettings = (file: string = defaultSettingsFile(), env: NodeJS.ProcessEnv = process.env) =>
  Effect.gen(function*() {
    if (!existsSync(file)) return yield* new CatalogError({ file, detail: "settings file is missing" })
    const raw = yield* Effect.try({
      try: () => (parseYaml(readFileSync(file, "utf8")) ?? {}) as Record<string, unknown>,
      catch: (cause) => new CatalogError({ file, detail: `not valid YAML: ${cause instanceof Error ? cause.message : String(cause)}` })
    })
    const fail = (detail: string) => Effect.fail(new CatalogError({ file, detail }))
    const status = (raw.status ?? {}) as Record<string, unknown>
    const num = (key: string) => {
      const v = status[key]
      return typeof v === "number" && Number.isFinite(v) ? v : undefined
    }
    const params = {
      windowYears: num("window_years"), minSpanYears: num("min_span_years"), targetYear: num("target_year"),
      onTrackRatio: num("on_track_ratio"), moderateRatio: num("moderate_ratio"), changeMethodMax: num("change_method_max")
    }
    for (const [key, value] of Object.entries(params)) {
      if (value === undefined) return yield* fail(`status.${key.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase())} must be a number`)
    }
    if (params.moderateRatio! > params.onTrackRatio!) return yield* fail("status.moderate_ratio must not exceed status.on_track_ratio")
    if (params.windowYears! < 1 || params.minSpanYears! < 1) return yield* fail("status.window_years and status.min_span_years must be at least 1")

    const overrides: Array<string> = []
    let focus = typeof raw.focus === "string" ? raw.focus.trim().toUpperCase() : ""
    if (env.BRECHA_FOCUS && env.BRECHA_FOCUS.trim() !== "") {
      focus = env.BRECHA_FOCUS.trim().toUpperCase()
      overrides.push(`BRECHA_FOCUS=${focus}`)
    }
    let peers = Array.isArray(raw.peers) ? raw.peers.map((p) => String(p).trim().toUpperCase()) : []
    if (env.BRECHA_PEERS !== undefined && env.BRECHA_PEERS.trim() !== "") {
      peers = iso3List(env.BRECHA_PEERS)
      overrides.push(`BRECHA_PEERS=${peers.join(",")}`)
    }
    if (!/^[A-Z]{3}$/.test(focus)) return yield* fail(`focus must be an ISO3 code, got "${focus}"`)
    const benchmarkGroup = typeof raw.benchmark_group === "string" ? raw.benchmark_group : "oecd"
    return {
      focus,
      // The focus is never its own peer.
      peers: [...new Set(peers)].filter((p) => p !== focus),
      benchmarkGroup,
      status: params as StatusParameters,
      origin: [file, ...overrides].join("; ")
    } satisfies Settings
  })

/** Built-in groups; catalogue peer groups (peer_groups.yaml) come after them. */
const builtInGroups = [
  { id: "oecd", name_en: "OECD members (current 38)", name_es: "Miembros de la OCDE (los 38 actuales)",
    rule: "current members, every year" },
  { id: "oecd_at_the_time", name_en: "OECD members at the time", name_es: "Miembros de la OCDE en cada año",
    rule: "members in that year (countries.csv oecd_member_since)" },
  { id: "peers", name_en: "Peers of the focus country", name_es: "Pares del país de enfoque",
    rule: "settings.peers" }
]

/** Writes the settings row and the benchmark groups' names (checked against the catalogue). */
export const syncSettings = (sql: Sql, catalog: Catalog, settings: Settings) =>
  Effect.gen(function*() {
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
    yield* sql.run(
      `INSERT INTO settings VALUES (?, list_filter(string_split(?, ','), x -> x <> ''), ?, ?, ?, ?, ?, ?, ?, ?)`,
      [settings.focus, settings.peers.join(","), settings.benchmarkGroup, s.windowYears, s.minSpanYears, s.targetYear,
        s.onTrackRatio, s.moderateRatio, s.changeMethodMax, settings.origin]
    )
    yield* sql.run("DELETE FROM catalog_benchmark_groups")
    const rows = [
      ...builtInGroups.map((g) => [g.id, g.name_en, g.name_es, g.rule]),
      ...catalog.peerGroups.map((g) => [g.id, g.name_en, g.name_es, "data/catalog/peer_groups.yaml"])
    ]
    for (const [i, row] of rows.entries()) yield* sql.run("INSERT INTO catalog_benchmark_groups VALUES (?, ?, ?, ?, ?)", [...row, i + 1])
  })
