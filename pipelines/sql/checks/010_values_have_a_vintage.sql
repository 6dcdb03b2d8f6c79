-- check: every value, aggregate value and rejected row belongs to a recorded vintage
SELECT 'observation_log: ' || count(*) || ' values of unknown vintage ' || vintage_id AS detail
FROM observation_log WHERE vintage_id NOT IN (SELECT vintage_id FROM vintage_log) GROUP BY vintage_id
UNION ALL
SELECT 'aggregate_log: ' || count(*) || ' values of unknown vintage ' || vintage_id
FROM aggregate_log WHERE vintage_id NOT IN (SELECT vintage_id FROM vintage_log) GROUP BY vintage_id
UNION ALL
SELECT 'rejected_rows: ' || count(*) || ' rows of unknown vintage ' || vintage_id
FROM rejected_rows WHERE vintage_id NOT IN (SELECT vintage_id FROM vintage_log) GROUP BY vintage_id
UNION ALL
SELECT 'observations: ' || indicator_id || ' ' || country_iso3 || ' ' || year || ' has no vintage'
FROM observations WHERE vintage_id IS NULL OR vintage_id NOT IN (SELECT vintage_id FROM vintage_log)
UNION ALL
-- (a country value's source is its vintage's; an aggregate value still names its own)
SELECT 'vintage ' || vintage_id || ' of ' || source_id || ' has an aggregate value of another source'
FROM (SELECT DISTINCT a.vintage_id, v.source_id FROM aggregate_log a JOIN vintage_log v USING (vintage_id) WHERE a.source_id <> v.source_id);
