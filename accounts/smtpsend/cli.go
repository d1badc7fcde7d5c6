package smtpsend

import (
	"context"

	"switchboard/accounts/secrets"
	"switchboard/workspace"
	"switchboard/workspace/cmdline"
	"switchboard/workspace/inbox"
)

// forKeyring gives each workspace its Mailer (ForWorkspace), reading passwords from the
// OS keyring.
func forKeyring(ctx context.Context, w *workspace.Workspace) (inbox.Mailer, error) {
	m, _, err := ForWorkspace(ctx, w, secrets.New(0), Options{})
	return m, err
}

// Commands are reply and outbox, sending through each workspace's own account.
func Commands() []cmdline.Command { return inbox.SendCommands(forKeyring) }
