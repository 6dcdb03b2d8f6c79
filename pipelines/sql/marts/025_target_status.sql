-- Progress towards each target of `targets` (a value by a year, from a baseline year, set by
-- a document): Eurostat's SDG assessment of indicators with a quantified target. The base is
-- the value of the baseline year (else the first value after it); the observed pace runs
-- from the base to the latest value, the required pace from the base to the target in the
-- target year; their ratio gives the class, with the cut-offs of `settings`. The same rules
-- are in src/stats/target.ts (`assessTarget`); tests/marts/target-agreement.test.ts checks
-- both agree. docs/methodology.md explains every choice.
CREATE OR REPLACE VIEW target_status AS
WITH p AS (
  SELECT * FROM settings LIMIT 1
), obs AS (
  SELECT o.indicator_id, o.country_iso3, o.year, o.value
  FROM observations o SEMI JOIN targets t ON t.indicator_id = o.indicator_id AND t.country_iso3 = o.country_iso3
), agg AS (
  SELECT t.indicator_id, t.country_iso3, t.target_value, t.target_year, t.baseline_year,
         t.document_title, t.document_url, t.document_date,
         max(o.year) AS latest_year, arg_max(o.value, o.year) AS latest_value,
         min(o.year) FILTER (WHERE o.year >= t.baseline_year) AS base_year,
         arg_min(o.value, o.year) FILTER (WHERE o.year >= t.baseline_year) AS base_value
  FROM targets t LEFT JOIN obs o ON o.indicator_id = t.indicator_id AND o.country_iso3 = t.country_iso3
  GROUP BY ALL
), d AS (
  SELECT a.*, i.valid_max,
         -- Without a direction in the catalogue, the target says which way is better.
         coalesce(i.higher_is_better, CASE WHEN a.base_value IS NOT NULL THEN a.target_value >= a.base_value END) AS hib,
         a.latest_year - a.base_year AS span,
         a.target_year - a.base_year AS horizon,
         -- 0–1 indices, and anything touching zero or below, are judged on absolute change.
         CASE WHEN a.base_value IS NULL OR a.latest_value IS NULL THEN 'change'
              WHEN i.valid_max IS NOT NULL AND i.valid_max <= p.status_change_method_max THEN 'change'
              WHEN a.base_value > 0 AND a.latest_value > 0 AND a.target_value > 0 THEN 'growth'
              ELSE 'change' END AS method,
         p.status_min_span_years AS min_span, p.status_on_track_ratio AS on_track_ratio, p.status_moderate_ratio AS moderate_ratio
  FROM agg a CROSS JOIN p
  LEFT JOIN indicators i ON i.indicator_id = a.indicator_id
), r AS (
  SELECT *,
         CASE WHEN span > 0 THEN
           CASE WHEN method = 'growth' THEN pow(latest_value / base_value, 1.0 / span) - 1
                ELSE (latest_value - base_value) / span END END AS observed_pace,
         CASE WHEN horizon > 0 THEN
           CASE WHEN method = 'growth' THEN pow(target_value / base_value, 1.0 / horizon) - 1
                ELSE (target_value - base_value) / horizon END END AS required_pace,
         coalesce(CASE WHEN hib THEN latest_value >= target_value WHEN NOT hib THEN latest_value <= target_value END, false) AS reached,
         base_year IS NOT NULL AND span >= min_span AS enough
  FROM d
), j AS (
  SELECT *,
         CASE WHEN enough AND NOT reached AND observed_pace IS NOT NULL AND required_pace IS NOT NULL AND required_pace <> 0
              THEN observed_pace / required_pace END AS pace_ratio,
         CASE WHEN latest_value IS NOT NULL AND observed_pace IS NOT NULL AND enough THEN
           CASE WHEN method = 'growth' THEN latest_value * pow(1 + observed_pace, greatest(target_year - latest_year, 0))
                ELSE latest_value + observed_pace * greatest(target_year - latest_year, 0) END END AS projected_value
  FROM r
)
SELECT indicator_id, country_iso3, target_value, target_year, baseline_year,
       base_year, base_value, latest_year, latest_value, hib AS higher_is_better, method,
       observed_pace, required_pace, pace_ratio,
       CASE WHEN base_value IS NOT NULL AND latest_value IS NOT NULL AND target_value <> base_value
            THEN (latest_value - base_value) / (target_value - base_value) END AS progress_share,
       projected_value,
       CASE WHEN reached THEN true
            WHEN projected_value IS NOT NULL AND hib IS NOT NULL
            THEN CASE WHEN hib THEN projected_value >= target_value ELSE projected_value <= target_value END END AS will_meet,
       CASE WHEN reached THEN 'achieved'
            WHEN NOT enough OR required_pace IS NULL THEN 'not_enough_data'
            -- The base was at the target and the value has left it.
            WHEN required_pace = 0 THEN 'moving_away'
            WHEN pace_ratio IS NULL THEN 'not_enough_data'
            WHEN pace_ratio >= on_track_ratio THEN 'on_track'
            WHEN pace_ratio >= moderate_ratio THEN 'moderate'
            WHEN pace_ratio >= 0 THEN 'insufficient'
            ELSE 'moving_away' END AS status,
       document_title, document_url, document_date
FROM j;
