-- check: every indicator with current values has an entry in data/catalog/indicators
SELECT indicator_id || ' (' || count(*) || ' current values, source ' || any_value(source_id) || ') is not in the catalogue' AS detail
FROM observations WHERE indicator_id NOT IN (SELECT indicator_id FROM catalog_indicators)
GROUP BY indicator_id;
