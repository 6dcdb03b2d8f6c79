-- Status from the trend alone, for national indicators (a user's own, usually one country's
-- values, so no benchmark): Eurostat's assessment of indicators without a quantified target.
-- The observed annual growth over the window of `settings` (from the earliest value in
-- [latest - window_years, latest)), in the good direction: at least 1 % a year is
-- `on_track` (Eurostat's "significant progress"), 0 to 1 % `moderate`, below 0 `moving_away`.
-- Values at or below zero use the annual change relative to the base. The same rules are in
-- src/stats/target.ts (`assessTrend`); tests/marts/target-agreement.test.ts checks both agree.
CREATE OR REPLACE VIEW trend_status AS
WITH p AS (
  SELECT * FROM settings LIMIT 1
), obs AS (
  SELECT o.indicator_id, o.country_iso3, o.year, o.value
  FROM observations o SEMI JOIN indicators i ON i.indicator_id = o.indicator_id AND i.source_id = 'national'
), c AS (
  SELECT indicator_id, country_iso3, latest_year,
         arg_max(value, year) AS latest_value,
         min(year) FILTER (WHERE year >= latest_year - p.status_window_years AND year < latest_year) AS base_year,
         arg_min(value, year) FILTER (WHERE year >= latest_year - p.status_window_years AND year < latest_year) AS base_value
  FROM (SELECT *, max(year) OVER (PARTITION BY indicator_id, country_iso3) AS latest_year FROM obs) s, p
  GROUP BY indicator_id, country_iso3, latest_year
), r AS (
  SELECT c.*, i.higher_is_better, c.latest_year - c.base_year AS span, p.status_min_span_years AS min_span,
         CASE WHEN c.latest_year - c.base_year > 0 AND c.base_value > 0 AND c.latest_value > 0
                THEN pow(c.latest_value / c.base_value, 1.0 / (c.latest_year - c.base_year)) - 1
              WHEN c.latest_year - c.base_year > 0 AND c.base_value <> 0
                THEN (c.latest_value - c.base_value) / (c.latest_year - c.base_year) / abs(c.base_value) END AS annual_growth
  FROM c CROSS JOIN p
  JOIN indicators i ON i.indicator_id = c.indicator_id
)
SELECT indicator_id, country_iso3, latest_year, latest_value, base_year, base_value, annual_growth,
       CASE WHEN higher_is_better IS NULL THEN NULL
            WHEN base_year IS NULL OR span < min_span OR annual_growth IS NULL THEN 'not_enough_data'
            WHEN CASE WHEN higher_is_better THEN annual_growth ELSE -annual_growth END >= 0.01 THEN 'on_track'
            WHEN CASE WHEN higher_is_better THEN annual_growth ELSE -annual_growth END >= 0 THEN 'moderate'
            ELSE 'moving_away' END AS status
FROM r;
