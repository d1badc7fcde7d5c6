package ui

import (
	"context"
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/ui/pane"
	"switchboard/workspace"
	"switchboard/workspace/sqlitedb"
	"switchboard/workspace/workspacetest"
)

// scanner is a pane that reads every setting, as an export would: the read that meets a
// damaged page.
type scanner struct{}

func (scanner) ID() string                 { return "scanner" }
func (scanner) Title() string              { return "Scanner" }
func (scanner) Icon() fyne.Resource        { return theme.InfoIcon() }
func (scanner) Content() fyne.CanvasObject { return widget.NewLabel("scanner") }
func (scanner) Load(ctx context.Context, env pane.Env) error {
	var n int64
	return env.Workspace.DB().Read().QueryRowContext(ctx, "SELECT coalesce(sum(length(value)), 0) FROM settings").Scan(&n)
}

// syncFake is an Options.Background that notes whether it was stopped, per workspace.
type syncFake struct {
	mu      sync.Mutex
	running map[string]bool
}

func (f *syncFake) run(_ context.Context, w *workspace.Workspace, _ func()) func() {
	name := w.Info().Name
	f.mu.Lock()
	f.running[name] = true
	f.mu.Unlock()
	return func() {
		f.mu.Lock()
		f.running[name] = false
		f.mu.Unlock()
	}
}

func (f *syncFake) isRunning(name string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.running[name]
}

// damage fills the workspace, closes it cleanly, then overwrites a page of its settings
// and restores the file's time: bit rot, or a bad backup restored.
func damage(t *testing.T, root *workspace.Root, info workspace.Info) {
	t.Helper()
	ctx := context.Background()
	err := root.Update(ctx, info.Dir, func(w *workspace.Workspace) error {
		for i := 0; i < 600; i++ {
			if err := w.SetSetting(ctx, "k"+strconv.Itoa(i), strings.Repeat("v", 1500)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	workspacetest.Damage(t, filepath.Join(info.Dir, "workspace.db"), "settings")
}

func startWithScanner(t *testing.T, root *workspace.Root, opts Options) *Shell {
	t.Helper()
	s := newShell(test.NewTempApp(t), root, opts, func(s *Shell) []pane.Pane { return append([]pane.Pane{scanner{}}, s.defaultPanes()...) }) // first: only the pane on screen loads
	s.work.inline = true
	s.win.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(func() {
		s.close()
		s.win.Close()
	})
	s.start()
	s.work.wait()
	return s
}

// labelContaining is the shown label under o whose text contains text, or nil; a label
// inside a hidden container is not shown.
func labelContaining(o fyne.CanvasObject, text string) *widget.Label {
	if o == nil || !o.Visible() {
		return nil
	}
	if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, text) {
		return l
	}
	var children []fyne.CanvasObject
	switch v := o.(type) {
	case *fyne.Container:
		children = v.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(v).Objects()
	}
	for _, c := range children {
		if l := labelContaining(c, text); l != nil {
			return l
		}
	}
	return nil
}

// The probe in the window: a damaged workspace whose clean-close marker still
// vouches for it opens, and the first pane that reads the damaged page makes the window
// stop its sync and say what happened and what to do, for as long as it is shown. The
// other workspace keeps working; the damaged one is then refused at opening, and the
// window says so again at the next start.
func TestDamagedWorkspaceIsShownAndStopsItsBackground(t *testing.T) {
	root, ws := newRoot(t, "Acme Outdoor", "Bettany Books")
	acme, bettany := ws[0], ws[1]
	damage(t, root, bettany)
	bg := &syncFake{running: map[string]bool{}}
	s := startWithScanner(t, root, Options{Background: bg.run})
	checkShowing(t, s, nil, acme)

	s.open(bettany.Dir)
	s.work.wait()
	checkShowing(t, s, nil, bettany) // still shown: what is readable can be read
	title := labelContaining(s.win.Content(), "The database file of Bettany Books is damaged")
	if title == nil {
		t.Fatal("the window does not say the workspace is damaged")
	}
	text := labelContaining(s.win.Content(), "restore this workspace's folder from a backup, or create a new workspace")
	if text == nil || !strings.Contains(text.Text, "other workspaces keep working") {
		t.Fatal("the window does not say what to do")
	}
	if bg.isRunning("Bettany Books") {
		t.Error("sync and sending still run on the damaged workspace")
	}
	if err := s.sess.ws.SetSetting(context.Background(), "tone.avoid", "x"); !errors.Is(err, sqlitedb.ErrDamaged) {
		t.Errorf("a write to the damaged workspace: %v", err)
	}
	if dlg := topOverlay(s); dlg != nil {
		t.Error("a dialog besides the warning: one per pane would pile up")
	}

	s.open(acme.Dir)
	s.work.wait()
	checkShowing(t, s, nil, acme)
	if labelContaining(s.win.Content(), "is damaged") != nil {
		t.Error("the warning stays over another workspace")
	}
	if !bg.isRunning("Acme Outdoor") || s.sess.ws.SetSetting(context.Background(), "tone.avoid", "cheap") != nil {
		t.Error("the other workspace stopped working")
	}

	s.open(bettany.Dir) // closed with damage seen: the full check now refuses it
	s.work.wait()
	checkShowing(t, s, nil, acme)
	dlg := topOverlay(s)
	if dlg == nil || labelContaining(dlg, "The database file of Bettany Books is damaged") == nil {
		t.Fatal("opening the damaged workspace again says nothing about the damage")
	}
	s.close()

	// At the next start the last workspace is refused: the window says why, with no
	// workspace open, and offers a new one.
	if err := root.SaveConfig(workspace.Config{LastOpen: bettany.ID, LastOpenDir: filepath.Base(bettany.Dir)}); err != nil {
		t.Fatal(err)
	}
	s = startWithScanner(t, root, Options{Background: bg.run})
	if s.sess != nil {
		t.Fatalf("opened %s", s.sess.ws.Info().Name)
	}
	if labelContaining(s.win.Content(), "The database file of Bettany Books is damaged") == nil ||
		labelContaining(s.win.Content(), "found it damaged and left it exactly as it is") == nil {
		t.Fatal("at start the window does not say the last workspace is damaged")
	}
	find(t, s.win.Content(), func(b *widget.Button) bool { return b.Text == "New workspace…" && b.Visible() })
}
