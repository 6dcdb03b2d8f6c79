-- Append-only history. Nothing here is ever updated in place, except the status of a
-- vintage (a quarantined vintage can be released); `observations` is a view.

-- One row per retrieval of one unit (a file or an API dataset) of a source.
CREATE TABLE IF NOT EXISTS vintage_log (
  vintage_id     INTEGER PRIMARY KEY,
  source_id      VARCHAR NOT NULL,
  unit           VARCHAR NOT NULL,    -- stable name of what was retrieved (mirror path, dataset key)
  origin         VARCHAR NOT NULL,    -- URL or file path it came from
  content_sha256 VARCHAR NOT NULL,
  retrieved_at   TIMESTAMP NOT NULL,  -- UTC
  released_at    DATE,                -- the publisher's own release/update date, when the file states one
  rows_loaded    BIGINT NOT NULL,
  rows_rejected  BIGINT NOT NULL,
  rows_aggregate BIGINT NOT NULL,
  format         VARCHAR,             -- which layout of the source's format was read
  status         VARCHAR NOT NULL DEFAULT 'current', -- current | quarantined (implausible: never current)
  status_reason  VARCHAR,
  run_id         INTEGER
);

-- Values for countries, one row per (indicator, country, year, vintage).
CREATE TABLE IF NOT EXISTS observation_log (
  indicator_id VARCHAR NOT NULL,
  country_iso3 VARCHAR NOT NULL,
  year         SMALLINT NOT NULL,
  value        DOUBLE NOT NULL,
  flag         VARCHAR,               -- comma-separated: estimate, provisional, break, derived, ...
  vintage_id   INTEGER NOT NULL
);
-- A value's source is its vintage's (vintage_log.source_id): the column once repeated here
-- cost about a fifth of writing a big file's values, and could only ever disagree.
ALTER TABLE observation_log DROP COLUMN IF EXISTS source_id;

-- Values for publisher aggregates (World, OECD members, income groups): kept apart from countries.
CREATE TABLE IF NOT EXISTS aggregate_log (
  indicator_id VARCHAR NOT NULL,
  area_code    VARCHAR NOT NULL,
  year         SMALLINT NOT NULL,
  value        DOUBLE NOT NULL,
  flag         VARCHAR,
  vintage_id   INTEGER NOT NULL,
  source_id    VARCHAR NOT NULL
);

-- Rows a source file had that could not become values, with the reason.
CREATE TABLE IF NOT EXISTS rejected_rows (
  vintage_id   INTEGER NOT NULL,
  source_id    VARCHAR NOT NULL,
  origin       VARCHAR NOT NULL,
  line         BIGINT,
  field        VARCHAR,
  indicator_id VARCHAR,
  area         VARCHAR,
  raw_year     VARCHAR,
  raw_value    VARCHAR,
  reason       VARCHAR NOT NULL
);

-- What the publisher itself called each indicator (for ids not yet in the catalogue).
CREATE TABLE IF NOT EXISTS source_indicator_names (
  source_id    VARCHAR NOT NULL,
  indicator_id VARCHAR NOT NULL,
  name         VARCHAR NOT NULL,
  vintage_id   INTEGER NOT NULL
);

-- One row per refresh, and one per source within it.
CREATE TABLE IF NOT EXISTS run_log (
  run_id      INTEGER PRIMARY KEY,
  started_at  TIMESTAMP NOT NULL,
  finished_at TIMESTAMP,
  trigger     VARCHAR NOT NULL,   -- manual | schedule | start
  mode        VARCHAR NOT NULL,   -- live | mirror | snapshot
  status      VARCHAR NOT NULL    -- running | ok | unreachable (only network problems) | partial | failed | interrupted
);

CREATE TABLE IF NOT EXISTS run_source_log (
  run_id        INTEGER NOT NULL,
  source_id     VARCHAR NOT NULL,
  outcome       VARCHAR NOT NULL, -- loaded | unchanged | final | unreachable | failed | quarantined
  vintages      VARCHAR,          -- comma-separated vintage ids written
  rows_loaded   BIGINT,
  rows_rejected BIGINT,
  error         VARCHAR,
  started_at    TIMESTAMP NOT NULL,
  finished_at   TIMESTAMP NOT NULL
);
