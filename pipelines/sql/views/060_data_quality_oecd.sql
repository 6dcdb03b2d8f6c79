-- The OECD Data Explorer file (source oecd_dx) is the OECD's own publication of the DGI and
-- OURdata indexes, with the OECD's own average (aggregate OECD_REP). Two checks use it as
-- the reference. Both read only current values, and both stay valid (empty or with NULLs)
-- when the rows they compare are absent.

-- (a) The OECD's published average next to the mean brecha recomputes over the current
-- OECD members (countries.oecd_member_since not null) from the same file. The published
-- values have two decimals, so a difference up to about 0.005 is rounding. exceeds_0_01
-- marks every difference above 0.01: then brecha's benchmark and the OECD's disagree
-- (different membership, missing countries, or a changed method) and a page should say so.
-- is_composite separates the DGI and OURdata composites from their dimensions.
CREATE OR REPLACE VIEW dq_oecd_average_check AS
WITH member_means AS (
  SELECT o.indicator_id, o.year, count(*) AS n_members, avg(o.value) AS brecha_mean
  FROM observations o JOIN countries c ON c.iso3 = o.country_iso3
  WHERE o.source_id = 'oecd_dx' AND c.oecd_member_since IS NOT NULL
  GROUP BY o.indicator_id, o.year
), published AS (
  SELECT indicator_id, year, value AS oecd_average
  FROM aggregate_observations
  WHERE source_id = 'oecd_dx' AND area_code = 'OECD_REP'
)
SELECT indicator_id, year, i.parent_id IS NULL AS is_composite, i.parent_id,
       p.oecd_average, m.brecha_mean, m.n_members,
       m.brecha_mean - p.oecd_average AS difference,
       coalesce(abs(m.brecha_mean - p.oecd_average) > 0.01, false) AS exceeds_0_01
FROM published p
FULL JOIN member_means m USING (indicator_id, year)
LEFT JOIN catalog_indicators i USING (indicator_id);

-- (b) The composites of the OECD's file next to the same composites as extracted from the
-- OECD PDFs by the Blavatnik School (source oecd_dgi: OECD.DGI and OECD.OURDATA). The
-- Blavatnik DGI file labels the 2023 edition ref_year 2023 while the OECD file dates the
-- same survey 2022, so values are paired by country at the closest year within one year.
-- The OECD file has two decimals and Blavatnik three: within_rounding is true when the two
-- agree up to that rounding (|difference| <= 0.005). Rows present in only one of the two
-- sources appear with the other side NULL.
CREATE OR REPLACE VIEW dq_oecd_composite_crosscheck AS
WITH pairs AS (
  SELECT * FROM (VALUES ('OECD.DX.DG', 'OECD.DGI'), ('OECD.DX.OUR', 'OECD.OURDATA')) AS p(reference_id, other_id)
), reference AS (
  SELECT p.reference_id, p.other_id, o.country_iso3, o.year, o.value
  FROM pairs p JOIN observations o ON o.indicator_id = p.reference_id
), other AS (
  SELECT p.reference_id, p.other_id, o.country_iso3, o.year, o.value, o.source_id
  FROM pairs p JOIN observations o ON o.indicator_id = p.other_id
), matched AS (
  SELECT r.reference_id, r.other_id, r.country_iso3, r.year AS reference_year, x.year AS other_year,
         r.value AS reference_value, x.value AS other_value, x.source_id AS other_source
  FROM reference r
  LEFT JOIN other x ON x.reference_id = r.reference_id AND x.country_iso3 = r.country_iso3 AND abs(x.year - r.year) <= 1
  QUALIFY row_number() OVER (
    PARTITION BY r.reference_id, r.country_iso3, r.year
    ORDER BY abs(x.year - r.year) NULLS LAST, x.year DESC) = 1
), unmatched AS (
  SELECT x.reference_id, x.other_id, x.country_iso3, NULL AS reference_year, x.year AS other_year,
         NULL AS reference_value, x.value AS other_value, x.source_id AS other_source
  FROM other x
  WHERE NOT EXISTS (
    SELECT 1 FROM reference r
    WHERE r.reference_id = x.reference_id AND r.country_iso3 = x.country_iso3 AND abs(x.year - r.year) <= 1)
)
SELECT reference_id, other_id, country_iso3, reference_year, other_year, reference_value, other_value, other_source,
       other_value - reference_value AS difference,
       CASE WHEN other_value IS NULL OR reference_value IS NULL THEN NULL
            ELSE abs(other_value - reference_value) <= 0.005 + 1e-9 END AS within_rounding
FROM (SELECT * FROM matched UNION ALL SELECT * FROM unmatched);
