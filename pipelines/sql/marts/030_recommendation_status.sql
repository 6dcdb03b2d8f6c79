-- Per recommendation area, country and benchmark group: a roll-up of the statuses of the
-- area's indicators. Pure context indicators (pillar `context` without a direction, such as
-- population) do not measure an area and are left out; any other linked indicator counts,
-- and one without a direction has data but no status.
-- Rule (docs/methodology.md, and rollUp in src/oracle/status.ts): the most common status wins,
-- `not_enough_data` voting as `below_benchmark` (below the target, trend unknown), a tie going
-- to the worse one; `not_enough_data` when the country's indicators have values but no
-- status (no direction); `no_data` when it has no value for any of them;
-- `no_open_indicator` when the catalogue links no indicator to the area (the area's
-- measurement note says what would measure it). The counts per status go with it.
CREATE OR REPLACE VIEW recommendation_status AS
WITH links AS (
  SELECT l.recommendation_id, l.indicator_id
  FROM indicator_recommendations l JOIN indicators i USING (indicator_id)
  WHERE i.pillar <> 'context' OR i.higher_is_better IS NOT NULL
), benchmarked AS MATERIALIZED (
  -- indicator_status is the expensive part: read once, here, and reused below.
  SELECT l.recommendation_id, s.country_iso3, s.group_id, s.status, s.indicator_id
  FROM links l JOIN indicator_status s USING (indicator_id)
), statuses AS (
  SELECT * FROM benchmarked
  UNION ALL
  -- A national indicator without a benchmark (no row in indicator_status) votes in every
  -- group with its target's status (`achieved` as `above_benchmark`: the goal is reached),
  -- else with the status of its trend alone (trend_status; too short a trend is data
  -- without a status, not a vote below).
  -- (trend_status has a row for every national indicator and country with a value.)
  SELECT l.recommendation_id, r.country_iso3, g.group_id,
         CASE WHEN t.status = 'achieved' THEN 'above_benchmark'
              WHEN t.status IS NOT NULL THEN t.status
              WHEN r.status <> 'not_enough_data' THEN r.status END,
         l.indicator_id
  FROM links l
  JOIN trend_status r ON r.indicator_id = l.indicator_id
  CROSS JOIN catalog_benchmark_groups g
  LEFT JOIN target_status t ON t.indicator_id = r.indicator_id AND t.country_iso3 = r.country_iso3
  WHERE NOT EXISTS (SELECT 1 FROM benchmarked s
                    WHERE s.indicator_id = r.indicator_id AND s.country_iso3 = r.country_iso3 AND s.group_id = g.group_id)
), counts AS (
  SELECT recommendation_id, country_iso3, group_id,
         count(*) AS n_with_data,
         count(*) FILTER (WHERE status = 'above_benchmark') AS n_above_benchmark,
         count(*) FILTER (WHERE status = 'on_track') AS n_on_track,
         count(*) FILTER (WHERE status = 'moderate') AS n_moderate,
         count(*) FILTER (WHERE status = 'insufficient') AS n_insufficient,
         count(*) FILTER (WHERE status = 'moving_away') AS n_moving_away,
         count(*) FILTER (WHERE status = 'not_enough_data') AS n_not_enough_data
  FROM statuses GROUP BY ALL
), winner AS (
  -- Votes: each assessed status, and `not_enough_data` as `below_benchmark` (it only happens
  -- below the target: at or beyond it an indicator is `above_benchmark` even with one value).
  -- Without that vote, indices with a single edition would count when a country is ahead and
  -- vanish when it is behind. Severity breaks ties towards the worse class: n * 10 + severity
  -- keeps any higher count ahead of any severity.
  SELECT recommendation_id, country_iso3, group_id,
         arg_max(vote, n * 10 + CASE vote WHEN 'above_benchmark' THEN 0 WHEN 'on_track' THEN 1 WHEN 'moderate' THEN 2
                                          WHEN 'below_benchmark' THEN 3 WHEN 'insufficient' THEN 4 WHEN 'moving_away' THEN 5 END) AS majority
  FROM (SELECT recommendation_id, country_iso3, group_id,
               CASE WHEN status = 'not_enough_data' THEN 'below_benchmark' ELSE status END AS vote, count(*) AS n
        FROM statuses WHERE status IS NOT NULL GROUP BY ALL)
  GROUP BY ALL
), n_linked AS (
  SELECT r.recommendation_id, count(l.indicator_id) AS n_indicators,
         list(l.indicator_id ORDER BY l.indicator_id) FILTER (WHERE l.indicator_id IS NOT NULL) AS indicator_ids
  FROM catalog_recommendations r LEFT JOIN links l USING (recommendation_id)
  GROUP BY ALL
)
SELECT r.recommendation_id, c.iso3 AS country_iso3, g.group_id,
       CASE
         WHEN nl.n_indicators = 0 THEN 'no_open_indicator'
         WHEN w.majority IS NOT NULL THEN w.majority
         WHEN coalesce(k.n_with_data, 0) > 0 THEN 'not_enough_data'
         ELSE 'no_data'
       END AS status,
       nl.n_indicators,
       coalesce(k.n_with_data, 0) AS n_with_data,
       coalesce(k.n_above_benchmark, 0) AS n_above_benchmark,
       coalesce(k.n_on_track, 0) AS n_on_track,
       coalesce(k.n_moderate, 0) AS n_moderate,
       coalesce(k.n_insufficient, 0) AS n_insufficient,
       coalesce(k.n_moving_away, 0) AS n_moving_away,
       coalesce(k.n_not_enough_data, 0) AS n_not_enough_data,
       nl.indicator_ids,
       r.position
FROM catalog_recommendations r
JOIN n_linked nl USING (recommendation_id)
CROSS JOIN catalog_countries c
CROSS JOIN catalog_benchmark_groups g
LEFT JOIN counts k ON k.recommendation_id = r.recommendation_id AND k.country_iso3 = c.iso3 AND k.group_id = g.group_id
LEFT JOIN winner w ON w.recommendation_id = r.recommendation_id AND w.country_iso3 = c.iso3 AND w.group_id = g.group_id;
