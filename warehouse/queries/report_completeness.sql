-- The required parts of each current report of the year (v_report_completeness), for one county,
-- one province or all.
SELECT township, file_name, part, part_name, part_short, present, heading, page
FROM v_report_completeness
WHERE year = $year
  AND ($county::VARCHAR IS NULL OR township IN (SELECT name FROM townships WHERE county = $county))
  AND ($province::VARCHAR IS NULL OR township IN (SELECT township FROM documents WHERE province = $province))
ORDER BY township, position
