-- The counties the warehouse's townships belong to (a county office's warehouse has one).
SELECT county FROM townships WHERE county IS NOT NULL GROUP BY county ORDER BY county
