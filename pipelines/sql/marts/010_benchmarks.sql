-- Who belongs to each benchmark group, and from which year. `oecd` is the 38 current
-- members in every year (so a series compares like with like over time); `oecd_at_the_time`
-- counts a country from its accession year on (Colombia from 2020, Costa Rica from 2021);
-- `peers` is the focus country's peers (settings); the rest come from peer_groups.yaml.
CREATE OR REPLACE VIEW benchmark_group_members AS
SELECT 'oecd' AS group_id, iso3, CAST(NULL AS INTEGER) AS member_from FROM catalog_countries WHERE oecd_member_since IS NOT NULL
UNION ALL
SELECT 'oecd_at_the_time', iso3, oecd_member_since FROM catalog_countries WHERE oecd_member_since IS NOT NULL
UNION ALL
SELECT 'peers', unnest(peers), CAST(NULL AS INTEGER) FROM settings
UNION ALL
SELECT DISTINCT group_id, iso3, CAST(NULL AS INTEGER) FROM catalog_peer_groups;

CREATE OR REPLACE VIEW benchmark_groups AS
SELECT g.group_id, g.name_en, g.name_es, g.membership, g.position,
       (SELECT count(*) FROM benchmark_group_members m WHERE m.group_id = g.group_id) AS n_members
FROM catalog_benchmark_groups g;

-- Benchmarks: per indicator, year and group, the distribution of the member countries that
-- had a value (`n` of them; `n_members` is how many the group had that year). Publisher
-- aggregates are not used: every figure is recomputed from country values, so the group is
-- exactly the one stated.
CREATE OR REPLACE VIEW benchmarks AS
WITH b AS (
  SELECT o.indicator_id, o.year, m.group_id,
         count(*) AS n,
         list_avg(list_sort(list(o.value))) AS mean,  -- summed in value order: the same bits on every run (a parallel avg is not)
         quantile_cont(o.value, 0.5) AS median,
         quantile_cont(o.value, 0.25) AS p25,
         quantile_cont(o.value, 0.75) AS p75,
         min(o.value) AS min,
         max(o.value) AS max
  FROM observations o
  JOIN benchmark_group_members m
    ON m.iso3 = o.country_iso3 AND (m.member_from IS NULL OR o.year >= m.member_from)
  GROUP BY o.indicator_id, o.year, m.group_id
)
SELECT b.*,
       (SELECT count(*) FROM benchmark_group_members m
        WHERE m.group_id = b.group_id AND (m.member_from IS NULL OR b.year >= m.member_from)) AS n_members
FROM b
-- A national indicator usually has one country's values: one country is no benchmark.
WHERE b.n >= 2 OR b.indicator_id NOT IN (SELECT indicator_id FROM indicators WHERE source_id = 'national');
