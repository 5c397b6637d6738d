-- The hub's first schema (PostgreSQL). Times are timestamptz; a progress snapshot's taken_at is
-- kept as the text the device sent, since (run_id, taken_at) is its idempotency key. Keep in step
-- with ../sqlite/001_initial.sql: both engines must behave the same. Never edit a released
-- migration: add 002_*.sql instead.
CREATE TABLE users (
  user_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'supervisor', 'head')),
  office TEXT,
  supervises TEXT NOT NULL DEFAULT '[]',
  created_at TIMESTAMPTZ NOT NULL,
  revoked_at TIMESTAMPTZ
);

CREATE TABLE enrollment_codes (
  code_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (user_id),
  created_at TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  used_at TIMESTAMPTZ,
  used_by_device TEXT
);

CREATE TABLE devices (
  device_id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (user_id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  public_key TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  revoked_at TIMESTAMPTZ
);
CREATE INDEX devices_public_key ON devices (public_key);

CREATE TABLE reports (
  report_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  report_hash TEXT NOT NULL,
  json_hash TEXT NOT NULL,
  bundle BYTEA NOT NULL,
  office TEXT NOT NULL,
  run_name TEXT NOT NULL,
  definition_id TEXT NOT NULL,
  definition_version TEXT NOT NULL,
  decision TEXT NOT NULL,
  signed_at TEXT NOT NULL,
  received_at TIMESTAMPTZ NOT NULL,
  review_state TEXT NOT NULL CHECK (review_state IN ('signed', 'countersigned', 'sent-back')),
  signature_count INTEGER NOT NULL,
  device_id TEXT NOT NULL REFERENCES devices (device_id),
  PRIMARY KEY (report_id, revision)
);
CREATE INDEX reports_office ON reports (office, received_at);

CREATE TABLE signatures (
  report_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  purpose TEXT NOT NULL,
  signer_public_key TEXT NOT NULL,
  signed_at TEXT NOT NULL,
  signature_json TEXT NOT NULL,
  received_at TIMESTAMPTZ NOT NULL,
  device_id TEXT REFERENCES devices (device_id),
  PRIMARY KEY (report_id, revision, idx),
  FOREIGN KEY (report_id, revision) REFERENCES reports (report_id, revision)
);

CREATE TABLE progress_snapshots (
  run_id TEXT NOT NULL,
  taken_at TEXT NOT NULL,
  office TEXT NOT NULL,
  snapshot_json TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  received_at TIMESTAMPTZ NOT NULL,
  device_id TEXT NOT NULL REFERENCES devices (device_id),
  PRIMARY KEY (run_id, taken_at)
);
CREATE INDEX progress_office ON progress_snapshots (office, run_id);

CREATE TABLE definitions (
  id TEXT NOT NULL,
  version TEXT NOT NULL,
  hash TEXT NOT NULL,
  text TEXT NOT NULL,
  published_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (id, version)
);
