package smtpsend

import (
	"context"

	"switchboard/accounts/secrets"
	"switchboard/workspace"
	"switchboard/workspace/inbox"
)

// forKeyring gives each workspace its Mailer (ForWorkspace), reading passwords from the
// OS keyring.
func forKeyring(ctx context.Context, w *workspace.Workspace) (inbox.Mailer, error) {
	m, _, err := ForWorkspace(ctx, w, secrets.New(0), Options{})
	return m, err
}

// RunReplyCLI is `switchboard reply`, sending through the workspace's own account.
var RunReplyCLI = inbox.ReplyCLI(forKeyring)

// RunOutboxCLI is `switchboard outbox`, whose --send submits through the workspace's account.
var RunOutboxCLI = inbox.OutboxCLI(forKeyring)
