// Package mailaccount adds, changes and removes a workspace's mail accounts, keeping the
// settings in the workspace database and the password in the OS keyring, never both in
// one place and never the password anywhere else.
package mailaccount

import (
	"context"
	"errors"
	"fmt"

	"switchboard/accounts/secrets"
	"switchboard/workspace"
	"switchboard/workspace/mail"
)

// Keyring stores passwords under (workspace id, account id); *secrets.Store is one.
type Keyring interface {
	Set(ctx context.Context, workspaceID, key, secret string) error
	Get(ctx context.Context, workspaceID, key string) (string, error)
	Delete(ctx context.Context, workspaceID, key string) error
}

// Add stores a new account and its password. If the keyring refuses the password, the
// account row just made is removed again, so no account exists without its password.
func Add(ctx context.Context, w *workspace.Workspace, kr Keyring, a mail.Account, password string) (mail.Account, error) {
	if password == "" {
		return a, errors.New("a password (or app password) is needed")
	}
	store := mail.Open(w)
	a, err := store.AddAccount(ctx, a)
	if err != nil {
		return a, err
	}
	if err := kr.Set(ctx, w.ID(), a.ID, password); err != nil {
		if rmErr := store.RemoveAccount(context.WithoutCancel(ctx), a.ID); rmErr != nil {
			err = errors.Join(err, rmErr)
		}
		return a, fmt.Errorf("the account was not added: storing its password in the keyring failed: %w", err)
	}
	return a, nil
}

// SetPassword replaces an account's password in the keyring.
func SetPassword(ctx context.Context, w *workspace.Workspace, kr Keyring, accountID, password string) error {
	if password == "" {
		return errors.New("a password (or app password) is needed")
	}
	return kr.Set(ctx, w.ID(), accountID, password)
}

// Remove deletes the password, then the account. If the keyring cannot be reached the
// account stays, so no password is left orphaned. Synced mail stays in the workspace.
func Remove(ctx context.Context, w *workspace.Workspace, kr Keyring, accountID string) error {
	if err := kr.Delete(ctx, w.ID(), accountID); err != nil && !errors.Is(err, secrets.ErrNotFound) {
		return fmt.Errorf("the account was not removed: removing its password from the keyring failed: %w", err)
	}
	return mail.Open(w).RemoveAccount(ctx, accountID)
}
