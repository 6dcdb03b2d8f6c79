-- Every value of every vintage ever loaded.
CREATE OR REPLACE VIEW observation_history AS
SELECT o.indicator_id, o.country_iso3, o.year, o.value, o.flag, v.source_id, o.vintage_id,
       v.effective_at, v.retrieved_at, v.status AS vintage_status
FROM observation_log o JOIN vintage_order v USING (vintage_id);

-- Current values: for each (indicator, country, year) the value of the newest vintage that
-- is current (quarantined vintages never are).
CREATE OR REPLACE VIEW observations AS
SELECT indicator_id, country_iso3, year, value, flag, source_id, vintage_id
FROM observation_history
WHERE vintage_status = 'current'
QUALIFY row_number() OVER (
  PARTITION BY indicator_id, country_iso3, year
  ORDER BY effective_at DESC, retrieved_at DESC, vintage_id DESC) = 1;

CREATE OR REPLACE VIEW aggregate_observations AS
SELECT a.indicator_id, a.area_code, a.year, a.value, a.flag, a.source_id, a.vintage_id
FROM aggregate_log a JOIN vintage_order v USING (vintage_id)
WHERE v.status = 'current'
QUALIFY row_number() OVER (
  PARTITION BY a.indicator_id, a.area_code, a.year
  ORDER BY v.effective_at DESC, v.retrieved_at DESC, a.vintage_id DESC) = 1;

-- Values that changed between consecutive vintages holding the same key. Differences
-- below one part in a billion are float noise from re-saving, not revisions.
CREATE OR REPLACE VIEW revisions AS
SELECT indicator_id, country_iso3, year, old_value, new_value, old_vintage_id, new_vintage_id
FROM (
  SELECT indicator_id, country_iso3, year, value AS new_value, vintage_id AS new_vintage_id,
         lag(value) OVER w AS old_value, lag(vintage_id) OVER w AS old_vintage_id
  FROM observation_history
  WHERE vintage_status = 'current'
  WINDOW w AS (PARTITION BY indicator_id, country_iso3, year ORDER BY effective_at, retrieved_at, vintage_id)
)
WHERE old_value IS NOT NULL
  AND abs(new_value - old_value) > 1e-9 * greatest(1.0, abs(old_value));

CREATE OR REPLACE VIEW rejections AS
SELECT r.*, v.retrieved_at FROM rejected_rows r JOIN vintage_log v USING (vintage_id);
