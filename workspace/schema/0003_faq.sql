-- FAQ: the brand's prepared answers. Times are Unix milliseconds, UTC.
-- id is a UUID so a CSV exported from one workspace and imported into another never
-- mistakes its rows for entries that happen to share a number; seq is the stable rowid
-- the full-text index refers to.
CREATE TABLE faq_entries (
    seq              INTEGER PRIMARY KEY,
    id               TEXT NOT NULL UNIQUE,
    question         TEXT NOT NULL CHECK (question <> ''),
    question_key     TEXT NOT NULL,                   -- lowercased, diacritics and punctuation stripped: duplicate check
    phrasings        TEXT NOT NULL DEFAULT '[]',      -- JSON array of alternative questions
    answer           TEXT NOT NULL CHECK (answer <> ''),
    tags             TEXT NOT NULL DEFAULT '[]',      -- JSON array, lowercase
    lang             TEXT NOT NULL DEFAULT '',
    owner            TEXT NOT NULL DEFAULT '',
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    last_reviewed_at INTEGER NOT NULL,                -- set when written, edited or marked reviewed
    uses             INTEGER NOT NULL DEFAULT 0,      -- answers inserted into replies
    deleted_at       INTEGER                          -- soft delete, so a delete can be undone
);

-- Two live entries never answer the same question; a deleted one may share it.
CREATE UNIQUE INDEX faq_entries_question ON faq_entries (question_key) WHERE deleted_at IS NULL;
CREATE INDEX faq_entries_deleted ON faq_entries (deleted_at);

-- Full-text index over the entries, kept in step by triggers. The phrasings and tags
-- columns hold JSON; the tokenizer treats its quotes and commas as separators.
CREATE VIRTUAL TABLE faq_fts USING fts5 (
    question, phrasings, answer, tags,
    content = 'faq_entries', content_rowid = 'seq',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER faq_entries_ai AFTER INSERT ON faq_entries BEGIN
    INSERT INTO faq_fts (rowid, question, phrasings, answer, tags)
    VALUES (new.seq, new.question, new.phrasings, new.answer, new.tags);
END;

CREATE TRIGGER faq_entries_ad AFTER DELETE ON faq_entries BEGIN
    INSERT INTO faq_fts (faq_fts, rowid, question, phrasings, answer, tags)
    VALUES ('delete', old.seq, old.question, old.phrasings, old.answer, old.tags);
END;

CREATE TRIGGER faq_entries_au AFTER UPDATE OF question, phrasings, answer, tags ON faq_entries BEGIN
    INSERT INTO faq_fts (faq_fts, rowid, question, phrasings, answer, tags)
    VALUES ('delete', old.seq, old.question, old.phrasings, old.answer, old.tags);
    INSERT INTO faq_fts (rowid, question, phrasings, answer, tags)
    VALUES (new.seq, new.question, new.phrasings, new.answer, new.tags);
END;
