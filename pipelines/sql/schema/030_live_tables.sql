-- What each publisher URL last told us about its content (ETag / Last-Modified), so the
-- next retrieval can ask "changed since?" and an unchanged publisher costs one small
-- request. State, not history: one row per (source, unit), replaced after each load.
-- Only trusted while content_sha256 is still the latest vintage of that unit.
CREATE TABLE IF NOT EXISTS http_validators (
  source_id      VARCHAR NOT NULL,
  unit           VARCHAR NOT NULL,
  url            VARCHAR NOT NULL,
  etag           VARCHAR,
  last_modified  VARCHAR,
  content_sha256 VARCHAR NOT NULL,
  checked_at     TIMESTAMP NOT NULL,
  PRIMARY KEY (source_id, unit)
);
