package keyringtest

import (
	"context"
	"fmt"
	"strings"
	"sync"
)

// Static is an in-memory keyring for unit tests, with the methods the app reads and
// writes passwords through (Get, Set, Delete, DeleteWorkspace), entries namespaced by
// workspace as in the OS keyring. The real keyring is tested in accounts/secrets and by
// the command-line tests (Start).
type Static struct {
	mu sync.Mutex
	m  map[string]string // workspace id + "\x00" + key
}

// NewStatic is an empty keyring.
func NewStatic() *Static { return &Static{m: map[string]string{}} }

// With stores a password and returns the keyring, for one-line set-ups.
func (s *Static) With(workspaceID, key, secret string) *Static {
	s.Set(context.Background(), workspaceID, key, secret)
	return s
}

func (s *Static) Set(_ context.Context, workspaceID, key, secret string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[workspaceID+"\x00"+key] = secret
	return nil
}

func (s *Static) Get(_ context.Context, workspaceID, key string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	pw, ok := s.m[workspaceID+"\x00"+key]
	if !ok {
		return "", fmt.Errorf("no password for %s in workspace %s", key, workspaceID)
	}
	return pw, nil
}

func (s *Static) Delete(_ context.Context, workspaceID, key string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, workspaceID+"\x00"+key)
	return nil
}

func (s *Static) DeleteWorkspace(_ context.Context, workspaceID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k := range s.m {
		if strings.HasPrefix(k, workspaceID+"\x00") {
			delete(s.m, k)
		}
	}
	return nil
}
