package secrets_test

import (
	"context"
	"errors"
	"os/exec"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"

	"switchboard/accounts/secrets"
	"switchboard/accounts/secrets/keyringtest"
)

func TestSetGetOverwriteDelete(t *testing.T) {
	ctx := context.Background()
	s := secrets.New(0)
	ws, key := "ws-crud", "acct-1"

	if err := s.Set(ctx, ws, key, "first pässword"); err != nil {
		t.Fatal(err)
	}
	mustGet(t, s, ws, key, "first pässword")
	if err := s.Set(ctx, ws, key, "second"); err != nil {
		t.Fatal(err)
	}
	mustGet(t, s, ws, key, "second")
	if err := s.Delete(ctx, ws, key); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, ws, key); !errors.Is(err, secrets.ErrNotFound) {
		t.Fatalf("Get after Delete: got %v, want ErrNotFound", err)
	}
}

func TestNotFound(t *testing.T) {
	ctx := context.Background()
	s := secrets.New(0)
	_, err := s.Get(ctx, "ws-empty", "nobody")
	if !errors.Is(err, secrets.ErrNotFound) || !errors.Is(err, keyring.ErrNotFound) {
		t.Fatalf("Get: got %v, want ErrNotFound wrapping keyring.ErrNotFound", err)
	}
	if err := s.Delete(ctx, "ws-empty", "nobody"); !errors.Is(err, secrets.ErrNotFound) {
		t.Fatalf("Delete: got %v, want ErrNotFound", err)
	}
	if err := s.DeleteWorkspace(ctx, "ws-empty"); err != nil {
		t.Fatalf("DeleteWorkspace of an empty workspace: %v", err)
	}
}

// Two workspaces side by side, with the same key and a workspace id that is a
// prefix of the other: deleting one leaves the other whole.
func TestDeleteWorkspaceIsolation(t *testing.T) {
	ctx := context.Background()
	s := secrets.New(0)
	for _, ws := range []string{"brand", "brand-2"} {
		for _, key := range []string{"imap", "smtp"} {
			if err := s.Set(ctx, ws, key, ws+"/"+key); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := s.DeleteWorkspace(ctx, "brand"); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"imap", "smtp"} {
		if _, err := s.Get(ctx, "brand", key); !errors.Is(err, secrets.ErrNotFound) {
			t.Errorf("brand/%s after DeleteWorkspace: got %v, want ErrNotFound", key, err)
		}
		mustGet(t, s, "brand-2", key, "brand-2/"+key)
	}
	if err := s.DeleteWorkspace(ctx, "brand-2"); err != nil {
		t.Fatal(err)
	}
}

// The secret really lives in the daemon, under the documented service name.
func TestSecretToolSeesSecret(t *testing.T) {
	tool, err := keyringtest.LookPath("secret-tool")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s := secrets.New(0)
	if err := s.Set(ctx, "ws-tool", "acct", "visible-to-secret-tool"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.DeleteWorkspace(ctx, "ws-tool") })
	out, err := exec.Command(tool, "lookup", "service", secrets.Service("ws-tool"), "username", "acct").CombinedOutput()
	if err != nil {
		t.Fatalf("secret-tool lookup: %v: %s", err, out)
	}
	if got := strings.TrimSpace(string(out)); got != "visible-to-secret-tool" {
		t.Fatalf("secret-tool lookup = %q", got)
	}
	out, err = exec.Command(tool, "search", "--all", "service", "switchboard:ws-tool").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "attribute.username = acct") {
		t.Fatalf("secret-tool search: %v: %s", err, out)
	}
}

func TestValidate(t *testing.T) {
	for _, c := range []struct{ ws, key string }{
		{"", "k"}, {"w", ""}, {"w\n", "k"}, {"w", "k\x00"}, {"w", strings.Repeat("k", 300)}, {"w", "\xff"},
	} {
		if err := secrets.Validate(c.ws, c.key); err == nil {
			t.Errorf("Validate(%q, %q) = nil", c.ws, c.key)
		}
		if err := secrets.New(0).Set(context.Background(), c.ws, c.key, "x"); err == nil {
			t.Errorf("Set(%q, %q) = nil", c.ws, c.key)
		}
	}
	if err := secrets.Validate("ws-1", "acct@example.com"); err != nil {
		t.Error(err)
	}
}

func mustGet(t *testing.T, s *secrets.Store, ws, key, want string) {
	t.Helper()
	got, err := s.Get(context.Background(), ws, key)
	if err != nil {
		t.Fatalf("Get(%s, %s): %v", ws, key, err)
	}
	if got != want {
		t.Fatalf("Get(%s, %s) = %q, want %q", ws, key, got, want)
	}
}

// A restored backup copy gets a new workspace id; its passwords are copied to it and the
// original keeps its own.
func TestCopyWorkspaceCopiesAndLeavesTheSource(t *testing.T) {
	ctx := context.Background()
	s := secrets.New(0)
	if err := s.Set(ctx, "ws-orig", "acct-1", "pw-1"); err != nil {
		t.Fatal(err)
	}
	if err := s.CopyWorkspace(ctx, "ws-orig", "ws-restored", []string{"acct-1", "acct-never-stored"}); err != nil {
		t.Fatal(err)
	}
	mustGet(t, s, "ws-restored", "acct-1", "pw-1")
	mustGet(t, s, "ws-orig", "acct-1", "pw-1")
	if _, err := s.Get(ctx, "ws-restored", "acct-never-stored"); !errors.Is(err, secrets.ErrNotFound) {
		t.Fatalf("a key with nothing stored was invented: %v", err)
	}
	s.DeleteWorkspace(ctx, "ws-orig")
	s.DeleteWorkspace(ctx, "ws-restored")
}
