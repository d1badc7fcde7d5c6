package ui

import (
	"context"

	"switchboard/ui/inboxpane"
	"switchboard/ui/pane"
	"switchboard/workspace"
	"switchboard/workspace/demo"
	"switchboard/workspace/inbox"
)

// Options is what main.go hands the shell besides the app and the data root.
type Options struct {
	// Secrets removes a deleted workspace's keyring entries. It is only ever called off the
	// UI goroutine. Nil means no keyring: deleting a workspace with mail accounts then fails
	// with a message saying so, and nothing is deleted.
	Secrets workspace.SecretRemover

	// Unread, when set, is the unread count shown beside a workspace in the switcher. It is
	// called off the UI goroutine for every listed workspace whenever the list is refreshed.
	Unread func(ctx context.Context, w workspace.Info) int

	// MailAccounts fills the "Mail accounts" section of Settings; nil shows what will be there.
	// Its Title is not shown (the section has its own heading); Load gets the same Env as a pane.
	MailAccounts pane.Pane

	// Background, when set, runs the open workspace's background work (mail sync, the
	// Inbox's clock and outbox). The shell calls it on its worker right after opening a
	// workspace and calls stop before closing it; stop must return only once nothing
	// started for that workspace runs any more. notify may be called from any goroutine
	// and as often as it likes: the shell reloads what is shown at most once per second.
	Background func(ctx context.Context, w *workspace.Workspace, notify func()) (stop func())

	// SendNow is the Inbox's "Send": submit the replies due in s's workspace at once. It
	// runs on the shell's worker. Nil leaves replies for Background's next round.
	SendNow func(ctx context.Context, s *inbox.Store) error

	// ImportMail stores the demo workspace's mail as synced mail (accounts/imapsync.ImportRaw);
	// nil: the demo cannot be created, and says so.
	ImportMail demo.Importer

	// Attachment returns attachment number position of a raw message, its safe filename
	// and bytes, for the Inbox's "Save…" (accounts/mime.AttachmentAt). Nil lists
	// attachments without a way to save them.
	Attachment inboxpane.Extractor

	// SyncState, when set, tells the Inbox and the switcher how the open workspace's mail
	// accounts sync, so an unreachable server shows where mail is expected. Called off the
	// UI goroutine.
	SyncState inboxpane.SyncReader

	// Workspace (name, folder or id) is opened at start instead of the one opened last.
	Workspace string

	// Pane is the ID of the pane shown first ("inbox", "faq", "crisis", "schedule", "settings").
	Pane string

	// Screenshot, when set, makes ShowAndRun render the window at a fixed 1280×800, wait for
	// the workspace and its panes to load, write the window to this PNG file and quit.
	Screenshot string
}
