package ui

import (
	"context"
	"testing"

	"switchboard/accounts/imapsync"
	"switchboard/workspace/demo"
)

// Every pane fits a 1024×700 window, for a new client's empty workspace and for the
// demo's full one: a pane whose smallest size is larger makes the window grow by itself
// (seen: the Crisis pane's empty state, one unwrapped line, made it 1304 px wide).
func TestEveryPaneFitsA1024By700Window(t *testing.T) {
	root, ws := newRoot(t, "Empty Co")
	info, err := demo.Create(context.Background(), root, imapsync.ImportRaw)
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{ws[0].Dir, info.Dir} {
		s, _ := startShell(t, root, Options{Workspace: dir})
		for i := range s.panes {
			s.tabs.SelectIndex(i)
			s.work.wait()
			if min := s.win.Content().MinSize(); min.Width > 1024 || min.Height > 700 {
				t.Errorf("%s, pane %s: the window cannot be smaller than %.0f×%.0f", s.current.Name, s.panes[i].ID(), min.Width, min.Height)
			}
		}
	}
}
