-- 0006: the words before each statistic's quote in its sentence, so the clerk's review can list a number whose
-- own clause names no indicator under the indicator its sentence names (联动民情热线及智慧信访平台，处理案件50余件).
-- Rows loaded before this migration keep NULL (not known).
ALTER TABLE statistics ADD COLUMN context VARCHAR;
COMMENT ON COLUMN statistics.context IS 'The words before the quote in its sentence (after the last 。；！？ or line break, at most 60 characters); empty at a sentence''s start, NULL when loaded before it was kept.';
