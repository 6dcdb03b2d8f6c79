-- Targets a government set itself (data/targets.yaml), each for one country: the focus
-- country of `settings` unless the entry names another.
CREATE OR REPLACE VIEW targets AS
SELECT t.indicator_id, coalesce(t.country_iso3, s.focus_iso3) AS country_iso3, t.target_value, t.target_year,
       t.baseline_year, t.document_title, t.document_url, t.document_date
FROM catalog_targets t CROSS JOIN (SELECT focus_iso3 FROM settings LIMIT 1) s;
