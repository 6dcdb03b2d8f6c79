-- Catalogue views of the warehouse contract.
CREATE OR REPLACE VIEW countries AS
SELECT iso3, name_en, name_es, oecd_member_since, iso2, m49, region FROM catalog_countries;

-- Reviewed catalogue entries, plus any indicator a source loaded that the catalogue does
-- not know yet (for example a WDI file nobody catalogued): named as the publisher names
-- it, pillar `context`, and marked unreviewed so pages can say so.
CREATE OR REPLACE VIEW indicators AS
SELECT indicator_id, pillar, name_en, name_es, unit, higher_is_better, source_id,
       short_en, short_es, definition_en, definition_es, unit_en, unit_es, publisher, licence, url,
       cadence, derived, population_en, population_es, notes_en, notes_es, valid_min, valid_max,
       parent_id, target, true AS reviewed
FROM catalog_indicators
UNION ALL
SELECT n.indicator_id, 'context', any_value(n.name), any_value(n.name), NULL, NULL, any_value(n.source_id),
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, false, NULL, NULL,
       'Not yet reviewed: name as given by the publisher.', 'Sin revisar: nombre tal como lo da el editor.',
       NULL, NULL, NULL, NULL, false
FROM source_indicator_names n
WHERE n.indicator_id NOT IN (SELECT indicator_id FROM catalog_indicators)
GROUP BY n.indicator_id;

CREATE OR REPLACE VIEW recommendations AS
SELECT recommendation_id, chapter, title_en, title_es, summary_en, summary_es, section_en, section_es,
       confidence, confidence_note_en, confidence_note_es, measurement_en, measurement_es, frameworks, position
FROM catalog_recommendations;

CREATE OR REPLACE VIEW indicator_recommendations AS
SELECT indicator_id, recommendation_id, why_en, why_es FROM catalog_indicator_recommendations;
