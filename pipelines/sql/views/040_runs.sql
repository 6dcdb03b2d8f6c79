-- One row per refresh, with each source's outcome as a list.
CREATE OR REPLACE VIEW runs AS
SELECT r.run_id, r.started_at, r.finished_at, r.trigger, r.mode, r.status,
       list({source_id: s.source_id, outcome: s.outcome, rows_loaded: s.rows_loaded,
             rows_rejected: s.rows_rejected, error: s.error} ORDER BY s.source_id)
         FILTER (WHERE s.source_id IS NOT NULL) AS sources
FROM run_log r LEFT JOIN run_source_log s USING (run_id)
GROUP BY ALL;
