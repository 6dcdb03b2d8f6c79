-- Where files of the UN E-Government Survey (Data360 extract, UN Data Center CSV, UNU-EGOV
-- re-packaging) disagree about the same measure, country and survey year. Nothing is merged
-- here: `observations` shows the newest vintage's value, this view shows what the other
-- files said. Two checks:
--  * "different values": both files have a value and they differ by more than 0.001;
--  * "missing in one file": one file has a value where another file that covers the same
--    measure and year has none (a blank cell, or a "not scored" mark the source dropped).
-- Only the latest vintage of each file (unit) takes part, so a file re-loaded after a
-- change is not compared with its own past.
CREATE OR REPLACE VIEW data_quality_egov AS
WITH latest AS (
  SELECT o.indicator_id, o.country_iso3, o.year, o.value, o.vintage_id, v.unit
  FROM observation_history o
  JOIN vintage_log v USING (vintage_id)
  WHERE o.source_id = 'un_egov' AND o.vintage_status = 'current'
  QUALIFY o.vintage_id = max(o.vintage_id) OVER (PARTITION BY v.unit)
), coverage AS (
  SELECT DISTINCT indicator_id, year, unit, vintage_id FROM latest
)
SELECT 'different values' AS "check", a.indicator_id, a.country_iso3, a.year,
       a.value AS value_a, a.unit AS source_a, a.vintage_id AS vintage_a,
       b.value AS value_b, b.unit AS source_b, b.vintage_id AS vintage_b,
       b.value - a.value AS difference
FROM latest a
JOIN latest b
  ON a.indicator_id = b.indicator_id AND a.country_iso3 = b.country_iso3 AND a.year = b.year AND a.unit < b.unit
WHERE abs(b.value - a.value) > 0.001
UNION ALL
SELECT 'missing in one file', a.indicator_id, a.country_iso3, a.year,
       a.value, a.unit, a.vintage_id, NULL, c.unit, c.vintage_id, NULL
FROM latest a
JOIN coverage c ON c.indicator_id = a.indicator_id AND c.year = a.year AND c.unit <> a.unit
WHERE NOT EXISTS (
  SELECT 1 FROM latest b
  WHERE b.unit = c.unit AND b.indicator_id = a.indicator_id AND b.country_iso3 = a.country_iso3 AND b.year = a.year);
