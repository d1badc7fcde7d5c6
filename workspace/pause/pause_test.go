package pause_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"switchboard/workspace/pause"
	"switchboard/workspace/workspacetest"
)

func TestAHoldIsOneWorkspaces(t *testing.T) {
	ctx := context.Background()
	root := workspacetest.Root(t)
	a, b := workspacetest.Open(t, root, "Acme"), workspacetest.Open(t, root, "Beta")
	since := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	if err := a.DB().Write(ctx, func(tx *sql.Tx) error {
		return pause.Start(ctx, tx, pause.Hold{Reason: "bitter batch", Incident: "inc-1", Since: since})
	}); err != nil {
		t.Fatal(err)
	}
	if h, on, err := pause.Active(ctx, a.DB().Read()); err != nil || !on || h.Reason != "bitter batch" || !h.Since.Equal(since) {
		t.Fatalf("Acme: %+v %v %v", h, on, err)
	}
	if _, on, _ := pause.Active(ctx, b.DB().Read()); on {
		t.Fatal("Beta is held by Acme's incident")
	}
	if err := a.DB().Write(ctx, func(tx *sql.Tx) error { return pause.End(ctx, tx) }); err != nil {
		t.Fatal(err)
	}
	if _, on, _ := pause.Active(ctx, a.DB().Read()); on {
		t.Fatal("still held after End")
	}
}
