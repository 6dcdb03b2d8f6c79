-- The cross-walk from each recommendation area to the reference frameworks' items (DGPF
-- dimensions D1–D6, the 2014 Council Recommendation's principles P01–P12), one row per link.
-- An id in recommendations.yaml `frameworks:` that no framework defines comes out with a
-- NULL framework_id (the catalogue test forbids it).
CREATE OR REPLACE VIEW recommendation_frameworks AS
SELECT r.recommendation_id, f.framework_id, l.item_id, f.name_en, f.name_es, f.summary_en, f.summary_es, l.position
FROM (
  SELECT recommendation_id, unnest(frameworks) AS item_id, generate_subscripts(frameworks, 1) AS position
  FROM catalog_recommendations
) l
JOIN catalog_recommendations r USING (recommendation_id)
LEFT JOIN catalog_framework_items f ON f.item_id = l.item_id;
