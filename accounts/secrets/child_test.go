package secrets_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"switchboard/accounts/secrets"
	"switchboard/accounts/secrets/keyringtest"
)

// godbus caches the session bus connection for the life of the process, so
// each broken-keyring case runs in a fresh copy of this test binary.
const (
	childEnv    = "SECRETS_TEST_CHILD"  // the error the child must see: "nokeyring" or "timeout"
	childSecret = "SECRETS_TEST_SECRET" // a secret that must not leak into any message
)

func TestBrokenKeyring(t *testing.T) {
	secret := fmt.Sprintf("hunter2-%d", time.Now().UnixNano())
	cases := []struct {
		name, want, msg string
		env             func(t *testing.T) []string
	}{
		{"no bus at the address", "nokeyring", "no keyring service is running: install and start gnome-keyring",
			func(t *testing.T) []string {
				return append(os.Environ(), "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/switchboard/bus")
			}},
		{"bus without a secrets provider", "nokeyring", "apt install gnome-keyring",
			func(t *testing.T) []string {
				return keyringtest.StartIsolated(t, keyringtest.Config{NoDaemon: true}).Env()
			}},
		{"collection locked", "nokeyring", "or KeePassXC with Secret Service enabled, and unlock it",
			func(t *testing.T) []string {
				return keyringtest.StartIsolated(t, keyringtest.Config{Locked: true}).Env()
			}},
		{"keyring does not answer", "timeout", "the keyring did not answer within 300ms; it may be waiting for you to unlock it",
			func(t *testing.T) []string {
				k := keyringtest.StartIsolated(t, keyringtest.Config{})
				pid := k.DaemonPID()
				if err := syscall.Kill(pid, syscall.SIGSTOP); err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { syscall.Kill(pid, syscall.SIGCONT) })
				return k.Env()
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestChild$", "-test.v", "-test.count=1")
			cmd.Env = append(c.env(t), childEnv+"="+c.want, childSecret+"="+secret)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("child: %v\n%s", err, out)
			}
			if !strings.Contains(string(out), c.msg) {
				t.Errorf("child output lacks %q:\n%s", c.msg, out)
			}
			if strings.Contains(string(out), secret) {
				t.Errorf("the secret leaked into the output:\n%s", out)
			}
		})
	}
}

// TestChild does nothing unless TestBrokenKeyring started it.
func TestChild(t *testing.T) {
	want := os.Getenv(childEnv)
	if want == "" {
		return
	}
	sentinel := map[string]error{"nokeyring": secrets.ErrNoKeyring, "timeout": secrets.ErrTimeout}[want]
	ctx := context.Background()
	s := secrets.New(300 * time.Millisecond)
	_, getErr := s.Get(ctx, "ws", "acct")
	for name, err := range map[string]error{
		"Set":             s.Set(ctx, "ws", "acct", os.Getenv(childSecret)),
		"Get":             getErr,
		"Delete":          s.Delete(ctx, "ws", "acct"),
		"DeleteWorkspace": s.DeleteWorkspace(ctx, "ws"),
	} {
		t.Logf("%s: %v", name, err)
		if !errors.Is(err, sentinel) {
			t.Errorf("%s: got %v, want an error matching %v", name, err, sentinel)
		}
	}
}
