-- One row per run. The scalar columns are what the history pane lists, searches and filters on;
-- record_json is the whole record (provenance, ledger, timings), read when a record is opened.
CREATE TABLE runs (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    created_ms        INTEGER NOT NULL,
    source            TEXT    NOT NULL,
    group_id          TEXT,
    model_folder      TEXT,
    model_hash        TEXT,
    question          TEXT    NOT NULL,
    answer            TEXT    NOT NULL,
    media_names       TEXT    NOT NULL,
    finish_reason     TEXT,
    prompt_tokens     INTEGER,
    visual_tokens     INTEGER,
    generated_tokens  INTEGER,
    ttft_ms           REAL,
    tokens_per_second REAL,
    total_ms          REAL,
    error             TEXT,
    record_json       TEXT    NOT NULL
);
CREATE INDEX runs_created ON runs (created_ms DESC);
CREATE INDEX runs_model ON runs (model_folder);
CREATE INDEX runs_group ON runs (group_id);
-- SHA-256 of media files by path, size and modification time: a file hashed once is not read again
-- (hashing a 2 GB video on every run would cost seconds; recording must stay in milliseconds).
CREATE TABLE media_hashes (
    path      TEXT    NOT NULL PRIMARY KEY,
    size      INTEGER NOT NULL,
    mtime_ms  INTEGER NOT NULL,
    sha256    TEXT    NOT NULL
);
