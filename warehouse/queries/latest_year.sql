-- The newest reporting year with a loaded report.
SELECT max(year) FROM documents WHERE status = 'loaded' AND is_current
