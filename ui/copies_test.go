package ui

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// The README's old backup advice, `cp -a DATA/zeta DATA/zeta-backup`, made the window
// show an ambiguity error at start instead of the workspace the user was in, because it
// reopened by id. It reopens by folder; the copy is listed as a copy, and tapping it
// explains it and restores it as a workspace of its own instead of opening it.
func TestBackupCopyReopensTheFolderAndOffersRestore(t *testing.T) {
	root, ws := newRoot(t, "Acme Outdoor", "Zeta")
	zeta := ws[1]
	s, rec := startShell(t, root, Options{})
	s.switcher.list.Select(1)
	s.work.wait()
	checkShowing(t, s, rec, zeta)
	s.close()
	if out, err := exec.Command("cp", "-a", zeta.Dir, filepath.Join(root.Dir(), "zeta-backup")).CombinedOutput(); err != nil {
		t.Fatalf("cp -a: %v %s", err, out)
	}

	s, rec = startShell(t, root, Options{})
	if dlg := topOverlay(s); dlg != nil {
		for _, l := range test.LaidOutObjects(dlg) {
			if l, ok := l.(*widget.Label); ok {
				t.Errorf("a dialog at start: %s", l.Text)
			}
		}
	}
	checkShowing(t, s, rec, zeta)
	if s.sess == nil || s.sess.ws.Info().Dir != zeta.Dir {
		t.Fatalf("the window did not reopen folder %s", zeta.Dir)
	}

	copyRow := -1
	for i, info := range s.switcher.items {
		if filepath.Base(info.Dir) == "zeta-backup" {
			copyRow = i
		}
	}
	if copyRow < 0 {
		t.Fatal("the copy is not listed")
	}
	find(t, s.switcher.content, func(l *widget.Label) bool { return l.Text == "Zeta (copy)" })
	find(t, s.switcher.content, func(c *canvas.Text) bool { return c.Text == "zeta-backup" })
	find(t, s.switcher.content, func(b *widget.Button) bool { return b.Text == "Backup copies: 1" && b.Visible() })

	s.switcher.list.Select(copyRow) // as a click on the copy's row
	s.work.wait()
	dlg := topOverlay(s)
	if dlg == nil {
		t.Fatal("tapping the copy explains nothing")
	}
	find(t, dlg, func(l *widget.Label) bool {
		return strings.Contains(l.Text, "switchboard workspace restore-copy zeta-backup")
	})
	if s.sess.ws.Info().Dir != zeta.Dir {
		t.Fatal("tapping the copy opened it")
	}
	test.Tap(button(t, dlg, "Restore as a new workspace"))
	s.work.wait()
	restored, err := root.Find(context.Background(), "Zeta (restored copy)")
	if err != nil {
		t.Fatalf("the copy was not restored: %v", err)
	}
	if restored.ID == zeta.ID || filepath.Base(restored.Dir) != "zeta-backup" {
		t.Errorf("restored %+v", restored)
	}
	find(t, s.switcher.content, func(l *widget.Label) bool { return l.Text == "Zeta (restored copy)" })
	if s.switcher.problems.Visible() {
		t.Error("the restored copy is still reported")
	}
	checkShowing(t, s, rec, zeta)
}
