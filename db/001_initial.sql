-- ReviewDesk session file, schema version 1.
-- One SQLite file per session (.rdesk). Money is integer yuan; a score is stored as twice its value
-- (points2) because scores come in steps of 0.5, so every sum is an exact integer.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- The policy catalog the session was created with, as canonical JSON, and its SHA-256.
CREATE TABLE policy (
  id     TEXT PRIMARY KEY,
  json   TEXT NOT NULL,
  digest TEXT NOT NULL
);

CREATE TABLE applications (
  application_id          TEXT PRIMARY KEY,
  program                 TEXT NOT NULL,
  enterprise_name         TEXT NOT NULL,
  credit_code             TEXT NOT NULL,
  project_name            TEXT NOT NULL,
  project_key             TEXT NOT NULL,   -- credit code + normalised project name (RULES.md §7)
  level                   TEXT CHECK (level IN ('national', 'provincial', 'municipal')),
  actual_investment       INTEGER CHECK (actual_investment >= 0),
  construction_investment INTEGER CHECK (construction_investment >= 0),
  sales_received_1y       INTEGER CHECK (sales_received_1y >= 0),
  rented_area_m2          TEXT,            -- a Decimal as text
  requested_amount        INTEGER CHECK (requested_amount >= 0),
  fiscal_support          INTEGER CHECK (fiscal_support IN (0, 1)),
  international_organiser INTEGER CHECK (international_organiser IN (0, 1)),
  own_ip                  INTEGER CHECK (own_ip IN (0, 1)),
  source_row              INTEGER
);
CREATE INDEX applications_program ON applications (program, application_id);
CREATE INDEX applications_credit_code ON applications (credit_code);

CREATE TABLE experts (
  expert_id    TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  organization TEXT,
  cert_pem     TEXT,
  fingerprint  TEXT
);

CREATE TABLE conflicts (
  expert_id   TEXT NOT NULL REFERENCES experts (expert_id),
  credit_code TEXT NOT NULL,
  PRIMARY KEY (expert_id, credit_code)
) WITHOUT ROWID;

-- One row per (application, expert, criterion). points2 = 2 × score; NULL while only a comment exists.
CREATE TABLE scores (
  application_id TEXT NOT NULL REFERENCES applications (application_id),
  expert_id      TEXT NOT NULL REFERENCES experts (expert_id),
  criterion      TEXT NOT NULL,
  points2        INTEGER CHECK (points2 >= 0),
  comment        TEXT,
  PRIMARY KEY (application_id, expert_id, criterion)
) WITHOUT ROWID;
CREATE INDEX scores_expert ON scores (expert_id);

CREATE TABLE prior_awards (
  id           INTEGER PRIMARY KEY,
  credit_code  TEXT NOT NULL,
  project_name TEXT NOT NULL,
  project_key  TEXT NOT NULL,
  program      TEXT NOT NULL,
  year         INTEGER NOT NULL,
  amount       INTEGER NOT NULL CHECK (amount >= 0),
  level        TEXT CHECK (level IN ('national', 'provincial', 'municipal'))
);

CREATE TABLE decisions (
  application_id TEXT PRIMARY KEY REFERENCES applications (application_id),
  kind           TEXT NOT NULL CHECK (kind IN ('award', 'exclude')),
  reason         TEXT NOT NULL,
  decided_at     TEXT NOT NULL
);

-- The audit chain: each entry holds the hash of the one before (trust.audit).
CREATE TABLE audit (
  seq       INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT,
  action    TEXT NOT NULL,
  detail    TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
);

-- The last score package merged from each expert (replay protection).
CREATE TABLE packages (
  expert_id TEXT PRIMARY KEY REFERENCES experts (expert_id),
  sequence  INTEGER NOT NULL,
  digest    TEXT NOT NULL,
  merged_at TEXT NOT NULL
);
