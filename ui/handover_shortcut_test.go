package ui

import (
	"testing"

	"fyne.io/fyne/v2"
)

// The shift note is one key away from any pane, text field focused or not (the menu item
// carries the same shortcut).
func TestCtrlHOpensTheHandoverFromAnyPane(t *testing.T) {
	root, _ := newRoot(t, "Acme Outdoor")
	s, _ := startShell(t, root, Options{})
	s.tabs.SelectIndex(0)
	s.win.Canvas().(fyne.Shortcutable).TypedShortcut(ctrl(fyne.KeyH))
	s.work.wait()
	if got := s.panes[s.tabs.SelectedIndex()].ID(); got != "handover" {
		t.Errorf("Ctrl+H shows %q, want the handover pane", got)
	}
	found := false
	for _, item := range s.win.MainMenu().Items[0].Items {
		if sc, ok := item.Shortcut.(interface{ ShortcutName() string }); ok && sc.ShortcutName() == ctrl(fyne.KeyH).ShortcutName() {
			found = true
		}
	}
	if !found {
		t.Error("no menu item carries Ctrl+H: the shortcut would not reach the window while a text field has the focus")
	}
}
