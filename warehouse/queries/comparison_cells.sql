-- The headline values of a year and of the year before, with the clerk's decisions applied (v_headline:
-- corrected values, review mark, the extracted value beside), for one county, one province or all of the
-- warehouse (NULL county / province = no filter). The selection is filtered first, so a national
-- warehouse costs what one county's rows cost. Units, totals and ranks are worked out in compare.py.
SELECT township, year, indicator, value, unit, qualifier, quote, page, file_name, document_sha,
       coalesce(ocr, false) AS ocr, review AS mark, extracted_value, extracted_unit
FROM v_headline
WHERE year IN ($year, $year - 1)
  AND ($county::VARCHAR IS NULL OR county = $county)
  AND ($province::VARCHAR IS NULL OR province = $province)
