-- Keys given more than once in the file. Exact repeats are one value; a key with two
-- different values is a conflict, and neither value is believed. Usually empty.
CREATE OR REPLACE TEMP TABLE repeated_keys AS
SELECT indicator_id, iso3, aggregate_code, year,
       min(value) <> max(value) AS conflict, min(line) AS first_line, max(line) AS last_line
FROM checked
WHERE reason IS NULL
GROUP BY indicator_id, iso3, aggregate_code, year
HAVING count(*) > 1;
