-- Where each country stands on each indicator against each benchmark group, and whether it
-- is closing the gap fast enough: Eurostat's SDG progress logic (observed pace / pace needed
-- to reach the target by the target year), parameters from `settings`. The same rules are
-- in src/oracle/status.ts (`assess`), and tests/marts/status-agreement.test.ts checks both
-- give the same answers. docs/methodology.md explains every choice.
CREATE OR REPLACE VIEW indicator_status AS
WITH p AS (
  SELECT * FROM settings LIMIT 1
), obs AS MATERIALIZED (
  -- One read of the current values, shared by every step below: `observations` resolves
  -- vintages over the whole log, the expensive part, so it is read once.
  SELECT indicator_id, country_iso3, year, value FROM observations
), bm AS MATERIALIZED (
  -- The group means of the `benchmarks` mart, computed from the same read rather than from
  -- that view (which would read `observations` a second time); the agreement test checks
  -- both give the same means.
  SELECT o.indicator_id, m.group_id, o.year, list_avg(list_sort(list(o.value))) AS mean, count(*) AS n,
         list(o.value) AS vals
  FROM obs o
  JOIN benchmark_group_members m ON m.iso3 = o.country_iso3 AND (m.member_from IS NULL OR o.year >= m.member_from)
  GROUP BY ALL
), ind AS (
  SELECT indicator_id, higher_is_better, valid_max, target, source_id FROM indicators
), country AS (
  -- Latest value, and the base of the observed pace: the earliest value in the window
  -- [latest - window_years, latest). Gaps in years are fine: paces use the real span.
  SELECT indicator_id, country_iso3, latest_year,
         arg_max(value, year) AS latest_value,
         min(year) FILTER (WHERE year >= latest_year - p.status_window_years AND year < latest_year) AS base_year,
         arg_min(value, year) FILTER (WHERE year >= latest_year - p.status_window_years AND year < latest_year) AS base_value
  FROM (SELECT *, max(year) OVER (PARTITION BY indicator_id, country_iso3) AS latest_year FROM obs) s, p
  GROUP BY indicator_id, country_iso3, latest_year
), bm_last AS (
  SELECT indicator_id, group_id, max(year) AS last_year FROM bm GROUP BY ALL
), pick AS (
  -- The benchmark of the country's latest year when the group has one, else the group's latest.
  -- `same` also carries the members' values of that year, for the rank.
  SELECT c.*, g.group_id,
         coalesce(same.year, last.year) AS benchmark_year,
         coalesce(same.mean, last.mean) AS benchmark_value,
         coalesce(same.n, last.n) AS benchmark_n,
         coalesce(same.vals, []) AS rank_vals,
         coalesce(same.n, 0) - CASE WHEN gm.iso3 IS NULL THEN 0 ELSE 1 END AS rank_others
  FROM country c
  JOIN bm_last g USING (indicator_id)
  LEFT JOIN bm same ON same.indicator_id = c.indicator_id AND same.group_id = g.group_id AND same.year = c.latest_year
  JOIN bm last ON last.indicator_id = c.indicator_id AND last.group_id = g.group_id AND last.year = g.last_year
  LEFT JOIN benchmark_group_members gm
    ON gm.group_id = g.group_id AND gm.iso3 = c.country_iso3 AND (gm.member_from IS NULL OR c.latest_year >= gm.member_from)
  -- A national indicator usually has values for one country only: a group "benchmark" of a
  -- single country is no benchmark (as in `benchmarks`), so no row; its status comes from
  -- target_status.
  WHERE NOT (coalesce(same.n, last.n) < 2 AND c.indicator_id IN (SELECT indicator_id FROM ind WHERE source_id = 'national'))
), paced AS (
  SELECT k.*, i.higher_is_better, i.valid_max,
         coalesce(i.target, k.benchmark_value) AS target_value,
         CASE WHEN i.target IS NOT NULL THEN 'catalogue_target' ELSE 'benchmark_mean' END AS target_kind,
         p.status_target_year AS target_year,
         k.latest_year - k.base_year AS span,
         greatest(p.status_target_year - k.latest_year, 1) AS years_left,
         p.status_min_span_years AS min_span, p.status_on_track_ratio AS on_track_ratio,
         p.status_moderate_ratio AS moderate_ratio, p.status_change_method_max AS change_method_max
  FROM pick k CROSS JOIN p
  LEFT JOIN ind i ON i.indicator_id = k.indicator_id
), rates AS (
  SELECT *,
         CASE WHEN base_value > 0 AND latest_value > 0 AND span > 0
              THEN pow(latest_value / base_value, 1.0 / span) - 1 END AS cagr,
         CASE WHEN span > 0 THEN (latest_value - base_value) / span END AS annual_change,
         CASE WHEN latest_value > 0 AND target_value > 0
              THEN pow(target_value / latest_value, 1.0 / years_left) - 1 END AS required_cagr,
         (target_value - latest_value) / years_left AS required_change,
         -- 0–1 indices, and anything touching zero or below, are judged on absolute change.
         CASE WHEN valid_max IS NOT NULL AND valid_max <= change_method_max THEN 'change'
              WHEN base_value > 0 AND latest_value > 0 AND target_value > 0 THEN 'growth'
              ELSE 'change' END AS method,
         base_year IS NOT NULL AND span >= min_span AS enough,
         CASE WHEN higher_is_better THEN latest_value >= target_value
              WHEN NOT higher_is_better THEN latest_value <= target_value END AS reached
  FROM paced
), ratios AS (
  SELECT *,
         CASE WHEN method = 'growth' THEN cagr ELSE annual_change END AS pace,
         CASE WHEN method = 'growth' THEN required_cagr ELSE required_change END AS required_pace
  FROM rates
), judged AS (
  SELECT *,
         CASE WHEN enough AND NOT coalesce(reached, false) AND pace IS NOT NULL AND required_pace IS NOT NULL AND required_pace <> 0
              THEN pace / required_pace END AS pace_ratio
  FROM ratios
)
SELECT j.indicator_id, j.country_iso3, j.latest_year, j.latest_value, j.group_id,
       j.benchmark_value, j.latest_value - j.benchmark_value AS gap,
       CASE WHEN j.benchmark_value <> 0 THEN 100 * (j.latest_value - j.benchmark_value) / abs(j.benchmark_value) END AS gap_pct,
       -- Rank among the group's other countries with a value in this country's latest year:
       -- 1 + how many do strictly better (the country itself never does). Context
       -- indicators rank higher values first.
       1 + len(list_filter(j.rank_vals, x -> CASE WHEN j.higher_is_better = false THEN x < j.latest_value
                                                  ELSE x > j.latest_value END)) AS rank,
       1 + j.rank_others AS rank_of,
       j.cagr, j.required_cagr,
       CASE
         WHEN j.higher_is_better IS NULL THEN NULL
         WHEN j.target_value IS NULL THEN 'not_enough_data'
         WHEN j.reached THEN 'above_benchmark'
         WHEN j.pace_ratio IS NULL THEN 'not_enough_data'
         WHEN j.pace_ratio >= j.on_track_ratio THEN 'on_track'
         WHEN j.pace_ratio >= j.moderate_ratio THEN 'moderate'
         WHEN j.pace_ratio >= 0 THEN 'insufficient'
         ELSE 'moving_away'
       END AS status,
       CASE
         WHEN j.higher_is_better IS NULL OR j.target_value IS NULL THEN NULL
         WHEN j.reached THEN 0.0
         -- A positive ratio means moving towards the target at a non-zero pace.
         WHEN j.pace_ratio > 0 AND j.method = 'growth' THEN ln(j.target_value / j.latest_value) / ln(1 + j.pace)
         WHEN j.pace_ratio > 0 THEN (j.target_value - j.latest_value) / j.pace
       END AS years_to_parity,
       j.benchmark_year, j.benchmark_n, j.base_year, j.base_value, j.method, j.annual_change, j.required_change,
       j.pace_ratio, j.target_value, j.target_kind, j.target_year, j.higher_is_better
FROM judged j;
