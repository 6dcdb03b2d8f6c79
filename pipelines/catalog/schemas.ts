// The shapes of the catalogue's YAML files (data/catalog), as Schemas: reading a file decodes
// it, so an entry of the wrong shape fails naming the file, the entry and the field. The
// decoded values are the types of pipelines/catalog/types.ts (checked below at compile time).
import { Schema } from "effect"
import { cadences, type Framework, type Indicator, type PeerGroup, pillars, type Recommendation, type SourceCadence } from "../../pipelines/catalog/types.ts"

const text = Schema.String
const nonEmpty = Schema.String.check(Schema.isNonEmpty())
const optionalText = Schema.optionalKey(Schema.String)
const optionalNumber = Schema.optionalKey(Schema.NullOr(Schema.Finite))

export const IndicatorEntry = Schema.Struct({
  id: nonEmpty,
  pillar: Schema.Literals(pillars),
  name_en: nonEmpty,
  name_es: text,
  short_en: optionalText,
  short_es: optionalText,
  definition_en: optionalText,
  definition_es: optionalText,
  unit: text,
  unit_en: optionalText,
  unit_es: optionalText,
  higher_is_better: Schema.NullOr(Schema.Boolean),
  source_id: nonEmpty,
  publisher: optionalText,
  licence: optionalText,
  url: optionalText,
  cadence: optionalText,
  derived: Schema.optionalKey(Schema.Boolean),
  population_en: optionalText,
  population_es: optionalText,
  notes_en: optionalText,
  notes_es: optionalText,
  valid_min: optionalNumber,
  valid_max: optionalNumber,
  parent_id: Schema.optionalKey(Schema.NullOr(Schema.String)),
  target: optionalNumber,
  missing_codes_are_values: Schema.optionalKey(Schema.Boolean),
  tracks: Schema.optionalKey(Schema.Array(Schema.Struct({ rec: nonEmpty, why_en: text, why_es: text })))
})

export const RecommendationEntry = Schema.Struct({
  id: nonEmpty,
  chapter: text,
  section_en: optionalText,
  section_es: optionalText,
  title_en: text,
  title_es: text,
  summary_en: text,
  summary_es: text,
  confidence: text,
  confidence_note_en: optionalText,
  confidence_note_es: optionalText,
  frameworks: Schema.optionalKey(Schema.Array(Schema.String)),
  measurement_en: optionalText,
  measurement_es: optionalText,
  source: Schema.optionalKey(Schema.Union([Schema.String, Schema.Array(Schema.String)]))
})

const FrameworkItem = Schema.Struct({
  id: nonEmpty,
  name_en: text,
  name_es: text,
  summary_en: optionalText,
  summary_es: optionalText,
  confidence: optionalText
})
const frameworkFields = { name_en: text, name_es: text, items: Schema.Array(FrameworkItem) }
export const FrameworkEntry = Schema.Struct({ id: nonEmpty, ...frameworkFields })
/** frameworks.yaml may also be a map keyed by framework id (optionally under `frameworks:`). */
export const FrameworkById = Schema.Record(Schema.String, Schema.Struct(frameworkFields))

export const PeerGroupEntry = Schema.Struct({ id: nonEmpty, name_en: text, name_es: text, members: Schema.Array(Schema.String) })

/** data/catalog/sources.yaml: how often each source's publisher releases an edition. */
export const SourceCadenceEntry = Schema.Struct({ id: nonEmpty, cadence: Schema.Literals(cadences), note: optionalText })

// The decoded shapes must be the catalogue's types.
type Is<A extends B, B> = A
export type Checked = [
  Is<Omit<typeof IndicatorEntry.Type, "tracks"> & Pick<Indicator, "tracks">, Indicator>,
  Is<typeof RecommendationEntry.Type, Recommendation>,
  Is<typeof FrameworkEntry.Type, Framework>,
  Is<typeof PeerGroupEntry.Type, PeerGroup>,
  Is<typeof SourceCadenceEntry.Type, SourceCadence>
]
