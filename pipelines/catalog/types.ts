// The reviewed catalogue (data/catalog) as typed values, shared by pipelines and pages.

export type Pillar = "connectivity" | "data_capability" | "digital_talent" | "context"
export const pillars: ReadonlyArray<Pillar> = ["connectivity", "data_capability", "digital_talent", "context"]

export interface Country {
  readonly iso3: string
  readonly iso2: string | null
  readonly m49: number | null
  readonly name_en: string
  readonly name_es: string
  readonly oecd_member_since: number | null
  readonly region: string | null
}

export interface Aggregate {
  readonly code: string
  readonly name_en: string
  readonly name_es: string
  readonly kind: string
}

export interface IndicatorLink {
  readonly rec: string
  readonly why_en: string
  readonly why_es: string
}

export interface Indicator {
  readonly id: string
  readonly pillar: Pillar
  readonly name_en: string
  readonly name_es: string
  readonly short_en?: string
  readonly short_es?: string
  readonly definition_en?: string
  readonly definition_es?: string
  readonly unit: string
  readonly unit_en?: string
  readonly unit_es?: string
  readonly higher_is_better: boolean | null
  readonly source_id: string
  readonly publisher?: string
  readonly licence?: string
  readonly url?: string
  readonly cadence?: string
  readonly derived?: boolean
  readonly population_en?: string
  readonly population_es?: string
  readonly notes_en?: string
  readonly notes_es?: string
  /** Values outside these bounds are impossible for the measure and are rejected on load. */
  readonly valid_min?: number | null
  readonly valid_max?: number | null
  /**
   * Genuine values of this indicator can equal a common missing-value code (-99, 9999, …):
   * such values are then loaded instead of refused. Bounds (valid_min, valid_max) still apply.
   */
  readonly missing_codes_are_values?: boolean
  /** For an index's parts (DGI dimensions, OURdata pillars): the composite they belong to. */
  readonly parent_id?: string | null
  /** A target the catalogue sets instead of the OECD benchmark, if any. */
  readonly target?: number | null
  readonly tracks: ReadonlyArray<IndicatorLink>
}

export interface Recommendation {
  readonly id: string
  readonly chapter: string
  readonly section_en?: string
  readonly section_es?: string
  readonly title_en: string
  readonly title_es: string
  readonly summary_en: string
  readonly summary_es: string
  readonly confidence: string
  readonly confidence_note_en?: string
  readonly confidence_note_es?: string
  readonly frameworks?: ReadonlyArray<string>
  readonly measurement_en?: string
  readonly measurement_es?: string
  readonly source?: string | ReadonlyArray<string>
}

export interface FrameworkItem {
  readonly id: string
  readonly name_en: string
  readonly name_es: string
  readonly summary_en?: string
  readonly summary_es?: string
  readonly confidence?: string
}

export interface Framework {
  readonly id: string
  readonly name_en: string
  readonly name_es: string
  readonly items: ReadonlyArray<FrameworkItem>
}

export interface PeerGroup {
  readonly id: string
  readonly name_en: string
  readonly name_es: string
  readonly members: ReadonlyArray<string>
}

/** How often a publisher releases a new edition of a source (data/catalog/sources.yaml). */
export type Cadence = "annual" | "biennial" | "triennial" | "irregular"

export const cadences: ReadonlyArray<Cadence> = ["annual", "biennial", "triennial", "irregular"]

export interface SourceCadence {
  readonly id: string
  readonly cadence: Cadence
  readonly note?: string
}

/** A target a government set itself for an indicator (data/targets.yaml). */
export interface Target {
  readonly indicator_id: string
  /** The country it applies to; null: the focus country. */
  readonly country_iso3: string | null
  readonly value: number
  readonly year: number
  readonly baseline_year: number
  readonly document_title: string
  readonly document_url: string
  readonly document_date: string
}

export interface Catalog {
  readonly countries: ReadonlyArray<Country>
  readonly aggregates: ReadonlyArray<Aggregate>
  readonly aliases: ReadonlyArray<{ readonly alias: string; readonly iso3: string }>
  readonly indicators: ReadonlyArray<Indicator>
  readonly recommendations: ReadonlyArray<Recommendation>
  readonly frameworks: ReadonlyArray<Framework>
  readonly peerGroups: ReadonlyArray<PeerGroup>
  /** Per source: its release cadence. */
  readonly sources?: ReadonlyArray<SourceCadence>
  /** Targets of the targets file (data/targets.yaml or --targets FILE). */
  readonly targets: ReadonlyArray<Target>
}
