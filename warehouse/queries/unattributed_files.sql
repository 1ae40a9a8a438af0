-- Files received that could not be read or failed validation and that neither their text nor their
-- path ties to a township. One whose path names a year belongs to that year; one that names no year
-- belongs to the reporting year of the day it arrived (reports on year Y arrive in Y+1, as the yearly
-- rollup assumes), so a year's table already signed does not change when a nameless file turns up later.
SELECT file_name, path, status, error
FROM v_received_files
WHERE status IN ('rejected', 'quarantined') AND township IS NULL
  AND coalesce(year, year(ingested_at) - 1) = $year
ORDER BY ingested_at, file_name
