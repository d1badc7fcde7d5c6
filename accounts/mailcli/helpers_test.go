package mailcli_test

import (
	"context"
	"io"
	"testing"

	"switchboard/workspace"
	"switchboard/workspace/workspacetest"
)

const user = "support@nordlys.example"

// command is the shape of every Run*CLI function.
type command = func(ctx context.Context, w *workspace.Workspace, args []string, stdin io.Reader, stdout, stderr io.Writer) error

// newWorkspace makes a workspace in a fresh data root, closed when t ends unless the
// test closed it first.
func newWorkspace(t *testing.T) (*workspace.Workspace, string) {
	root := workspacetest.Root(t)
	return workspacetest.Open(t, root, "Nordlys Coffee"), root.Dir()
}

// eachError calls fn with err and everything it wraps, through errors.Join too.
func eachError(err error, fn func(error)) {
	if err == nil {
		return
	}
	fn(err)
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		eachError(u.Unwrap(), fn)
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			eachError(e, fn)
		}
	}
}
