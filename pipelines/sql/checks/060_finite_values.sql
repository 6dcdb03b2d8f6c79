-- check: no value is NaN, infinite, a missing-value code (unless the catalogue says the
-- indicator's genuine values can equal one) or in an impossible year
SELECT 'observation_log: ' || indicator_id || ' ' || country_iso3 || ' ' || year || ' = ' || CAST(value AS VARCHAR) || ' (vintage ' || vintage_id || ')' AS detail
FROM observation_log
WHERE isnan(value) OR isinf(value)
   OR (missing_value_code(value) AND indicator_id NOT IN (SELECT indicator_id FROM catalog_indicators WHERE missing_codes_are_values))
   OR year < 1950 OR year > year(current_date) + 1
UNION ALL
SELECT 'aggregate_log: ' || indicator_id || ' ' || area_code || ' ' || year || ' = ' || CAST(value AS VARCHAR) || ' (vintage ' || vintage_id || ')'
FROM aggregate_log
WHERE isnan(value) OR isinf(value)
   OR (missing_value_code(value) AND indicator_id NOT IN (SELECT indicator_id FROM catalog_indicators WHERE missing_codes_are_values))
   OR year < 1950 OR year > year(current_date) + 1;
