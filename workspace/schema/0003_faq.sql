-- FAQ entries, alternative phrasings, usage counts, full-text index.
-- Owned by the FAQ work; this placeholder reserves the number.
SELECT 1;
