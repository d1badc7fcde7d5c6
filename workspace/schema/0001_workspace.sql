-- The workspace itself: exactly one row. Times are Unix milliseconds, UTC.
CREATE TABLE workspace (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL CHECK (name <> ''),
    slug        TEXT NOT NULL,
    color       TEXT NOT NULL,
    time_zone   TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    archived_at INTEGER
);

-- Small per-workspace settings (response-time target, tone of voice, ...), by key.
CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);

-- Mail accounts of this workspace. Passwords are never here: they live in the OS keyring
-- under the service "switchboard:<workspace id>" with the account id as the user.
CREATE TABLE accounts (
    id                  TEXT PRIMARY KEY,
    email               TEXT NOT NULL UNIQUE,
    display_name        TEXT NOT NULL DEFAULT '',
    username            TEXT NOT NULL,
    imap_host           TEXT NOT NULL,
    imap_port           INTEGER NOT NULL,
    imap_security       TEXT NOT NULL CHECK (imap_security IN ('tls', 'starttls', 'plain')),
    smtp_host           TEXT NOT NULL,
    smtp_port           INTEGER NOT NULL,
    smtp_security       TEXT NOT NULL CHECK (smtp_security IN ('tls', 'starttls', 'plain')),
    trusted_cert_sha256 TEXT NOT NULL DEFAULT '',
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
);
