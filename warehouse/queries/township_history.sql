-- Every year's headline values of some townships, with the sentence each came from.
SELECT township, year, indicator, value, unit, qualifier, quote, page, file_name
FROM headlines
WHERE township IN (SELECT unnest($townships::VARCHAR[]))
ORDER BY township, indicator, year
