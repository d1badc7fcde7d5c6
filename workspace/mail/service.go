package mail

import (
	"context"
	"time"

	"switchboard/workspace"
)

// AccountService is what Settings' mail accounts pane needs from the accounts layer:
// the ui may not import accounts, and accounts may not import ui, so the contract and
// its plain types live here, between them. accounts/accountsvc implements it. Every
// method is called off the UI goroutine.
type AccountService interface {
	// List returns the workspace's accounts with what is known of their sync.
	List(ctx context.Context, w *workspace.Workspace) ([]AccountState, error)
	// Save adds a (empty ID) or changes it. A non-empty password goes to the keyring
	// (replacing the stored one); empty keeps the stored one.
	Save(ctx context.Context, w *workspace.Workspace, a Account, password string) error
	// Test logs in to the IMAP and SMTP servers of a as sync and sending would, with
	// password, or the stored one when it is empty.
	Test(ctx context.Context, w *workspace.Workspace, a Account, password string) []Check
	// Remove removes the account and its password; its mail stays in the workspace.
	Remove(ctx context.Context, w *workspace.Workspace, id string) error
}

// AccountState is an account with the state of its sync.
type AccountState struct {
	Account
	LastSync    time.Time // the last completed pass; zero when never
	Error       string    // why the last sync failed; empty when it did not
	Syncing     bool      // new mail is being stored: Done of about Total
	Done, Total int
}

// Check is what testing one server of an account found.
type Check struct {
	Protocol string // IMAP or SMTP
	Server   string // host:port
	OK       bool
	Local    bool   // a local account: nothing was contacted, and nothing needs to be
	Stage    string // the step that failed (name lookup, TCP connection, TLS certificate, ...)
	Message  string // what failed; on success, notes such as a missing extension
	// Fingerprint is the SHA-256 (hex) of a certificate that failed verification, which
	// the user may choose to trust for this account.
	Fingerprint string
}
