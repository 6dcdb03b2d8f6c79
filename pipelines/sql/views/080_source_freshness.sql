-- How fresh each source is, for `brecha sources`, the sources page and the stale badges:
--   kind / cadence / max_age_months  from catalog_sources (live or final; the release
--                      cadence of data/catalog/sources.yaml, and the months one cycle lasts);
--   latest_vintage_at  when the newest current vintage was retrieved;
--   latest_release     the newest publisher release date among current vintages;
--   latest_vintage_id  the newest current vintage;
--   last_run_id / last_outcome / last_run_at / last_error  the source's last refresh;
--   last_checked_at    when the publisher was last reached successfully (a 304 counts: the
--                      data is confirmed current even though no vintage was written);
--   last_success_at    the last run that loaded the source or found it unchanged;
--   stale              never for a final source. Otherwise while what is shown may not be the
--                      publisher's latest: the last retrieval failed or found the publisher
--                      unreachable, a unit's newest vintage was quarantined, or the data has
--                      gone unconfirmed for longer than one cycle of its cadence (annual 12
--                      months, biennial 24, triennial 36; irregular sources do not age);
--   stale_since / stale_reason  since when, and why.
CREATE OR REPLACE VIEW source_freshness AS
WITH current_vintages AS (
  SELECT source_id, max(retrieved_at) AS latest_vintage_at, max(released_at) AS latest_release, max(vintage_id) AS latest_vintage_id
  FROM vintage_log WHERE status = 'current' GROUP BY source_id
), last_runs AS (
  SELECT source_id, run_id, outcome, error, finished_at
  FROM run_source_log
  QUALIFY row_number() OVER (PARTITION BY source_id ORDER BY run_id DESC) = 1
), last_good AS (
  SELECT source_id, max(run_id) AS run_id, max(finished_at) AS checked_at,
         max(finished_at) FILTER (WHERE outcome IN ('loaded', 'unchanged')) AS success_at
  FROM run_source_log WHERE outcome IN ('loaded', 'unchanged', 'quarantined') GROUP BY source_id
), failing AS (
  SELECT r.source_id, min(r.finished_at) AS since
  FROM run_source_log r LEFT JOIN last_good g USING (source_id)
  WHERE r.outcome IN ('failed', 'unreachable') AND r.run_id > coalesce(g.run_id, 0)
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
  SELECT source_id FROM vintage_log UNION SELECT source_id FROM run_source_log UNION SELECT source_id FROM catalog_sources
), facts AS (
  SELECT k.source_id, coalesce(s.kind, 'undeclared') AS kind, s.cadence,
         CASE s.cadence WHEN 'annual' THEN 12 WHEN 'biennial' THEN 24 WHEN 'triennial' THEN 36 END AS max_age_months,
         c.latest_vintage_at, c.latest_release, c.latest_vintage_id, l.run_id AS last_run_id, l.outcome AS last_outcome, l.finished_at AS last_run_at,
         l.error AS last_error, g.checked_at AS last_checked_at, g.success_at AS last_success_at,
         f.since AS failing_since, q.since AS quarantined_since, q.reason AS quarantine_reason,
         -- The last time the data was known to be the publisher's latest.
         greatest(g.checked_at, c.latest_vintage_at) AS confirmed_at,
         s.position
  FROM known k
  LEFT JOIN catalog_sources s USING (source_id)
  LEFT JOIN current_vintages c USING (source_id)
  LEFT JOIN last_runs l USING (source_id)
  LEFT JOIN last_good g USING (source_id)
  LEFT JOIN failing f USING (source_id)
  LEFT JOIN quarantined q USING (source_id)
), judged AS (
  SELECT *,
         kind <> 'final' AND coalesce(last_outcome IN ('failed', 'unreachable'), false) AS retrieval_stale,
         kind <> 'final' AND quarantined_since IS NOT NULL AS quarantine_stale,
         CASE WHEN max_age_months IS NOT NULL AND confirmed_at IS NOT NULL
              THEN confirmed_at + to_months(max_age_months) END AS due_at
  FROM facts
)
SELECT source_id, latest_vintage_at, latest_release, last_run_id, last_outcome, last_run_at,
       CASE WHEN kind = 'final' THEN NULL
            ELSE least(CASE WHEN retrieval_stale THEN failing_since END, CASE WHEN quarantine_stale THEN quarantined_since END,
                       CASE WHEN due_at < current_date THEN due_at END) END AS stale_since,
       last_error, last_checked_at,
       retrieval_stale OR quarantine_stale OR (kind <> 'final' AND coalesce(due_at < current_date, false)) AS stale,
       CASE WHEN retrieval_stale AND last_outcome = 'unreachable' THEN 'publisher unreachable: ' || last_error
            WHEN retrieval_stale THEN 'last retrieval failed: ' || last_error
            WHEN quarantine_stale THEN 'quarantined: ' || quarantine_reason
            WHEN kind <> 'final' AND due_at < current_date
              THEN 'not confirmed since ' || strftime(confirmed_at, '%Y-%m-%d') || '; a source with ' || cadence ||
                   ' releases should be checked at least every ' || max_age_months || ' months' END AS stale_reason,
       kind, cadence, max_age_months, last_success_at, due_at, latest_vintage_id, position
FROM judged;
