-- The cells validation must look at one by one, as the view `suspect_cells` over `staged`:
-- every non-empty cell except those a few cheap tests prove to be good country values. The
-- full rules (validate.sql) then run on these few instead of on every cell of a big file;
-- a cell left out here would have passed them. A cell is proved good when
--   - its area is written exactly as a country of the catalogue is (area_forms.sql: "MEX",
--     "mex"); aggregates, unknown areas and other spellings (" MEX ", "Mexico") are
--     suspects, which the full rules resolve by key,
--   - its indicator has no rule of its own (bounds, or codes that are real values),
--   - its year is one of 1950–$1 written as four digits (a join with those few texts),
--   - its value is surely a plain, finite number (surely_plain_number: DuckDB's cast and
--     a few character tests, much cheaper than the plain-number pattern) and not a common
--     missing-value code.
-- Anything else (a space around a number, "1_000", a year "2020.0", an indicator with
-- bounds) is a suspect, and the full rules decide: a suspect may well be good. The tests
-- are an OR of reasons to suspect, so a cell already suspected skips the costlier ones.
-- $1 = highest acceptable year (inlined: a view takes no parameters).
CREATE OR REPLACE TEMP VIEW suspect_cells AS
SELECT s.indicator_id, s.area, s.year, s.value, s.flag, s.line, s.field
FROM staged s
LEFT JOIN area_forms f ON f.form = s.area
LEFT JOIN (SELECT indicator_id FROM catalog_indicators
           WHERE valid_min IS NOT NULL OR valid_max IS NOT NULL OR coalesce(missing_codes_are_values, false)) ruled
  ON ruled.indicator_id = s.indicator_id
LEFT JOIN (SELECT CAST(y AS VARCHAR) AS year FROM range(1950, $1 + 1) AS t(y)) plain_year ON plain_year.year = s.year
WHERE s.value IS NOT NULL AND s.value <> ''
  AND (f.iso3 IS NULL OR ruled.indicator_id IS NOT NULL OR plain_year.year IS NULL
       OR s.indicator_id IS NULL OR s.indicator_id = ''
       OR NOT surely_plain_number(s.value)
       -- Every missing-value code is one of these in size (so is 99, which then goes to the
       -- full rules). DuckDB plans the list as a mark join; on a full WDI file that cost a
       -- quarter of the eight comparisons of missing_value_code it replaces here.
       OR abs(TRY_CAST(s.value AS DOUBLE)) IN (99, 999, 9999, 99999, 999999));
