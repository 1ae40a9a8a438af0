-- 0005: what decided each statistic (the extractor's role, confidence and evidence, issue 12) and the
-- clerk's review (issue 13): corrections with their audit trail, and the doubt computed per table cell.
-- Rows loaded before this migration keep NULL role, confidence and evidence (not known).

ALTER TABLE statistics ADD COLUMN role VARCHAR;
ALTER TABLE statistics ADD COLUMN confidence DOUBLE;
ALTER TABLE statistics ADD COLUMN evidence
    STRUCT(cue VARCHAR, place VARCHAR, distance INTEGER, generic BOOLEAN, rule VARCHAR, role_by VARCHAR);
COMMENT ON COLUMN statistics.role IS 'total (a stated total: 共/累计/合计/总数), part (其中, by procedure or kind) or plain; NULL when loaded before roles were extracted.';
COMMENT ON COLUMN statistics.confidence IS 'How sure the extractor is of indicator, qualifier and role together, 0..1; NULL when loaded before it said.';
COMMENT ON COLUMN statistics.evidence IS 'What decided the indicator and role: cue (the words), place (before/after/table/carried/rule/none), distance (characters between cue and number), generic (a family word such as 学习), rule (the grammar rule), role_by (the words that made it a total or part). NULL when loaded before it was extracted.';

-- The statistic each headline is, so a cell can be traced to its row (and a correction to what it replaced).
ALTER TABLE headlines ADD COLUMN ordinal INTEGER;
UPDATE headlines SET ordinal = (
    SELECT min(s.ordinal) FROM statistics s
    WHERE s.document_sha = headlines.document_sha AND s.indicator = headlines.indicator
      AND s.value = headlines.value AND s.quote IS NOT DISTINCT FROM headlines.quote
);
COMMENT ON COLUMN headlines.ordinal IS 'statistics.ordinal of the headline statistic in its document.';
-- Why to check each cell (warehouse/doubt.py), kept with the cell so the comparison reads no other table.
ALTER TABLE headlines ADD COLUMN doubt_codes VARCHAR[];
ALTER TABLE headlines ADD COLUMN doubts VARCHAR[];
COMMENT ON COLUMN headlines.doubt_codes IS 'Why the value should be checked, as stable rule codes (cue_generic, mentions_disagree, far_from_county, report_updated, ...); NULL when nothing is doubtful. Recomputed by every load and correction for the county-years they touch.';
COMMENT ON COLUMN headlines.doubts IS 'The same, in Chinese sentences for the clerk.';

CREATE SEQUENCE correction_id_seq;
CREATE TABLE corrections (
    id                  BIGINT PRIMARY KEY DEFAULT nextval('correction_id_seq'),
    township            VARCHAR NOT NULL,
    year                INTEGER NOT NULL,
    indicator           VARCHAR NOT NULL,
    action              VARCHAR NOT NULL CHECK (action IN ('confirm', 'correct', 'remove', 'add')),
    document_sha        VARCHAR NOT NULL,
    statistic_ordinal   INTEGER,
    extracted_value     DOUBLE,
    extracted_unit      VARCHAR,
    extracted_qualifier VARCHAR,
    extracted_quote     VARCHAR,
    value               DOUBLE,
    unit                VARCHAR,
    qualifier           VARCHAR CHECK (qualifier IS NULL OR qualifier IN ('exact', 'over', 'under', 'about')),
    reason              VARCHAR,
    who                 VARCHAR NOT NULL,
    decided_at          TIMESTAMP NOT NULL,
    via                 VARCHAR NOT NULL CHECK (via IN ('workbook', 'command', 'web', 'carried')),
    carried_from        BIGINT
);
COMMENT ON TABLE corrections IS 'Every decision a clerk made on a table cell, never updated or deleted: the latest row for a township, year and indicator on the current report is the one that counts (v_headline). A newer report carries a decision over (via = carried) when the number it was about still stands; otherwise the cell asks to be checked again (报告已更新，请重新核对) and the old row stays here.';
COMMENT ON COLUMN corrections.id IS 'Order of the decisions: the latest (highest) for a cell on the current report counts.';
COMMENT ON COLUMN corrections.township IS 'documents.township of the report the decision was made on.';
COMMENT ON COLUMN corrections.year IS 'The reporting year of that report.';
COMMENT ON COLUMN corrections.indicator IS 'indicators.code of the cell.';
COMMENT ON COLUMN corrections.action IS 'confirm (the extracted value is right), correct (use value instead), remove (the cell has no value: the number is not this indicator), add (a value the extractor did not find).';
COMMENT ON COLUMN corrections.document_sha IS 'sha256 of the report the decision was made on (documents.sha256).';
COMMENT ON COLUMN corrections.statistic_ordinal IS 'statistics.ordinal of the extracted number it confirms, corrects or removes; NULL for add.';
COMMENT ON COLUMN corrections.extracted_value IS 'The value the table showed when the clerk decided (with extracted_unit, extracted_qualifier, extracted_quote); NULL for add.';
COMMENT ON COLUMN corrections.extracted_unit IS 'The unit the table showed (see extracted_value).';
COMMENT ON COLUMN corrections.extracted_qualifier IS 'The qualifier the table showed (see extracted_value).';
COMMENT ON COLUMN corrections.extracted_quote IS 'The quote of the number the table showed: a newer report carries the decision over when it states the same words.';
COMMENT ON COLUMN corrections.value IS 'The value that counts after the decision: the extracted one for confirm, the clerk''s for correct and add, NULL for remove.';
COMMENT ON COLUMN corrections.unit IS 'The unit that counts (as value).';
COMMENT ON COLUMN corrections.qualifier IS 'exact, over, under or about, of the value that counts.';
COMMENT ON COLUMN corrections.reason IS 'Why, as the clerk wrote it (备注).';
COMMENT ON COLUMN corrections.who IS 'Who decided: the clerk''s name (or login); for via = carried, who made the decision carried over.';
COMMENT ON COLUMN corrections.decided_at IS 'When it was recorded (UTC).';
COMMENT ON COLUMN corrections.via IS 'workbook (review import), command (township-rollup correct), web (the workbench), carried (copied by a load onto a newer report).';
COMMENT ON COLUMN corrections.carried_from IS 'corrections.id of the decision on the replaced report that this row carries over.';

-- The decision in effect per cell (definition: views.sql, v_corrections_effective), kept like headlines by every
-- load and correction for the townships they touch, so a comparison reads it without ranking every decision.
CREATE TABLE cell_decisions (
    township        VARCHAR NOT NULL,
    year            INTEGER NOT NULL,
    indicator       VARCHAR NOT NULL,
    county          VARCHAR,
    province        VARCHAR,
    document_sha    VARCHAR NOT NULL,
    file_name       VARCHAR,
    correction_id   BIGINT NOT NULL,
    action          VARCHAR NOT NULL,
    extracted_value DOUBLE,
    value           DOUBLE,
    unit            VARCHAR,
    qualifier       VARCHAR,
    who             VARCHAR NOT NULL,
    decided_at      TIMESTAMP NOT NULL,
    reason          VARCHAR,
    PRIMARY KEY (township, year, indicator)
);
COMMENT ON TABLE cell_decisions IS 'The clerk''s decision in effect per township, year and indicator (the latest on the current report that is still about the number shown: v_corrections_effective), one row per decided cell; recomputed by every load and correction for the townships they touch. The full history is in corrections.';
COMMENT ON COLUMN cell_decisions.township IS 'The cell''s township.';
COMMENT ON COLUMN cell_decisions.year IS 'The cell''s reporting year.';
COMMENT ON COLUMN cell_decisions.indicator IS 'The cell''s indicators.code.';
COMMENT ON COLUMN cell_decisions.county IS 'The township''s county (townships.county, else the report''s).';
COMMENT ON COLUMN cell_decisions.province IS 'The report''s province.';
COMMENT ON COLUMN cell_decisions.document_sha IS 'The current report the decision is on.';
COMMENT ON COLUMN cell_decisions.file_name IS 'Its file name.';
COMMENT ON COLUMN cell_decisions.correction_id IS 'corrections.id of the decision.';
COMMENT ON COLUMN cell_decisions.action IS 'confirm, correct, remove or add.';
COMMENT ON COLUMN cell_decisions.extracted_value IS 'The extracted value it is about; NULL for a cell the table had no value for (add, a confirmed absence).';
COMMENT ON COLUMN cell_decisions.value IS 'The value that counts (NULL when removed or confirmed absent).';
COMMENT ON COLUMN cell_decisions.unit IS 'Its unit.';
COMMENT ON COLUMN cell_decisions.qualifier IS 'Its qualifier.';
COMMENT ON COLUMN cell_decisions.who IS 'Who decided.';
COMMENT ON COLUMN cell_decisions.decided_at IS 'When (UTC).';
COMMENT ON COLUMN cell_decisions.reason IS 'The clerk''s reason.';

CREATE TABLE cell_doubts (
    township     VARCHAR NOT NULL,
    year         INTEGER NOT NULL,
    indicator    VARCHAR NOT NULL,
    county       VARCHAR,
    document_sha VARCHAR NOT NULL,
    kind         VARCHAR NOT NULL CHECK (kind IN ('cell', 'not_found')),
    codes        VARCHAR[] NOT NULL,
    reasons      VARCHAR[] NOT NULL,
    candidates   INTEGER[],
    PRIMARY KEY (township, year, indicator)
);
COMMENT ON TABLE cell_doubts IS 'What to check that has no headline row: indicators a report seems to state that the table has no value for (kind = not_found), and cells whose decision a newer report made void although it states no value for them (kind = cell). Doubts about values the table shows are in headlines.doubts. Recomputed by every load and correction for the county-years they touch.';
COMMENT ON COLUMN cell_doubts.township IS 'The cell''s township (documents.township).';
COMMENT ON COLUMN cell_doubts.year IS 'The cell''s reporting year.';
COMMENT ON COLUMN cell_doubts.indicator IS 'The cell''s indicators.code.';
COMMENT ON COLUMN cell_doubts.county IS 'The township''s county (the doubt compares it with the county''s other townships).';
COMMENT ON COLUMN cell_doubts.document_sha IS 'The current report the doubt was computed on.';
COMMENT ON COLUMN cell_doubts.kind IS 'cell = a value the table shows is doubtful; not_found = the table has no value but the report seems to state one.';
COMMENT ON COLUMN cell_doubts.codes IS 'Stable rule codes, e.g. cue_generic, mentions_disagree, far_from_county, report_updated.';
COMMENT ON COLUMN cell_doubts.reasons IS 'The same, in Chinese sentences for the clerk.';
COMMENT ON COLUMN cell_doubts.candidates IS 'not_found: statistics.ordinal of the report''s numbers that may be this indicator.';

-- The key review workbooks are signed with (HMAC-SHA256): a workbook made from another database, or
-- edited outside its fill-in columns, is refused on import.
INSERT INTO meta (key, value)
SELECT 'review_key', md5(uuid()::VARCHAR) || md5(uuid()::VARCHAR)
WHERE NOT EXISTS (SELECT 1 FROM meta WHERE key = 'review_key');
