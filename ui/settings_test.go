package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"switchboard/accounts/imapsync"
	"switchboard/workspace/demo"
)

func TestArchiveKeepsTheWorkspaceOpenUntilTheUserMovesOn(t *testing.T) {
	root, ws := newRoot(t, "Acme Outdoor", "Bettany Books")
	s, _ := startShell(t, root, Options{Pane: "settings"})
	test.Tap(button(t, s.tabs.Selected().Content, "Archive this workspace"))

	if len(s.switcher.items) != 2 || !s.switcher.items[0].Archived {
		t.Fatalf("while open, the archived workspace should stay listed and marked: %+v", s.switcher.items)
	}
	if !strings.Contains(s.band.meta.Text, "Archived") {
		t.Errorf("band says %q, want it to say Archived", s.band.meta.Text)
	}
	button(t, s.tabs.Selected().Content, "Bring back from the archive")

	s.win.Canvas().(fyne.Shortcutable).TypedShortcut(ctrl(fyne.Key2))
	if len(s.switcher.items) != 1 || s.switcher.items[0].ID != ws[1].ID {
		t.Fatalf("after moving on, the switcher lists %+v", s.switcher.items)
	}
	all, _ := root.List(context.Background(), true)
	if len(all) != 2 {
		t.Fatal("archiving deleted something")
	}
}

func TestMyNameIsSavedMachineWide(t *testing.T) {
	root, _ := newRoot(t, "Acme Outdoor")
	s, rec := startShell(t, root, Options{Pane: "settings"})
	settings := s.tabs.Selected().Content
	agent := find(t, settings, func(e *widget.Entry) bool { return strings.HasPrefix(e.PlaceHolder, "Your name") })
	agent.SetText("Maja Lind")
	test.Tap(button(t, settings, "Save my name"))

	if cfg, _ := root.Config(); cfg.AgentName != "Maja Lind" {
		t.Fatalf("config has agent %q", cfg.AgentName)
	}
	s.tabs.SelectIndex(len(s.panes) - 1) // showing a pane (the recorder) reloads it with the new name
	if s.agent != "Maja Lind" || rec.last() != "Acme Outdoor" {
		t.Errorf("agent %q after save", s.agent)
	}
}

func TestResetDemoReplacesIt(t *testing.T) {
	root, _ := newRoot(t)
	info, err := demo.Create(context.Background(), root, imapsync.ImportRaw)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := startShell(t, root, Options{Pane: "settings"})
	test.Tap(button(t, s.tabs.Selected().Content, "Reset the demo…"))
	test.Tap(button(t, topOverlay(s), "Yes"))

	fresh, err := root.Find(context.Background(), demo.Name)
	if err != nil || fresh.ID == info.ID {
		t.Fatalf("after reset: %v, %v (old id %s)", fresh.ID, err, info.ID)
	}
	if s.current.ID != fresh.ID {
		t.Errorf("the shell shows %q, want the fresh demo", s.current.ID)
	}
}
