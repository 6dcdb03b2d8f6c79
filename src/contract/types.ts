// The per-page data files `brecha build` writes under data/ and the pages read: the one
// contract between pipelines/export and dashboards/. Series are compact tuples so that an
// indicator file with every country's history stays a few tens of KB gzipped.

export type Lang = "es" | "en"

/** [year, value, flags] — flags as the warehouse holds them ("estimate,break"), or null. */
export type Point = readonly [number, number, string | null]

export interface Bilingual {
  readonly en: string | null
  readonly es: string | null
}

export interface CountryRef {
  readonly iso3: string
  readonly name_en: string
  readonly name_es: string
  /** OECD accession year; null for non-members. */
  readonly oecd: number | null
}

export interface IndicatorRef {
  readonly id: string
  readonly pillar: string
  readonly name: Bilingual
  readonly short: Bilingual
  readonly unit: string | null
  readonly unit_label: Bilingual
  readonly higher_is_better: boolean | null
  readonly parent_id: string | null
  readonly source_id: string
  readonly publisher: string | null
  readonly licence: string | null
  readonly tracks: ReadonlyArray<string>
  readonly countries_with_data: number
  readonly reviewed: boolean
}

export interface RecommendationRef {
  readonly id: string
  readonly chapter: string | null
  readonly title: Bilingual
  readonly confidence: string | null
}

export interface PeerGroupRef {
  readonly id: string
  readonly name: Bilingual
  readonly members: ReadonlyArray<string>
}

/** One row of the benchmarks mart (per indicator, year, group). */
export interface Benchmark {
  readonly year: number
  readonly group_id: string
  readonly n: number
  readonly mean: number | null
  readonly median: number | null
  readonly p25: number | null
  readonly p75: number | null
  readonly min: number | null
  readonly max: number | null
}

/** One row of the indicator_status mart, for one country. */
export interface IndicatorStatus {
  readonly latest_year: number | null
  readonly latest_value: number | null
  readonly group_id: string | null
  readonly benchmark_value: number | null
  readonly gap: number | null
  readonly gap_pct: number | null
  readonly rank: number | null
  readonly rank_of: number | null
  readonly cagr: number | null
  readonly required_cagr: number | null
  readonly status: string | null
  readonly years_to_parity: number | null
}

export interface ChangeSummary {
  readonly run_id: number | null
  readonly changed_at: string | null
  readonly new_values: number
  readonly revised: number
  readonly stale: ReadonlyArray<string>
  readonly recovered: ReadonlyArray<string>
  readonly indicators: ReadonlyArray<string>
}

/** data/meta.json: loaded by every page (names, menus, freshness). */
export interface SiteMeta {
  readonly generated_at: string
  /** The newest publisher release or retrieval date among current vintages. */
  readonly data_as_of: string | null
  readonly default_focus: string
  readonly default_peers: ReadonlyArray<string>
  /** The group of the headline benchmark and status (data/settings.yaml), with its size. */
  readonly benchmark_group: { readonly id: string; readonly name: Bilingual; readonly n_members: number | null }
  readonly countries: ReadonlyArray<CountryRef>
  /** Countries with an overview file (any observation at all). */
  readonly focusable: ReadonlyArray<string>
  readonly indicators: ReadonlyArray<IndicatorRef>
  readonly recommendations: ReadonlyArray<RecommendationRef>
  readonly peer_groups: ReadonlyArray<PeerGroupRef>
  /**
   * Default peers of each country that belongs to a peer group (data/catalog/peer_groups.yaml):
   * the other members of the first group listing it. The settings' focus uses `default_peers`.
   */
  readonly peers_for: Readonly<Record<string, ReadonlyArray<string>>>
  readonly last_change: ChangeSummary
  readonly downloads: ReadonlyArray<{ readonly file: string; readonly bytes: number; readonly label: Bilingual }>
}

export interface VintageRef {
  readonly vintage_id: number
  readonly source_id: string
  readonly unit: string
  readonly origin: string
  readonly retrieved_at: string
  readonly released_at: string | null
}

/** data/overview/<ISO3>.json: the focus country's row for every indicator. */
export interface OverviewRow {
  readonly id: string
  readonly series: ReadonlyArray<Point>
  readonly status: IndicatorStatus | null
  readonly vintage: VintageRef | null
  /** The country's target for the indicator, if one is set (target_status). */
  readonly target?: TargetRef | null
  /** A national indicator's status from its trend alone (trend_status). */
  readonly trend?: TrendStatusRef | null
}

export interface RecommendationStatusRow {
  readonly recommendation_id: string
  readonly status: string | null
  readonly detail: Readonly<Record<string, unknown>>
}

export interface OverviewData {
  readonly iso3: string
  readonly rows: ReadonlyArray<OverviewRow>
  readonly recommendations: ReadonlyArray<RecommendationStatusRow> | null
}

/** data/benchmarks.json: the OECD band of every indicator (group `oecd`), shared by the pages that draw many indicators. */
export type BenchmarksData = Readonly<Record<string, ReadonlyArray<Benchmark>>>

export interface RevisionRow {
  readonly year: number
  readonly old_value: number
  readonly new_value: number
  readonly old_vintage: number
  readonly new_vintage: number
}

export interface IndicatorPart {
  readonly id: string
  readonly short: Bilingual
  /** Latest value per country: ISO3 -> [year, value]. */
  readonly latest: Readonly<Record<string, readonly [number, number]>>
  /** OECD mean in the latest benchmark year, when the mart exists. */
  readonly oecd_mean: number | null
  readonly oecd_year: number | null
}

/** data/indicator/<id>.json: everything the indicator page shows, for every country. */
/** One row of the target_status mart: a target a government set itself, and the progress towards it. */
export interface TargetRef {
  readonly value: number
  readonly year: number
  readonly baseline_year: number
  /** The base actually used (the baseline year's value, else the first after it). */
  readonly base_year: number | null
  readonly base_value: number | null
  readonly latest_year: number | null
  readonly latest_value: number | null
  readonly method: string
  readonly observed_pace: number | null
  readonly required_pace: number | null
  readonly pace_ratio: number | null
  readonly progress_share: number | null
  readonly projected_value: number | null
  readonly will_meet: boolean | null
  readonly status: string
  readonly document: { readonly title: string; readonly url: string; readonly date: string }
}

/** One row of the trend_status mart: a national indicator's status from its trend alone. */
export interface TrendStatusRef {
  readonly base_year: number | null
  readonly latest_year: number
  readonly annual_growth: number | null
  readonly status: string | null
}

export interface IndicatorData {
  readonly id: string
  readonly meta: {
    readonly name: Bilingual
    readonly short: Bilingual
    readonly definition: Bilingual
    readonly unit: string | null
    readonly unit_label: Bilingual
    readonly population: Bilingual
    readonly notes: Bilingual
    readonly higher_is_better: boolean | null
    readonly pillar: string
    readonly source_id: string
    readonly publisher: string | null
    readonly licence: string | null
    readonly url: string | null
    readonly cadence: string | null
    readonly derived: boolean | null
    readonly parent_id: string | null
    readonly target: number | null
    readonly reviewed: boolean
  }
  readonly tracks: ReadonlyArray<{
    readonly rec: string
    readonly why: Bilingual
    readonly summary: Bilingual
    readonly confidence: string | null
    readonly title: Bilingual
  }>
  readonly vintages: ReadonlyArray<VintageRef & { readonly rows_loaded: number }>
  readonly series: Readonly<Record<string, ReadonlyArray<Point>>>
  /** The vintages each country's drawn values come from (ids of `vintages`), for captions. */
  readonly series_vintages: Readonly<Record<string, ReadonlyArray<number>>>
  readonly benchmarks: ReadonlyArray<Benchmark> | null
  readonly status: Readonly<Record<string, IndicatorStatus>> | null
  readonly revisions: Readonly<Record<string, ReadonlyArray<RevisionRow>>>
  readonly parts: ReadonlyArray<IndicatorPart>
  /** Targets set for the indicator, by country (target_status); absent in older files. */
  readonly targets?: Readonly<Record<string, TargetRef>>
  /** A national indicator's status from its trend alone, by country (trend_status). */
  readonly trends?: Readonly<Record<string, TrendStatusRef>>
}

export interface FrameworkItemRef {
  readonly framework_id: string
  readonly item_id: string
  readonly name: Bilingual
  readonly summary: Bilingual
}

/** data/recommendation/<id>.json */
export interface RecommendationData {
  readonly id: string
  readonly chapter: string | null
  readonly section: Bilingual
  readonly title: Bilingual
  readonly summary: Bilingual
  readonly confidence: string | null
  readonly confidence_note: Bilingual
  readonly measurement: Bilingual
  readonly frameworks: ReadonlyArray<FrameworkItemRef>
  readonly source: ReadonlyArray<string>
  readonly indicators: ReadonlyArray<{ readonly id: string; readonly why: Bilingual }>
}

export interface RejectionReason {
  readonly reason: string
  readonly count: number
  readonly examples: ReadonlyArray<{
    readonly origin: string
    readonly line: number | null
    readonly field: string | null
    readonly area: string | null
    readonly raw_year: string | null
    readonly raw_value: string | null
  }>
}

export interface SourceFreshness {
  readonly source_id: string
  readonly publishers: ReadonlyArray<string>
  readonly licences: ReadonlyArray<string>
  readonly indicators: ReadonlyArray<string>
  readonly vintages: ReadonlyArray<
    VintageRef & { readonly rows_loaded: number; readonly rows_rejected: number; readonly status: string; readonly format: string | null }
  >
  readonly rows_current: number
  readonly rows_rejected: number
  readonly rejections: ReadonlyArray<RejectionReason>
  readonly last_run: { readonly run_id: number; readonly finished_at: string | null; readonly outcome: string; readonly error: string | null } | null
  /** When the source has failed since its last good run: the first failure's date. */
  readonly stale_since: string | null
  readonly last_success: string | null
  /** live (publisher endpoints), final (a finished publication) or undeclared. */
  readonly kind: "live" | "final" | "local" | "undeclared"
  /** annual | biennial | triennial | irregular (data/catalog/sources.yaml). */
  readonly cadence: string | null
  readonly endpoints: ReadonlyArray<string>
  readonly final: {
    readonly reason: string
    readonly edition: string
    readonly year: string
    readonly released: string | null
    readonly live_counterpart: string | null
  } | null
  /** The warehouse's judgement (source_freshness): never for a final source. */
  readonly stale: boolean
  readonly stale_reason: string | null
}

/** data/sources.json */
export interface SourcesData {
  readonly sources: ReadonlyArray<SourceFreshness>
  readonly runs: ReadonlyArray<{
    readonly run_id: number
    readonly started_at: string
    readonly finished_at: string | null
    readonly trigger: string
    readonly mode: string
    readonly status: string
  }>
}

export interface ChangeGroup {
  readonly run_id: number
  readonly kind: string
  readonly changed_at: string
  readonly source_id: string
  readonly indicator_id: string | null
  readonly n: number
  readonly countries: number
  readonly min_year: number | null
  readonly max_year: number | null
  readonly error: string | null
  /** The largest revisions in the group (by relative change), for a glance. */
  readonly examples: ReadonlyArray<{
    readonly country_iso3: string
    readonly year: number
    readonly old_value: number | null
    readonly new_value: number | null
  }>
}

/** data/changes.json */
export interface ChangesData {
  readonly groups: ReadonlyArray<ChangeGroup>
}
