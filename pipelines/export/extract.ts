// Everything the site shows, read from the warehouse in a handful of queries. The page
// builders (pages.ts) are pure functions over this extract, so they are tested on small data.
import { Effect } from "effect"
import type { Benchmark, IndicatorStatus, TargetRef, TrendStatusRef } from "../../src/contract/types.ts"
import { WarehouseError } from "../errors.ts"
import type { Row, Sql } from "../warehouse/Warehouse.ts"
import type { ChangeRow } from "../changes.ts"
import { DEFAULT_FOCUS } from "../../src/contract/defaultFocus.ts"

export interface ObservationRow {
  readonly indicator_id: string
  readonly country_iso3: string
  readonly year: number
  readonly value: number
  readonly flag: string | null
  readonly vintage_id: number
}

export interface IndicatorRow extends Row {
  readonly indicator_id: string
  readonly pillar: string
  readonly name_en: string
  readonly name_es: string
  readonly short_en: string | null
  readonly short_es: string | null
  readonly definition_en: string | null
  readonly definition_es: string | null
  readonly unit: string | null
  readonly unit_en: string | null
  readonly unit_es: string | null
  readonly higher_is_better: boolean | null
  readonly source_id: string
  readonly publisher: string | null
  readonly licence: string | null
  readonly url: string | null
  readonly cadence: string | null
  readonly derived: boolean | null
  readonly population_en: string | null
  readonly population_es: string | null
  readonly notes_en: string | null
  readonly notes_es: string | null
  readonly parent_id: string | null
  readonly target: number | null
  readonly reviewed: boolean
}

export interface RecommendationRow extends Row {
  readonly recommendation_id: string
  readonly chapter: string | null
  readonly title_en: string
  readonly title_es: string
  readonly summary_en: string | null
  readonly summary_es: string | null
  readonly section_en: string | null
  readonly section_es: string | null
  readonly confidence: string | null
  readonly confidence_note_en: string | null
  readonly confidence_note_es: string | null
  readonly measurement_en: string | null
  readonly measurement_es: string | null
  readonly frameworks: ReadonlyArray<string> | null
  readonly position: number | null
}

export interface VintageRow extends Row {
  readonly vintage_id: number
  readonly source_id: string
  readonly unit: string
  readonly origin: string
  readonly retrieved_at: string
  readonly released_at: string | null
  readonly rows_loaded: number
  readonly rows_rejected: number
  readonly status: string
  readonly format: string | null
}

/** Rows of the `changes` view, as `brecha changes` reads them. */
export type { ChangeRow }

export interface SiteSettings {
  readonly focus_iso3: string
  readonly peers: ReadonlyArray<string>
  /** The group whose benchmark gives the headline status (settings.benchmark_group). */
  readonly benchmark_group: string
}

export interface WarehouseExtract {
  readonly settings: SiteSettings
  readonly benchmarkGroups: ReadonlyArray<{ group_id: string; name_en: string | null; name_es: string | null; n_members: number | null }>
  readonly countries: ReadonlyArray<{ iso3: string; name_en: string; name_es: string; oecd_member_since: number | null }>
  readonly indicators: ReadonlyArray<IndicatorRow>
  readonly recommendations: ReadonlyArray<RecommendationRow>
  readonly links: ReadonlyArray<{ indicator_id: string; recommendation_id: string; why_en: string | null; why_es: string | null }>
  /** Each recommendation's source addresses, in catalogue order. */
  readonly recommendationSources: ReadonlyArray<{ recommendation_id: string; url: string }>
  readonly frameworkItems: ReadonlyArray<{
    framework_id: string
    item_id: string
    name_en: string | null
    name_es: string | null
    summary_en: string | null
    summary_es: string | null
  }>
  readonly peerGroups: ReadonlyArray<{ group_id: string; iso3: string }>
  readonly observations: ReadonlyArray<ObservationRow>
  readonly vintages: ReadonlyArray<VintageRow>
  readonly revisions: ReadonlyArray<{
    indicator_id: string
    country_iso3: string
    year: number
    old_value: number
    new_value: number
    old_vintage_id: number
    new_vintage_id: number
  }>
  readonly benchmarks: ReadonlyArray<Benchmark & { indicator_id: string }>
  readonly status: ReadonlyArray<IndicatorStatus & { indicator_id: string; country_iso3: string }>
  readonly recommendationStatus: ReadonlyArray<Row>
  readonly runs: ReadonlyArray<{ run_id: number; started_at: string; finished_at: string | null; trigger: string; mode: string; status: string }>
  /** The `source_freshness` view: last run, stale since when and why, last successful check. */
  readonly freshness: ReadonlyArray<{
    source_id: string
    last_run_id: number | null
    last_outcome: string | null
    last_run_at: string | null
    last_error: string | null
    stale_since: string | null
    last_checked_at: string | null
    /** Added with catalog_sources; absent from a warehouse made before it. */
    kind?: string | null
    cadence?: string | null
    stale?: boolean | null
    stale_reason?: string | null
    last_success_at?: string | null
    endpoints?: ReadonlyArray<string> | null
    final_reason?: string | null
    final_edition?: string | null
    final_released?: string | null
    live_counterpart?: string | null
  }>
  readonly rejections: ReadonlyArray<{ source_id: string; reason: string; n: number; examples: ReadonlyArray<Row> }>
  readonly changes: ReadonlyArray<ChangeRow>
  /** The target_status mart (empty when the warehouse has no such view yet). */
  readonly targets?: ReadonlyArray<TargetRef & { indicator_id: string; country_iso3: string }>
  /** The trend_status mart (national indicators' status from their trend alone). */
  readonly trends?: ReadonlyArray<TrendStatusRef & { indicator_id: string; country_iso3: string }>
}

/** What the export reads besides the base views: the marts, the settings and the catalogue's lists. */
const REQUIRED = [
  "benchmarks",
  "indicator_status",
  "recommendation_status",
  "benchmark_groups",
  "settings",
  "catalog_recommendation_sources",
  "catalog_sources",
  "target_status",
  "trend_status"
] as const

/** DuckDB doubles come back as JS numbers; integer-ish columns may come back as bigints (handled by the Warehouse). */
export const extractWarehouse = (sql: Sql & { readonly path: string }) =>
  Effect.gen(function* () {
    const q = <T>(text: string) => sql.query(text) as unknown as Effect.Effect<Array<T>, unknown>
    // The build opens the warehouse read-only, so it cannot bring an older schema up to date:
    // say what is missing and how to fix it, rather than fail on the first query.
    const present = new Set(
      (yield* q<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'")).map((r) => r.table_name)
    )
    const missing = REQUIRED.filter((t) => !present.has(t))
    if (missing.length > 0) {
      return yield* new WarehouseError({
        operation: "export",
        path: sql.path,
        detail: `it lacks ${missing.join(", ")}: it was made by an older brecha; run \`brecha refresh\` once (any writable command updates its schema)`
      })
    }
    // data/settings.yaml as synced into the warehouse (every writable open syncs it).
    const settingsRows = yield* q<SiteSettings>("SELECT focus_iso3, peers, benchmark_group FROM settings LIMIT 1")
    const settings: SiteSettings = settingsRows[0] ?? { focus_iso3: DEFAULT_FOCUS, peers: [], benchmark_group: "oecd" }
    const benchmarkGroups = yield* q<WarehouseExtract["benchmarkGroups"][number]>(
      "SELECT group_id, name_en, name_es, CAST(n_members AS INTEGER) AS n_members FROM benchmark_groups ORDER BY position, group_id"
    )
    const headline = settings.benchmark_group.replace(/'/g, "''")
    const countries = yield* q<WarehouseExtract["countries"][number]>("SELECT iso3, name_en, name_es, oecd_member_since FROM countries ORDER BY iso3")
    const indicators = yield* q<IndicatorRow>("SELECT * FROM indicators ORDER BY pillar, indicator_id")
    const recommendations = yield* q<RecommendationRow>("SELECT * FROM recommendations ORDER BY position NULLS LAST, recommendation_id")
    const links = yield* q<WarehouseExtract["links"][number]>(
      "SELECT indicator_id, recommendation_id, why_en, why_es FROM indicator_recommendations ORDER BY recommendation_id, indicator_id"
    )
    const recommendationSources = yield* q<WarehouseExtract["recommendationSources"][number]>(
      "SELECT recommendation_id, url FROM catalog_recommendation_sources ORDER BY recommendation_id, position"
    )
    const frameworkItems = yield* q<WarehouseExtract["frameworkItems"][number]>(
      "SELECT framework_id, item_id, name_en, name_es, summary_en, summary_es FROM catalog_framework_items"
    )
    const peerGroups = yield* q<WarehouseExtract["peerGroups"][number]>("SELECT group_id, iso3 FROM catalog_peer_groups")
    const observations = yield* q<ObservationRow>(
      "SELECT indicator_id, country_iso3, CAST(year AS INTEGER) AS year, value, flag, vintage_id FROM observations ORDER BY indicator_id, country_iso3, year"
    )
    const vintages = yield* q<VintageRow>(
      `SELECT vintage_id, source_id, unit, origin, CAST(retrieved_at AS VARCHAR) AS retrieved_at,
              CAST(released_at AS VARCHAR) AS released_at, rows_loaded, rows_rejected, status, format
       FROM vintages ORDER BY vintage_id`
    )
    const revisions = yield* q<WarehouseExtract["revisions"][number]>(
      `SELECT indicator_id, country_iso3, CAST(year AS INTEGER) AS year, old_value, new_value, old_vintage_id, new_vintage_id
       FROM revisions ORDER BY indicator_id, country_iso3, year, new_vintage_id`
    )
    const benchmarks = yield* q<Benchmark & { indicator_id: string }>(
      `SELECT indicator_id, CAST(year AS INTEGER) AS year, group_id, CAST(n AS INTEGER) AS n, mean, median, p25, p75, min, max
           FROM benchmarks ORDER BY indicator_id, group_id, year`
    )
    const status = yield* q<IndicatorStatus & { indicator_id: string; country_iso3: string }>(
      `SELECT indicator_id, country_iso3, CAST(latest_year AS INTEGER) AS latest_year, latest_value, group_id, benchmark_value,
                  gap, gap_pct, CAST(rank AS INTEGER) AS rank, CAST(rank_of AS INTEGER) AS rank_of, cagr, required_cagr,
                  CAST(status AS VARCHAR) AS status, years_to_parity
           FROM indicator_status WHERE group_id = '${headline}'`
    )
    const recommendationStatus = yield* q<Row>(`SELECT recommendation_id, country_iso3, status, n_indicators, n_with_data, n_above_benchmark, n_on_track,
                              n_moderate, n_insufficient, n_moving_away, n_not_enough_data
                       FROM recommendation_status WHERE group_id = '${headline}'`)
    const runs = yield* q<WarehouseExtract["runs"][number]>(
      `SELECT run_id, CAST(started_at AS VARCHAR) AS started_at, CAST(finished_at AS VARCHAR) AS finished_at, trigger, mode, status
       FROM run_log ORDER BY run_id`
    )
    const freshness = yield* q<WarehouseExtract["freshness"][number]>(
      `SELECT f.source_id, last_run_id, last_outcome, CAST(last_run_at AS VARCHAR) AS last_run_at, last_error,
                CAST(stale_since AS VARCHAR) AS stale_since, CAST(last_checked_at AS VARCHAR) AS last_checked_at,
                f.kind, f.cadence, f.stale, f.stale_reason, CAST(f.last_success_at AS VARCHAR) AS last_success_at,
                s.endpoints, s.final_reason, s.final_edition, s.final_released, s.live_counterpart
         FROM source_freshness f LEFT JOIN catalog_sources s USING (source_id) ORDER BY f.source_id`
    )
    const rejections = yield* q<WarehouseExtract["rejections"][number]>(
      `SELECT r.source_id, r.reason, count(*) AS n,
              list({origin: r.origin, line: CAST(r.line AS INTEGER), field: r.field, area: r.area, raw_year: r.raw_year, raw_value: r.raw_value}
                   ORDER BY r.origin, r.line)[1:5] AS examples
       FROM rejections r JOIN vintages v ON v.vintage_id = r.vintage_id
       WHERE v.status = 'current'
       GROUP BY r.source_id, r.reason ORDER BY r.source_id, n DESC`
    )
    const changes = yield* q<ChangeRow & Row>(
      `SELECT kind, run_id, CAST(changed_at AS VARCHAR) AS changed_at, source_id, indicator_id, country_iso3,
              CAST(year AS INTEGER) AS year, old_value, new_value, old_vintage_id, new_vintage_id, error
       FROM changes`
    )
    const targets = (yield* q<Row>(
      `SELECT indicator_id, country_iso3, target_value, CAST(target_year AS INTEGER) AS target_year,
                  CAST(baseline_year AS INTEGER) AS baseline_year, CAST(base_year AS INTEGER) AS base_year, base_value,
                  CAST(latest_year AS INTEGER) AS latest_year, latest_value, method, observed_pace, required_pace, pace_ratio,
                  progress_share, projected_value, will_meet, status, document_title, document_url, CAST(document_date AS VARCHAR) AS document_date
           FROM target_status ORDER BY indicator_id, country_iso3`
    )).map((r) => ({
      indicator_id: String(r.indicator_id),
      country_iso3: String(r.country_iso3),
      value: Number(r.target_value),
      year: Number(r.target_year),
      baseline_year: Number(r.baseline_year),
      base_year: r.base_year === null ? null : Number(r.base_year),
      base_value: r.base_value as number | null,
      latest_year: r.latest_year === null ? null : Number(r.latest_year),
      latest_value: r.latest_value as number | null,
      method: String(r.method),
      observed_pace: r.observed_pace as number | null,
      required_pace: r.required_pace as number | null,
      pace_ratio: r.pace_ratio as number | null,
      progress_share: r.progress_share as number | null,
      projected_value: r.projected_value as number | null,
      will_meet: r.will_meet as boolean | null,
      status: String(r.status),
      document: { title: String(r.document_title), url: String(r.document_url), date: String(r.document_date) }
    }))
    const trends = yield* q<TrendStatusRef & { indicator_id: string; country_iso3: string }>(
      `SELECT indicator_id, country_iso3, CAST(base_year AS INTEGER) AS base_year, CAST(latest_year AS INTEGER) AS latest_year,
              annual_growth, status FROM trend_status ORDER BY indicator_id, country_iso3`
    )
    return {
      targets,
      trends,
      settings,
      benchmarkGroups,
      countries,
      indicators,
      recommendations,
      recommendationSources,
      links,
      frameworkItems,
      peerGroups,
      observations,
      vintages,
      revisions,
      benchmarks,
      status,
      recommendationStatus,
      runs,
      freshness,
      rejections,
      changes
    } satisfies WarehouseExtract
  })
