-- Mail: folders and their sync state, messages (raw bytes kept), conversations, contacts, full-text index.
-- Owned by the mail sync work; this placeholder reserves the number.
SELECT 1;
