-- Fixed broadband by speed tier (SDG 17.6.1, source un_sdg): the three tiers are published
-- next to the all-speeds total and are kept as published, but they do not always add up to
-- it (ITU collects the tiers separately and some operators are not split by speed). This
-- lists every country-year where the tiers reported sum to more than 0.05 subscriptions per
-- 100 inhabitants away from the total. tiers_reported < 3 means a tier is missing, which
-- alone explains a shortfall.
CREATE OR REPLACE VIEW dq_broadband_speed_tiers AS
SELECT * FROM (
  SELECT country_iso3, year, all_speeds, tier_256k_2m, tier_2m_10m, tier_10m_plus, tiers_reported,
         coalesce(tier_256k_2m, 0) + coalesce(tier_2m_10m, 0) + coalesce(tier_10m_plus, 0) AS tiers_sum,
         coalesce(tier_256k_2m, 0) + coalesce(tier_2m_10m, 0) + coalesce(tier_10m_plus, 0) - all_speeds AS difference
  FROM (
    SELECT country_iso3, year,
           max(value) FILTER (WHERE indicator_id = 'SDG.IT_NET_BBND.ANYS') AS all_speeds,
           max(value) FILTER (WHERE indicator_id = 'SDG.IT_NET_BBND.256KT2MBPS') AS tier_256k_2m,
           max(value) FILTER (WHERE indicator_id = 'SDG.IT_NET_BBND.2MT10MBPS') AS tier_2m_10m,
           max(value) FILTER (WHERE indicator_id = 'SDG.IT_NET_BBND.10MBPS') AS tier_10m_plus,
           count(*) FILTER (WHERE indicator_id IN ('SDG.IT_NET_BBND.256KT2MBPS', 'SDG.IT_NET_BBND.2MT10MBPS', 'SDG.IT_NET_BBND.10MBPS')) AS tiers_reported
    FROM observations
    WHERE indicator_id LIKE 'SDG.IT_NET_BBND.%'
    GROUP BY country_iso3, year
  )
  WHERE tiers_reported > 0 AND all_speeds IS NOT NULL
)
WHERE abs(difference) > 0.05;
