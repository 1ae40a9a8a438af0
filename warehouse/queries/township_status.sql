-- Each township's status for the year (v_township_status), for one county, one province or all.
SELECT township, status, file_name, reason, ocr, replaced, versions, other_files, read_warnings
FROM v_township_status
WHERE year = $year
  AND ($county::VARCHAR IS NULL OR county = $county)
  AND ($province::VARCHAR IS NULL OR township IN (SELECT township FROM documents WHERE province = $province))
