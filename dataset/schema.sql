-- The xxgk dataset: one SQLite file for a batch of reports (xxgk extract --sqlite, xxgk db).
-- Every row of a report is written in one transaction with the report itself, so a killed
-- batch leaves whole reports only. Keys are the official template's <table>.<row>.<column>.
-- PRAGMA user_version is the schema's version (1).

-- One row per input: a report, or an input that could not be extracted (status 'failed').
-- Stored again (same sha256, or same file when it could not be read), a report is replaced.
CREATE TABLE reports (
  id INTEGER PRIMARY KEY,
  identity TEXT NOT NULL UNIQUE,   -- the input's sha256, or 'file:' || file when unreadable
  file TEXT NOT NULL,              -- the path as the batch was given it
  sha256 TEXT,                     -- NULL when the input could not be read
  bytes INTEGER,
  source_format TEXT,              -- pdf, html, docx, image
  pages INTEGER,
  status TEXT NOT NULL,            -- ok, review, partial, failed
  error TEXT,                      -- failed: the reason
  title TEXT,
  agency TEXT,                     -- as the title names it
  agency_aliases TEXT,             -- JSON array of the other names the text gives it
  agency_group TEXT,               -- the agency as matched across reports (set by the checks)
  year INTEGER,
  edition TEXT,                    -- 2019 or 2021: the template the tables follow
  doubtful_values INTEGER,
  checks_passed INTEGER,           -- the form's own arithmetic
  checks_failed INTEGER,
  checks_skipped INTEGER,
  record TEXT NOT NULL,            -- the whole record, as one line of JSON Lines
  stored_at TEXT NOT NULL          -- UTC, ISO 8601
);
CREATE INDEX reports_agency_year ON reports (agency_group, year);

-- Every value of a report's edition, null ones too (value NULL: unknown).
CREATE TABLE report_values (
  report_id INTEGER NOT NULL REFERENCES reports (id),
  key TEXT NOT NULL,               -- applications.new_received.total
  table_id TEXT NOT NULL,          -- applications
  row_id TEXT NOT NULL,            -- new_received
  column_id TEXT NOT NULL,         -- total
  value NUMERIC,                   -- counts are integers, amounts keep their decimals
  confidence REAL,                 -- known with --provenance, or from a low_confidence warning
  raw TEXT,                        -- the printed text (with --provenance)
  page INTEGER,                    -- (with --provenance)
  flags TEXT,                      -- the warning codes on this key, comma-separated; '' for none
  PRIMARY KEY (report_id, key)
) WITHOUT ROWID;
-- No index on key: kept up report by report it doubled the cost of storing one (inserts all
-- over the tree). For many queries by key over a large dataset, make one once:
--   CREATE INDEX report_values_key ON report_values (key);

CREATE TABLE warnings (
  report_id INTEGER NOT NULL REFERENCES reports (id),
  code TEXT NOT NULL,              -- low_confidence, check_failed, prose_mismatch, ...
  key TEXT,                        -- the value or section it is about, when one
  page INTEGER,
  confidence REAL,
  message TEXT NOT NULL
);
CREATE INDEX warnings_report ON warnings (report_id);

-- The form's arithmetic checks that fail on the report's values.
CREATE TABLE failed_checks (
  report_id INTEGER NOT NULL REFERENCES reports (id),
  rule TEXT NOT NULL,              -- the spec's rule id
  on_what TEXT,                    -- the column or row it failed on
  sum_keys TEXT,                   -- JSON array
  sum_value REAL,
  equals_keys TEXT,                -- JSON array
  equals_value REAL
);
CREATE INDEX failed_checks_report ON failed_checks (report_id);

CREATE TABLE sections (
  report_id INTEGER NOT NULL REFERENCES reports (id),
  number INTEGER,
  section_id TEXT,                 -- overview, active_disclosure, ...
  title TEXT,
  heading TEXT,                    -- as printed
  page INTEGER,
  text TEXT
);
CREATE INDEX sections_report ON sections (report_id);

-- Numbers the report's text states for a table cell, against the table.
CREATE TABLE prose_checks (
  report_id INTEGER NOT NULL REFERENCES reports (id),
  key TEXT NOT NULL,
  stated REAL NOT NULL,
  table_value REAL,                -- NULL: the table has no value there
  agrees INTEGER,                  -- 1, 0, or NULL when the table has no value
  sentence TEXT NOT NULL
);
CREATE INDEX prose_checks_report ON prose_checks (report_id);

-- Checks across reports, recomputed over the whole dataset after every batch, xxgk db and
-- xxgk check: carry_over (year's 结转下年度继续办理 against next year's 上年结转, per
-- applicant column), duplicate (one agency, one year, two reports), year_missing (a gap: no
-- chain claimed across it).
CREATE TABLE cross_checks (
  kind TEXT NOT NULL,
  agency TEXT NOT NULL,            -- reports.agency_group
  year INTEGER NOT NULL,
  next_year INTEGER NOT NULL,
  report_id INTEGER NOT NULL,
  next_report_id INTEGER NOT NULL,
  column_id TEXT,                  -- carry_over: natural_person ... total
  carried_forward NUMERIC,
  carried_over NUMERIC,
  result TEXT NOT NULL,            -- pass, fail, unknown (a value missing), note
  doubtful INTEGER NOT NULL,       -- 1: one of the two values is flagged in its report
  message TEXT NOT NULL
);

-- One row per agency and year: the report the checks across years use (best status, then
-- first stored), and how many reports the dataset has for it.
CREATE VIEW agency_years AS
SELECT agency, year, report_id, file, status, edition, reports_of_year
FROM (SELECT agency_group AS agency, year, id AS report_id, file, status, edition,
             COUNT(*) OVER (PARTITION BY agency_group, year) AS reports_of_year,
             ROW_NUMBER() OVER (PARTITION BY agency_group, year
                                ORDER BY CASE status WHEN 'ok' THEN 0 WHEN 'review' THEN 1 ELSE 2 END, id) AS rank
      FROM reports
      WHERE status <> 'failed' AND agency_group IS NOT NULL AND agency_group <> '' AND year IS NOT NULL)
WHERE rank = 1;
