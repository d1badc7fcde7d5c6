package ui

import (
	"context"

	"switchboard/ui/pane"
	"switchboard/workspace"
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

	// Workspace (name, folder or id) is opened at start instead of the one opened last.
	Workspace string

	// Pane is the ID of the pane shown first ("inbox", "faq", "crisis", "schedule", "settings").
	Pane string

	// Screenshot, when set, makes ShowAndRun render the window at a fixed 1280×800, wait for
	// the workspace and its panes to load, write the window to this PNG file and quit.
	Screenshot string
}
