package ui

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"switchboard/workspace"
)

// backgroundLog is an Options.Background that records starts and stops, and whose stop
// writes to its workspace, as a sync worker finishing its batch would.
type backgroundLog struct {
	t      *testing.T
	mu     sync.Mutex
	events []string
	notify map[string]func()
}

func (b *backgroundLog) run(_ context.Context, w *workspace.Workspace, notify func()) func() {
	name := w.Info().Name
	b.mu.Lock()
	defer b.mu.Unlock()
	b.events = append(b.events, "start "+name)
	b.notify[name] = notify
	return func() {
		if err := w.SetSetting(context.Background(), "background.probe", "last write"); err != nil {
			b.t.Errorf("%s's background stopped after its database closed: %v", name, err)
		}
		b.mu.Lock()
		defer b.mu.Unlock()
		b.events = append(b.events, "stop "+name)
	}
}

func (b *backgroundLog) log() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return slices.Clone(b.events)
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.loads)
}

func TestBackgroundStopsBeforeItsWorkspaceClosesAndReloadsInBatches(t *testing.T) {
	root, ws := newRoot(t, "Alpha", "Bravo")
	bg := &backgroundLog{t: t, notify: map[string]func(){}}
	unread := func(_ context.Context, w workspace.Info) int {
		if w.ID == ws[0].ID {
			return 4
		}
		return 0
	}
	s, rec := startShell(t, root, Options{Background: bg.run, Unread: unread})
	var timers []func()
	s.after = func(d time.Duration, f func()) {
		if d != backgroundBatch {
			t.Errorf("batched for %v", d)
		}
		timers = append(timers, f)
	}
	fire := func() {
		for _, f := range timers {
			f()
		}
		timers = nil
	}
	s.tabs.SelectIndex(len(s.panes) - 1) // the recorder
	before := rec.count()

	for range 50 { // a sync storing mail notifies per message
		bg.notify["Alpha"]()
	}
	fire()
	if got := rec.count() - before; got != 1 {
		t.Errorf("50 notifications reloaded the shown pane %d times, want once", got)
	}
	if s.switcher.unread[ws[0].ID] != 4 {
		t.Errorf("unread count %d after background work", s.switcher.unread[ws[0].ID])
	}

	s.open(ws[1].ID)
	if got, want := bg.log(), []string{"start Alpha", "stop Alpha", "start Bravo"}; !slices.Equal(got, want) {
		t.Fatalf("background %q, want %q", got, want)
	}
	settled := rec.count()
	bg.notify["Alpha"]() // a late event of the closed workspace shows nothing
	fire()
	if rec.count() != settled || rec.last() != "Bravo" {
		t.Errorf("a closed workspace's event reloaded the pane: %d loads, last %q", rec.count()-settled, rec.last())
	}
}
