-- Handover: the outgoing person's own free-text notes for whoever takes over ("the Gold
-- order is promised for Friday, call Mikkel back"). Shown in every shift note whose window
-- holds them. Times are Unix milliseconds, UTC.
CREATE TABLE handover_notes (
    id         INTEGER PRIMARY KEY,
    gid        TEXT NOT NULL UNIQUE, -- a UUID: journal entries and exports name the note by it
    author     TEXT NOT NULL,
    body       TEXT NOT NULL CHECK (body <> ''),
    created_at INTEGER NOT NULL,
    deleted_at INTEGER             -- kept, so a deleted note can still be read in the journal
);
CREATE INDEX handover_notes_created ON handover_notes (created_at) WHERE deleted_at IS NULL;
