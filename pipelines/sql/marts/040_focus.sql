-- The marts above are computed for every country; these views pick the focus country of
-- `settings` (data/settings.yaml, BRECHA_FOCUS) for the pages. `headline` marks the rows of
-- the settings' benchmark group (the OECD by default).
CREATE OR REPLACE VIEW focus_status AS
SELECT s.*, i.pillar, i.name_en, i.name_es, i.unit, i.source_id, i.parent_id,
       s.group_id = st.benchmark_group AS headline
FROM indicator_status s
JOIN settings st ON s.country_iso3 = st.focus_iso3
JOIN indicators i USING (indicator_id);

CREATE OR REPLACE VIEW focus_recommendation_status AS
SELECT rs.*, r.chapter, r.title_en, r.title_es, r.confidence, r.measurement_en, r.measurement_es,
       rs.group_id = st.benchmark_group AS headline
FROM recommendation_status rs
JOIN settings st ON rs.country_iso3 = st.focus_iso3
JOIN recommendations r USING (recommendation_id);
