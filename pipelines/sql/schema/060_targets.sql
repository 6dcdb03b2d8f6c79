-- Targets a government set itself (data/targets.yaml, --targets FILE), copied in with the
-- catalogue. country_iso3 NULL: the focus country of `settings`.
CREATE TABLE IF NOT EXISTS catalog_targets (
  indicator_id VARCHAR NOT NULL, country_iso3 VARCHAR, target_value DOUBLE NOT NULL, target_year INTEGER NOT NULL,
  baseline_year INTEGER NOT NULL, document_title VARCHAR NOT NULL, document_url VARCHAR NOT NULL, document_date DATE NOT NULL
);
