-- Schedule: coverage (business hours with split shifts, holidays, staff shifts repeating
-- weekly with exceptions), follow-ups and sequences, holds on scheduled outbox replies,
-- out-of-hours auto-replies and the content plan. Times are Unix milliseconds UTC; hours
-- of the day are minutes after local midnight in the workspace's zone; days are
-- 'YYYY-MM-DD' in that zone. Settings of the auto-reply live in the settings table.

-- Business hours: any number of intervals per weekday (0 Sunday .. 6 Saturday).
CREATE TABLE business_hours (
    weekday   INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    start_min INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1439),
    end_min   INTEGER NOT NULL CHECK (end_min BETWEEN 1 AND 1440 AND end_min > start_min),
    PRIMARY KEY (weekday, start_min)
) WITHOUT ROWID;

CREATE TABLE holidays (
    day        TEXT PRIMARY KEY, -- YYYY-MM-DD: closed all day
    name       TEXT NOT NULL DEFAULT '',
    gid        TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
);

-- Who covers which hours, every week from valid_from (until valid_until, '' open-ended).
CREATE TABLE shifts (
    id          INTEGER PRIMARY KEY,
    gid         TEXT NOT NULL UNIQUE,
    staff       TEXT NOT NULL CHECK (staff <> ''),
    weekday     INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    start_min   INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1439),
    end_min     INTEGER NOT NULL CHECK (end_min BETWEEN 1 AND 1440 AND end_min > start_min),
    valid_from  TEXT NOT NULL DEFAULT '',
    valid_until TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);

-- One day's exception to a shift: cancelled (cover '') or covered by someone else.
CREATE TABLE shift_exceptions (
    shift_id INTEGER NOT NULL REFERENCES shifts (id) ON DELETE CASCADE,
    day      TEXT NOT NULL,
    cover    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (shift_id, day)
) WITHOUT ROWID;

-- Follow-ups ("check back in 3 days") and the steps of a sequence (+1, +3, +7 days).
-- state: pending, sent, cancelled, held (for review). outbox_id once it went out.
CREATE TABLE follow_ups (
    id              INTEGER PRIMARY KEY,
    gid             TEXT NOT NULL UNIQUE,
    conversation_id INTEGER NOT NULL REFERENCES conversations (id),
    sequence        TEXT NOT NULL DEFAULT '', -- the gid shared by the steps of one sequence
    step            INTEGER NOT NULL DEFAULT 0,
    due_at          INTEGER NOT NULL,
    body            TEXT NOT NULL CHECK (body <> ''),
    regardless      INTEGER NOT NULL DEFAULT 0, -- 1: send even if the customer wrote first
    state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'cancelled', 'held')),
    reason          TEXT NOT NULL DEFAULT '',
    outbox_id       INTEGER REFERENCES outbox (id),
    created_by      TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX follow_ups_due ON follow_ups (state, due_at);
CREATE INDEX follow_ups_conversation ON follow_ups (conversation_id);

-- A scheduled outbox reply held for review (missed while the app was closed, or due
-- during a pause). While held, its next_attempt_at is pushed out of SendDue's reach.
CREATE TABLE outbox_holds (
    outbox_id INTEGER PRIMARY KEY REFERENCES outbox (id),
    reason    TEXT NOT NULL,
    held_at   INTEGER NOT NULL
);

-- Every inbound message the auto-reply looked at, with what it decided, so each message
-- is considered once and "one per sender per N days" is a lookup.
CREATE TABLE auto_replies (
    message_id INTEGER PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
    sender     TEXT NOT NULL, -- lower case
    decision   TEXT NOT NULL, -- 'sent' or why not
    outbox_id  INTEGER REFERENCES outbox (id),
    at         INTEGER NOT NULL
);
CREATE INDEX auto_replies_sender ON auto_replies (sender, at) WHERE decision = 'sent';
CREATE INDEX auto_replies_sent ON auto_replies (at) WHERE decision = 'sent';

-- The content plan: records for planning; nothing is posted anywhere.
CREATE TABLE planned_posts (
    id         INTEGER PRIMARY KEY,
    gid        TEXT NOT NULL UNIQUE,
    at         INTEGER NOT NULL,
    channel    TEXT NOT NULL CHECK (channel <> ''),
    text       TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'awaiting approval', 'approved', 'published', 'rejected')),
    approver   TEXT NOT NULL DEFAULT '',
    notes      TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX planned_posts_at ON planned_posts (at);
