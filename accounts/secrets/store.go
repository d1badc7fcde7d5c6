package secrets

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/zalando/go-keyring"
)

// DefaultTimeout bounds a keyring call when New is given 0.
const DefaultTimeout = 10 * time.Second

// ServicePrefix starts every keyring service name this package writes.
const ServicePrefix = "switchboard:"

// Store reads and writes secrets in the OS keyring. The zero value is not
// usable; call New. A Store is safe for concurrent use.
type Store struct {
	timeout time.Duration
}

// New returns a Store whose calls give up after timeout (DefaultTimeout if 0).
func New(timeout time.Duration) *Store {
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	return &Store{timeout: timeout}
}

// Service returns the keyring service name of a workspace.
func Service(workspaceID string) string { return ServicePrefix + workspaceID }

// Set stores secret under key in the workspace, replacing any previous one.
func (s *Store) Set(ctx context.Context, workspaceID, key, secret string) error {
	if err := Validate(workspaceID, key); err != nil {
		return err
	}
	if secret == "" {
		return fmt.Errorf("secrets: refusing to store an empty secret for %q in workspace %q", key, workspaceID)
	}
	_, err := s.do(ctx, func() (string, error) {
		return "", keyring.Set(Service(workspaceID), key, secret)
	})
	return wrap("store", workspaceID, key, redact(err, secret))
}

// Get returns the secret stored under key in the workspace, or an error
// matching ErrNotFound.
func (s *Store) Get(ctx context.Context, workspaceID, key string) (string, error) {
	if err := Validate(workspaceID, key); err != nil {
		return "", err
	}
	v, err := s.do(ctx, func() (string, error) {
		return keyring.Get(Service(workspaceID), key)
	})
	if err != nil {
		return "", wrap("read", workspaceID, key, err)
	}
	return v, nil
}

// Delete removes the secret under key; it returns an error matching
// ErrNotFound if there was none.
func (s *Store) Delete(ctx context.Context, workspaceID, key string) error {
	if err := Validate(workspaceID, key); err != nil {
		return err
	}
	_, err := s.do(ctx, func() (string, error) {
		return "", keyring.Delete(Service(workspaceID), key)
	})
	return wrap("delete", workspaceID, key, err)
}

// DeleteWorkspace removes every secret of the workspace. A workspace with
// nothing stored is not an error.
func (s *Store) DeleteWorkspace(ctx context.Context, workspaceID string) error {
	if err := validName("workspace id", workspaceID); err != nil {
		return err
	}
	_, err := s.do(ctx, func() (string, error) {
		return "", keyring.DeleteAll(Service(workspaceID))
	})
	if errors.Is(err, ErrNotFound) {
		err = nil
	}
	if err != nil {
		return fmt.Errorf("secrets: delete all secrets of workspace %q: %w", workspaceID, err)
	}
	return nil
}

func wrap(op, workspaceID, key string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("secrets: %s %q in workspace %q: %w", op, key, workspaceID, err)
}

// CopyWorkspace copies the secrets stored under keys from one workspace id to another: a
// restored backup copy gets a new id and needs its accounts' passwords under it. A key with
// nothing stored is skipped; the source is left as it was.
func (s *Store) CopyWorkspace(ctx context.Context, fromID, toID string, keys []string) error {
	for _, k := range keys {
		v, err := s.Get(ctx, fromID, k)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if err := s.Set(ctx, toID, k, v); err != nil {
			return err
		}
	}
	return nil
}
