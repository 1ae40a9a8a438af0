-- The townships of the selection, by name (used when no registry gives the order).
SELECT name FROM townships
WHERE ($county::VARCHAR IS NULL OR county = $county)
  AND ($province::VARCHAR IS NULL OR name IN (SELECT township FROM documents WHERE province = $province))
ORDER BY name
