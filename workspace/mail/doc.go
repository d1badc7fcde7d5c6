// Package mail stores a workspace's mail: accounts, folders with their IMAP sync state,
// messages with their raw bytes, conversations, contacts and a full-text index.
//
// It knows nothing about networks or MIME: package accounts parses what it fetches into
// Parsed and hands it to Ingest, so synced and imported mail take the same path.
//
// Identity: a message is keyed by its Message-ID (or a hash of its bytes when it has
// none), and where it sits on a server — (folder, UID) — is a separate location row. The
// same mail in INBOX and Sent is one message; a UIDVALIDITY change only replaces
// locations; and conversation ids stay put, so what the Inbox attaches to them survives.
package mail
