package main

import (
	"context"
	"errors"
	"strings"

	"switchboard/accounts/conncheck"
	"switchboard/accounts/mailaccount"
	"switchboard/accounts/mailconn"
	"switchboard/accounts/runner"
	"switchboard/accounts/secrets"
	"switchboard/ui/accountspane"
	"switchboard/workspace"
	"switchboard/workspace/mail"
)

// mailAccounts is Settings' mail accounts pane's view of the accounts layer: the ui may
// not import accounts, so this adapter lives with the wiring.
type mailAccounts struct {
	keys *secrets.Store
	host *runner.Host
}

var _ accountspane.Service = mailAccounts{}

// List merges the stored accounts and their folders' sync state with what the running
// sync knows now (progress, the latest failure).
func (m mailAccounts) List(ctx context.Context, w *workspace.Workspace) ([]accountspane.Account, error) {
	store := mail.Open(w)
	accts, err := store.Accounts(ctx)
	if err != nil {
		return nil, err
	}
	r := m.host.Runner(w.ID())
	list := make([]accountspane.Account, len(accts))
	for i, a := range accts {
		row := accountspane.Account{Account: a}
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
func (m mailAccounts) Save(ctx context.Context, w *workspace.Workspace, a mail.Account, password string) error {
	return m.host.Paused(w.ID(), func() error {
		if a.ID == "" {
			_, err := mailaccount.Add(ctx, w, m.keys, a, password)
			return err
		}
		if err := mail.Open(w).UpdateAccount(ctx, a); err != nil {
			return err
		}
		if password == "" {
			return nil
		}
		return mailaccount.SetPassword(ctx, w, m.keys, a.ID, password)
	})
}

// Remove stops the account's sync first: a worker must not write mail for an account
// that is gone.
func (m mailAccounts) Remove(ctx context.Context, w *workspace.Workspace, id string) error {
	return m.host.Paused(w.ID(), func() error { return mailaccount.Remove(ctx, w, m.keys, id) })
}

func (m mailAccounts) Test(ctx context.Context, w *workspace.Workspace, a mail.Account, password string) []accountspane.Check {
	if password == "" && a.ID != "" {
		var err error
		if password, err = m.keys.Get(ctx, w.ID(), a.ID); err != nil {
			return []accountspane.Check{{Protocol: "Keyring", Server: a.Email, Message: err.Error()}}
		}
	}
	var checks []accountspane.Check
	for _, r := range conncheck.Check(ctx, a, password, mailconn.Options{}) {
		c := accountspane.Check{Protocol: r.Protocol, Server: r.Server, OK: r.OK, Stage: string(r.Stage), Message: r.Error}
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
