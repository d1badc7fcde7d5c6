package secrets_test

import (
	"fmt"
	"os"
	"testing"

	"switchboard/accounts/secrets/keyringtest"
)

// TestMain runs the whole package against a private, real gnome-keyring. A
// re-exec'd child (see child_test.go) gets its environment from the parent
// instead, since it exists to see a broken or missing keyring.
func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		os.Exit(m.Run())
	}
	k, err := keyringtest.Launch()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	k.Stop()
	os.Exit(code)
}
