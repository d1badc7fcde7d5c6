-- Crisis playbooks, incidents and what an incident held back (package workspace/crisis).
-- Times are Unix milliseconds, UTC; 0 means "not yet". Every change is journaled by Go.

-- A playbook's name, severity and review date are columns (listed, sorted, unique); the
-- rest (when to use it per language, trigger keywords per language, checklist, holding
-- statements, prepared answers, escalation contacts) is one JSON document, edited whole.
CREATE TABLE playbooks (
    gid         TEXT PRIMARY KEY,
    name        TEXT NOT NULL CHECK (name <> ''),
    severity    TEXT NOT NULL DEFAULT 'medium' CHECK (severity IN ('low', 'medium', 'high', 'critical')),
    body        TEXT NOT NULL DEFAULT '{}',
    review_by   INTEGER NOT NULL DEFAULT 0, -- "needs review" from then on
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    deleted_at  INTEGER                     -- kept for incidents that used it
);
CREATE UNIQUE INDEX playbooks_name ON playbooks (name COLLATE NOCASE) WHERE deleted_at IS NULL;

CREATE TABLE incidents (
    gid          TEXT PRIMARY KEY,
    playbook     TEXT NOT NULL REFERENCES playbooks (gid),
    state        TEXT NOT NULL DEFAULT 'investigating'
        CHECK (state IN ('investigating', 'identified', 'monitoring', 'resolved')),
    reason       TEXT NOT NULL CHECK (reason <> ''),
    -- the language whose holding statement replaces the out-of-hours auto-reply while the
    -- incident is open ('' keeps the usual auto-reply)
    holding_auto TEXT NOT NULL DEFAULT '',
    summary      TEXT NOT NULL DEFAULT '',
    started_by   TEXT NOT NULL,
    started_at   INTEGER NOT NULL,
    resolved_at  INTEGER NOT NULL DEFAULT 0,
    closed_at    INTEGER NOT NULL DEFAULT 0
);
-- One open incident per workspace: the banner, the pause and the auto-reply are one each.
CREATE UNIQUE INDEX incidents_one_open ON incidents (closed_at) WHERE closed_at = 0;

CREATE TABLE incident_steps (
    incident TEXT NOT NULL REFERENCES incidents (gid),
    step     INTEGER NOT NULL, -- index into the playbook's checklist as it was at the start
    text     TEXT NOT NULL,
    owner    TEXT NOT NULL DEFAULT '',
    done_at  INTEGER NOT NULL DEFAULT 0,
    done_by  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (incident, step)
) WITHOUT ROWID;

CREATE TABLE incident_conversations (
    incident     TEXT NOT NULL REFERENCES incidents (gid),
    conversation TEXT NOT NULL, -- conversations.gid
    linked_at    INTEGER NOT NULL,
    linked_by    TEXT NOT NULL,
    PRIMARY KEY (incident, conversation)
) WITHOUT ROWID;
CREATE INDEX incident_conversations_conversation ON incident_conversations (conversation);

-- Scheduled work that fell due while the workspace was paused: held here until a person
-- sends, reschedules or cancels it. The outbox sender skips rows listed with no decision,
-- so resuming never sends anything unseen.
CREATE TABLE pause_review (
    incident   TEXT NOT NULL,
    kind       TEXT NOT NULL, -- 'outbox' (a scheduled reply); the schedule adds its own kinds
    ref        TEXT NOT NULL, -- the item's global id
    due_at     INTEGER NOT NULL,
    decision   TEXT NOT NULL DEFAULT '' CHECK (decision IN ('', 'send', 'reschedule', 'cancel')),
    decided_at INTEGER NOT NULL DEFAULT 0,
    decided_by TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (kind, ref, incident)
) WITHOUT ROWID;
CREATE INDEX pause_review_open ON pause_review (kind, ref) WHERE decision = '';
