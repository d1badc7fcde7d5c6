// Package workspacetest makes real workspaces for tests: a temporary data root and
// workspaces created and opened in it the way the app does, closed when the test ends.
package workspacetest

import (
	"context"
	"testing"

	"switchboard/workspace"
)

// Root is a fresh data root in a temporary folder.
func Root(t testing.TB) *workspace.Root {
	t.Helper()
	root, err := workspace.OpenRoot(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// Open creates the workspace name in root and opens it until the test ends.
func Open(t testing.TB, root *workspace.Root, name string) *workspace.Workspace {
	t.Helper()
	ctx := context.Background()
	info, err := root.Create(ctx, name, workspace.CreateOptions{TimeZone: "Europe/Stockholm"})
	if err != nil {
		t.Fatal(err)
	}
	w, err := root.Open(ctx, info.ID)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}
