-- How each indicator adds up over townships, from the catalog (core/data/indicators.yaml): the
-- views rank and compare with last year by these rules. Rows written before this migration keep
-- NULL until the next load writes the catalog; the views then read NULL as the catalog's defaults
-- (a % unit is a rate, more is better, only the indicator's own unit adds up).
ALTER TABLE indicators ADD COLUMN section VARCHAR;
ALTER TABLE indicators ADD COLUMN section_name VARCHAR;
ALTER TABLE indicators ADD COLUMN aggregate VARCHAR;
ALTER TABLE indicators ADD COLUMN better VARCHAR;
ALTER TABLE indicators ADD COLUMN adds VARCHAR[];
ALTER TABLE indicators ADD COLUMN rate_numerator VARCHAR;
ALTER TABLE indicators ADD COLUMN rate_denominator VARCHAR;
COMMENT ON COLUMN indicators.section IS 'Code of the report part the indicator belongs to (publicity, study, decisions, enforcement, disputes, safety); tables group by it.';
COMMENT ON COLUMN indicators.section_name IS 'Chinese name of the section, e.g. 普法宣传.';
COMMENT ON COLUMN indicators.aggregate IS 'sum (a count or amount: the county total adds townships up) or rate (a percentage: never summed; median and range). NULL: not yet written (rate when unit is %).';
COMMENT ON COLUMN indicators.better IS 'more (rank 1 = largest) or fewer (rank 1 = smallest: accidents, lost lawsuits, petitions). NULL: not yet written (more).';
COMMENT ON COLUMN indicators.adds IS 'Units whose values add up to the indicator (e.g. 次, 场, 场次, 期); a value in another unit is in no total and no ranking. NULL: not yet written (the unit alone).';
COMMENT ON COLUMN indicators.rate_numerator IS 'For a rate: the indicator whose county total is the numerator of the pooled rate, when the catalog names one.';
COMMENT ON COLUMN indicators.rate_denominator IS 'For a rate: the indicator whose county total is the denominator of the pooled rate.';
