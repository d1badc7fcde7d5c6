-- At most one row: while it exists, the workspace's scheduled work is held (package
-- workspace/pause; set by an active crisis incident).
CREATE TABLE pause (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    reason   TEXT NOT NULL DEFAULT '',
    incident TEXT NOT NULL DEFAULT '',
    since    INTEGER NOT NULL
);
