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
        s.value,
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
    count(*) OVER (PARTITION BY township, year, indicator) AS mentions
FROM v_mentions
QUALIFY headline_rank = 1 AND indicator <> 'other';
COMMENT ON VIEW v_headline_computed IS 'The headline rule evaluated over every mention (slow on a large warehouse): what the loader writes into the headlines table.';

CREATE OR REPLACE VIEW v_headline AS
SELECT
    h.township, h.year, h.county, h.province, h.indicator, coalesce(i.name, h.indicator) AS indicator_name,
    h.value, h.unit, h.catalog_unit, h.qualifier, h.quote, h.page, h.is_total, h.document_sha, h.file_name,
    h.title, h.ocr, h.mentions
FROM headlines h
LEFT JOIN indicators i ON i.code = h.indicator;
COMMENT ON VIEW v_headline IS 'One headline value per township, year and indicator from the current report (rule in views.sql), long form. mentions = how many times the report states the indicator.';

CREATE OR REPLACE VIEW v_yoy AS
SELECT
    h.township, h.year, h.indicator, h.indicator_name, h.value, h.qualifier, h.unit,
    p.value AS previous_value,
    p.qualifier AS previous_qualifier,
    h.value - p.value AS change_abs,
    CASE WHEN p.value IS NULL OR p.value = 0 THEN NULL
         ELSE round((h.value - p.value) / abs(p.value) * 100, 1) END AS change_pct
FROM v_headline h
LEFT JOIN v_headline p
       ON p.township = h.township AND p.indicator = h.indicator AND p.year = h.year - 1;
COMMENT ON VIEW v_yoy IS 'Change on the previous calendar year (较上年) per township and indicator: absolute and percent (NULL when last year is missing or zero).';

CREATE OR REPLACE VIEW v_rank AS
SELECT
    township, year, county, indicator, indicator_name, value,
    rank() OVER (PARTITION BY coalesce(county, ''), year, indicator ORDER BY value DESC) AS rank,
    count(*) OVER (PARTITION BY coalesce(county, ''), year, indicator) AS ranked
FROM v_headline;
COMMENT ON VIEW v_rank IS 'Rank (1 = largest) of each township''s headline value within its county, year and indicator; ties share a rank. ranked = how many townships reported it.';

CREATE OR REPLACE VIEW v_township_year_indicator AS
SELECT
    h.township, h.year, h.county, h.indicator, h.indicator_name, h.value, h.unit, h.catalog_unit, h.qualifier,
    y.previous_value, y.change_abs, y.change_pct, r.rank, r.ranked,
    h.quote, h.page, h.document_sha, h.file_name, h.mentions
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
