-- Every ingestion run, newest first, with what happened to its files and rows.
SELECT load_id, started_at, finished_at, source, status, error, files, documents_loaded, documents_unchanged,
       documents_rejected, documents_quarantined, documents_superseded, statistics_loaded,
       statistics_quarantined, warnings
FROM loads
ORDER BY started_at DESC, load_id DESC
