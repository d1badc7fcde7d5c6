-- Mail: folders and their sync state, messages (raw bytes kept), conversations, contacts,
-- full-text index. Messages are keyed by Message-ID, not by (folder, UID): a UIDVALIDITY
-- change or the same mail in INBOX and Sent re-attaches to the same rows, so whatever a
-- later migration hangs on a message or a conversation (notes, labels, assignees) survives.

-- A folder of an account (account_id set) or a local folder of imported mail (NULL).
CREATE TABLE folders (
    id             INTEGER PRIMARY KEY,
    account_id     TEXT REFERENCES accounts (id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    role           TEXT NOT NULL DEFAULT '' CHECK (role IN ('inbox', 'sent', '')),
    uid_validity   INTEGER NOT NULL DEFAULT 0,
    uid_next       INTEGER NOT NULL DEFAULT 1, -- every UID below this one is stored
    highest_modseq INTEGER NOT NULL DEFAULT 0,
    server_count   INTEGER NOT NULL DEFAULT 0, -- messages on the server at the last sync
    resyncing      INTEGER NOT NULL DEFAULT 0, -- 1 while a UIDVALIDITY change is refetched
    last_sync_at   INTEGER,
    last_error     TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX folders_name ON folders (ifnull(account_id, ''), name);

CREATE TABLE contacts (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE, -- lower case
    name          TEXT NOT NULL DEFAULT '',
    first_seen_at INTEGER NOT NULL,
    last_seen_at  INTEGER NOT NULL,
    messages      INTEGER NOT NULL DEFAULT 0 -- messages this contact sent
);

-- status is the Inbox's (new, open, waiting, snoozed, resolved, spam, abuse); checked there.
-- A conversation is never deleted by sync: one whose messages were all expunged keeps its
-- status and whatever hangs on it, and is hidden (messages = 0).
CREATE TABLE conversations (
    id               INTEGER PRIMARY KEY,
    subject          TEXT NOT NULL DEFAULT '',
    subject_key      TEXT NOT NULL DEFAULT '', -- for threading mail without references
    contact_id       INTEGER REFERENCES contacts (id),
    status           TEXT NOT NULL DEFAULT 'new',
    messages         INTEGER NOT NULL DEFAULT 0,
    unread           INTEGER NOT NULL DEFAULT 0,
    snippet          TEXT NOT NULL DEFAULT '',
    first_message_at INTEGER NOT NULL DEFAULT 0,
    last_message_at  INTEGER NOT NULL DEFAULT 0,
    last_inbound_at  INTEGER NOT NULL DEFAULT 0, -- last message from the customer
    last_outbound_at INTEGER NOT NULL DEFAULT 0, -- last message from us
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);
CREATE INDEX conversations_recent ON conversations (last_message_at DESC) WHERE messages > 0;
CREATE INDEX conversations_status ON conversations (status, last_message_at DESC) WHERE messages > 0;
CREATE INDEX conversations_fallback ON conversations (subject_key, contact_id, last_message_at);

-- flags: 1 \Seen, 2 \Answered, 4 \Flagged (the OR over the message's locations).
CREATE TABLE messages (
    id              INTEGER PRIMARY KEY,
    message_key     TEXT NOT NULL UNIQUE, -- the Message-ID, or "sha256:<hex>" of the raw bytes
    conversation_id INTEGER NOT NULL REFERENCES conversations (id),
    contact_id      INTEGER REFERENCES contacts (id),
    in_reply_to     TEXT NOT NULL DEFAULT '',
    refs            TEXT NOT NULL DEFAULT '', -- References, space-separated
    subject         TEXT NOT NULL DEFAULT '',
    sender          TEXT NOT NULL DEFAULT '', -- "Name address", for the full-text index
    from_name       TEXT NOT NULL DEFAULT '',
    from_email      TEXT NOT NULL DEFAULT '',
    to_addrs        TEXT NOT NULL DEFAULT '', -- "Name <address>", comma-separated
    cc_addrs        TEXT NOT NULL DEFAULT '',
    date            INTEGER NOT NULL, -- Date header, else the server's received time
    received_at     INTEGER NOT NULL,
    outbound        INTEGER NOT NULL DEFAULT 0, -- sent by us
    auto_submitted  INTEGER NOT NULL DEFAULT 0,
    bulk            INTEGER NOT NULL DEFAULT 0,
    html_only       INTEGER NOT NULL DEFAULT 0,
    flags           INTEGER NOT NULL DEFAULT 0,
    size            INTEGER NOT NULL,
    snippet         TEXT NOT NULL DEFAULT '', -- the start of body, for lists
    body            TEXT NOT NULL DEFAULT '', -- decoded, sanitised text
    warnings        TEXT NOT NULL DEFAULT '', -- parse warnings, one a line
    created_at      INTEGER NOT NULL
);
CREATE INDEX messages_conversation ON messages (conversation_id, date);
CREATE INDEX messages_contact ON messages (contact_id);

-- The raw RFC 5322 bytes, apart so that listing messages never reads them.
CREATE TABLE message_raw (
    message_id INTEGER PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
    raw        BLOB NOT NULL
);

-- Where a message is on a server: one row per (folder, UID).
CREATE TABLE message_locations (
    folder_id  INTEGER NOT NULL REFERENCES folders (id) ON DELETE CASCADE,
    uid        INTEGER NOT NULL,
    message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    flags      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (folder_id, uid)
) WITHOUT ROWID;
CREATE INDEX message_locations_message ON message_locations (message_id);

-- Attachment metadata; the bytes are re-read from message_raw when saved.
CREATE TABLE attachments (
    message_id   INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    PRIMARY KEY (message_id, position)
) WITHOUT ROWID;

-- Every Message-ID seen (own or referenced) and the conversation it belongs to, so a reply
-- that arrives before its parent still joins the same conversation.
CREATE TABLE thread_ids (
    message_id      TEXT PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations (id)
) WITHOUT ROWID;
CREATE INDEX thread_ids_conversation ON thread_ids (conversation_id);

-- Flag changes made here and not yet written back to the server.
CREATE TABLE flag_changes (
    id         INTEGER PRIMARY KEY,
    message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    flag       INTEGER NOT NULL CHECK (flag IN (1, 2, 4)),
    value      INTEGER NOT NULL CHECK (value IN (0, 1)),
    created_at INTEGER NOT NULL
);

CREATE VIRTUAL TABLE messages_fts USING fts5 (
    subject, body, sender,
    content = 'messages', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
-- Inserts are indexed by mail.Ingest in one statement per transaction, not by a trigger:
-- FTS5 flushes its pending terms at every statement savepoint, so a per-row trigger
-- writes the index once per message instead of once per batch.
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, subject, body, sender)
        VALUES ('delete', old.id, old.subject, old.body, old.sender);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF subject, body, sender ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, subject, body, sender)
        VALUES ('delete', old.id, old.subject, old.body, old.sender);
    INSERT INTO messages_fts (rowid, subject, body, sender) VALUES (new.id, new.subject, new.body, new.sender);
END;
