-- check: each vintage's recorded row counts match the rows present
WITH counts AS (
  SELECT v.vintage_id, v.source_id, v.rows_loaded, v.rows_aggregate, v.rows_rejected,
         (SELECT count(*) FROM observation_log o WHERE o.vintage_id = v.vintage_id) AS loaded,
         (SELECT count(*) FROM aggregate_log a WHERE a.vintage_id = v.vintage_id) AS aggregate,
         (SELECT count(*) FROM rejected_rows r WHERE r.vintage_id = v.vintage_id) AS rejected
  FROM vintage_log v
)
SELECT 'vintage ' || vintage_id || ' (' || source_id || ') records ' || rows_loaded || ' values, '
       || rows_aggregate || ' aggregate values, ' || rows_rejected || ' rejected rows; present: '
       || loaded || ', ' || aggregate || ', ' || rejected AS detail
FROM counts
WHERE rows_loaded <> loaded OR rows_aggregate <> aggregate OR rows_rejected <> rejected;
