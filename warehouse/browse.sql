-- Read-only queries behind the workbench's pages (township_rollup/web) and warehouse/browse.py.
-- One statement per "-- name:" section; parameters are $named. Nothing here is ever formatted with data.

-- name: years
SELECT DISTINCT year FROM documents
WHERE status = 'loaded' AND is_current AND year IS NOT NULL
ORDER BY year DESC;

-- name: townships
SELECT name FROM townships ORDER BY name;

-- name: mentions
SELECT value, unit, qualifier, quote, page, start_offset, end_offset, heading_path, ocr, ordinal,
       document_sha, file_name, headline_rank, is_total
FROM v_mentions
WHERE township = $township AND year = $year AND indicator = $indicator
ORDER BY headline_rank;

-- name: document
SELECT sha256, file_name, path, format, pages, township, year, title, status, ocr, is_current,
       ingested_at, error, superseded_by
FROM documents WHERE sha256 = $sha;

-- name: current_document
SELECT sha256, file_name, path, format, pages, township, year, title, status, ocr, is_current,
       ingested_at, error, superseded_by
FROM documents
WHERE township = $township AND year = $year AND status = 'loaded' AND is_current;

-- name: township_series
SELECT year, indicator, indicator_name, value, unit, catalog_unit, qualifier
FROM v_headline WHERE township = $township
ORDER BY indicator, year;

-- name: township_documents
SELECT h.year, h.version, h.is_current, h.status, h.sha256, h.file_name, h.title, h.ingested_at, h.statistics,
       d.error, d.ocr, d.format, r.file_name AS superseded_by_file
FROM v_document_history h
JOIN documents d ON d.sha256 = h.sha256
LEFT JOIN documents r ON r.sha256 = h.superseded_by
WHERE h.township = $township
ORDER BY h.year DESC, h.version DESC;

-- name: quarantined
SELECT q.kind, q.township, q.year, q.indicator, q.rule, q.reason, d.file_name, q.quarantined_at,
       json_extract_string(q.data, '$.quote') AS quote,
       TRY_CAST(json_extract_string(q.data, '$.value') AS DOUBLE) AS value,
       json_extract_string(q.data, '$.unit') AS unit
FROM quarantine q
LEFT JOIN documents d ON d.sha256 = q.document_sha
ORDER BY q.quarantined_at DESC, q.id
LIMIT $limit;

-- name: warnings
SELECT d.township, d.year, s.indicator, s.value, s.unit, s.quote, w.rule, w.reason, d.file_name, w.created_at
FROM warnings w
LEFT JOIN documents d ON d.sha256 = w.document_sha
LEFT JOIN statistics s ON s.document_sha = w.document_sha AND s.ordinal = w.statistic_ordinal
ORDER BY w.created_at DESC, w.id
LIMIT $limit;

-- name: rejected
SELECT file_name, path, error, error_kind, ingested_at
FROM documents WHERE status = 'rejected'
ORDER BY ingested_at DESC
LIMIT $limit;

-- name: loads
SELECT load_id, started_at, finished_at, source, status, error, files, documents_loaded, documents_unchanged,
       documents_rejected, documents_quarantined, documents_superseded, statistics_loaded, warnings
FROM loads
ORDER BY started_at DESC
LIMIT $limit;

-- name: load_files
-- A run of many reports loads in sub-batches whose load ids share the run's id as prefix (run-1, run-2, ...).
SELECT f.load_id, f.path, f.file_name, f.sha256, f.outcome, f.township, f.year, f.reason, d.error_kind,
       (SELECT string_agg(o.file_name, '、') FROM documents o WHERE o.superseded_by = f.sha256
                                                             AND f.outcome = 'loaded') AS replaced
FROM load_files f
LEFT JOIN documents d ON d.sha256 = f.sha256
WHERE f.load_id = $run OR f.load_id LIKE $run || '-%'
ORDER BY CASE f.outcome WHEN 'rejected' THEN 0 WHEN 'quarantined' THEN 1 WHEN 'loaded' THEN 2 ELSE 3 END,
         f.file_name;

-- name: reader_warnings
-- What readers could not read of a loaded or quarantined report (document_warnings, migration 0003).
SELECT d.township, d.year, d.file_name, w.page, w.message, d.sha256
FROM document_warnings w
JOIN documents d ON d.sha256 = w.document_sha
WHERE $township::VARCHAR IS NULL OR d.township = $township
ORDER BY d.year DESC, d.township, d.file_name, w.position
LIMIT $limit;

-- name: township_completeness
-- Which required parts (report_parts) each current report of one township has, every year (v_report_completeness).
SELECT township, file_name, part, part_name, part_short, present, heading, page, year
FROM v_report_completeness
WHERE township = $township
ORDER BY year DESC, position;

-- name: cell_review
-- Where a table cell stands in the clerk's review (v_cells, issue 13): the value shown, the extracted one, the
-- decision in effect and the doubts still open.
SELECT review, review_action, value, unit, qualifier, extracted_value, extracted_unit, extracted_qualifier,
       reviewed_by, reviewed_at, review_reason, doubts
FROM v_cells WHERE township = $township AND year = $year AND indicator = $indicator;

-- name: cell_not_found
-- An indicator the report seems to state but the table lacks: why the review lists it.
SELECT doubts FROM v_review_queue
WHERE kind = 'not_found' AND township = $township AND year = $year AND indicator = $indicator;

