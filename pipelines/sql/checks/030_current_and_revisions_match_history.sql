-- check: current values and revisions agree with the history of vintages
WITH latest AS (
  SELECT indicator_id, country_iso3, year, value, vintage_id
  FROM observation_history WHERE vintage_status = 'current'
  QUALIFY row_number() OVER (PARTITION BY indicator_id, country_iso3, year ORDER BY effective_at DESC, retrieved_at DESC, vintage_id DESC) = 1
)
SELECT 'observations: ' || coalesce(o.indicator_id, l.indicator_id) || ' ' || coalesce(o.country_iso3, l.country_iso3) || ' ' || coalesce(o.year, l.year)
       || ' shows ' || coalesce(CAST(o.value AS VARCHAR), 'nothing') || ' (vintage ' || coalesce(CAST(o.vintage_id AS VARCHAR), '-')
       || ') but the newest vintage holds ' || coalesce(CAST(l.value AS VARCHAR), 'nothing') || ' (vintage ' || coalesce(CAST(l.vintage_id AS VARCHAR), '-') || ')' AS detail
FROM observations o FULL JOIN latest l USING (indicator_id, country_iso3, year)
WHERE o.vintage_id IS DISTINCT FROM l.vintage_id OR o.value IS DISTINCT FROM l.value
UNION ALL
SELECT 'revisions: ' || r.indicator_id || ' ' || r.country_iso3 || ' ' || r.year || ' says ' || r.old_value || ' -> ' || r.new_value
       || ' (vintages ' || r.old_vintage_id || ' -> ' || r.new_vintage_id || ') but history holds '
       || coalesce(CAST(a.value AS VARCHAR), 'nothing') || ' -> ' || coalesce(CAST(b.value AS VARCHAR), 'nothing')
FROM revisions r
LEFT JOIN observation_log a ON a.vintage_id = r.old_vintage_id AND a.indicator_id = r.indicator_id AND a.country_iso3 = r.country_iso3 AND a.year = r.year
LEFT JOIN observation_log b ON b.vintage_id = r.new_vintage_id AND b.indicator_id = r.indicator_id AND b.country_iso3 = r.country_iso3 AND b.year = r.year
WHERE a.value IS DISTINCT FROM r.old_value OR b.value IS DISTINCT FROM r.new_value;
