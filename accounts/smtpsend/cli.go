package smtpsend

import (
	"context"

	"switchboard/workspace"
	"switchboard/workspace/cmdline"
	"switchboard/workspace/inbox/contacts"
	"switchboard/workspace/inbox/outbox"
)

// Commands are reply, outbox, contact (whose warning is mail) and contacts, sending
// through each workspace's own accounts with passwords from keys (main.go passes the OS
// keyring).
func Commands(keys Passwords) []cmdline.Command {
	newMailer := func(ctx context.Context, w *workspace.Workspace) (outbox.Mailer, error) {
		m, _, err := ForWorkspace(ctx, w, keys, Options{})
		return m, err
	}
	return append(outbox.Commands(newMailer), contacts.Commands(newMailer)...)
}
