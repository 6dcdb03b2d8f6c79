-- Value rules shared by validation (pipelines/sql/load/validate.sql), sources that derive
-- values while staging, and the integrity checks, so they are written once.

-- Common missing-value codes, refused as values even where the catalogue sets no bounds.
-- Written as comparisons, not `x IN (...)`: DuckDB plans a list of constants as a join,
-- which over the millions of cells of a bulk file costs more than the comparisons.
CREATE OR REPLACE MACRO missing_value_code(x) AS
  (x = -99 OR x = -999 OR x = -9999 OR x = -99999 OR x = -999999 OR x = 9999 OR x = 99999 OR x = 999999);

-- A number written plainly (DuckDB's cast alone also reads "1_000", " nan", "infinity").
CREATE OR REPLACE MACRO plain_number(t) AS
  CASE WHEN regexp_full_match(trim(t), '[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?') THEN TRY_CAST(trim(t) AS DOUBLE) END;

-- A count a derived value may be computed from: a plain, finite, non-negative number that is not a missing-value code.
CREATE OR REPLACE MACRO valid_count(t) AS
  coalesce(plain_number(t) >= 0 AND NOT isinf(plain_number(t)) AND NOT missing_value_code(plain_number(t)), false);

-- A plain number told cheaply, for the many cells of a big file (suspects.sql): DuckDB's cast
-- reads it, it is finite, and it has none of what the cast tolerates and a plain number has
-- not (underscores, white space of any kind, "+-"). Whatever this accepts, plain_number
-- reads as the same finite value (tests/load/suspects.test.ts tries every short string);
-- the converse need not hold (" 1" is plain but not sure): such cells get the full rules.
CREATE OR REPLACE MACRO surely_plain_number(t) AS
  coalesce(isfinite(TRY_CAST(t AS DOUBLE)), false)
  AND NOT contains(t, '_') AND NOT contains(t, '+-') AND NOT contains(t, ' ')
  AND NOT contains(t, chr(9)) AND NOT contains(t, chr(10)) AND NOT contains(t, chr(11))
  AND NOT contains(t, chr(12)) AND NOT contains(t, chr(13));
