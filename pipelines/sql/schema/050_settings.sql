-- The focus country, its peers and the status parameters (data/settings.yaml, overridable
-- by BRECHA_FOCUS / BRECHA_PEERS): one row, rewritten whenever the catalogue is synced.
CREATE TABLE IF NOT EXISTS settings (
  focus_iso3             VARCHAR NOT NULL,
  peers                  VARCHAR[] NOT NULL,
  benchmark_group        VARCHAR NOT NULL,  -- the group of the headline status (focus_status)
  status_window_years    INTEGER NOT NULL,  -- observed pace over the last (up to) this many years
  status_min_span_years  INTEGER NOT NULL,  -- fewer years between base and latest: not assessed
  status_target_year     INTEGER NOT NULL,  -- reach the benchmark by this year
  status_on_track_ratio  DOUBLE NOT NULL,   -- observed/required pace at or above: on track
  status_moderate_ratio  DOUBLE NOT NULL,   -- at or above: moderate; >= 0 insufficient; < 0 moving away
  status_change_method_max DOUBLE NOT NULL, -- indicators with valid_max <= this use absolute change
  origin                 VARCHAR            -- the settings file and any environment override
);

-- Names of the benchmark groups: the built-in ones and those of data/catalog/peer_groups.yaml.
CREATE TABLE IF NOT EXISTS catalog_benchmark_groups (
  group_id VARCHAR NOT NULL, name_en VARCHAR, name_es VARCHAR, membership VARCHAR, position INTEGER
);
