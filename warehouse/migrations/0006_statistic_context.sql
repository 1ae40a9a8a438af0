-- 0006: the words before each statistic's quote in its sentence, so the clerk's review can list a number whose
-- own clause names no indicator under the indicator its sentence names (依托民情热线和信访平台，及时跟进办结36件).
-- Rows loaded before this migration keep NULL (not known).
ALTER TABLE statistics ADD COLUMN context VARCHAR;
COMMENT ON COLUMN statistics.context IS 'The words before the quote in its sentence (after the last 。；！？ or line break, at most 60 characters); empty at a sentence''s start, NULL when loaded before it was kept.';
