-- check: no (indicator, country or area, year) appears twice within one vintage
SELECT 'observation_log: ' || indicator_id || ' ' || country_iso3 || ' ' || year || ' appears ' || count(*) || ' times in vintage ' || vintage_id AS detail
FROM observation_log GROUP BY indicator_id, country_iso3, year, vintage_id HAVING count(*) > 1
UNION ALL
SELECT 'aggregate_log: ' || indicator_id || ' ' || area_code || ' ' || year || ' appears ' || count(*) || ' times in vintage ' || vintage_id
FROM aggregate_log GROUP BY indicator_id, area_code, year, vintage_id HAVING count(*) > 1
UNION ALL
SELECT 'vintage_log: vintage id ' || vintage_id || ' is used ' || count(*) || ' times'
FROM vintage_log GROUP BY vintage_id HAVING count(*) > 1;
