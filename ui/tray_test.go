package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Ticking "Keep running in the system tray" in Settings is saved machine-wide and reaches
// the shell; closing the window then only hides it, so the workspace's runner goes on.
// Without the choice, closing closes.
func TestKeepInTrayHidesTheWindowInsteadOfQuitting(t *testing.T) {
	root, _ := newRoot(t, "Acme Outdoor")
	s, _ := startShell(t, root, Options{Pane: "settings"})
	check := find(t, s.tabs.Selected().Content, func(c *widget.Check) bool { return strings.HasPrefix(c.Text, "Keep running in the system tray") })
	if check.Checked {
		t.Fatal("keeping Switchboard in the tray is on before anyone chose it")
	}
	test.Tap(check)
	s.work.wait()
	if cfg, _ := root.Config(); !cfg.KeepInTray || !s.tray.on.Load() {
		t.Fatalf("after ticking: config %v, shell %v", cfg.KeepInTray, s.tray.on.Load())
	}

	if s.hidesOnClose() {
		t.Fatal("without a tray to come back from (the test app has none), closing would hide the window for good")
	}
	s.tray.shown = true // a desktop app sets the tray menu when the choice is on
	if !s.hidesOnClose() {
		t.Fatal("with the tray chosen, closing the window quits and stops the scheduled sends")
	}

	test.Tap(check) // off again
	s.work.wait()
	if cfg, _ := root.Config(); cfg.KeepInTray || s.hidesOnClose() {
		t.Fatalf("after unticking: config %v, hides on close %v", cfg.KeepInTray, s.hidesOnClose())
	}
}
