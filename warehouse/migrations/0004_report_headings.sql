-- Migration 0004: each report's numbered headings, and the parts an annual report must have (core/data/report_parts.yaml):
-- v_report_completeness says which parts each current report has. Reports loaded before this migration
-- have no heading rows (documents.heading_count NULL): their completeness is unknown, not "missing".
CREATE TABLE headings (
    document_sha VARCHAR NOT NULL,
    ordinal      INTEGER NOT NULL,
    level        INTEGER NOT NULL,
    text         VARCHAR NOT NULL,
    start_offset INTEGER,
    page         INTEGER,
    PRIMARY KEY (document_sha, ordinal)
);
COMMENT ON TABLE headings IS 'Every numbered heading (一、 （一） 1. (1)) of every loaded or quarantined report, in reading order.';
COMMENT ON COLUMN headings.document_sha IS 'documents.sha256 of the report.';
COMMENT ON COLUMN headings.ordinal IS 'Position among the report''s headings (0-based).';
COMMENT ON COLUMN headings.level IS '1 for 一、, 2 for （一）, 3 for 1., 4 for (1).';
COMMENT ON COLUMN headings.text IS 'The heading as the report words it (a run-in heading stops at its first sentence end).';
COMMENT ON COLUMN headings.start_offset IS 'Character offset of the heading line in the extracted text.';
COMMENT ON COLUMN headings.page IS '1-based page; NULL for formats without pages.';

CREATE TABLE report_parts (
    code     VARCHAR PRIMARY KEY,
    name     VARCHAR NOT NULL,
    short    VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    cues     VARCHAR[] NOT NULL
);
COMMENT ON TABLE report_parts IS 'The parts an annual report must have (report_parts.yaml) as of the latest load; a report has a part when a top-level heading contains one of its cues.';
COMMENT ON COLUMN report_parts.code IS 'Stable code: measures, leadership, shortcomings, next_year.';
COMMENT ON COLUMN report_parts.name IS 'The part as the county''s template names it, e.g. 存在的不足和原因.';
COMMENT ON COLUMN report_parts.short IS 'A shorter label for narrow columns, e.g. 不足和原因.';
COMMENT ON COLUMN report_parts.position IS 'Order of the part in a report.';
COMMENT ON COLUMN report_parts.cues IS 'Words that mark a heading as this part, by meaning (存在问题, 不足, 短板, ...).';

ALTER TABLE documents ADD COLUMN heading_count INTEGER;
COMMENT ON COLUMN documents.heading_count IS 'How many numbered headings the report has (0: none found); NULL for reports loaded before headings were kept.';
