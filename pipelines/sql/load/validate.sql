-- The validation of one file's staged rows, as a view `checked` over `staged`: each
-- non-empty cell either resolves to (indicator, country or aggregate, year, finite value)
-- or gets a reason. A view, not a table: the loader reads it straight into the history
-- (good country cells) and peels off the few other cells (aggregates, rejections) in a
-- second read, so the cells of a big file are never all held at once. Area resolution is
-- a join against the small table of area keys. Raw text is kept only for rejected cells
-- (it is what the user needs to see), clipped to 200 characters so a 100 MB garbage cell
-- is not copied into the warehouse. $1 = highest acceptable year (inlined: a view takes
-- no parameters). $view/$cells: the view defined and the cells it reads: `checked` over
-- `staged` (every cell), or `checked_suspects` over `suspect_cells` (see suspects.sql).
-- Years and values must be written as plain decimal numbers (DuckDB's cast alone reads
-- "1_000" as 1000). Common missing-value codes (-99, 9999, ...) are refused even where the
-- catalogue sets no bounds: a source that knows its own codes turns them into null first,
-- and an indicator whose genuine values can equal a code says so in the catalogue
-- (missing_codes_are_values).
CREATE OR REPLACE TEMP VIEW $view AS
WITH areas AS (
  SELECT area_key, iso3, CAST(NULL AS VARCHAR) AS aggregate_code FROM catalog_area_keys
  UNION ALL
  SELECT lower(code), NULL, code FROM catalog_aggregates WHERE lower(code) NOT IN (SELECT area_key FROM catalog_area_keys)
), typed AS (
  SELECT indicator_id, area, year, value, flag, line, field,
         CASE WHEN regexp_full_match(trim(year), '[0-9]+(\.[0-9]*)?') THEN TRY_CAST(year AS DOUBLE) END AS year_num,
         plain_number(value) AS value_num
  FROM $cells
  -- Empty and blank cells are missing values, not errors.
  WHERE value IS NOT NULL AND value <> '' AND (TRY_CAST(value AS DOUBLE) IS NOT NULL OR trim(value) <> '')
), judged AS (
  SELECT t.*, a.iso3, a.aggregate_code,
         CASE
           WHEN t.indicator_id IS NULL OR t.indicator_id = '' THEN 'no indicator id'
           WHEN t.area IS NULL OR trim(t.area) = '' THEN 'no country or area'
           WHEN t.year_num IS NULL OR t.year_num <> floor(t.year_num) THEN 'year "' || left(coalesce(t.year, ''), 40) || '" is not a whole number'
           WHEN t.year_num < 1950 OR t.year_num > $1 THEN 'year ' || t.year || ' is outside 1950–' || $1
           WHEN isnan(t.value_num) OR isinf(t.value_num) THEN 'value "' || left(trim(t.value), 40) || '" is not a finite number'
           -- The words are looked at only for cells that are not plain numbers (a list, not
           -- IN (...), which DuckDB would plan as a join over every cell).
           WHEN t.value_num IS NULL THEN CASE
             WHEN list_contains(['nan', '+nan', '-nan', 'inf', '+inf', '-inf', 'infinity', '+infinity', '-infinity'], lower(trim(t.value)))
               THEN 'value "' || left(trim(t.value), 40) || '" is not a finite number'
             ELSE 'value "' || left(t.value, 40) || '" is not a number' END
           WHEN a.area_key IS NULL THEN 'area "' || left(t.area, 60) || '" is not a known country or aggregate'
           WHEN missing_value_code(t.value_num) AND NOT coalesce(c.missing_codes_are_values, false)
             THEN 'value ' || left(trim(t.value), 40) || ' looks like a missing-value code, not a measurement'
           WHEN c.valid_min IS NOT NULL AND t.value_num < c.valid_min
             THEN 'value ' || left(trim(t.value), 40) || ' is below the possible minimum ' || c.valid_min || ' for ' || t.indicator_id
           WHEN c.valid_max IS NOT NULL AND t.value_num > c.valid_max
             THEN 'value ' || left(trim(t.value), 40) || ' is above the possible maximum ' || c.valid_max || ' for ' || t.indicator_id
         END AS reason
  FROM typed t
  LEFT JOIN areas a ON a.area_key = lower(trim(t.area))
  LEFT JOIN catalog_indicators c ON c.indicator_id = t.indicator_id
)
SELECT indicator_id, iso3, aggregate_code, CAST(CASE WHEN reason IS NULL THEN year_num END AS SMALLINT) AS year,
       CASE WHEN reason IS NULL THEN value_num END AS value, flag, line,
       CASE WHEN reason IS NOT NULL THEN field END AS field, reason,
       CASE WHEN reason IS NOT NULL THEN CASE WHEN length(area) > 200 THEN left(area, 200) || '…' ELSE area END END AS raw_area,
       CASE WHEN reason IS NOT NULL THEN CASE WHEN length(year) > 200 THEN left(year, 200) || '…' ELSE year END END AS raw_year,
       CASE WHEN reason IS NOT NULL THEN CASE WHEN length(value) > 200 THEN left(value, 200) || '…' ELSE value END END AS raw_value,
       -- A refused cell's key as staged (unclipped), to leave it out of the history.
       CASE WHEN reason IS NOT NULL THEN area END AS key_area,
       CASE WHEN reason IS NOT NULL THEN year END AS key_year
FROM judged;

