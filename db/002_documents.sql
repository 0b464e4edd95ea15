-- Schema version 2: application documents (reviewdesk.documents).
-- Content-addressed: a file's bytes are stored once under their SHA-256 (blobs), in chunks of
-- 1 MiB (blob_chunks) so that no document is ever read or written whole; a document row attaches
-- a stored content to an application under a name. The same content attached twice is one blob.

CREATE TABLE blobs (
  sha256 TEXT PRIMARY KEY,                 -- lowercase hex of the whole content
  size   INTEGER NOT NULL CHECK (size >= 0),
  chunks INTEGER NOT NULL CHECK (chunks >= 0)
);

-- Chunk rows, not one BLOB per file: SQLite reads a row whole, and a document may be 200 MB.
CREATE TABLE blob_chunks (
  sha256 TEXT NOT NULL REFERENCES blobs (sha256),
  seq    INTEGER NOT NULL CHECK (seq >= 0),
  data   BLOB NOT NULL
);
CREATE UNIQUE INDEX blob_chunks_key ON blob_chunks (sha256, seq);

CREATE TABLE documents (
  application_id TEXT NOT NULL REFERENCES applications (application_id),
  name           TEXT NOT NULL,            -- relative path as imported, '/' separated
  sha256         TEXT NOT NULL REFERENCES blobs (sha256),
  size           INTEGER NOT NULL CHECK (size >= 0),
  media_type     TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg')),
  added_at       TEXT NOT NULL,
  PRIMARY KEY (application_id, name)
);
CREATE INDEX documents_sha256 ON documents (sha256);
