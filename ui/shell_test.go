package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"switchboard/ui/fields"
	"switchboard/workspace"
	"switchboard/workspace/demo"
)

func checkShowing(t *testing.T, s *Shell, rec *recorder, info workspace.Info) {
	t.Helper()
	if want := "Switchboard — " + info.Name; s.win.Title() != want {
		t.Errorf("title %q, want %q", s.win.Title(), want)
	}
	if s.band.name.Text != info.Name {
		t.Errorf("band says %q, want %q", s.band.name.Text, info.Name)
	}
	if got := s.band.rect.FillColor; got != fields.Brand(info.Color) {
		t.Errorf("band colour %v, want %s", got, info.Color)
	}
	if rec != nil && rec.last() != info.Name {
		t.Errorf("panes last loaded %q, want %q", rec.last(), info.Name)
	}
}

func TestSwitchingUpdatesTitleBandAndPanes(t *testing.T) {
	root, ws := newRoot(t, "Acme Outdoor", "Bettany Books")
	s, rec := startShell(t, root, Options{})
	checkShowing(t, s, rec, ws[0]) // nothing opened before: the first one

	s.switcher.list.Select(1) // as a click on the second row does
	s.work.wait()
	checkShowing(t, s, rec, ws[1])

	cfg, _ := root.Config()
	if cfg.LastOpen != ws[1].ID {
		t.Errorf("LastOpen %q, want %q", cfg.LastOpen, ws[1].ID)
	}
	// The previous workspace was closed: it can be opened (locked) again.
	other, err := root.Open(context.Background(), ws[0].ID)
	if err != nil {
		t.Fatalf("the workspace switched away from is still locked: %v", err)
	}
	other.Close()
}

func TestLastOpenReopensAtStart(t *testing.T) {
	root, ws := newRoot(t, "Acme Outdoor", "Bettany Books")
	if err := root.SaveConfig(workspace.Config{LastOpen: ws[1].ID}); err != nil {
		t.Fatal(err)
	}
	s, rec := startShell(t, root, Options{})
	checkShowing(t, s, rec, ws[1])
}

func TestCtrlNumberSwitches(t *testing.T) {
	root, ws := newRoot(t, "Acme Outdoor", "Bettany Books")
	s, rec := startShell(t, root, Options{})

	s.win.Canvas().(fyne.Shortcutable).TypedShortcut(ctrl(fyne.Key2))
	s.work.wait()
	checkShowing(t, s, rec, ws[1])

	s.win.Canvas().(fyne.Shortcutable).TypedShortcut(ctrl(fyne.Key9)) // no ninth: nothing happens
	s.work.wait()
	checkShowing(t, s, rec, ws[1])

	s.win.Canvas().(fyne.Shortcutable).TypedShortcut(ctrl(fyne.Key1))
	s.work.wait()
	checkShowing(t, s, rec, ws[0])
}

func TestQuickSwitcherFiltersAndOpens(t *testing.T) {
	root, ws := newRoot(t, "Acme Outdoor", "Bettany Books", "Bergen Bikes")
	s, rec := startShell(t, root, Options{})

	s.win.Canvas().(fyne.Shortcutable).TypedShortcut(ctrl(fyne.KeyK))
	if topOverlay(s) == nil || s.win.Canvas().Focused() != s.quick.entry {
		t.Fatal("Ctrl+K did not open the quick switcher with its entry focused")
	}
	if len(s.quick.matches) != 3 {
		t.Fatalf("empty filter lists %d workspaces, want 3", len(s.quick.matches))
	}
	test.Type(s.quick.entry, "be")
	if len(s.quick.matches) != 2 {
		t.Fatalf("\"be\" matches %d, want Bettany and Bergen", len(s.quick.matches))
	}
	test.Type(s.quick.entry, "r")
	if len(s.quick.matches) != 1 || s.quick.matches[0].ID != ws[2].ID {
		t.Fatalf("\"ber\" matches %v, want Bergen Bikes", s.quick.matches)
	}
	s.quick.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	s.work.wait()
	if topOverlay(s) != nil {
		t.Error("the quick switcher stayed open after Enter")
	}
	checkShowing(t, s, rec, ws[2])
}

func TestSettingsRenameAndRecolourPersist(t *testing.T) {
	root, ws := newRoot(t, "Acme Outdoor", "Bettany Books")
	s, rec := startShell(t, root, Options{Pane: "settings"})
	settings := s.tabs.Selected().Content

	name := find(t, settings, func(e *widget.Entry) bool { return e.Text == "Acme Outdoor" })
	name.SetText("Acme Outdoor Nordic")
	find[*fields.ColorPicker](t, settings, nil).SetHex("#123456")
	test.Tap(button(t, settings, "Save changes"))
	s.work.wait()

	want := ws[0]
	want.Name, want.Color = "Acme Outdoor Nordic", "#123456"
	checkShowing(t, s, nil, want)
	list, _ := root.List(context.Background(), false)
	if list[0].Name != want.Name || list[0].Color != want.Color {
		t.Errorf("stored %+v, want the new name and colour", list[0])
	}
	if s.switcher.items[0].Name != want.Name {
		t.Errorf("switcher shows %q", s.switcher.items[0].Name)
	}
	_ = rec
}

func TestSettingsDeleteAsksForTheName(t *testing.T) {
	root, ws := newRoot(t, "Acme Outdoor", "Bettany Books")
	s, rec := startShell(t, root, Options{Pane: "settings"})
	test.Tap(button(t, s.tabs.Selected().Content, "Delete this workspace…"))
	dlg := topOverlay(s)
	if dlg == nil {
		t.Fatal("no confirmation dialog")
	}
	del := button(t, dlg, "Delete")
	typed := find[*widget.Entry](t, dlg, nil)
	test.Type(typed, "Acme")
	if !del.Disabled() {
		t.Fatal("Delete is enabled before the whole name is typed")
	}
	test.Type(typed, " Outdoor")
	if del.Disabled() {
		t.Fatal("Delete stays disabled with the name typed")
	}
	test.Tap(del)
	s.work.wait()

	list, _ := root.List(context.Background(), true)
	if len(list) != 1 || list[0].ID != ws[1].ID {
		t.Fatalf("after delete the root holds %v", list)
	}
	s.tabs.SelectIndex(len(s.panes) - 1) // another pane, shown, loads the workspace now open
	s.work.wait()
	checkShowing(t, s, rec, ws[1])
}

func TestLockedWorkspaceShowsWhatToDo(t *testing.T) {
	root, ws := newRoot(t, "Acme Outdoor", "Bettany Books")
	s, rec := startShell(t, root, Options{})
	elsewhere, err := root.Open(context.Background(), ws[1].ID) // as another Switchboard would
	if err != nil {
		t.Fatal(err)
	}
	defer elsewhere.Close()

	s.open(ws[1].ID)
	s.work.wait()
	dlg := topOverlay(s)
	if dlg == nil {
		t.Fatal("no dialog for a locked workspace")
	}
	find(t, dlg, func(l *widget.Label) bool { return l.Text == advice(&workspace.ErrLocked{}) })
	checkShowing(t, s, rec, ws[0]) // still where the user was
}

func TestFirstRunOffersCreateAndDemo(t *testing.T) {
	root, _ := newRoot(t)
	s, rec := startShell(t, root, Options{})
	if s.win.Content() != s.welcome {
		t.Fatal("an empty data root does not show the welcome screen")
	}
	button(t, s.welcome, "Create a workspace")
	test.Tap(button(t, s.welcome, "Open the demo workspace"))
	s.work.wait()

	info, err := root.Find(context.Background(), demo.Name)
	if err != nil {
		t.Fatal(err)
	}
	if s.win.Content() != s.main {
		t.Fatal("the welcome screen stayed after opening the demo")
	}
	checkShowing(t, s, rec, info)
}

func TestCreateWorkspaceFromDialog(t *testing.T) {
	root, _ := newRoot(t)
	s, rec := startShell(t, root, Options{})
	test.Tap(button(t, s.welcome, "Create a workspace"))
	dlg := topOverlay(s)
	test.Type(find(t, dlg, func(e *widget.Entry) bool { return e.PlaceHolder != "" && e.Text == "" }), "Acme Outdoor")
	test.Tap(button(t, dlg, "Create"))
	s.work.wait()
	info, err := root.Find(context.Background(), "Acme Outdoor")
	if err != nil {
		t.Fatal(err)
	}
	checkShowing(t, s, rec, info)
}

func TestSwitcherShowsUnreadCountsAndUnreadableFolders(t *testing.T) {
	root, ws := newRoot(t, "Acme Outdoor", "Bettany Books")
	bad := filepath.Join(root.Dir(), "broken")
	if err := os.Mkdir(bad, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bad, "workspace.db"), []byte("not a database at all"), 0o600); err != nil {
		t.Fatal(err)
	}
	unread := func(_ context.Context, w workspace.Info) int {
		if w.ID == ws[1].ID {
			return 7
		}
		return 0
	}
	s, rec := startShell(t, root, Options{Unread: unread})
	checkShowing(t, s, rec, ws[0]) // the unreadable folder does not stop the others

	if s.switcher.unread[ws[1].ID] != 7 || s.switcher.unread[ws[0].ID] != 0 {
		t.Errorf("unread counts %v", s.switcher.unread)
	}
	find(t, s.switcher.content, func(l *widget.Label) bool { return l.Text == "7" && l.Visible() })
	if !s.switcher.problems.Visible() {
		t.Fatal("the unreadable workspace folder is not reported")
	}
	test.Tap(s.switcher.problems)
	find(t, topOverlay(s), func(l *widget.Label) bool { return strings.Contains(l.Text, `"broken"`) })
}
