package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"switchboard/ui/inboxpane"
	"switchboard/workspace"
)

func TestSwitcherMarksTheWorkspaceWhoseMailSyncFails(t *testing.T) {
	root, ws := newRoot(t, "Acme Outdoor", "Bettany Books")
	state := func(_ context.Context, w *workspace.Workspace) ([]inboxpane.SyncState, error) {
		return []inboxpane.SyncState{{Email: "hello@acme.example", Error: "dial tcp: connection refused"}}, nil
	}
	s, rec := startShell(t, root, Options{SyncState: state})
	checkShowing(t, s, rec, ws[0])
	if !s.switcher.failing[ws[0].ID] || s.switcher.failing[ws[1].ID] {
		t.Fatalf("failing %v: want only the open workspace with the failing account marked", s.switcher.failing)
	}
	row := s.switcher.list.CreateItem()
	s.switcher.updateRow(0, row)
	if !visibleWarning(row) {
		t.Fatal("the failing workspace's row shows no warning")
	}
	s.switcher.updateRow(1, row)
	if visibleWarning(row) {
		t.Fatal("a workspace without trouble shows a warning")
	}
}

// visibleWarning tells whether a switcher row shows its sync warning icon.
func visibleWarning(row fyne.CanvasObject) bool {
	right := row.(*fyne.Container).Objects[2].(*fyne.Container)
	icon, ok := right.Objects[3].(*widget.Icon)
	return ok && icon.Visible()
}
