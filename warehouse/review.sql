-- The clerk's review: the SQL behind warehouse/review_facts.py, warehouse/corrections.py and
-- warehouse/review.py, one "-- name: x" section per statement ($name parameters).
-- A scope is a list of (county, year) pairs passed as two lists ($counties, $years); '' stands for no county.

-- name: counties_of_townships
SELECT DISTINCT coalesce(t.county, d.county, '') AS county, d.year
FROM documents d
LEFT JOIN townships t ON t.name = d.township
WHERE d.is_current AND d.status = 'loaded' AND d.year IS NOT NULL
  AND d.township IN (SELECT unnest($townships::VARCHAR[]));

-- name: all_county_years
SELECT DISTINCT coalesce(t.county, d.county, '') AS county, d.year
FROM documents d
LEFT JOIN townships t ON t.name = d.township
WHERE d.is_current AND d.status = 'loaded' AND d.year IS NOT NULL AND d.township IS NOT NULL;

-- name: reports_in_scope
SELECT d.township, d.year, coalesce(t.county, d.county, '') AS county, d.sha256
FROM documents d
LEFT JOIN townships t ON t.name = d.township
JOIN (SELECT unnest($counties::VARCHAR[]) AS county, unnest($years::INTEGER[]) AS year) k
  ON k.county = coalesce(t.county, d.county, '') AND k.year = d.year
WHERE d.is_current AND d.status = 'loaded' AND d.township IS NOT NULL;

-- name: statistics_of
SELECT document_sha, ordinal, indicator, value, unit, qualifier, quote, role, confidence, evidence, ocr, page, context
FROM statistics
WHERE document_sha IN (SELECT unnest($shas::VARCHAR[]))
ORDER BY document_sha, ordinal;

-- name: headlines_of
SELECT document_sha, indicator, ordinal
FROM headlines
WHERE document_sha IN (SELECT unnest($shas::VARCHAR[]));

-- name: warnings_of
SELECT document_sha, statistic_ordinal, reason
FROM warnings
WHERE document_sha IN (SELECT unnest($shas::VARCHAR[])) AND statistic_ordinal IS NOT NULL;

-- name: values_in_scope
-- The values that count (decisions applied) of the scope's county-years: peers and last year's values.
SELECT township, year, coalesce(county, '') AS county, indicator, value, unit
FROM v_cells
JOIN (SELECT unnest($counties::VARCHAR[]) AS k_county, unnest($years::INTEGER[]) AS k_year)
  ON k_county = coalesce(county, '') AND k_year = year
WHERE value IS NOT NULL;

-- name: decided_cells
-- Per cell of the given reports' townships and years: whether any decision was ever made, and whether one counts.
SELECT c.township, c.year, c.indicator, bool_or(e.id IS NOT NULL) AS in_effect
FROM corrections c
LEFT JOIN v_corrections_effective e ON e.id = c.id
WHERE c.township IN (SELECT unnest($townships::VARCHAR[])) AND c.year IN (SELECT unnest($years::INTEGER[]))
GROUP BY c.township, c.year, c.indicator;

-- name: delete_doubts
DELETE FROM cell_doubts
WHERE township IN (SELECT unnest($townships::VARCHAR[]))
   OR EXISTS (SELECT 1 FROM (SELECT unnest($counties::VARCHAR[]) AS county, unnest($years::INTEGER[]) AS year) k
              WHERE k.county = coalesce(cell_doubts.county, '') AND k.year = cell_doubts.year);

-- name: clear_headline_doubts
UPDATE headlines SET doubt_codes = NULL, doubts = NULL
WHERE doubt_codes IS NOT NULL
  AND (township IN (SELECT unnest($townships::VARCHAR[]))
       OR EXISTS (SELECT 1 FROM (SELECT unnest($counties::VARCHAR[]) AS county, unnest($years::INTEGER[]) AS year) k
                  WHERE k.county = coalesce(headlines.county, '') AND k.year = headlines.year));

-- name: delete_all_doubts
DELETE FROM cell_doubts;

-- name: clear_all_headline_doubts
UPDATE headlines SET doubt_codes = NULL, doubts = NULL WHERE doubt_codes IS NOT NULL;

-- name: set_headline_doubts
UPDATE headlines SET doubt_codes = u.codes, doubts = u.reasons
FROM (SELECT unnest($townships::VARCHAR[]) AS township, unnest($years::INTEGER[]) AS year,
             unnest($indicators::VARCHAR[]) AS indicator, unnest($codes::VARCHAR[][]) AS codes,
             unnest($reasons::VARCHAR[][]) AS reasons) u
WHERE headlines.township = u.township AND headlines.year = u.year AND headlines.indicator = u.indicator;

-- name: insert_doubts
INSERT INTO cell_doubts (township, year, indicator, county, document_sha, kind, codes, reasons, candidates)
SELECT unnest($townships::VARCHAR[]), unnest($years::INTEGER[]), unnest($indicators::VARCHAR[]),
       unnest($counties::VARCHAR[]), unnest($shas::VARCHAR[]), unnest($kinds::VARCHAR[]),
       unnest($codes::VARCHAR[][]), unnest($reasons::VARCHAR[][]), unnest($candidates::INTEGER[][]);

-- name: delete_decisions
-- The decision in effect per cell of the given townships, recomputed after their headlines or decisions changed.
DELETE FROM cell_decisions WHERE township IN (SELECT unnest($townships::VARCHAR[]));

-- name: insert_decisions
INSERT INTO cell_decisions (township, year, indicator, county, province, document_sha, file_name, correction_id,
                            action, extracted_value, value, unit, qualifier, who, decided_at, reason)
SELECT e.township, e.year, e.indicator, coalesce(t.county, d.county), d.province, e.document_sha, d.file_name,
       e.id, e.action, e.extracted_value, e.value, e.unit, e.qualifier, e.who, e.decided_at, e.reason
FROM v_corrections_effective e
JOIN documents d ON d.sha256 = e.document_sha
LEFT JOIN townships t ON t.name = e.township
WHERE e.township IN (SELECT unnest($townships::VARCHAR[]));

-- name: doubt_rules_version
SELECT value FROM meta WHERE key = 'doubt_rules';

-- name: set_doubt_rules_version
INSERT OR REPLACE INTO meta (key, value) VALUES ('doubt_rules', $version);

-- name: review_key
SELECT value FROM meta WHERE key = 'review_key';

-- name: latest_decisions_on
-- The latest decision per cell on each replaced report (carry-over candidates).
SELECT id, township, year, indicator, action, document_sha, statistic_ordinal, extracted_value, extracted_unit,
       extracted_qualifier, extracted_quote, value, unit, qualifier, reason, who
FROM corrections
WHERE document_sha IN (SELECT unnest($shas::VARCHAR[]))
QUALIFY row_number() OVER (PARTITION BY township, year, indicator, document_sha ORDER BY id DESC) = 1;

-- name: headline_of_cell
SELECT h.document_sha, h.ordinal, h.value, h.unit, h.qualifier, h.quote
FROM headlines h
WHERE h.township = $township AND h.year = $year AND h.indicator = $indicator;

-- name: current_report
SELECT sha256, township, year, file_name FROM documents
WHERE is_current AND status = 'loaded' AND township = $township AND year = $year;

-- name: insert_correction
INSERT INTO corrections (township, year, indicator, action, document_sha, statistic_ordinal, extracted_value,
                         extracted_unit, extracted_qualifier, extracted_quote, value, unit, qualifier, reason, who,
                         decided_at, via, carried_from)
VALUES ($township, $year, $indicator, $action, $document_sha, $statistic_ordinal, $extracted_value,
        $extracted_unit, $extracted_qualifier, $extracted_quote, $value, $unit, $qualifier, $reason, $who, $at,
        $via, $carried_from)
RETURNING id;

-- name: cell_state
-- What a decision about one cell depends on: the current report, the number shown, the latest decision.
SELECT r.sha256 AS document_sha, h.ordinal, h.value, h.unit, h.qualifier, h.quote,
       (SELECT max(c.id) FROM corrections c
        WHERE c.township = $township AND c.year = $year AND c.indicator = $indicator) AS latest_correction
FROM (SELECT sha256 FROM documents
      WHERE is_current AND status = 'loaded' AND township = $township AND year = $year) r
LEFT JOIN headlines h ON h.document_sha = r.sha256 AND h.indicator = $indicator;

-- name: review_rows
-- The review queue (doubtful cells and not-found indicators) or every cell of a year, for the workbook.
SELECT q.township, q.year, q.indicator, q.indicator_name, q.kind, q.value, q.unit, q.qualifier, q.quote, q.page,
       q.file_name, q.document_sha, q.ordinal, q.doubts, c.review, c.review_action, c.reviewed_by
FROM (
    SELECT township, year, county, indicator, indicator_name, kind, value, unit, qualifier, quote, page, file_name,
           document_sha, ordinal, doubts
    FROM v_review_queue
    UNION ALL
    SELECT township, year, county, indicator, indicator_name, 'cell', extracted_value, extracted_unit,
           extracted_qualifier, quote, page, file_name, document_sha, ordinal, doubts
    FROM v_cells
    WHERE $all AND coalesce(review, '') <> 'doubtful'
    UNION ALL
    -- with $all, the table's empty cells of each township that reported: a clerk may add a value there
    SELECT d.township, d.year, coalesce(t.county, d.county), cols.indicator, coalesce(i.name, cols.indicator),
           'not_found', NULL, NULL, NULL, NULL, NULL, d.file_name, d.sha256, NULL, []::VARCHAR[]
    FROM documents d
    LEFT JOIN townships t ON t.name = d.township
    CROSS JOIN (SELECT DISTINCT indicator FROM v_cells WHERE year = $year AND value IS NOT NULL) cols
    LEFT JOIN indicators i ON i.code = cols.indicator
    WHERE $all AND d.is_current AND d.status = 'loaded' AND d.year = $year AND d.township IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM v_cells c
                      WHERE c.township = d.township AND c.year = d.year AND c.indicator = cols.indicator)
      AND NOT EXISTS (SELECT 1 FROM v_review_queue x
                      WHERE x.township = d.township AND x.year = d.year AND x.indicator = cols.indicator)
) q
LEFT JOIN v_cells c ON c.township = q.township AND c.year = q.year AND c.indicator = q.indicator
WHERE q.year = $year AND ($county::VARCHAR IS NULL OR q.county = $county);

-- name: mentions_of_cells
SELECT s.document_sha, s.indicator, s.ordinal, s.value, s.unit, s.qualifier, s.quote, s.page
FROM statistics s
WHERE s.document_sha IN (SELECT unnest($shas::VARCHAR[]))
ORDER BY s.document_sha, s.start_offset NULLS LAST, s.ordinal;

-- name: candidates_of
SELECT x.township, x.year, x.indicator, s.ordinal, s.value, s.unit, s.qualifier, s.quote, s.page, s.context,
       s.evidence.place
FROM cell_doubts x
JOIN statistics s ON s.document_sha = x.document_sha AND list_contains(x.candidates, s.ordinal)
WHERE x.kind = 'not_found' AND x.year = $year;

-- name: audit
SELECT step_at, step_by, step, township, year, indicator, indicator_name, action, extracted_value, extracted_unit,
       extracted_qualifier, value, unit, qualifier, reason, decided_by, via, file_name, document_sha, correction_id,
       carried_from, in_effect
FROM v_corrections_audit
WHERE ($township::VARCHAR IS NULL OR township = $township) AND ($year::INTEGER IS NULL OR year = $year);

-- name: cell_states
SELECT k.township, k.year, k.indicator, r.sha256, h.ordinal, h.value, h.unit, h.qualifier, h.quote, c.latest
FROM (SELECT unnest($townships::VARCHAR[]) AS township, unnest($years::INTEGER[]) AS year,
             unnest($indicators::VARCHAR[]) AS indicator) k
LEFT JOIN documents r ON r.is_current AND r.status = 'loaded' AND r.township = k.township AND r.year = k.year
LEFT JOIN headlines h ON h.document_sha = r.sha256 AND h.indicator = k.indicator
LEFT JOIN (SELECT township, year, indicator, max(id) AS latest FROM corrections GROUP BY township, year, indicator) c
       ON c.township = k.township AND c.year = k.year AND c.indicator = k.indicator;

-- name: report_cells
-- The values that count of given townships' reports for given years, for validating decisions.
SELECT c.township, c.year, c.indicator, c.value, c.unit, c.qualifier, c.quote, c.document_sha, c.file_name
FROM v_cells c
WHERE c.value IS NOT NULL AND c.township IN (SELECT unnest($townships::VARCHAR[]))
  AND c.year IN (SELECT unnest($years::INTEGER[]));
