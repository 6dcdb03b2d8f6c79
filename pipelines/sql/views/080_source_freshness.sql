-- How fresh each source is, for the dashboards' "data as of" and stale badges:
--   latest_vintage_at  when the newest current vintage was retrieved;
--   latest_release     the newest publisher release date among current vintages;
--   last_run_id / last_outcome / last_run_at / last_error  the source's last refresh;
--   last_checked_at    when the publisher was last reached successfully (a 304 counts: the
--                      data is confirmed current even though no vintage was written);
--   stale_since        set while what is shown is not the publisher's latest: since the
--                      first failure of the current run of failures, or since a unit's newest
--                      vintage was quarantined (then stale_reason says why).
CREATE OR REPLACE VIEW source_freshness AS
WITH current_vintages AS (
  SELECT source_id, max(retrieved_at) AS latest_vintage_at, max(released_at) AS latest_release
  FROM vintage_log WHERE status = 'current' GROUP BY source_id
), last_runs AS (
  SELECT source_id, run_id, outcome, error, finished_at
  FROM run_source_log
  QUALIFY row_number() OVER (PARTITION BY source_id ORDER BY run_id DESC) = 1
), last_good AS (
  SELECT source_id, max(run_id) AS run_id, max(finished_at) AS checked_at FROM run_source_log WHERE outcome <> 'failed' GROUP BY source_id
), failing AS (
  SELECT r.source_id, min(r.finished_at) AS since
  FROM run_source_log r LEFT JOIN last_good g USING (source_id)
  WHERE r.outcome = 'failed' AND r.run_id > coalesce(g.run_id, 0)
  GROUP BY r.source_id
), quarantined AS (
  SELECT source_id, min(retrieved_at) AS since, string_agg(unit || ': ' || coalesce(status_reason, 'implausible'), '; ') AS reason
  FROM (
    SELECT * FROM vintage_log
    QUALIFY row_number() OVER (PARTITION BY source_id, unit ORDER BY vintage_id DESC) = 1
  )
  WHERE status = 'quarantined'
  GROUP BY source_id
), known AS (
  SELECT source_id FROM vintage_log UNION SELECT source_id FROM run_source_log
)
SELECT k.source_id, c.latest_vintage_at, c.latest_release, l.run_id AS last_run_id, l.outcome AS last_outcome,
       l.finished_at AS last_run_at,
       CASE WHEN l.outcome = 'failed' THEN least(f.since, q.since) ELSE q.since END AS stale_since,
       l.error AS last_error, g.checked_at AS last_checked_at,
       coalesce(l.outcome = 'failed', false) OR q.since IS NOT NULL AS stale,
       CASE WHEN l.outcome = 'failed' THEN 'last retrieval failed: ' || l.error ELSE 'quarantined: ' || q.reason END AS stale_reason
FROM known k
LEFT JOIN current_vintages c USING (source_id)
LEFT JOIN last_runs l USING (source_id)
LEFT JOIN last_good g USING (source_id)
LEFT JOIN failing f USING (source_id)
LEFT JOIN quarantined q USING (source_id);
