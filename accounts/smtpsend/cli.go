package smtpsend

import (
	"switchboard/accounts/secrets"
	"switchboard/workspace"
	"switchboard/workspace/inbox"
)

// forKeyring gives each workspace a Mailer reading passwords from the OS keyring.
func forKeyring(w *workspace.Workspace) inbox.Mailer { return New(w, secrets.New(0), Options{}) }

// RunReplyCLI is `switchboard reply`, sending through the workspace's own account.
var RunReplyCLI = inbox.ReplyCLI(forKeyring)

// RunOutboxCLI is `switchboard outbox`, whose --send submits through the workspace's account.
var RunOutboxCLI = inbox.OutboxCLI(forKeyring)
