-- A vintage's place in time: the publisher's release date where the file states one,
-- else when we retrieved it. Later vintages win for the same (indicator, country, year).
CREATE OR REPLACE VIEW vintage_order AS
SELECT vintage_id, source_id, status,
       coalesce(CAST(released_at AS TIMESTAMP), retrieved_at) AS effective_at,
       retrieved_at
FROM vintage_log;

CREATE OR REPLACE VIEW vintages AS
SELECT vintage_id, source_id, origin, content_sha256, retrieved_at, rows_loaded, rows_rejected,
       released_at, unit, format, rows_aggregate, status, status_reason, run_id
FROM vintage_log;
