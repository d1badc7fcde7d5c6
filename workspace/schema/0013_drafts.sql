-- A reply being written, one per conversation, kept across switching conversation, pane,
-- workspace and a restart. Local to this machine: a draft is not shared work yet, so it is
-- not journaled; it goes when the reply is queued or discarded.
CREATE TABLE drafts (
    conversation_id INTEGER PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
    body            TEXT NOT NULL,
    account_id      TEXT NOT NULL DEFAULT '',
    faq_id          TEXT NOT NULL DEFAULT '',
    updated_at      INTEGER NOT NULL
);
