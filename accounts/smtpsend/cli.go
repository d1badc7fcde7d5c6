package smtpsend

import (
	"context"

	"switchboard/workspace"
	"switchboard/workspace/cmdline"
	"switchboard/workspace/inbox"
)

// Commands are reply, outbox and contact (whose warning is mail), sending through each
// workspace's own accounts with passwords from keys (main.go passes the OS keyring).
func Commands(keys Passwords) []cmdline.Command {
	return inbox.SendCommands(func(ctx context.Context, w *workspace.Workspace) (inbox.Mailer, error) {
		m, _, err := ForWorkspace(ctx, w, keys, Options{})
		return m, err
	})
}
