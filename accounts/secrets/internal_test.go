package secrets

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// Without DBUS_SESSION_BUS_ADDRESS and without /run/user/UID/bus, the store
// says so instead of letting godbus autolaunch a stray bus.
func TestNoSessionBus(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	empty := t.TempDir()
	old := runtimeDir
	runtimeDir = func() string { return empty }
	t.Cleanup(func() { runtimeDir = old })

	err := New(time.Second).Set(context.Background(), "ws", "acct", "s3cr3t-value")
	if !errors.Is(err, ErrNoKeyring) || !strings.Contains(err.Error(), "DBUS_SESSION_BUS_ADDRESS is not set") {
		t.Fatalf("got %v", err)
	}
}

func TestTimeoutAndSlot(t *testing.T) {
	s := New(50 * time.Millisecond)
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	hang := func() (string, error) { <-release; return "", nil }

	_, err := s.do(context.Background(), hang)
	if !errors.Is(err, ErrTimeout) || err.Error() != "the keyring did not answer within 50ms; it may be waiting for you to unlock it" {
		t.Fatalf("first call: %v", err)
	}
	// The stranded call still holds the slot: the next one times out waiting
	// for it rather than starting a second stranded goroutine.
	ran := false
	_, err = s.do(context.Background(), func() (string, error) { ran = true; return "", nil })
	if !errors.Is(err, ErrTimeout) || ran {
		t.Fatalf("second call: err=%v ran=%v", err, ran)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := New(time.Hour).do(ctx, hang); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
}

func TestRedact(t *testing.T) {
	secret := "p@ss w0rd"
	err := redact(errors.New("library echoed p@ss w0rd twice: p@ss w0rd"), secret)
	if strings.Contains(err.Error(), secret) || !strings.Contains(err.Error(), "[redacted]") {
		t.Fatalf("got %q", err)
	}
	if err := classify(errors.New("failed to unlock correct collection '/x'")); !errors.Is(err, ErrNoKeyring) {
		t.Fatalf("locked collection not classified: %v", err)
	}
}
