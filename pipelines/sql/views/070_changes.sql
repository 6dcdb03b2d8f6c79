-- What changed, run by run: values seen for the first time (new years or countries),
-- revised values (old and new, both vintages), sources that went stale (a failed or
-- unreachable retrieval after a good one) or recovered, and vintages quarantined as implausible
-- (error = the reason). `brecha changes`, the changes page and the feeds all read this view.
CREATE OR REPLACE VIEW changes AS
WITH firsts AS (
  SELECT indicator_id, country_iso3, year, value, vintage_id,
         row_number() OVER (PARTITION BY indicator_id, country_iso3, year ORDER BY effective_at, retrieved_at, vintage_id) AS rn
  FROM observation_history
  WHERE vintage_status = 'current'
), source_states AS (
  SELECT run_id, source_id, outcome, error, finished_at,
         lag(outcome) OVER (PARTITION BY source_id ORDER BY run_id) AS previous_outcome
  FROM run_source_log
)
SELECT 'new_value' AS kind, v.run_id, v.retrieved_at AS changed_at, v.source_id, f.indicator_id, f.country_iso3, f.year,
       CAST(NULL AS DOUBLE) AS old_value, f.value AS new_value, CAST(NULL AS INTEGER) AS old_vintage_id,
       f.vintage_id AS new_vintage_id, CAST(NULL AS VARCHAR) AS error
FROM firsts f JOIN vintage_log v USING (vintage_id)
WHERE f.rn = 1
UNION ALL
SELECT 'revised', v.run_id, v.retrieved_at, v.source_id, r.indicator_id, r.country_iso3, r.year,
       r.old_value, r.new_value, r.old_vintage_id, r.new_vintage_id, NULL
FROM revisions r JOIN vintage_log v ON v.vintage_id = r.new_vintage_id
UNION ALL
SELECT CASE WHEN outcome IN ('failed', 'unreachable') THEN 'stale' ELSE 'recovered' END, run_id, finished_at, source_id,
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, error
FROM source_states
WHERE (outcome IN ('failed', 'unreachable') AND coalesce(previous_outcome, '') NOT IN ('failed', 'unreachable'))
   OR (outcome IN ('loaded', 'unchanged', 'quarantined') AND previous_outcome IN ('failed', 'unreachable'))
UNION ALL
SELECT 'quarantined', run_id, retrieved_at, source_id, NULL, NULL, NULL, NULL, NULL, NULL, vintage_id,
       unit || ': ' || coalesce(status_reason, 'implausible')
FROM vintage_log
WHERE status = 'quarantined';
