-- A message's content fingerprint (mail.ContentFingerprint): two messages with the same
-- Message-ID are one message only when their content is the same too. Rows stored before
-- this column have '' and get theirs from message_raw when a namesake arrives.
ALTER TABLE messages ADD COLUMN fingerprint TEXT NOT NULL DEFAULT '';

-- Search in scripts written without spaces (Chinese, Japanese, Thai, ...): unicode61 sees
-- a whole run as one word, so a word inside it is never found. grams holds those runs as
-- overlapping two-character tokens (mail.SearchGrams), searched as phrases by
-- mail.FTSQuery; Latin and Cyrillic keep the diacritics-folding tokens they had. The
-- index gains the column, so it is rebuilt; grams of rows stored before this migration
-- are filled in by the next sync (mail.Store.Ingest).
ALTER TABLE messages ADD COLUMN grams TEXT NOT NULL DEFAULT '';
DROP TRIGGER messages_fts_delete;
DROP TRIGGER messages_fts_update;
DROP TABLE messages_fts;
CREATE VIRTUAL TABLE messages_fts USING fts5 (
    subject, body, sender, grams,
    content = 'messages', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, subject, body, sender, grams)
        VALUES ('delete', old.id, old.subject, old.body, old.sender, old.grams);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF subject, body, sender, grams ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, subject, body, sender, grams)
        VALUES ('delete', old.id, old.subject, old.body, old.sender, old.grams);
    INSERT INTO messages_fts (rowid, subject, body, sender, grams)
        VALUES (new.id, new.subject, new.body, new.sender, new.grams);
END;
