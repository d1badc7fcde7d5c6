// Package keyringtest runs a real, private Secret Service for tests: its own
// D-Bus session bus and a gnome-keyring-daemon with an unlocked "login"
// collection, in a temporary HOME. Nothing touches the user's own keyring.
//
// In a test:
//
//	keyringtest.Start(t) // sets DBUS_SESSION_BUS_ADDRESS for this process
//
// In TestMain (no *testing.T there):
//
//	k, err := keyringtest.Launch()
//	if err != nil { fmt.Fprintln(os.Stderr, err); os.Exit(1) }
//	code := m.Run()
//	k.Stop()
//	os.Exit(code)
//
// Start and Launch share one instance per process (reference-counted), since
// DBUS_SESSION_BUS_ADDRESS and godbus's cached connection are process-wide.
package keyringtest

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"testing"
)

// Keyring is a running private bus, optionally with gnome-keyring on it.
type Keyring struct {
	// Address is the bus address, for DBUS_SESSION_BUS_ADDRESS.
	Address string
	// Dir holds the bus socket and the daemon's HOME.
	Dir string
	// Password unlocks the login collection.
	Password string

	bus, daemon *exec.Cmd
	logs        []*os.File
	shared      bool
}

// Config selects a degraded keyring for testing error paths.
type Config struct {
	NoDaemon bool // only a bus: nobody owns org.freedesktop.secrets
	Locked   bool // gnome-keyring without --unlock: the login collection stays locked
}

var (
	mu       sync.Mutex
	shared   *Keyring
	refs     int
	prevAddr string
	hadPrev  bool
)

// Launch starts (or reuses) the process-wide keyring and points
// DBUS_SESSION_BUS_ADDRESS at it. Match every successful Launch with one Stop.
func Launch() (*Keyring, error) {
	mu.Lock()
	defer mu.Unlock()
	if shared != nil {
		refs++
		return shared, nil
	}
	k, err := launch(Config{})
	if err != nil {
		return nil, err
	}
	k.shared = true
	prevAddr, hadPrev = os.LookupEnv("DBUS_SESSION_BUS_ADDRESS")
	os.Setenv("DBUS_SESSION_BUS_ADDRESS", k.Address)
	shared, refs = k, 1
	return k, nil
}

// Start is Launch for a test or benchmark: it fails tb if the keyring cannot
// start and releases it in tb.Cleanup.
func Start(tb testing.TB) *Keyring {
	tb.Helper()
	k, err := Launch()
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { k.Stop() })
	return k
}

// StartIsolated starts a private instance that does NOT change this process's
// environment; pass k.Env() to a child process (a re-exec'd test binary, the
// CLI, secret-tool). It is stopped in tb.Cleanup.
func StartIsolated(tb testing.TB, cfg Config) *Keyring {
	tb.Helper()
	k, err := launch(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { k.Stop() })
	return k
}

// Env returns os.Environ() with this keyring's bus and HOME, for a child
// process.
func (k *Keyring) Env() []string {
	return append(os.Environ(),
		"DBUS_SESSION_BUS_ADDRESS="+k.Address,
		"HOME="+k.home(),
	)
}

// Stop releases the keyring; the shared one is torn down with its last user.
func (k *Keyring) Stop() error {
	if k.shared {
		mu.Lock()
		defer mu.Unlock()
		if refs--; refs > 0 {
			return nil
		}
		shared = nil
		if hadPrev {
			os.Setenv("DBUS_SESSION_BUS_ADDRESS", prevAddr)
		} else {
			os.Unsetenv("DBUS_SESSION_BUS_ADDRESS")
		}
	}
	return k.stop()
}

// ErrMissingTool is wrapped when a binary the keyring needs is not installed.
var ErrMissingTool = errors.New("run `make deps` (it installs dbus, gnome-keyring and libsecret-tools)")

// LookPath finds a binary the keyring tests need, or says how to install it.
func LookPath(name string) (string, error) {
	p, err := exec.LookPath(name)
	if err != nil {
		return "", fmt.Errorf("keyringtest: %s is not installed or not in PATH: %w", name, ErrMissingTool)
	}
	return p, nil
}

// DaemonPID is gnome-keyring-daemon's process id (0 if none), so a test can
// SIGSTOP it to simulate a keyring that does not answer.
func (k *Keyring) DaemonPID() int {
	if k.daemon == nil || k.daemon.Process == nil {
		return 0
	}
	return k.daemon.Process.Pid
}
