// Package accountsvc is Settings' mail accounts service: it puts accounts/mailaccount
// (settings and keyring), accounts/conncheck ("Test connection") and the running sync of
// accounts/runner behind workspace/mail's AccountService, the one contract the ui sees.
package accountsvc

import (
	"context"
	"errors"
	"strings"

	"switchboard/accounts/conncheck"
	"switchboard/accounts/mailaccount"
	"switchboard/accounts/mailconn"
	"switchboard/accounts/runner"
	"switchboard/workspace"
	"switchboard/workspace/mail"
)

// Params is what the service drives.
type Params struct {
	// Keyring holds the accounts' passwords; *secrets.Store is one.
	Keyring mailaccount.Keyring
	// Host runs the open workspace's sync: saving and removing pause it, and List reads
	// its progress and latest failure.
	Host *runner.Host
}

// Service implements mail.AccountService.
type Service struct {
	keys mailaccount.Keyring
	host *runner.Host
}

var _ mail.AccountService = (*Service)(nil)

// New returns the service over p's keyring and sync host.
func New(p Params) *Service { return &Service{keys: p.Keyring, host: p.Host} }

// List merges the stored accounts and their folders' sync state with what the running
// sync knows now (progress, the latest failure).
func (s *Service) List(ctx context.Context, w *workspace.Workspace) ([]mail.AccountState, error) {
	store := mail.Open(w)
	accts, err := store.Accounts(ctx)
	if err != nil {
		return nil, err
	}
	r := s.host.Runner(w.ID())
	list := make([]mail.AccountState, len(accts))
	for i, a := range accts {
		row := mail.AccountState{Account: a}
		folders, err := store.Folders(ctx, a.ID)
		if err != nil {
			return nil, err
		}
		for _, f := range folders {
			if f.LastSyncAt.After(row.LastSync) {
				row.LastSync = f.LastSyncAt
			}
			if row.Error == "" {
				row.Error = f.LastError
			}
		}
		if r != nil {
			st := r.State(a.ID)
			if !st.LastPass.IsZero() || st.Err != "" {
				row.Error = st.Err // this session's outcome replaces the stored one
			}
			if st.LastPass.After(row.LastSync) {
				row.LastSync = st.LastPass
			}
			row.Syncing, row.Done, row.Total = st.Syncing, st.Done, st.Total
		}
		list[i] = row
	}
	return list, nil
}

// Save adds or changes an account with the sync paused, so no worker syncs with the old
// settings meanwhile.
func (s *Service) Save(ctx context.Context, w *workspace.Workspace, a mail.Account, password string) error {
	return s.host.Paused(w.ID(), func() error {
		if a.ID == "" {
			_, err := mailaccount.Add(ctx, w, s.keys, a, password)
			return err
		}
		if err := mail.Open(w).UpdateAccount(ctx, a); err != nil {
			return err
		}
		if password == "" {
			return nil
		}
		return mailaccount.SetPassword(ctx, w, s.keys, a.ID, password)
	})
}

// Remove stops the account's sync first: a worker must not write mail for an account
// that is gone.
func (s *Service) Remove(ctx context.Context, w *workspace.Workspace, id string) error {
	return s.host.Paused(w.ID(), func() error { return mailaccount.Remove(ctx, w, s.keys, id) })
}

// Test runs conncheck against a's servers and says, per server, which step failed.
func (s *Service) Test(ctx context.Context, w *workspace.Workspace, a mail.Account, password string) []mail.Check {
	if a.Offline() {
		// Like sending and syncing, testing a local account never reaches for the network.
		return []mail.Check{{Protocol: "Local", Server: a.Email, OK: true, Local: true}}
	}
	if password == "" && a.ID != "" {
		var err error
		if password, err = s.keys.Get(ctx, w.ID(), a.ID); err != nil {
			return []mail.Check{{Protocol: "Keyring", Server: a.Email, Message: err.Error()}}
		}
	}
	var checks []mail.Check
	for _, r := range conncheck.Check(ctx, a, password, mailconn.Options{}) {
		c := mail.Check{Protocol: r.Protocol, Server: r.Server, OK: r.OK, Stage: string(r.Stage), Message: r.Error}
		if r.OK && len(r.Notes) > 0 {
			c.Message = strings.Join(r.Notes, "; ")
		}
		var ce *mailconn.CertError
		if errors.As(r.Err, &ce) {
			c.Fingerprint = ce.Fingerprint
		}
		checks = append(checks, c)
	}
	return checks
}
