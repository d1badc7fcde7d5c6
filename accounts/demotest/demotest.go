// Package demotest gives tests the demo workspace exactly as a user gets it: created with
// its mail imported through the sync engine's own path, in a fresh data root.
package demotest

import (
	"context"
	"testing"

	"switchboard/accounts/imapsync"
	"switchboard/workspace"
	"switchboard/workspace/demo"
)

// Open creates the demo workspace in a temporary data root and opens it until the test ends.
func Open(t testing.TB) (*workspace.Root, *workspace.Workspace) {
	t.Helper()
	ctx := context.Background()
	root, err := workspace.OpenRoot(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	info, err := demo.Create(ctx, root, imapsync.ImportRaw)
	if err != nil {
		t.Fatal(err)
	}
	w, err := root.Open(ctx, info.ID)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return root, w
}
