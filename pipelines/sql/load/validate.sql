-- Validates the staged rows of one file into `checked`: each non-empty cell either
-- resolves to (indicator, country or aggregate, year, finite value) or gets a reason.
-- $1 = highest acceptable year; $2, $3 = line and text of a number the file ends on without
-- a line break (it may have been cut short), or NULL.
-- A year must be written as a whole number and a value as a plain decimal number: DuckDB's
-- casts alone would round "2019.5" to year 2020 and read "0x7E4" or "2_019" as numbers.
-- Common missing-value codes (-99, 9999, ...) are refused even where the catalogue sets no
-- bounds: a source that knows its own codes turns them into null before this point.
CREATE OR REPLACE TEMP TABLE checked AS
WITH s AS (
  SELECT trim(indicator_id) AS indicator_id, trim(area) AS area, trim(year) AS year_text,
         trim(value) AS value_text, nullif(trim(flag), '') AS flag, line, field
  FROM staged
  WHERE value IS NOT NULL AND trim(value) <> ''
), typed AS (
  SELECT s.*,
         CASE WHEN regexp_full_match(year_text, '[0-9]+(\.0+)?') THEN TRY_CAST(TRY_CAST(year_text AS DOUBLE) AS INTEGER) END AS year_num,
         CASE WHEN regexp_full_match(value_text, '[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?') THEN TRY_CAST(value_text AS DOUBLE) END AS value_num,
         lower(value_text) IN ('nan', '+nan', '-nan', 'inf', '+inf', '-inf', 'infinity', '+infinity', '-infinity') AS value_non_finite_word
  FROM s
)
SELECT t.indicator_id, t.area, t.year_text, t.value_text, t.flag, t.line, t.field, t.year_num, t.value_num,
       k.iso3, g.code AS aggregate_code,
       CASE
         WHEN t.indicator_id IS NULL OR t.indicator_id = '' THEN 'no indicator id'
         WHEN t.area IS NULL OR t.area = '' THEN 'no country or area'
         WHEN t.year_num IS NULL THEN 'year "' || left(coalesce(t.year_text, ''), 40) || '" is not a whole number'
         WHEN t.year_num < 1950 OR t.year_num > $1 THEN 'year ' || t.year_num || ' is outside 1950–' || $1
         WHEN t.line = CAST($2 AS BIGINT) AND t.value_text = CAST($3 AS VARCHAR)
           THEN 'the file ends right after this number, with no line break: it may have been cut short (truncated file)'
         WHEN t.value_non_finite_word OR isnan(t.value_num) OR isinf(t.value_num) THEN 'value "' || left(t.value_text, 40) || '" is not a finite number'
         WHEN t.value_num IS NULL THEN 'value "' || left(t.value_text, 40) || '" is not a number'
         WHEN k.iso3 IS NULL AND g.code IS NULL THEN 'area "' || left(t.area, 60) || '" is not a known country or aggregate'
         WHEN t.value_num IN (-99, -999, -9999, -99999, -999999, 9999, 99999, 999999)
           THEN 'value ' || left(t.value_text, 40) || ' looks like a missing-value code, not a measurement'
         WHEN c.valid_min IS NOT NULL AND t.value_num < c.valid_min
           THEN 'value ' || left(t.value_text, 40) || ' is below the possible minimum ' || c.valid_min || ' for ' || t.indicator_id
         WHEN c.valid_max IS NOT NULL AND t.value_num > c.valid_max
           THEN 'value ' || left(t.value_text, 40) || ' is above the possible maximum ' || c.valid_max || ' for ' || t.indicator_id
       END AS reason
FROM typed t
LEFT JOIN catalog_area_keys k ON k.area_key = lower(t.area)
LEFT JOIN catalog_aggregates g ON k.iso3 IS NULL AND lower(g.code) = lower(t.area)
LEFT JOIN catalog_indicators c ON c.indicator_id = t.indicator_id;

-- Valid cells collapsed to one per key: exact repeats are one value; a key given two
-- different values in the same file is a conflict, and neither value is believed.
CREATE OR REPLACE TEMP TABLE checked_keys AS
SELECT indicator_id, iso3, aggregate_code, year_num,
       min(value_num) AS value, min(flag) AS flag,
       min(value_num) <> max(value_num) AS conflict,
       min(line) AS first_line, max(line) AS last_line
FROM checked
WHERE reason IS NULL
GROUP BY indicator_id, iso3, aggregate_code, year_num;
