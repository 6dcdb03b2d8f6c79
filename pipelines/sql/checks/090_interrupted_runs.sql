-- check: no refresh was left unfinished (a run still 'running' when no process holds the warehouse)
-- severity: warning
SELECT 'run ' || run_id || ' started ' || CAST(started_at AS VARCHAR) || ' never finished (interrupted); vintages it committed are complete' AS detail
FROM run_log WHERE status = 'running';
