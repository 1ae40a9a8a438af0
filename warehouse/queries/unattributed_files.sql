-- Files received that could not be read or failed validation and that neither their text nor their
-- path ties to a township (and to this year, when the path names a year).
SELECT file_name, path, status, error
FROM v_received_files
WHERE status IN ('rejected', 'quarantined') AND township IS NULL AND (year IS NULL OR year = $year)
ORDER BY ingested_at, file_name
