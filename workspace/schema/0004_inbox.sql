-- Inbox: triage state on conversations (status, assignee, snooze, follow-up), staff,
-- labels, internal notes, a history of changes, the outbox, and contacts' notes, tags and
-- graded abuse handling. Times are Unix milliseconds, UTC. Nothing here deletes mail.

CREATE TABLE staff (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL CHECK (name <> ''),
    created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX staff_name ON staff (name COLLATE NOCASE);

ALTER TABLE conversations ADD COLUMN assignee_id INTEGER REFERENCES staff (id);
ALTER TABLE conversations ADD COLUMN status_at INTEGER NOT NULL DEFAULT 0;     -- last status change
ALTER TABLE conversations ADD COLUMN snooze_until INTEGER NOT NULL DEFAULT 0;  -- snoozed: wakes then
ALTER TABLE conversations ADD COLUMN follow_up_at INTEGER NOT NULL DEFAULT 0;  -- resolved: reopens then if silent
ALTER TABLE conversations ADD COLUMN follow_up_due INTEGER NOT NULL DEFAULT 0; -- reopened by a follow-up due then
-- The oldest customer message after our last reply (0: nothing unanswered). Kept by the
-- trigger below, so Unanswered and Overdue are index range scans, not per-row subqueries.
ALTER TABLE conversations ADD COLUMN waiting_since INTEGER NOT NULL DEFAULT 0;

ALTER TABLE contacts ADD COLUMN abuse_level TEXT NOT NULL DEFAULT ''
    CHECK (abuse_level IN ('', 'warned', 'muted', 'blocked'));

UPDATE conversations SET waiting_since = ifnull((SELECT min(m.date) FROM messages m
    WHERE m.conversation_id = conversations.id AND NOT m.outbound AND m.date > conversations.last_outbound_at), 0);

CREATE INDEX conversations_unanswered ON conversations (last_message_at DESC)
    WHERE messages > 0 AND waiting_since > 0 AND status IN ('new', 'open');
CREATE INDEX conversations_assignee ON conversations (assignee_id, last_message_at DESC) WHERE messages > 0;
CREATE INDEX conversations_snoozed ON conversations (snooze_until) WHERE snooze_until > 0;
CREATE INDEX conversations_follow_up ON conversations (follow_up_at) WHERE follow_up_at > 0;
CREATE INDEX conversations_follow_up_due ON conversations (last_message_at DESC) WHERE follow_up_due > 0;

CREATE TABLE labels (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL CHECK (name <> ''),
    color      TEXT NOT NULL, -- #RRGGBB
    created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX labels_name ON labels (name COLLATE NOCASE);

CREATE TABLE conversation_labels (
    conversation_id INTEGER NOT NULL REFERENCES conversations (id),
    label_id        INTEGER NOT NULL REFERENCES labels (id) ON DELETE CASCADE,
    PRIMARY KEY (conversation_id, label_id)
) WITHOUT ROWID;
CREATE INDEX conversation_labels_label ON conversation_labels (label_id, conversation_id);

-- Internal notes: never part of any outgoing message.
CREATE TABLE notes (
    id              INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations (id),
    author          TEXT NOT NULL,
    body            TEXT NOT NULL CHECK (body <> ''),
    created_at      INTEGER NOT NULL
);
CREATE INDEX notes_conversation ON notes (conversation_id, created_at);

-- Who changed what and when. actor is a staff name, "customer" for a reopen by a new
-- message, "system" for snooze wake-ups and follow-ups. Values are names, not ids, so the
-- history still reads right after a label or staff member is renamed or removed.
CREATE TABLE history (
    id              INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations (id),
    at              INTEGER NOT NULL,
    actor           TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('status', 'label', 'assignee')),
    old_value       TEXT NOT NULL DEFAULT '',
    new_value       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX history_conversation ON history (conversation_id, at);

CREATE TRIGGER conversations_status_check BEFORE UPDATE OF status ON conversations
WHEN new.status NOT IN ('new', 'open', 'waiting', 'snoozed', 'resolved', 'spam', 'abuse')
BEGIN
    SELECT RAISE(ABORT, 'unknown conversation status');
END;

-- A customer's new message reopens Waiting, Snoozed and Resolved (not Spam or Abuse), and
-- waiting_since follows every change of the last inbound or outbound time. Ingest raises
-- last_inbound_at only for mail newer than what was stored; comparing with status_at keeps
-- a late-synced old message from reopening a conversation resolved after it.
CREATE TRIGGER conversations_customer_wrote AFTER UPDATE OF last_inbound_at, last_outbound_at ON conversations
BEGIN
    UPDATE conversations SET waiting_since = ifnull((SELECT min(m.date) FROM messages m
        WHERE m.conversation_id = new.id AND NOT m.outbound AND m.date > new.last_outbound_at), 0)
    WHERE id = new.id;
    INSERT INTO history (conversation_id, at, actor, kind, old_value, new_value)
    SELECT new.id, new.last_inbound_at, 'customer', 'status', new.status, 'open'
    WHERE new.last_inbound_at > old.last_inbound_at AND new.last_inbound_at > new.status_at
        AND new.status IN ('waiting', 'snoozed', 'resolved');
    UPDATE conversations SET status = 'open', status_at = new.last_inbound_at,
        snooze_until = 0, follow_up_at = 0, follow_up_due = 0
    WHERE id = new.id AND new.last_inbound_at > old.last_inbound_at AND new.last_inbound_at > new.status_at
        AND new.status IN ('waiting', 'snoozed', 'resolved');
END;

-- Mail from a blocked contact is filed as Abuse; it is stored like any other, never dropped.
CREATE TRIGGER messages_from_blocked AFTER INSERT ON messages
WHEN NOT new.outbound AND (SELECT abuse_level FROM contacts WHERE id = new.contact_id) = 'blocked'
BEGIN
    INSERT INTO history (conversation_id, at, actor, kind, old_value, new_value)
    SELECT id, new.date, 'system', 'status', status, 'abuse' FROM conversations
    WHERE id = new.conversation_id AND status <> 'abuse';
    UPDATE conversations SET status = 'abuse', status_at = max(status_at, new.date)
    WHERE id = new.conversation_id AND status <> 'abuse';
END;

-- Replies on their way out. A row is written before anything is submitted and is never
-- deleted: a failed or uncertain reply stays here with its reason until the user acts.
-- workspace_id and account_id are checked against the sending workspace at submission
-- (the wrong-brand guard); account_id has no foreign key so removing an account never
-- takes queued replies with it.
CREATE TABLE outbox (
    id                INTEGER PRIMARY KEY,
    workspace_id      TEXT NOT NULL,
    account_id        TEXT NOT NULL,
    conversation_id   INTEGER NOT NULL REFERENCES conversations (id),
    reply_to          INTEGER REFERENCES messages (id) ON DELETE SET NULL, -- gets \Answered
    message_id        TEXT NOT NULL UNIQUE, -- without brackets; fixed when queued
    in_reply_to       TEXT NOT NULL DEFAULT '',
    refs              TEXT NOT NULL DEFAULT '', -- space-separated, oldest first
    from_name         TEXT NOT NULL DEFAULT '',
    from_email        TEXT NOT NULL,
    to_addrs          TEXT NOT NULL, -- JSON [{"name":..,"email":..}]
    subject           TEXT NOT NULL,
    body              TEXT NOT NULL,
    raw               BLOB, -- composed at the first attempt, then sent byte for byte on every retry
    state             TEXT NOT NULL DEFAULT 'queued'
        CHECK (state IN ('queued', 'submitting', 'sent', 'failed', 'uncertain', 'cancelled')),
    send_at           INTEGER NOT NULL,
    next_attempt_at   INTEGER NOT NULL,
    attempts          INTEGER NOT NULL DEFAULT 0,
    last_error        TEXT NOT NULL DEFAULT '',
    filed             INTEGER NOT NULL DEFAULT 0, -- copy appended to the Sent folder
    created_by        TEXT NOT NULL,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    sent_at           INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX outbox_state ON outbox (state, next_attempt_at);
CREATE INDEX outbox_conversation ON outbox (conversation_id);

CREATE TABLE contact_notes (
    id         INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contacts (id),
    author     TEXT NOT NULL,
    body       TEXT NOT NULL CHECK (body <> ''),
    created_at INTEGER NOT NULL
);
CREATE INDEX contact_notes_contact ON contact_notes (contact_id, created_at);

CREATE TABLE contact_tags (
    contact_id INTEGER NOT NULL REFERENCES contacts (id),
    tag        TEXT NOT NULL CHECK (tag <> ''),
    PRIMARY KEY (contact_id, tag)
) WITHOUT ROWID;

-- Each abuse step (warn, mute, block, and lifting them) with who and why.
CREATE TABLE contact_actions (
    id         INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contacts (id),
    action     TEXT NOT NULL CHECK (action IN ('warn', 'mute', 'block', 'unmute', 'unblock', 'clear')),
    actor      TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    at         INTEGER NOT NULL
);
CREATE INDEX contact_actions_contact ON contact_actions (contact_id, at);

-- "Most active members" counts messages per contact in a window.
CREATE INDEX messages_contact_date ON messages (contact_id, date) WHERE NOT outbound;
