-- The journal: one append-only row per change (see package workspace/journal for the
-- format), and global ids on every object that leaves the program, so ids on the command
-- line, in JSON and in exports name one object in one workspace on any machine.

CREATE TABLE journal (
    seq    INTEGER PRIMARY KEY,       -- local order only
    id     TEXT NOT NULL UNIQUE,      -- UUID
    at     INTEGER NOT NULL,          -- Unix ms UTC
    actor  TEXT NOT NULL,
    object TEXT NOT NULL,
    kind   TEXT NOT NULL,
    data   TEXT NOT NULL DEFAULT '{}' -- JSON object
);
CREATE INDEX journal_at ON journal (at);
CREATE INDEX journal_object ON journal (object, at);

-- Rows that exist before this migration get version-4 UUIDs made here (written out in
-- each statement: SQLite evaluates an uncorrelated subquery once); Go makes the ids of
-- new rows (journal.NewID).
ALTER TABLE conversations ADD COLUMN gid TEXT NOT NULL DEFAULT '';
ALTER TABLE notes ADD COLUMN gid TEXT NOT NULL DEFAULT '';
ALTER TABLE labels ADD COLUMN gid TEXT NOT NULL DEFAULT '';
ALTER TABLE staff ADD COLUMN gid TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN gid TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN gid TEXT NOT NULL DEFAULT '';

UPDATE conversations SET gid = (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))));
UPDATE notes SET gid = (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))));
UPDATE labels SET gid = (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))));
UPDATE staff SET gid = (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))));
UPDATE outbox SET gid = (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))));
UPDATE contacts SET gid = (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))));

-- Partial: rows inserted with gid '' get theirs in the same transaction.
CREATE UNIQUE INDEX conversations_gid ON conversations (gid) WHERE gid <> '';
CREATE UNIQUE INDEX notes_gid ON notes (gid) WHERE gid <> '';
CREATE UNIQUE INDEX labels_gid ON labels (gid) WHERE gid <> '';
CREATE UNIQUE INDEX staff_gid ON staff (gid) WHERE gid <> '';
CREATE UNIQUE INDEX outbox_gid ON outbox (gid) WHERE gid <> '';
CREATE UNIQUE INDEX contacts_gid ON contacts (gid) WHERE gid <> '';

-- The old history becomes journal entries: staff names become their staff ids, the
-- customer's reopen is sync's doing, wake-ups and follow-ups the runner's.
INSERT INTO journal (id, at, actor, object, kind, data)
SELECT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))), h.at,
    CASE h.actor WHEN 'customer' THEN 'sync' WHEN 'system' THEN 'runner'
        ELSE ifnull((SELECT s.gid FROM staff s WHERE s.name = h.actor COLLATE NOCASE), h.actor) END,
    c.gid, 'conversation.' || h.kind, json_object('from', h.old_value, 'to', h.new_value)
FROM history h JOIN conversations c ON c.id = h.conversation_id ORDER BY h.at, h.id;

INSERT INTO journal (id, at, actor, object, kind, data)
SELECT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))), n.created_at,
    ifnull((SELECT s.gid FROM staff s WHERE s.name = n.author COLLATE NOCASE), n.author),
    c.gid, 'conversation.note', json_object('note', n.gid, 'text', n.body)
FROM notes n JOIN conversations c ON c.id = n.conversation_id ORDER BY n.created_at, n.id;
