package keyringtest_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"

	"switchboard/accounts/secrets/keyringtest"
)

func TestStartSharedAndReleased(t *testing.T) {
	before := os.Getenv("DBUS_SESSION_BUS_ADDRESS")
	t.Run("nested", func(t *testing.T) {
		a := keyringtest.Start(t)
		b := keyringtest.Start(t) // same process-wide instance
		if a != b || os.Getenv("DBUS_SESSION_BUS_ADDRESS") != a.Address {
			t.Fatalf("not shared: %p %p, env %q", a, b, os.Getenv("DBUS_SESSION_BUS_ADDRESS"))
		}
		if err := keyring.Set("keyringtest", "u", "v"); err != nil {
			t.Fatal(err)
		}
		if v, err := keyring.Get("keyringtest", "u"); err != nil || v != "v" {
			t.Fatalf("Get = %q, %v", v, err)
		}
	})
	if got := os.Getenv("DBUS_SESSION_BUS_ADDRESS"); got != before {
		t.Fatalf("address not restored: %q, want %q", got, before)
	}
}

func TestMissingBinaryNamesMakeDeps(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := keyringtest.Launch()
	if !errors.Is(err, keyringtest.ErrMissingTool) || !strings.Contains(err.Error(), "make deps") {
		t.Fatalf("got %v", err)
	}
}
