package ui

import (
	"slices"
	"testing"
)

// Only the pane on screen loads; a pane not shown since the workspace changed shows
// nothing (never the previous workspace's data) until it is shown and loaded.
func TestOnlyThePaneOnScreenLoads(t *testing.T) {
	root, ws := newRoot(t, "Acme Outdoor", "Bettany Books")
	s, rec := startShell(t, root, Options{Pane: "faq"})
	last := len(s.panes) - 1
	if rec.count() != 0 {
		t.Fatalf("a pane not on screen loaded %d times at start", rec.count())
	}
	s.tabs.SelectIndex(last)
	s.work.wait()
	if rec.count() != 1 || rec.last() != ws[0].Name {
		t.Fatalf("shown: %d loads, last %q", rec.count(), rec.last())
	}
	s.tabs.SelectIndex(1) // FAQ again, then another workspace
	s.open(ws[1].ID)
	s.work.wait()
	if rec.count() != 1 {
		t.Errorf("a hidden pane loaded on a workspace switch (%d loads)", rec.count())
	}
	if s.tabs.Items[last].Content != s.notLoaded {
		t.Error("the hidden pane still holds the previous workspace's content")
	}
	if s.tabs.Items[1].Content != s.paneContent[1] {
		t.Error("the pane on screen lost its content")
	}
	s.tabs.SelectIndex(last)
	s.work.wait()
	if rec.count() != 2 || rec.last() != ws[1].Name || s.tabs.Items[last].Content != s.paneContent[last] {
		t.Errorf("shown after the switch: %d loads, last %q", rec.count(), rec.last())
	}
}

// The panes --pane accepts are the shell's, in its order.
func TestPaneIDsAreTheShellsPanes(t *testing.T) {
	root, _ := newRoot(t, "Acme Outdoor")
	s, _ := startShell(t, root, Options{})
	var ids []string
	for _, p := range s.panes[:len(s.panes)-1] { // the last is the test's recorder
		ids = append(ids, p.ID())
	}
	if !slices.Equal(ids, PaneIDs()) {
		t.Errorf("shell panes %v, PaneIDs %v", ids, PaneIDs())
	}
}
