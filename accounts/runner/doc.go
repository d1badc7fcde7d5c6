// Package runner keeps the workspace open in the window alive: one IMAP sync worker per
// account (IDLE, so new mail shows within seconds), and every minute the Inbox's clock
// (snoozes, follow-ups) and its outbox (replies that are due go out over SMTP).
//
// A Runner belongs to exactly one workspace: it syncs that workspace's accounts into
// that workspace's database and sends with that workspace's Mailer, nothing else. A
// local account (mail.Local, the demo's) gets no sync worker, and smtpsend.ForWorkspace
// keeps its replies in the workspace instead of sending them. Run
// returns only once every goroutine it started has stopped, so the caller can close the
// workspace right after without anything writing into a closed database.
//
// Host holds the one Runner of the window's open workspace, for the shell's hooks
// (Background, send now, unread counts) and Settings' accounts.
package runner
