-- For each recommendation area: which indicators track it (pure context ones excluded) and
-- whether any of them has values in the warehouse. An area without one is not hidden: its
-- `coverage_en/es` says plainly that no open indicator is loaded, followed by the
-- catalogue's measurement note on what would measure it.
CREATE OR REPLACE VIEW recommendation_coverage AS
WITH linked AS (
  SELECT l.recommendation_id, l.indicator_id,
         EXISTS (SELECT 1 FROM observations o WHERE o.indicator_id = l.indicator_id) AS has_data
  FROM catalog_indicator_recommendations l
  JOIN catalog_indicators i USING (indicator_id)
  WHERE i.pillar <> 'context' OR i.higher_is_better IS NOT NULL
), per_area AS (
  SELECT r.recommendation_id, r.position, r.measurement_en, r.measurement_es,
         count(l.indicator_id) AS n_indicators,
         count(l.indicator_id) FILTER (WHERE l.has_data) AS n_indicators_with_data,
         coalesce(list(l.indicator_id ORDER BY l.indicator_id) FILTER (WHERE l.indicator_id IS NOT NULL), []) AS indicator_ids
  FROM catalog_recommendations r LEFT JOIN linked l USING (recommendation_id)
  GROUP BY ALL
)
SELECT recommendation_id, n_indicators, n_indicators_with_data, indicator_ids,
       n_indicators_with_data > 0 AS has_open_indicator,
       CASE WHEN n_indicators_with_data > 0 THEN measurement_en
            WHEN n_indicators > 0 THEN 'Its indicators are catalogued but none has values loaded yet. ' || coalesce(measurement_en, '')
            ELSE 'No open indicator is loaded for this area. ' || coalesce(measurement_en, '') END AS coverage_en,
       CASE WHEN n_indicators_with_data > 0 THEN measurement_es
            WHEN n_indicators > 0 THEN 'Sus indicadores están catalogados, pero ninguno tiene valores cargados todavía. ' || coalesce(measurement_es, '')
            ELSE 'No hay un indicador abierto cargado para esta área. ' || coalesce(measurement_es, '') END AS coverage_es,
       position
FROM per_area;
