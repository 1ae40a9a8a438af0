-- Every file or row a clerk must look at, per run: files that could not be read (until a later run reads
-- them), documents and rows quarantined by validation (a quarantined document's own rows are counted,
-- not listed), and warnings.
WITH quarantined_documents AS (
    SELECT DISTINCT load_id, document_sha FROM quarantine WHERE kind = 'document'
)
SELECT f.load_id, 'rejected' AS kind, NULL AS rule, f.file_name, f.township, f.year, NULL AS indicator,
       NULL AS quote, f.reason, 0 AS rows_inside
FROM load_files f
WHERE f.outcome = 'rejected'
  -- a file read by a later run (loaded or quarantined then) is no longer a problem of this kind
  AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.sha256 = f.sha256 AND d.status IN ('loaded', 'quarantined'))
UNION ALL
SELECT q.load_id, 'quarantined_document', q.rule, d.file_name, q.township, q.year, NULL, NULL, q.reason,
       (SELECT count(*) FROM quarantine s WHERE s.load_id = q.load_id AND s.document_sha = q.document_sha
                                            AND s.kind = 'statistic') AS rows_inside
FROM quarantine q
LEFT JOIN documents d ON d.sha256 = q.document_sha
WHERE q.kind = 'document'
UNION ALL
SELECT q.load_id, 'quarantined_row', q.rule, d.file_name, q.township, q.year,
       coalesce(i.name, q.indicator), json_extract_string(q.data, '$.quote'), q.reason, 0
FROM quarantine q
LEFT JOIN documents d ON d.sha256 = q.document_sha
LEFT JOIN indicators i ON i.code = q.indicator
WHERE q.kind = 'statistic'
  AND NOT EXISTS (SELECT 1 FROM quarantined_documents x WHERE x.load_id = q.load_id AND x.document_sha = q.document_sha)
UNION ALL
SELECT r.load_id, 'read_warning', NULL, d.file_name, d.township, d.year, NULL, NULL, r.message, 0
FROM document_warnings r
LEFT JOIN documents d ON d.sha256 = r.document_sha
UNION ALL
SELECT w.load_id, 'warning', w.rule, d.file_name, d.township, d.year, coalesce(i.name, s.indicator), s.quote,
       w.reason, 0
FROM warnings w
LEFT JOIN documents d ON d.sha256 = w.document_sha
LEFT JOIN statistics s ON s.document_sha = w.document_sha AND s.ordinal = w.statistic_ordinal
LEFT JOIN indicators i ON i.code = s.indicator
ORDER BY 1, 2, 4
