-- check: current values lie within their indicator's catalogue bounds (valid_min, valid_max)
SELECT o.indicator_id || ' ' || o.country_iso3 || ' ' || o.year || ' = ' || o.value || ' is outside ['
       || coalesce(CAST(c.valid_min AS VARCHAR), '-inf') || ', ' || coalesce(CAST(c.valid_max AS VARCHAR), 'inf') || '] (vintage ' || o.vintage_id || ')' AS detail
FROM observations o JOIN catalog_indicators c USING (indicator_id)
WHERE o.value < c.valid_min OR o.value > c.valid_max;
