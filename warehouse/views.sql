-- township-rollup analyst views (DuckDB). Recreated on every write connection, so they always
-- match the schema. All views read only the current report of each township and year unless
-- their name says otherwise (v_document_history).
--
-- THE HEADLINE RULE (v_headline). A report may state one indicator several times
-- ("共开展普法宣传活动20次 ... 其中法律进校园5次 ... 开展宣传活动8次"). The headline value of a
-- township, year and indicator is the mention of the current report that sorts first by:
--   1. a stated total before anything else, a part last: a quote with 共 (not 公共), 累计, 全年,
--      总计, 合计, 全镇, 全乡 or 全街 is a total; a quote with 其中 or 包括 is a part (part wins
--      over total when a quote has both, since the number then usually follows 其中);
--   2. a mention in the indicator's catalog unit before one in another unit (45人 before 100%);
--   3. the largest value;
--   4. the earliest mention (smallest start offset, then extraction order).
-- Indicator other is never a headline. Every mention stays in v_mentions for drill-down
-- (headline_rank = 1 is the headline).

CREATE OR REPLACE VIEW v_mentions AS
WITH classified AS (
    SELECT
        d.township,
        d.year,
        coalesce(t.county, d.county) AS county,
        d.province,
        s.indicator,
        coalesce(i.name, s.indicator) AS indicator_name,
        round(s.value, 6) AS value,
        s.unit,
        i.unit AS catalog_unit,
        s.qualifier,
        s.quote,
        s.page,
        s.start_offset,
        s.end_offset,
        s.heading_path,
        s.ocr,
        s.ordinal,
        s.role,
        s.confidence,
        s.evidence,
        d.sha256 AS document_sha,
        d.file_name,
        d.title,
        regexp_matches(coalesce(s.quote, ''), '其中|包括') AS is_part,
        regexp_matches(coalesce(s.quote, ''), '(^|[^公])共|累计|全年|总计|合计|全镇|全乡|全街') AS has_total_word
    FROM statistics s
    JOIN documents d ON d.sha256 = s.document_sha
    LEFT JOIN indicators i ON i.code = s.indicator
    LEFT JOIN townships t ON t.name = d.township
    WHERE d.is_current AND d.status = 'loaded' AND d.township IS NOT NULL AND d.year IS NOT NULL
)
SELECT
    *,
    has_total_word AND NOT is_part AS is_total,
    row_number() OVER (
        PARTITION BY township, year, indicator
        ORDER BY CASE WHEN is_part THEN 2 WHEN has_total_word THEN 0 ELSE 1 END,
                 CASE WHEN catalog_unit IS NULL OR unit = catalog_unit THEN 0 ELSE 1 END,
                 value DESC,
                 start_offset ASC NULLS LAST,
                 ordinal ASC
    ) AS headline_rank
FROM classified;
COMMENT ON VIEW v_mentions IS 'Every statistic of every current report, with the headline rule''s ranking (headline_rank = 1 is the headline; see views.sql).';

CREATE OR REPLACE VIEW v_headline_computed AS
SELECT
    township, year, county, province, indicator, value, unit, catalog_unit, qualifier, quote, page,
    is_total, document_sha, file_name, title, ocr,
    count(*) OVER (PARTITION BY township, year, indicator) AS mentions, ordinal
FROM v_mentions
QUALIFY headline_rank = 1 AND indicator <> 'other';
COMMENT ON VIEW v_headline_computed IS 'The headline rule evaluated over every mention (slow on a large warehouse): what the loader writes into the headlines table.';

-- THE CLERK'S DECISIONS (table corrections, issue 13). The decision that counts for a cell is the latest
-- correction for its township, year and indicator made on the current report, provided it is still about the
-- number the table shows (its extracted value and unit are the headline's; for add and for a confirmed absence:
-- there is still no headline). A decision about a number that is no longer shown counts for nothing and the
-- cell asks to be checked again (cell_doubts, report_updated).
CREATE OR REPLACE VIEW v_corrections_latest AS
SELECT c.*
FROM corrections c
JOIN documents d ON d.sha256 = c.document_sha AND d.is_current AND d.status = 'loaded'
QUALIFY row_number() OVER (PARTITION BY c.township, c.year, c.indicator ORDER BY c.id DESC) = 1;
COMMENT ON VIEW v_corrections_latest IS 'The latest decision per township, year and indicator on the current report (it counts when still about the number shown: v_corrections_effective).';

CREATE OR REPLACE VIEW v_corrections_effective AS
SELECT l.*
FROM v_corrections_latest l
LEFT JOIN headlines h ON h.township = l.township AND h.year = l.year AND h.indicator = l.indicator
WHERE h.value IS NOT DISTINCT FROM l.extracted_value AND h.unit IS NOT DISTINCT FROM l.extracted_unit;
COMMENT ON VIEW v_corrections_effective IS 'The clerk''s decision that counts per township, year and indicator (the latest on the current report that is still about the number shown).';

-- Two branches, so that a filter on year or county reaches the tables' scans: the cells with an extracted value
-- (and the decision on them, if one counts), then the cells only a decision gives (added, confirmed absent).
-- cell_decisions holds the decision in effect per cell (v_corrections_effective, kept by every write).
CREATE OR REPLACE VIEW v_cells AS
WITH decided AS (
    SELECT h.*, c.correction_id, c.action, c.value AS c_value, c.unit AS c_unit, c.qualifier AS c_qualifier,
           c.who, c.decided_at, c.reason
    FROM headlines h
    LEFT JOIN cell_decisions c ON c.township = h.township AND c.year = h.year AND c.indicator = h.indicator
)
SELECT
    h.township, h.year, h.county, h.province, h.indicator, coalesce(i.name, h.indicator) AS indicator_name,
    CASE WHEN h.action IN ('correct', 'add') THEN h.c_value WHEN h.action = 'remove' THEN NULL
         ELSE round(h.value, 6) END AS value,
    CASE WHEN h.action IN ('correct', 'add') THEN h.c_unit WHEN h.action = 'remove' THEN NULL ELSE h.unit END
        AS unit,
    h.catalog_unit,
    CASE WHEN h.action IN ('correct', 'add') THEN h.c_qualifier WHEN h.action = 'remove' THEN NULL
         ELSE h.qualifier END AS qualifier,
    h.quote, h.page, h.is_total, h.document_sha, h.file_name, h.title, h.ocr, h.mentions, h.ordinal,
    round(h.value, 6) AS extracted_value, h.unit AS extracted_unit, h.qualifier AS extracted_qualifier,
    CASE WHEN h.action IN ('correct', 'add', 'remove') THEN 'corrected' WHEN h.action = 'confirm' THEN 'confirmed'
         WHEN len(h.doubts) > 0 THEN 'doubtful' END AS review,
    h.action AS review_action, h.correction_id, h.who AS reviewed_by, h.decided_at AS reviewed_at,
    h.reason AS review_reason,
    CASE WHEN h.correction_id IS NULL THEN coalesce(h.doubts, []::VARCHAR[]) ELSE []::VARCHAR[] END AS doubts
FROM decided h
LEFT JOIN indicators i ON i.code = h.indicator
UNION ALL
SELECT
    c.township, c.year, c.county, c.province, c.indicator, coalesce(i.name, c.indicator),
    c.value, c.unit, i.unit, c.qualifier, NULL, NULL, NULL, c.document_sha, c.file_name, NULL, NULL, 0, NULL,
    NULL, NULL, NULL, CASE WHEN c.action = 'confirm' THEN 'confirmed' ELSE 'corrected' END, c.action,
    c.correction_id, c.who,
    c.decided_at, c.reason, []::VARCHAR[]
FROM cell_decisions c
LEFT JOIN indicators i ON i.code = c.indicator
WHERE c.extracted_value IS NULL;
COMMENT ON VIEW v_cells IS 'Every table cell with the clerk''s decision applied: value/unit/qualifier are what counts (NULL when removed or confirmed absent), extracted_* what the report was read as; review = corrected | confirmed | doubtful | NULL, doubts = why to check it (Chinese).';

CREATE OR REPLACE VIEW v_headline AS
SELECT
    h.township, h.year, h.county, h.province, h.indicator, h.indicator_name,
    h.value, h.unit, h.catalog_unit, h.qualifier, h.quote, h.page, h.is_total, h.document_sha,
    h.file_name, h.title, h.ocr, h.mentions,
    i.section_name AS section,
    coalesce(i.aggregate, CASE WHEN replace(i.unit, '％', '%') = '%' THEN 'rate' ELSE 'sum' END) AS aggregate,
    coalesce(i.better, 'more') AS better,
    CASE WHEN h.unit IS NULL OR trim(h.unit) = '' OR (i.adds IS NULL AND i.unit IS NULL) THEN true
         ELSE list_contains(coalesce(i.adds, [replace(trim(i.unit), '％', '%')]), replace(trim(h.unit), '％', '%'))
    END AS unit_fits,
    h.extracted_value, h.extracted_unit, h.extracted_qualifier, h.review, h.doubts
FROM v_cells h
LEFT JOIN indicators i ON i.code = h.indicator
WHERE h.value IS NOT NULL;
COMMENT ON VIEW v_headline IS 'One value per township, year and indicator from the current report (headline rule in views.sql) with the clerk''s decisions applied (removed cells are left out), long form. mentions = how many times the report states the indicator; unit_fits = false for a value in a unit that does not add up to the indicator (in no total and no ranking); review = corrected | confirmed | doubtful | NULL; extracted_value = what the report was read as; doubts = why to check it.';

-- Change on last year only between values of one unit group (both in units that add up to the
-- indicator, or both in one same unit: 56批次 against 50批次, never against 48件); a rate's change
-- is in percentage points (change_abs) and has no percent.
CREATE OR REPLACE VIEW v_yoy AS
WITH paired AS (
    SELECT h.*, p.value AS previous_value, p.qualifier AS previous_qualifier, p.unit AS previous_unit,
           p.value IS NOT NULL AND ((h.unit_fits AND p.unit_fits)
                                    OR coalesce(trim(h.unit), '') = coalesce(trim(p.unit), '')) AS comparable
    FROM v_headline h
    LEFT JOIN v_headline p ON p.township = h.township AND p.indicator = h.indicator AND p.year = h.year - 1
)
SELECT
    township, year, indicator, indicator_name, value, qualifier, unit, aggregate, review,
    previous_value, previous_qualifier, previous_unit, comparable,
    CASE WHEN comparable THEN round(value - previous_value, 6) END AS change_abs,
    CASE WHEN comparable AND aggregate <> 'rate' AND previous_value <> 0
         THEN round((value - previous_value) / abs(previous_value) * 100, 1) END AS change_pct
FROM paired;
COMMENT ON VIEW v_yoy IS 'Change on the previous calendar year (较上年) per township and indicator, only between values of one unit group: change_abs (percentage points for a rate) and change_pct (NULL for a rate, when last year is missing, zero or in another unit).';

CREATE OR REPLACE VIEW v_rank AS
SELECT
    township, year, county, indicator, indicator_name, value, unit, better, unit_fits,
    -- of equal values, 7000余 (over) ranks above 7000 and 近7000 (under) below (warehouse/aggregate.py)
    CASE WHEN unit_fits AND better <> 'none' THEN rank() OVER (
        PARTITION BY coalesce(county, ''), year, indicator, unit_fits
        ORDER BY CASE WHEN better = 'fewer' THEN value ELSE -value END,
                 CASE qualifier WHEN 'over' THEN 1 WHEN 'under' THEN -1 ELSE 0 END
                     * CASE WHEN better = 'fewer' THEN 1 ELSE -1 END) END AS rank,
    CASE WHEN unit_fits AND better <> 'none' THEN count(*) OVER (
        PARTITION BY coalesce(county, ''), year, indicator, unit_fits) END AS ranked
FROM v_headline;
COMMENT ON VIEW v_rank IS 'Rank of each township''s headline value within its county, year and indicator: 1 = largest, or smallest when better = fewer; of equal values over (余) ranks above exact and under (近) below; ties share a rank; a value whose unit does not fit, or an indicator with better = none, is not ranked (NULL). ranked = how many townships were ranked.';

CREATE OR REPLACE VIEW v_township_year_indicator AS
SELECT
    h.township, h.year, h.county, h.section, h.indicator, h.indicator_name, h.value, h.unit, h.catalog_unit,
    h.qualifier, h.unit_fits, h.aggregate, h.better,
    y.previous_value, y.previous_unit, y.change_abs, y.change_pct, r.rank, r.ranked,
    h.quote, h.page, h.document_sha, h.file_name, h.mentions, h.extracted_value, h.review, h.doubts
FROM v_headline h
JOIN v_yoy y USING (township, year, indicator)
JOIN v_rank r USING (township, year, indicator);
COMMENT ON VIEW v_township_year_indicator IS 'Long form of the comparison table: headline value with change on last year and rank. For a wide table: PIVOT (SELECT township, indicator, value FROM v_township_year_indicator WHERE year = 2023) ON indicator USING first(value);';

CREATE OR REPLACE VIEW v_coverage AS
WITH years AS (
    SELECT DISTINCT year FROM documents WHERE year IS NOT NULL AND status IN ('loaded', 'quarantined')
),
best AS (
    SELECT township, year, sha256, file_name, status,
           row_number() OVER (PARTITION BY township, year
                              ORDER BY is_current DESC, status = 'loaded' DESC, ingested_at DESC) AS n
    FROM documents
    WHERE township IS NOT NULL AND year IS NOT NULL AND status IN ('loaded', 'quarantined')
)
SELECT
    t.name AS township, t.county, y.year,
    coalesce(b.status = 'loaded', false) AS reported,
    coalesce(b.status, 'missing') AS status,
    b.sha256 AS document_sha, b.file_name
FROM townships t
CROSS JOIN years y
LEFT JOIN best b ON b.township = t.name AND b.year = y.year AND b.n = 1;
COMMENT ON VIEW v_coverage IS 'Township x year (years any report covers): reported = a loaded report counts; status loaded | quarantined (only a quarantined report arrived) | missing.';

CREATE OR REPLACE VIEW v_document_history AS
SELECT
    d.township, d.year,
    row_number() OVER (PARTITION BY d.township, d.year ORDER BY d.ingested_at, d.is_current, d.file_mtime, d.sha256) AS version,
    d.is_current, d.status, d.superseded_by, d.sha256, d.file_name, d.path, d.title, d.ingested_at, d.load_id,
    (SELECT count(*) FROM statistics s WHERE s.document_sha = d.sha256) AS statistics
FROM documents d
WHERE d.status IN ('loaded', 'quarantined');
COMMENT ON VIEW v_document_history IS 'Every version of every township-year report, oldest first; is_current marks the one that counts, superseded_by links an old one to its replacement.';

-- Which township and year a received file belongs to: what the report itself says, else what its
-- path says (a file that could not be read, or whose text never named its township, is usually
-- named for it: 云雾乡2024年法治政府建设年度报告.docx, or sits in a township's folder). The longest
-- registry spelling in the path wins; the year is the last 4-digit number 1990-2099 in the path.
CREATE OR REPLACE VIEW v_received_files AS
WITH spellings AS (
    SELECT name AS township, unnest(list_prepend(name, coalesce(aliases, []::VARCHAR[]))) AS spelling
    FROM townships
),
by_path AS (
    SELECT d.sha256, s.township,
           row_number() OVER (PARTITION BY d.sha256 ORDER BY length(s.spelling) DESC, s.township) AS n
    FROM documents d
    JOIN spellings s ON length(s.spelling) >= 2 AND contains(d.path, s.spelling)
    WHERE d.township IS NULL
),
years AS (
    SELECT sha256,
           try_cast(list_last(list_filter(regexp_extract_all(path, '[0-9]+'),
                                          lambda x: len(x) = 4 AND x BETWEEN '1990' AND '2099')) AS INTEGER) AS year
    FROM documents
    WHERE year IS NULL
)
SELECT
    d.sha256 AS document_sha, d.file_name, d.path, d.status, d.error, d.error_kind, d.ocr, d.is_current,
    d.superseded_by, d.ingested_at,
    coalesce(d.township, p.township) AS township,
    coalesce(d.year, y.year) AS year,
    (d.township IS NULL AND p.township IS NOT NULL) OR (d.year IS NULL AND y.year IS NOT NULL) AS attributed_by_path
FROM documents d
LEFT JOIN by_path p ON p.sha256 = d.sha256 AND p.n = 1
LEFT JOIN years y ON y.sha256 = d.sha256;
COMMENT ON VIEW v_received_files IS 'Every file received (loaded, quarantined or unreadable) with the township and year it belongs to: as the report says, else as its file name or folder says (attributed_by_path).';

-- Each township's real status for a year, in the order a clerk needs it: a report that counts
-- (reported), else one that arrived but failed validation (quarantined), else one that arrived but
-- could not be read (unreadable), else nothing (missing: the only status shown as 未报送).
CREATE OR REPLACE VIEW v_township_status AS
WITH files AS (
    SELECT * FROM v_received_files WHERE township IS NOT NULL AND year IS NOT NULL
),
years AS (SELECT DISTINCT year FROM files),
per AS (
    SELECT township, year,
           any_value(document_sha) FILTER (WHERE status = 'loaded' AND is_current) AS document_sha,
           any_value(file_name) FILTER (WHERE status = 'loaded' AND is_current) AS report_file,
           coalesce(bool_or(ocr) FILTER (WHERE status = 'loaded' AND is_current), false) AS ocr,
           count(*) FILTER (WHERE status = 'loaded') AS versions,
           count(*) FILTER (WHERE status = 'quarantined') AS quarantined_files,
           count(*) FILTER (WHERE status = 'rejected') AS unreadable_files,
           arg_max(file_name, ingested_at) FILTER (WHERE status = 'quarantined') AS quarantined_file,
           arg_max(error, ingested_at) FILTER (WHERE status = 'quarantined') AS quarantined_reason,
           arg_max(file_name, ingested_at) FILTER (WHERE status = 'rejected') AS unreadable_file,
           arg_max(error, ingested_at) FILTER (WHERE status = 'rejected') AS unreadable_reason
    FROM files
    GROUP BY township, year
),
graded AS (
    SELECT t.name AS township, t.county, y.year, p.* EXCLUDE (township, year),
           CASE WHEN p.document_sha IS NOT NULL THEN 'reported'
                WHEN p.quarantined_files > 0 THEN 'quarantined'
                WHEN p.unreadable_files > 0 THEN 'unreadable'
                ELSE 'missing' END AS status
    FROM townships t
    CROSS JOIN years y
    LEFT JOIN per p ON p.township = t.name AND p.year = y.year
)
SELECT
    township, county, year, status,
    status = 'reported' AS reported,
    document_sha,
    CASE status WHEN 'reported' THEN report_file WHEN 'quarantined' THEN quarantined_file
                WHEN 'unreadable' THEN unreadable_file END AS file_name,
    CASE status WHEN 'quarantined' THEN quarantined_reason WHEN 'unreadable' THEN unreadable_reason END AS reason,
    ocr,
    coalesce(versions, 0) > 1 AS replaced,
    coalesce(versions, 0) AS versions,
    CASE WHEN status = 'reported' THEN coalesce(quarantined_files, 0) + coalesce(unreadable_files, 0)
         ELSE 0 END AS other_files,
    CASE WHEN status = 'reported' THEN (SELECT count(*) FROM document_warnings w
                                        WHERE w.document_sha = graded.document_sha) ELSE 0 END AS read_warnings
FROM graded;
COMMENT ON VIEW v_township_status IS 'Township x year (years any received file covers): status reported | quarantined (a report arrived but failed validation; reason) | unreadable (a file arrived but could not be read; reason) | missing (nothing received: 未报送).';

CREATE OR REPLACE VIEW v_review_queue AS
SELECT township, year, county, indicator, indicator_name, 'cell' AS kind, value, unit, qualifier, quote, page,
       file_name, document_sha, ordinal, doubts
FROM v_cells WHERE review = 'doubtful'
UNION ALL
SELECT x.township, x.year, x.county, x.indicator, coalesce(i.name, x.indicator), x.kind, NULL, NULL, NULL,
       NULL, NULL, d.file_name, x.document_sha, NULL, x.reasons
FROM cell_doubts x
JOIN documents d ON d.sha256 = x.document_sha AND d.is_current
LEFT JOIN indicators i ON i.code = x.indicator
WHERE x.kind = 'cell'
   OR NOT EXISTS (SELECT 1 FROM corrections c
                  WHERE c.township = x.township AND c.year = x.year AND c.indicator = x.indicator
                    AND c.document_sha = x.document_sha);
COMMENT ON VIEW v_review_queue IS 'What a clerk should check: doubtful cells (kind = cell) and indicators a report seems to state that the table has no value for (kind = not_found), each with its reasons in Chinese.';

CREATE OR REPLACE VIEW v_corrections_audit AS
WITH replaced AS (
    -- the last decision per cell on a report that a newer one replaced, and not carried over to it
    SELECT c.*, n.sha256 AS new_sha, n.ingested_at AS replaced_at
    FROM corrections c
    JOIN documents o ON o.sha256 = c.document_sha AND o.superseded_by IS NOT NULL
    JOIN documents n ON n.sha256 = o.superseded_by
    WHERE NOT EXISTS (SELECT 1 FROM corrections k WHERE k.carried_from = c.id)
    QUALIFY row_number() OVER (PARTITION BY c.township, c.year, c.indicator, c.document_sha ORDER BY c.id DESC) = 1
),
steps AS (
    SELECT c.id AS correction_id, c.decided_at AS step_at,
           CASE WHEN c.via = 'carried' THEN '系统' ELSE c.who END AS step_by,
           CASE WHEN c.via = 'carried' THEN '沿用到新报告'
                ELSE CASE c.action WHEN 'confirm' THEN '确认' WHEN 'correct' THEN '更正'
                                   WHEN 'remove' THEN '删除' ELSE '补录' END END AS step,
           c.who AS decided_by, c.via, c.township, c.year, c.indicator, c.action, c.extracted_value,
           c.extracted_unit, c.extracted_qualifier, c.value, c.unit, c.qualifier, c.reason, c.document_sha,
           c.carried_from
    FROM corrections c
    UNION ALL
    SELECT r.id, r.replaced_at, '系统', '报告已更新，请重新核对', r.who, 'recheck', r.township, r.year, r.indicator,
           r.action, r.extracted_value, r.extracted_unit, r.extracted_qualifier, r.value, r.unit, r.qualifier,
           r.reason, r.new_sha, r.id
    FROM replaced r
)
SELECT s.step_at, s.step_by, s.step, s.township, s.year, s.indicator, coalesce(i.name, s.indicator) AS indicator_name,
       s.action, s.extracted_value, s.extracted_unit, s.extracted_qualifier, s.value, s.unit, s.qualifier, s.reason,
       s.decided_by, s.via, d.file_name, s.document_sha, s.correction_id, s.carried_from,
       s.via <> 'recheck' AND s.correction_id IS NOT DISTINCT FROM e.id AS in_effect
FROM steps s
LEFT JOIN documents d ON d.sha256 = s.document_sha
LEFT JOIN indicators i ON i.code = s.indicator
LEFT JOIN v_corrections_effective e ON e.township = s.township AND e.year = s.year AND e.indicator = s.indicator
ORDER BY s.step_at, s.via = 'recheck', s.correction_id;
COMMENT ON VIEW v_corrections_audit IS 'Every step of the review, oldest first: each decision (确认/更正/删除/补录) with who and when, each carry-over of a decision to a newer report (沿用到新报告, by 系统), and each decision a newer report made void (报告已更新，请重新核对). in_effect marks the decisions that count now.';

-- Which of the required parts (report_parts) each current report has: a part is present when one of
-- the report's top-level headings (the shallowest numbering level it uses) contains one of the part's
-- cues. present is NULL when the report's headings are unknown (loaded before headings were kept) or
-- none were found (then the parts cannot be told from the headings: check the report itself).
CREATE OR REPLACE VIEW v_report_completeness AS
WITH docs AS (
    SELECT sha256 AS document_sha, township, year, file_name, heading_count
    FROM documents
    WHERE is_current AND status = 'loaded' AND township IS NOT NULL AND year IS NOT NULL
),
top AS (
    SELECT h.*
    FROM headings h
    JOIN (SELECT document_sha, min(level) AS level FROM headings GROUP BY document_sha) m
      ON m.document_sha = h.document_sha AND m.level = h.level
),
hits AS (
    SELECT t.document_sha, p.code, t.text, t.page,
           row_number() OVER (PARTITION BY t.document_sha, p.code ORDER BY t.ordinal) AS n
    FROM top t
    JOIN report_parts p ON list_bool_or(list_transform(p.cues, lambda c: contains(t.text, c)))
)
SELECT
    d.township, d.year, p.position, p.code AS part, p.name AS part_name, p.short AS part_short,
    CASE WHEN coalesce(d.heading_count, 0) = 0 THEN NULL ELSE h.code IS NOT NULL END AS present,
    h.text AS heading, h.page, d.file_name, d.document_sha, d.heading_count
FROM docs d
CROSS JOIN report_parts p
LEFT JOIN hits h ON h.document_sha = d.document_sha AND h.code = p.code AND h.n = 1;
COMMENT ON VIEW v_report_completeness IS 'Township x year x required part of the annual report (主要举措和成效, 第一责任人职责, 存在的不足和原因, 下一年度工作安排): present, and the heading (and page) where it was found; present NULL when the report''s headings are unknown.';

-- Every column of every view, commented (SELECT * FROM duckdb_columns() shows them).
-- v_coverage
COMMENT ON COLUMN v_coverage.township IS 'Canonical township name (townships.name), e.g. 清溪街道.';
COMMENT ON COLUMN v_coverage.county IS 'County (县/区) of the township.';
COMMENT ON COLUMN v_coverage.year IS 'The year the report is about.';
COMMENT ON COLUMN v_coverage.reported IS 'True when a loaded report counts for this township and year.';
COMMENT ON COLUMN v_coverage.status IS 'loaded | quarantined (only a quarantined report arrived) | missing.';
COMMENT ON COLUMN v_coverage.document_sha IS 'documents.sha256 of the report behind the status, if any.';
COMMENT ON COLUMN v_coverage.file_name IS 'File name of that report.';
-- v_document_history
COMMENT ON COLUMN v_document_history.township IS 'Canonical township name (townships.name), e.g. 清溪街道.';
COMMENT ON COLUMN v_document_history.year IS 'The year the report is about.';
COMMENT ON COLUMN v_document_history.version IS '1 = the first version received for this township and year.';
COMMENT ON COLUMN v_document_history.is_current IS 'True for the version that counts.';
COMMENT ON COLUMN v_document_history.status IS 'loaded or quarantined.';
COMMENT ON COLUMN v_document_history.superseded_by IS 'sha256 of the newer version that replaced this one.';
COMMENT ON COLUMN v_document_history.sha256 IS 'SHA-256 of the file bytes (the document''s identity).';
COMMENT ON COLUMN v_document_history.file_name IS 'File name of the report as received.';
COMMENT ON COLUMN v_document_history.path IS 'Full path as received.';
COMMENT ON COLUMN v_document_history.title IS 'The report''s title.';
COMMENT ON COLUMN v_document_history.ingested_at IS 'When the load that wrote it started (UTC).';
COMMENT ON COLUMN v_document_history.load_id IS 'loads.load_id of that run.';
COMMENT ON COLUMN v_document_history.statistics IS 'How many statistics the version has in statistics.';
-- v_headline
COMMENT ON COLUMN v_headline.township IS 'Canonical township name (townships.name), e.g. 清溪街道.';
COMMENT ON COLUMN v_headline.year IS 'The year the report is about.';
COMMENT ON COLUMN v_headline.county IS 'County (县/区) of the township.';
COMMENT ON COLUMN v_headline.province IS 'Province as the report states it.';
COMMENT ON COLUMN v_headline.indicator IS 'Indicator code (indicators.code), e.g. publicity_events.';
COMMENT ON COLUMN v_headline.indicator_name IS 'Chinese name of the indicator, e.g. 普法宣传活动.';
COMMENT ON COLUMN v_headline.value IS 'The number (Chinese numerals and 万/亿 read; clean of float noise), in the report''s unit.';
COMMENT ON COLUMN v_headline.unit IS 'Measure word as the report wrote it, e.g. 场, 人次, 批次.';
COMMENT ON COLUMN v_headline.catalog_unit IS 'The indicator''s canonical unit in the catalog, e.g. 次.';
COMMENT ON COLUMN v_headline.qualifier IS 'exact; over (余/多/以上); under (近/不足); about (约/左右).';
COMMENT ON COLUMN v_headline.quote IS 'The words of the report stating the number.';
COMMENT ON COLUMN v_headline.page IS '1-based page of the quote; NULL for formats without pages.';
COMMENT ON COLUMN v_headline.is_total IS 'The quote states a total (共/累计/全年/合计, not 其中).';
COMMENT ON COLUMN v_headline.document_sha IS 'documents.sha256 of the report.';
COMMENT ON COLUMN v_headline.file_name IS 'File name of the report as received.';
COMMENT ON COLUMN v_headline.title IS 'The report''s title.';
COMMENT ON COLUMN v_headline.ocr IS 'True when the text was read by OCR from a scan: check the number against the page.';
COMMENT ON COLUMN v_headline.mentions IS 'How many times the report states this indicator.';
COMMENT ON COLUMN v_headline.section IS 'Chinese name of the catalog section, e.g. 普法宣传.';
COMMENT ON COLUMN v_headline.aggregate IS 'sum (a count or amount: county totals add up) or rate (a percentage: never summed).';
COMMENT ON COLUMN v_headline.better IS 'more (rank 1 = largest), fewer (rank 1 = smallest) or none (not ranked: cases, lawsuits, fines).';
COMMENT ON COLUMN v_headline.unit_fits IS 'True when the unit adds up to the indicator''s (indicators.adds); false values are in no total and no ranking.';
-- v_headline_computed
COMMENT ON COLUMN v_headline_computed.township IS 'Canonical township name (townships.name), e.g. 清溪街道.';
COMMENT ON COLUMN v_headline_computed.year IS 'The year the report is about.';
COMMENT ON COLUMN v_headline_computed.county IS 'County (县/区) of the township.';
COMMENT ON COLUMN v_headline_computed.province IS 'Province as the report states it.';
COMMENT ON COLUMN v_headline_computed.indicator IS 'Indicator code (indicators.code), e.g. publicity_events.';
COMMENT ON COLUMN v_headline_computed.value IS 'The number (Chinese numerals and 万/亿 read; clean of float noise), in the report''s unit.';
COMMENT ON COLUMN v_headline_computed.unit IS 'Measure word as the report wrote it, e.g. 场, 人次, 批次.';
COMMENT ON COLUMN v_headline_computed.catalog_unit IS 'The indicator''s canonical unit in the catalog, e.g. 次.';
COMMENT ON COLUMN v_headline_computed.qualifier IS 'exact; over (余/多/以上); under (近/不足); about (约/左右).';
COMMENT ON COLUMN v_headline_computed.quote IS 'The words of the report stating the number.';
COMMENT ON COLUMN v_headline_computed.page IS '1-based page of the quote; NULL for formats without pages.';
COMMENT ON COLUMN v_headline_computed.is_total IS 'The quote states a total (共/累计/全年/合计, not 其中).';
COMMENT ON COLUMN v_headline_computed.document_sha IS 'documents.sha256 of the report.';
COMMENT ON COLUMN v_headline_computed.file_name IS 'File name of the report as received.';
COMMENT ON COLUMN v_headline_computed.title IS 'The report''s title.';
COMMENT ON COLUMN v_headline_computed.ocr IS 'True when the text was read by OCR from a scan: check the number against the page.';
COMMENT ON COLUMN v_headline_computed.mentions IS 'How many times the report states this indicator.';
-- v_mentions
COMMENT ON COLUMN v_mentions.township IS 'Canonical township name (townships.name), e.g. 清溪街道.';
COMMENT ON COLUMN v_mentions.year IS 'The year the report is about.';
COMMENT ON COLUMN v_mentions.county IS 'County (县/区) of the township.';
COMMENT ON COLUMN v_mentions.province IS 'Province as the report states it.';
COMMENT ON COLUMN v_mentions.indicator IS 'Indicator code (indicators.code), e.g. publicity_events.';
COMMENT ON COLUMN v_mentions.indicator_name IS 'Chinese name of the indicator, e.g. 普法宣传活动.';
COMMENT ON COLUMN v_mentions.value IS 'The number (Chinese numerals and 万/亿 read; clean of float noise), in the report''s unit.';
COMMENT ON COLUMN v_mentions.unit IS 'Measure word as the report wrote it, e.g. 场, 人次, 批次.';
COMMENT ON COLUMN v_mentions.catalog_unit IS 'The indicator''s canonical unit in the catalog, e.g. 次.';
COMMENT ON COLUMN v_mentions.qualifier IS 'exact; over (余/多/以上); under (近/不足); about (约/左右).';
COMMENT ON COLUMN v_mentions.quote IS 'The words of the report stating the number.';
COMMENT ON COLUMN v_mentions.page IS '1-based page of the quote; NULL for formats without pages.';
COMMENT ON COLUMN v_mentions.start_offset IS 'Character offset of the quote in the extracted text.';
COMMENT ON COLUMN v_mentions.end_offset IS 'Character offset just after the quote.';
COMMENT ON COLUMN v_mentions.heading_path IS 'Headings enclosing the quote, outermost first.';
COMMENT ON COLUMN v_mentions.ocr IS 'True when the text was read by OCR from a scan: check the number against the page.';
COMMENT ON COLUMN v_mentions.ordinal IS 'Position among the report''s extracted statistics.';
COMMENT ON COLUMN v_mentions.document_sha IS 'documents.sha256 of the report.';
COMMENT ON COLUMN v_mentions.file_name IS 'File name of the report as received.';
COMMENT ON COLUMN v_mentions.title IS 'The report''s title.';
COMMENT ON COLUMN v_mentions.is_part IS 'The quote names a part (其中/包括).';
COMMENT ON COLUMN v_mentions.has_total_word IS 'The quote holds a total word (共, not 公共; 累计, 全年, 总计, 合计, 全镇, 全乡, 全街).';
COMMENT ON COLUMN v_mentions.is_total IS 'The quote states a total (共/累计/全年/合计, not 其中).';
COMMENT ON COLUMN v_mentions.headline_rank IS '1 = the headline value of the township, year and indicator (rule in views.sql).';
-- v_rank
COMMENT ON COLUMN v_rank.township IS 'Canonical township name (townships.name), e.g. 清溪街道.';
COMMENT ON COLUMN v_rank.year IS 'The year the report is about.';
COMMENT ON COLUMN v_rank.county IS 'County (县/区) of the township.';
COMMENT ON COLUMN v_rank.indicator IS 'Indicator code (indicators.code), e.g. publicity_events.';
COMMENT ON COLUMN v_rank.indicator_name IS 'Chinese name of the indicator, e.g. 普法宣传活动.';
COMMENT ON COLUMN v_rank.value IS 'The number (Chinese numerals and 万/亿 read; clean of float noise), in the report''s unit.';
COMMENT ON COLUMN v_rank.unit IS 'Measure word as the report wrote it, e.g. 场, 人次, 批次.';
COMMENT ON COLUMN v_rank.better IS 'more (rank 1 = largest), fewer (rank 1 = smallest) or none (not ranked: cases, lawsuits, fines).';
COMMENT ON COLUMN v_rank.unit_fits IS 'True when the unit adds up to the indicator''s (indicators.adds); false values are in no total and no ranking.';
COMMENT ON COLUMN v_rank.rank IS 'Rank within county, year and indicator (1 = best by better); NULL when the unit does not fit or better = none.';
COMMENT ON COLUMN v_rank.ranked IS 'How many townships were ranked.';
-- v_received_files
COMMENT ON COLUMN v_received_files.document_sha IS 'documents.sha256 of the report.';
COMMENT ON COLUMN v_received_files.file_name IS 'File name of the report as received.';
COMMENT ON COLUMN v_received_files.path IS 'Full path as received.';
COMMENT ON COLUMN v_received_files.status IS 'loaded | quarantined | rejected (could not be read).';
COMMENT ON COLUMN v_received_files.error IS 'Why the file was rejected or quarantined, in Chinese.';
COMMENT ON COLUMN v_received_files.error_kind IS 'Stable code of a rejection: empty, corrupt, encrypted, scanned, ...';
COMMENT ON COLUMN v_received_files.ocr IS 'True when the text was read by OCR from a scan: check the number against the page.';
COMMENT ON COLUMN v_received_files.is_current IS 'True for the loaded report that counts for its township and year.';
COMMENT ON COLUMN v_received_files.superseded_by IS 'sha256 of a newer report that replaced this one.';
COMMENT ON COLUMN v_received_files.ingested_at IS 'When the load that wrote it started (UTC).';
COMMENT ON COLUMN v_received_files.township IS 'Township as the report says, else as the file name or folder says.';
COMMENT ON COLUMN v_received_files.year IS 'Year as the report says, else the last year (1990-2099) in the path.';
COMMENT ON COLUMN v_received_files.attributed_by_path IS 'True when township or year came from the path, not the report.';
-- v_report_completeness
COMMENT ON COLUMN v_report_completeness.township IS 'Canonical township name (townships.name), e.g. 清溪街道.';
COMMENT ON COLUMN v_report_completeness.year IS 'The year the report is about.';
COMMENT ON COLUMN v_report_completeness.position IS 'Order of the part in a report.';
COMMENT ON COLUMN v_report_completeness.part IS 'report_parts.code: measures, leadership, shortcomings, next_year.';
COMMENT ON COLUMN v_report_completeness.part_name IS 'The part as the template names it, e.g. 存在的不足和原因.';
COMMENT ON COLUMN v_report_completeness.part_short IS 'A shorter label, e.g. 不足和原因.';
COMMENT ON COLUMN v_report_completeness.present IS 'True: a top-level heading names the part; false: none does; NULL: the report''s headings are unknown.';
COMMENT ON COLUMN v_report_completeness.heading IS 'The heading where the part was found.';
COMMENT ON COLUMN v_report_completeness.page IS 'Page of that heading; NULL for formats without pages.';
COMMENT ON COLUMN v_report_completeness.file_name IS 'File name of the report as received.';
COMMENT ON COLUMN v_report_completeness.document_sha IS 'documents.sha256 of the report.';
COMMENT ON COLUMN v_report_completeness.heading_count IS 'Numbered headings in the report (0: none found; NULL: loaded before headings were kept).';
-- v_township_status
COMMENT ON COLUMN v_township_status.township IS 'Canonical township name (townships.name), e.g. 清溪街道.';
COMMENT ON COLUMN v_township_status.county IS 'County (县/区) of the township.';
COMMENT ON COLUMN v_township_status.year IS 'The year the report is about.';
COMMENT ON COLUMN v_township_status.status IS 'reported | quarantined (a report arrived but failed validation) | unreadable (a file arrived but could not be read) | missing (nothing: 未报送).';
COMMENT ON COLUMN v_township_status.reported IS 'True when a report counts for this township and year.';
COMMENT ON COLUMN v_township_status.document_sha IS 'documents.sha256 of the report that counts (reported only).';
COMMENT ON COLUMN v_township_status.file_name IS 'The report that counts, or the file that failed (quarantined, unreadable).';
COMMENT ON COLUMN v_township_status.reason IS 'Why the file did not count, in Chinese (quarantined, unreadable).';
COMMENT ON COLUMN v_township_status.ocr IS 'The report that counts was read by OCR from a scan.';
COMMENT ON COLUMN v_township_status.replaced IS 'A newer version replaced an earlier report for this township and year.';
COMMENT ON COLUMN v_township_status.versions IS 'Loaded versions received for this township and year.';
COMMENT ON COLUMN v_township_status.read_warnings IS 'Reader warnings of the report that counts (document_warnings): parts of it that could not be read, so its numbers may be incomplete.';
COMMENT ON COLUMN v_township_status.other_files IS 'Further files for this township and year that could not be used (reported only).';
-- v_township_year_indicator
COMMENT ON COLUMN v_township_year_indicator.township IS 'Canonical township name (townships.name), e.g. 清溪街道.';
COMMENT ON COLUMN v_township_year_indicator.year IS 'The year the report is about.';
COMMENT ON COLUMN v_township_year_indicator.county IS 'County (县/区) of the township.';
COMMENT ON COLUMN v_township_year_indicator.section IS 'Chinese name of the catalog section, e.g. 普法宣传.';
COMMENT ON COLUMN v_township_year_indicator.indicator IS 'Indicator code (indicators.code), e.g. publicity_events.';
COMMENT ON COLUMN v_township_year_indicator.indicator_name IS 'Chinese name of the indicator, e.g. 普法宣传活动.';
COMMENT ON COLUMN v_township_year_indicator.value IS 'The number (Chinese numerals and 万/亿 read; clean of float noise), in the report''s unit.';
COMMENT ON COLUMN v_township_year_indicator.unit IS 'Measure word as the report wrote it, e.g. 场, 人次, 批次.';
COMMENT ON COLUMN v_township_year_indicator.catalog_unit IS 'The indicator''s canonical unit in the catalog, e.g. 次.';
COMMENT ON COLUMN v_township_year_indicator.qualifier IS 'exact; over (余/多/以上); under (近/不足); about (约/左右).';
COMMENT ON COLUMN v_township_year_indicator.unit_fits IS 'True when the unit adds up to the indicator''s (indicators.adds); false values are in no total and no ranking.';
COMMENT ON COLUMN v_township_year_indicator.aggregate IS 'sum (a count or amount: county totals add up) or rate (a percentage: never summed).';
COMMENT ON COLUMN v_township_year_indicator.better IS 'more (rank 1 = largest), fewer (rank 1 = smallest) or none (not ranked: cases, lawsuits, fines).';
COMMENT ON COLUMN v_township_year_indicator.previous_value IS 'Last year''s headline value of the same township and indicator.';
COMMENT ON COLUMN v_township_year_indicator.previous_unit IS 'Unit of last year''s value.';
COMMENT ON COLUMN v_township_year_indicator.change_abs IS 'value - previous_value (percentage points for a rate); NULL across unit groups.';
COMMENT ON COLUMN v_township_year_indicator.change_pct IS 'Change in percent of last year''s value; NULL for a rate, across unit groups, or when last year was 0 or missing.';
COMMENT ON COLUMN v_township_year_indicator.rank IS 'Rank within county, year and indicator (1 = best by better); NULL when the unit does not fit or better = none.';
COMMENT ON COLUMN v_township_year_indicator.ranked IS 'How many townships were ranked.';
COMMENT ON COLUMN v_township_year_indicator.quote IS 'The words of the report stating the number.';
COMMENT ON COLUMN v_township_year_indicator.page IS '1-based page of the quote; NULL for formats without pages.';
COMMENT ON COLUMN v_township_year_indicator.document_sha IS 'documents.sha256 of the report.';
COMMENT ON COLUMN v_township_year_indicator.file_name IS 'File name of the report as received.';
COMMENT ON COLUMN v_township_year_indicator.mentions IS 'How many times the report states this indicator.';
-- v_yoy
COMMENT ON COLUMN v_yoy.township IS 'Canonical township name (townships.name), e.g. 清溪街道.';
COMMENT ON COLUMN v_yoy.year IS 'The year the report is about.';
COMMENT ON COLUMN v_yoy.indicator IS 'Indicator code (indicators.code), e.g. publicity_events.';
COMMENT ON COLUMN v_yoy.indicator_name IS 'Chinese name of the indicator, e.g. 普法宣传活动.';
COMMENT ON COLUMN v_yoy.value IS 'The number (Chinese numerals and 万/亿 read; clean of float noise), in the report''s unit.';
COMMENT ON COLUMN v_yoy.qualifier IS 'exact; over (余/多/以上); under (近/不足); about (约/左右).';
COMMENT ON COLUMN v_yoy.unit IS 'Measure word as the report wrote it, e.g. 场, 人次, 批次.';
COMMENT ON COLUMN v_yoy.aggregate IS 'sum (a count or amount: county totals add up) or rate (a percentage: never summed).';
COMMENT ON COLUMN v_yoy.previous_value IS 'Last year''s headline value of the same township and indicator.';
COMMENT ON COLUMN v_yoy.previous_qualifier IS 'Qualifier of last year''s value.';
COMMENT ON COLUMN v_yoy.previous_unit IS 'Unit of last year''s value.';
COMMENT ON COLUMN v_yoy.comparable IS 'True when this year''s and last year''s values are in one unit group (both add up, or the same unit).';
COMMENT ON COLUMN v_yoy.change_abs IS 'value - previous_value (percentage points for a rate); NULL across unit groups.';
COMMENT ON COLUMN v_yoy.change_pct IS 'Change in percent of last year''s value; NULL for a rate, across unit groups, or when last year was 0 or missing.';

-- The review's columns (issue 13), commented like the others.
-- v_corrections_latest
COMMENT ON COLUMN v_corrections_latest.id IS 'corrections.id: the latest for a cell counts.';
COMMENT ON COLUMN v_corrections_latest.township IS 'Canonical township name (townships.name), e.g. 清溪街道.';
COMMENT ON COLUMN v_corrections_latest.year IS 'The year the report is about.';
COMMENT ON COLUMN v_corrections_latest.indicator IS 'Indicator code (indicators.code), e.g. publicity_events.';
COMMENT ON COLUMN v_corrections_latest.action IS 'confirm, correct, remove or add.';
COMMENT ON COLUMN v_corrections_latest.document_sha IS 'The report the decision was made on (the current one).';
COMMENT ON COLUMN v_corrections_latest.statistic_ordinal IS 'statistics.ordinal of the extracted number decided on (NULL for add).';
COMMENT ON COLUMN v_corrections_latest.extracted_value IS 'The value the table showed when the clerk decided (NULL for add).';
COMMENT ON COLUMN v_corrections_latest.extracted_unit IS 'The unit as the report was read.';
COMMENT ON COLUMN v_corrections_latest.extracted_qualifier IS 'The qualifier as the report was read.';
COMMENT ON COLUMN v_corrections_latest.extracted_quote IS 'The quote of the extracted number decided on.';
COMMENT ON COLUMN v_corrections_latest.value IS 'The value that counts after the decision (NULL for remove).';
COMMENT ON COLUMN v_corrections_latest.unit IS 'Its unit.';
COMMENT ON COLUMN v_corrections_latest.qualifier IS 'Its qualifier.';
COMMENT ON COLUMN v_corrections_latest.reason IS 'The clerk''s reason (备注).';
COMMENT ON COLUMN v_corrections_latest.who IS 'Who decided.';
COMMENT ON COLUMN v_corrections_latest.decided_at IS 'When the decision was recorded (UTC).';
COMMENT ON COLUMN v_corrections_latest.via IS 'workbook, command, web, or carried (copied onto a newer report by a load).';
COMMENT ON COLUMN v_corrections_latest.carried_from IS 'corrections.id of the decision on the replaced report this one carries over.';
-- v_corrections_effective
COMMENT ON COLUMN v_corrections_effective.id IS 'corrections.id: the latest for a cell counts.';
COMMENT ON COLUMN v_corrections_effective.township IS 'Canonical township name (townships.name), e.g. 清溪街道.';
COMMENT ON COLUMN v_corrections_effective.year IS 'The year the report is about.';
COMMENT ON COLUMN v_corrections_effective.indicator IS 'Indicator code (indicators.code), e.g. publicity_events.';
COMMENT ON COLUMN v_corrections_effective.action IS 'confirm, correct, remove or add.';
COMMENT ON COLUMN v_corrections_effective.document_sha IS 'The report the decision was made on (the current one).';
COMMENT ON COLUMN v_corrections_effective.statistic_ordinal IS 'statistics.ordinal of the extracted number decided on (NULL for add).';
COMMENT ON COLUMN v_corrections_effective.extracted_value IS 'The value the table showed when the clerk decided (NULL for add).';
COMMENT ON COLUMN v_corrections_effective.extracted_unit IS 'The unit as the report was read.';
COMMENT ON COLUMN v_corrections_effective.extracted_qualifier IS 'The qualifier as the report was read.';
COMMENT ON COLUMN v_corrections_effective.extracted_quote IS 'The quote of the extracted number decided on.';
COMMENT ON COLUMN v_corrections_effective.value IS 'The value that counts after the decision (NULL for remove).';
COMMENT ON COLUMN v_corrections_effective.unit IS 'Its unit.';
COMMENT ON COLUMN v_corrections_effective.qualifier IS 'Its qualifier.';
COMMENT ON COLUMN v_corrections_effective.reason IS 'The clerk''s reason (备注).';
COMMENT ON COLUMN v_corrections_effective.who IS 'Who decided.';
COMMENT ON COLUMN v_corrections_effective.decided_at IS 'When the decision was recorded (UTC).';
COMMENT ON COLUMN v_corrections_effective.via IS 'workbook, command, web, or carried (copied onto a newer report by a load).';
COMMENT ON COLUMN v_corrections_effective.carried_from IS 'corrections.id of the decision on the replaced report this one carries over.';
-- v_cells
COMMENT ON COLUMN v_cells.township IS 'Canonical township name (townships.name), e.g. 清溪街道.';
COMMENT ON COLUMN v_cells.year IS 'The year the report is about.';
COMMENT ON COLUMN v_cells.county IS 'County (县/区) of the township.';
COMMENT ON COLUMN v_cells.province IS 'Province as the report states it.';
COMMENT ON COLUMN v_cells.indicator IS 'Indicator code (indicators.code), e.g. publicity_events.';
COMMENT ON COLUMN v_cells.indicator_name IS 'Chinese name of the indicator, e.g. 普法宣传活动.';
COMMENT ON COLUMN v_cells.value IS 'The value that counts: the clerk''s when corrected or added, NULL when removed or confirmed absent, else the extracted one.';
COMMENT ON COLUMN v_cells.unit IS 'Unit of the value that counts.';
COMMENT ON COLUMN v_cells.catalog_unit IS 'The indicator''s canonical unit in the catalog, e.g. 次.';
COMMENT ON COLUMN v_cells.qualifier IS 'Qualifier of the value that counts.';
COMMENT ON COLUMN v_cells.quote IS 'The words of the report stating the extracted number.';
COMMENT ON COLUMN v_cells.page IS '1-based page of the quote; NULL for formats without pages.';
COMMENT ON COLUMN v_cells.is_total IS 'The quote states a total (共/累计/全年/合计, not 其中).';
COMMENT ON COLUMN v_cells.document_sha IS 'documents.sha256 of the report.';
COMMENT ON COLUMN v_cells.file_name IS 'File name of the report as received.';
COMMENT ON COLUMN v_cells.title IS 'The report''s title.';
COMMENT ON COLUMN v_cells.ocr IS 'True when the text was read by OCR from a scan: check the number against the page.';
COMMENT ON COLUMN v_cells.mentions IS 'How many times the report states this indicator (0 for a value only a clerk gave).';
COMMENT ON COLUMN v_cells.ordinal IS 'statistics.ordinal of the extracted number shown (NULL when none was extracted).';
COMMENT ON COLUMN v_cells.extracted_value IS 'The value as the report was read (NULL when nothing was extracted); value is what counts.';
COMMENT ON COLUMN v_cells.extracted_unit IS 'The unit as the report was read.';
COMMENT ON COLUMN v_cells.extracted_qualifier IS 'The qualifier as the report was read.';
COMMENT ON COLUMN v_cells.review IS 'The clerk''s review: corrected (a decision changed, removed or added the value), confirmed, doubtful (to be checked: see doubts), or NULL.';
COMMENT ON COLUMN v_cells.review_action IS 'The decision that counts: confirm, correct, remove or add.';
COMMENT ON COLUMN v_cells.correction_id IS 'corrections.id of that decision.';
COMMENT ON COLUMN v_cells.reviewed_by IS 'Who made it.';
COMMENT ON COLUMN v_cells.reviewed_at IS 'When (UTC).';
COMMENT ON COLUMN v_cells.review_reason IS 'The clerk''s reason (备注).';
COMMENT ON COLUMN v_cells.doubts IS 'Why to check the value, in Chinese sentences (empty once a decision counts).';
-- v_headline
COMMENT ON COLUMN v_headline.extracted_value IS 'The value as the report was read (NULL when nothing was extracted); value is what counts.';
COMMENT ON COLUMN v_headline.extracted_unit IS 'The unit as the report was read.';
COMMENT ON COLUMN v_headline.extracted_qualifier IS 'The qualifier as the report was read.';
COMMENT ON COLUMN v_headline.review IS 'The clerk''s review: corrected (a decision changed, removed or added the value), confirmed, doubtful (to be checked: see doubts), or NULL.';
COMMENT ON COLUMN v_headline.doubts IS 'Why to check the value, in Chinese sentences (empty once a decision counts).';
-- v_yoy
COMMENT ON COLUMN v_yoy.review IS 'The clerk''s review: corrected (a decision changed, removed or added the value), confirmed, doubtful (to be checked: see doubts), or NULL.';
-- v_township_year_indicator
COMMENT ON COLUMN v_township_year_indicator.extracted_value IS 'The value as the report was read (NULL when nothing was extracted); value is what counts.';
COMMENT ON COLUMN v_township_year_indicator.review IS 'The clerk''s review: corrected (a decision changed, removed or added the value), confirmed, doubtful (to be checked: see doubts), or NULL.';
COMMENT ON COLUMN v_township_year_indicator.doubts IS 'Why to check the value, in Chinese sentences (empty once a decision counts).';
-- v_review_queue
COMMENT ON COLUMN v_review_queue.township IS 'Canonical township name (townships.name), e.g. 清溪街道.';
COMMENT ON COLUMN v_review_queue.year IS 'The year the report is about.';
COMMENT ON COLUMN v_review_queue.county IS 'County (县/区) of the township.';
COMMENT ON COLUMN v_review_queue.indicator IS 'Indicator code (indicators.code), e.g. publicity_events.';
COMMENT ON COLUMN v_review_queue.indicator_name IS 'Chinese name of the indicator, e.g. 普法宣传活动.';
COMMENT ON COLUMN v_review_queue.kind IS 'cell (a value the table shows is doubtful) or not_found (the table has no value but the report seems to state one; doubts names the numbers).';
COMMENT ON COLUMN v_review_queue.value IS 'The extracted value (NULL for not_found).';
COMMENT ON COLUMN v_review_queue.unit IS 'Its unit.';
COMMENT ON COLUMN v_review_queue.qualifier IS 'Its qualifier.';
COMMENT ON COLUMN v_review_queue.quote IS 'The words of the report stating the extracted number.';
COMMENT ON COLUMN v_review_queue.page IS '1-based page of the quote; NULL for formats without pages.';
COMMENT ON COLUMN v_review_queue.file_name IS 'File name of the report as received.';
COMMENT ON COLUMN v_review_queue.document_sha IS 'documents.sha256 of the report.';
COMMENT ON COLUMN v_review_queue.ordinal IS 'statistics.ordinal of the extracted number shown (NULL when none was extracted).';
COMMENT ON COLUMN v_review_queue.doubts IS 'Why to check it, in Chinese.';
-- v_corrections_audit
COMMENT ON COLUMN v_corrections_audit.step_at IS 'When the step happened (UTC): the decision, or the load that carried it over or made it void.';
COMMENT ON COLUMN v_corrections_audit.step_by IS 'Who did the step: the clerk, or 系统 for what a load did.';
COMMENT ON COLUMN v_corrections_audit.step IS '确认 / 更正 / 删除 / 补录 / 沿用到新报告 / 报告已更新，请重新核对.';
COMMENT ON COLUMN v_corrections_audit.township IS 'Canonical township name (townships.name), e.g. 清溪街道.';
COMMENT ON COLUMN v_corrections_audit.year IS 'The year the report is about.';
COMMENT ON COLUMN v_corrections_audit.indicator IS 'Indicator code (indicators.code), e.g. publicity_events.';
COMMENT ON COLUMN v_corrections_audit.indicator_name IS 'Chinese name of the indicator, e.g. 普法宣传活动.';
COMMENT ON COLUMN v_corrections_audit.action IS 'confirm, correct, remove or add.';
COMMENT ON COLUMN v_corrections_audit.extracted_value IS 'The value the table showed when the decision was made.';
COMMENT ON COLUMN v_corrections_audit.extracted_unit IS 'The unit as the report was read.';
COMMENT ON COLUMN v_corrections_audit.extracted_qualifier IS 'The qualifier as the report was read.';
COMMENT ON COLUMN v_corrections_audit.value IS 'The value that counts after the decision.';
COMMENT ON COLUMN v_corrections_audit.unit IS 'Its unit.';
COMMENT ON COLUMN v_corrections_audit.qualifier IS 'Its qualifier.';
COMMENT ON COLUMN v_corrections_audit.reason IS 'The clerk''s reason (备注).';
COMMENT ON COLUMN v_corrections_audit.decided_by IS 'Who made the decision the step is about.';
COMMENT ON COLUMN v_corrections_audit.via IS 'workbook, command, web, carried, or recheck (a newer report made the decision void).';
COMMENT ON COLUMN v_corrections_audit.file_name IS 'File name of the report as received.';
COMMENT ON COLUMN v_corrections_audit.document_sha IS 'The report of the step (for a re-check: the newer report).';
COMMENT ON COLUMN v_corrections_audit.correction_id IS 'corrections.id the step is about.';
COMMENT ON COLUMN v_corrections_audit.carried_from IS 'corrections.id of the decision on the replaced report this one carries over.';
COMMENT ON COLUMN v_corrections_audit.in_effect IS 'True for the decisions that count now.';
-- v_mentions
COMMENT ON COLUMN v_mentions.role IS 'total, part or plain as the extractor decided (NULL when loaded before it did).';
COMMENT ON COLUMN v_mentions.confidence IS 'The extractor''s confidence in the indicator, 0..1 (NULL when loaded before).';
COMMENT ON COLUMN v_mentions.evidence IS 'What decided the indicator: cue, place, distance, generic, rule, role_by (NULL when loaded before).';
-- v_headline_computed
COMMENT ON COLUMN v_headline_computed.ordinal IS 'statistics.ordinal of the headline statistic.';
