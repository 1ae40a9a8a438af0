-- Migration 0001: the warehouse schema of the first release (DuckDB), as schema.sql held it.
--
-- Unlike later migrations, every statement here is idempotent (IF NOT EXISTS): warehouses written
-- before numbered migrations have some or all of these tables (one written before the headlines
-- table lacks it), and this migration completes them. Never edit it: add a numbered migration
-- (warehouse/README.md, "Changing the schema"). Analysts: start with the views in views.sql
-- (v_headline, v_township_year_indicator, v_yoy, v_rank, v_coverage, v_document_history); the
-- tables below keep every mention, every version and every rejected or quarantined file.

CREATE TABLE IF NOT EXISTS meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);
COMMENT ON TABLE meta IS 'Warehouse bookkeeping, e.g. schema_version.';

CREATE TABLE IF NOT EXISTS townships (
    name     VARCHAR PRIMARY KEY,
    county   VARCHAR,
    code     VARCHAR,
    aliases  VARCHAR[],
    source   VARCHAR NOT NULL,
    added_at TIMESTAMP NOT NULL
);
COMMENT ON TABLE townships IS 'Townships and streets (乡/镇/街道): from the county registry (county.yaml), plus any township named by a loaded report that the registry does not list.';
COMMENT ON COLUMN townships.name IS 'Canonical name, e.g. 东关镇; documents.township refers to it.';
COMMENT ON COLUMN townships.county IS 'County (县/区) the township belongs to, when known.';
COMMENT ON COLUMN townships.code IS 'Administrative code from the registry, when given.';
COMMENT ON COLUMN townships.aliases IS 'Other spellings reports use for this township.';
COMMENT ON COLUMN townships.source IS 'registry = listed in county.yaml; found = first seen in a loaded report.';
COMMENT ON COLUMN townships.added_at IS 'When the row was first written.';

CREATE TABLE IF NOT EXISTS indicators (
    code       VARCHAR PRIMARY KEY,
    name       VARCHAR NOT NULL,
    unit       VARCHAR,
    parent     VARCHAR,
    in_catalog BOOLEAN NOT NULL,
    position   INTEGER
);
COMMENT ON TABLE indicators IS 'The indicator catalog (indicators.yaml) as of the latest load; statistics.indicator refers to code.';
COMMENT ON COLUMN indicators.code IS 'Stable indicator code, e.g. publicity_events; other = a number that fits no indicator (never a headline).';
COMMENT ON COLUMN indicators.name IS 'Chinese label shown in tables, e.g. 普法宣传活动.';
COMMENT ON COLUMN indicators.unit IS 'Canonical unit, e.g. 次, 人次, 元.';
COMMENT ON COLUMN indicators.parent IS 'Broader indicator whose value should be at least the sum of its parts.';
COMMENT ON COLUMN indicators.in_catalog IS 'False for codes seen in statistics but missing from the current catalog (and for other).';
COMMENT ON COLUMN indicators.position IS 'Order in the catalog; tables list indicators in this order.';

CREATE TABLE IF NOT EXISTS documents (
    sha256              VARCHAR PRIMARY KEY,
    file_name           VARCHAR NOT NULL,
    path                VARCHAR NOT NULL,
    format              VARCHAR,
    pages               INTEGER,
    size_bytes          BIGINT,
    file_mtime          TIMESTAMP,
    township            VARCHAR,
    township_as_written VARCHAR,
    county              VARCHAR,
    province            VARCHAR,
    year                INTEGER,
    title               VARCHAR,
    status              VARCHAR NOT NULL CHECK (status IN ('loaded', 'quarantined', 'rejected')),
    error               VARCHAR,
    error_kind          VARCHAR,
    ocr                 BOOLEAN NOT NULL DEFAULT false,
    text_chars          INTEGER,
    ingested_at         TIMESTAMP NOT NULL,
    load_id             VARCHAR NOT NULL,
    superseded_by       VARCHAR,
    is_current          BOOLEAN NOT NULL DEFAULT false
);
COMMENT ON TABLE documents IS 'One row per distinct report file content (sha256). Old versions stay: a newer report for the same township and year sets superseded_by and is_current = false on the old one.';
COMMENT ON COLUMN documents.sha256 IS 'SHA-256 of the file bytes: the same report under another name is the same document.';
COMMENT ON COLUMN documents.file_name IS 'File name as received (the first name it was loaded under).';
COMMENT ON COLUMN documents.path IS 'Full path as received.';
COMMENT ON COLUMN documents.format IS 'docx, pdf, txt, html, doc, ...';
COMMENT ON COLUMN documents.pages IS 'Page count; NULL for formats without pages.';
COMMENT ON COLUMN documents.township IS 'Canonical township name (townships.name); NULL when the report did not say.';
COMMENT ON COLUMN documents.township_as_written IS 'The township name as the report spells it.';
COMMENT ON COLUMN documents.year IS 'The year the report is about (not the year it was written).';
COMMENT ON COLUMN documents.status IS 'loaded = passed validation; quarantined = failed a document rule (see quarantine); rejected = could not be read (see error); a rejected file is tried again on the next run.';
COMMENT ON COLUMN documents.error IS 'Why the file was rejected or quarantined, in Chinese.';
COMMENT ON COLUMN documents.error_kind IS 'Stable code for a rejection: empty, corrupt, encrypted, scanned, oversized, unsupported, ...';
COMMENT ON COLUMN documents.ocr IS 'True when the text came from OCR of a scanned PDF (check numbers against the page).';
COMMENT ON COLUMN documents.ingested_at IS 'When the load that wrote this row started.';
COMMENT ON COLUMN documents.load_id IS 'loads.load_id of the run that wrote this row.';
COMMENT ON COLUMN documents.superseded_by IS 'sha256 of the newer report for the same township and year, if any.';
COMMENT ON COLUMN documents.is_current IS 'True for the loaded report that counts for its township and year.';

CREATE TABLE IF NOT EXISTS statistics (
    document_sha   VARCHAR NOT NULL,
    ordinal        INTEGER NOT NULL,
    indicator      VARCHAR NOT NULL,
    value          DOUBLE NOT NULL,
    unit           VARCHAR,
    qualifier      VARCHAR NOT NULL CHECK (qualifier IN ('exact', 'over', 'under', 'about')),
    quote          VARCHAR,
    page           INTEGER,
    start_offset   INTEGER,
    end_offset     INTEGER,
    heading_path   VARCHAR[],
    ocr            BOOLEAN NOT NULL DEFAULT false,
    load_id        VARCHAR NOT NULL,
    PRIMARY KEY (document_sha, ordinal)
);
COMMENT ON TABLE statistics IS 'Every number a loaded report states, with provenance. Several mentions of one indicator are all kept; v_headline picks one per township, year and indicator.';
COMMENT ON COLUMN statistics.document_sha IS 'documents.sha256 of the report stating it.';
COMMENT ON COLUMN statistics.ordinal IS 'Position among the report''s extracted statistics (0-based).';
COMMENT ON COLUMN statistics.indicator IS 'indicators.code, or other.';
COMMENT ON COLUMN statistics.value IS 'The number after reading Chinese numerals and 万/亿 (1.2万人次 -> 12000).';
COMMENT ON COLUMN statistics.unit IS 'Measure word as written, with 万/亿 taken off, e.g. 人次.';
COMMENT ON COLUMN statistics.qualifier IS 'exact; over (余/多/以上/超过); under (近/不足); about (约/左右).';
COMMENT ON COLUMN statistics.quote IS 'The words of the report stating the number.';
COMMENT ON COLUMN statistics.page IS '1-based page; NULL for formats without pages.';
COMMENT ON COLUMN statistics.start_offset IS 'Character offset of the quote in the extracted text (earliest mention = smallest).';
COMMENT ON COLUMN statistics.end_offset IS 'Character offset just after the quote.';
COMMENT ON COLUMN statistics.heading_path IS 'Headings enclosing the quote, outermost first.';
COMMENT ON COLUMN statistics.ocr IS 'True when the quote came from OCR.';
COMMENT ON COLUMN statistics.load_id IS 'loads.load_id of the run that wrote this row.';

CREATE SEQUENCE IF NOT EXISTS quarantine_id_seq;
CREATE TABLE IF NOT EXISTS quarantine (
    id                BIGINT PRIMARY KEY DEFAULT nextval('quarantine_id_seq'),
    load_id           VARCHAR NOT NULL,
    kind              VARCHAR NOT NULL CHECK (kind IN ('document', 'statistic')),
    document_sha      VARCHAR NOT NULL,
    statistic_ordinal INTEGER,
    township          VARCHAR,
    year              INTEGER,
    indicator         VARCHAR,
    data              JSON NOT NULL,
    rule              VARCHAR NOT NULL,
    severity          VARCHAR NOT NULL,
    reason            VARCHAR NOT NULL,
    quarantined_at    TIMESTAMP NOT NULL
);
COMMENT ON TABLE quarantine IS 'What failed validation and was kept out of statistics: whole documents (kind = document) and single statistics (kind = statistic). A quarantined document also lists each of its statistics here.';
COMMENT ON COLUMN quarantine.kind IS 'document or statistic.';
COMMENT ON COLUMN quarantine.statistic_ordinal IS 'Position of the statistic in its report; NULL for a document row.';
COMMENT ON COLUMN quarantine.data IS 'The quarantined row as JSON (the extractor''s contract fields).';
COMMENT ON COLUMN quarantine.rule IS 'Stable code of the failed rule, e.g. township_known, one_current_report.';
COMMENT ON COLUMN quarantine.severity IS 'error (warnings are in the warnings table).';
COMMENT ON COLUMN quarantine.reason IS 'Why, in Chinese words a clerk understands.';

CREATE SEQUENCE IF NOT EXISTS warning_id_seq;
CREATE TABLE IF NOT EXISTS warnings (
    id                BIGINT PRIMARY KEY DEFAULT nextval('warning_id_seq'),
    load_id           VARCHAR NOT NULL,
    document_sha      VARCHAR NOT NULL,
    statistic_ordinal INTEGER,
    rule              VARCHAR NOT NULL,
    reason            VARCHAR NOT NULL,
    created_at        TIMESTAMP NOT NULL
);
COMMENT ON TABLE warnings IS 'Loaded but flagged: validation warnings (e.g. an unusual change on last year). The data is in statistics; check it.';
COMMENT ON COLUMN warnings.statistic_ordinal IS 'statistics.ordinal of the flagged number; NULL when the warning is about the document.';

CREATE TABLE IF NOT EXISTS loads (
    load_id                VARCHAR PRIMARY KEY,
    started_at             TIMESTAMP NOT NULL,
    finished_at            TIMESTAMP,
    source                 VARCHAR,
    county                 VARCHAR,
    status                 VARCHAR NOT NULL CHECK (status IN ('completed', 'failed')),
    error                  VARCHAR,
    files                  INTEGER NOT NULL DEFAULT 0,
    documents_loaded       INTEGER NOT NULL DEFAULT 0,
    documents_unchanged    INTEGER NOT NULL DEFAULT 0,
    documents_rejected     INTEGER NOT NULL DEFAULT 0,
    documents_quarantined  INTEGER NOT NULL DEFAULT 0,
    documents_superseded   INTEGER NOT NULL DEFAULT 0,
    statistics_loaded      INTEGER NOT NULL DEFAULT 0,
    statistics_quarantined INTEGER NOT NULL DEFAULT 0,
    warnings               INTEGER NOT NULL DEFAULT 0,
    validation_seconds     DOUBLE,
    data_docs              VARCHAR
);
COMMENT ON TABLE loads IS 'One row per ingestion run. A load is one transaction: a completed row means all of its rows are in; a failed row (written after rollback) means none are.';
COMMENT ON COLUMN loads.source IS 'The folder (or files) the run read.';
COMMENT ON COLUMN loads.documents_superseded IS 'Documents (older or from this batch) that this run replaced with a newer report.';
COMMENT ON COLUMN loads.data_docs IS 'Great Expectations data docs of the validation, when built.';

CREATE TABLE IF NOT EXISTS load_files (
    load_id   VARCHAR NOT NULL,
    path      VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    sha256    VARCHAR,
    outcome   VARCHAR NOT NULL CHECK (outcome IN ('loaded', 'unchanged', 'rejected', 'quarantined',
                                                   'superseded', 'skipped', 'duplicate')),
    township  VARCHAR,
    year      INTEGER,
    reason    VARCHAR
);
COMMENT ON TABLE load_files IS 'Every file every run saw, with what happened to it: a bad file is always listed here with its reason.';
COMMENT ON COLUMN load_files.outcome IS 'loaded | unchanged (same content already in) | rejected (unreadable) | quarantined (failed a rule) | superseded (a newer report for the same township and year came in the same run) | skipped (not a report file) | duplicate (same content as another file of the run).';
COMMENT ON COLUMN load_files.reason IS 'Why, in Chinese; NULL for loaded files.';

CREATE TABLE IF NOT EXISTS validation_results (
    load_id  VARCHAR NOT NULL,
    rule     VARCHAR NOT NULL,
    severity VARCHAR,
    checked  INTEGER,
    failed   INTEGER NOT NULL,
    PRIMARY KEY (load_id, rule)
);
COMMENT ON TABLE validation_results IS 'Per run and validation rule: how many items were checked and how many failed. checked is NULL when validation did not report it (only failures were known).';

-- The headline value per township, year and indicator (rule in views.sql), kept as a table so a
-- comparison over a national warehouse reads a few thousand rows instead of ranking every mention.
-- The loader recomputes the rows of every township a load touches, in the load's transaction.
CREATE TABLE IF NOT EXISTS headlines (
    township      VARCHAR NOT NULL,
    year          INTEGER NOT NULL,
    county        VARCHAR,
    province      VARCHAR,
    indicator     VARCHAR NOT NULL,
    value         DOUBLE NOT NULL,
    unit          VARCHAR,
    catalog_unit  VARCHAR,
    qualifier     VARCHAR NOT NULL,
    quote         VARCHAR,
    page          INTEGER,
    is_total      BOOLEAN,
    document_sha  VARCHAR NOT NULL,
    file_name     VARCHAR,
    title         VARCHAR,
    ocr           BOOLEAN,
    mentions      BIGINT
);
COMMENT ON TABLE headlines IS 'One headline value per township, year and indicator of the current reports (the rule is in views.sql; v_headline adds the Chinese indicator name). Maintained by every load.';
