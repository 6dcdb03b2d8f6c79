-- Reviewed catalogue (data/catalog), copied in on every writable open so SQL can join it.
CREATE TABLE IF NOT EXISTS catalog_countries (
  iso3 VARCHAR PRIMARY KEY, iso2 VARCHAR, m49 INTEGER, name_en VARCHAR NOT NULL, name_es VARCHAR NOT NULL,
  oecd_member_since INTEGER, region VARCHAR
);
CREATE TABLE IF NOT EXISTS catalog_aggregates (
  code VARCHAR PRIMARY KEY, name_en VARCHAR, name_es VARCHAR, kind VARCHAR
);
-- Every spelling or code that names a country, lower-cased and trimmed, to its ISO3.
CREATE TABLE IF NOT EXISTS catalog_area_keys (
  area_key VARCHAR NOT NULL, iso3 VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS catalog_indicators (
  indicator_id VARCHAR PRIMARY KEY, pillar VARCHAR NOT NULL, name_en VARCHAR NOT NULL, name_es VARCHAR NOT NULL,
  short_en VARCHAR, short_es VARCHAR, definition_en VARCHAR, definition_es VARCHAR,
  unit VARCHAR, unit_en VARCHAR, unit_es VARCHAR, higher_is_better BOOLEAN, source_id VARCHAR NOT NULL,
  publisher VARCHAR, licence VARCHAR, url VARCHAR, cadence VARCHAR, derived BOOLEAN,
  population_en VARCHAR, population_es VARCHAR, notes_en VARCHAR, notes_es VARCHAR,
  valid_min DOUBLE, valid_max DOUBLE, parent_id VARCHAR, target DOUBLE,
  missing_codes_are_values BOOLEAN
);
-- Warehouses made before the column existed get it (last, as the catalogue sync writes it).
ALTER TABLE catalog_indicators ADD COLUMN IF NOT EXISTS missing_codes_are_values BOOLEAN;
CREATE TABLE IF NOT EXISTS catalog_recommendations (
  recommendation_id VARCHAR PRIMARY KEY, chapter VARCHAR, section_en VARCHAR, section_es VARCHAR,
  title_en VARCHAR, title_es VARCHAR, summary_en VARCHAR, summary_es VARCHAR,
  confidence VARCHAR, confidence_note_en VARCHAR, confidence_note_es VARCHAR,
  measurement_en VARCHAR, measurement_es VARCHAR, frameworks VARCHAR[], position INTEGER
);
-- Where each recommendation area's wording comes from: one row per address, in catalogue order.
CREATE TABLE IF NOT EXISTS catalog_recommendation_sources (
  recommendation_id VARCHAR NOT NULL, position INTEGER NOT NULL, url VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS catalog_indicator_recommendations (
  indicator_id VARCHAR NOT NULL, recommendation_id VARCHAR NOT NULL, why_en VARCHAR, why_es VARCHAR
);
CREATE TABLE IF NOT EXISTS catalog_framework_items (
  framework_id VARCHAR NOT NULL, item_id VARCHAR NOT NULL, name_en VARCHAR, name_es VARCHAR,
  summary_en VARCHAR, summary_es VARCHAR, confidence VARCHAR
);
CREATE TABLE IF NOT EXISTS catalog_peer_groups (
  group_id VARCHAR NOT NULL, iso3 VARCHAR NOT NULL
);
-- Each source of the registry: live (endpoints) or final (why, last edition, when), and its
-- release cadence (data/catalog/sources.yaml). See pipelines/catalog/sources.ts.
CREATE TABLE IF NOT EXISTS catalog_sources (
  source_id VARCHAR PRIMARY KEY, title VARCHAR, publisher VARCHAR, licence VARCHAR,
  kind VARCHAR NOT NULL,          -- live | final | undeclared
  cadence VARCHAR,                -- annual | biennial | triennial | irregular
  cadence_note VARCHAR,
  endpoints VARCHAR[],            -- live: the publisher URLs a refresh asks
  final_reason VARCHAR, final_edition VARCHAR, final_released VARCHAR, live_counterpart VARCHAR,
  position INTEGER
);
