package inboxpane

import (
	"context"
	"testing"
	"time"

	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
)

// Opening the Inbox only reads: a snooze that came due stays for the runner to wake, and
// no staff row or journal entry appears for the agent, who has changed nothing yet.
func TestLoadingTheInboxWritesNothing(t *testing.T) {
	h := newHarness(t)
	w := h.workspace("Nordlys", 20)
	ctx := context.Background()
	s := inbox.NewStore(w, inboxcore.Options{Agent: "Erik", Now: func() time.Time { return now.Add(-2 * time.Hour) }})
	p, err := s.List(ctx, inbox.Query{Limit: 1})
	if err != nil || len(p.Rows) == 0 {
		t.Fatalf("no conversation: %v", err)
	}
	id := p.Rows[0].ID
	if err := s.Snooze(ctx, id, now.Add(-time.Hour)); err != nil { // due an hour before the pane opens
		t.Fatal(err)
	}
	count := func(q string) (n int) {
		t.Helper()
		if err := w.DB().Read().QueryRowContext(ctx, q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	staff, entries := count("SELECT count(*) FROM staff"), count("SELECT count(*) FROM journal")
	h.load(w)
	if got := count("SELECT count(*) FROM staff"); got != staff {
		t.Errorf("opening the Inbox added %d staff rows", got-staff)
	}
	if got := count("SELECT count(*) FROM journal"); got != entries {
		t.Errorf("opening the Inbox wrote %d journal entries", got-entries)
	}
	if r, err := s.Conversation(ctx, id); err != nil || r.Status != inbox.Snoozed {
		t.Errorf("after opening: %+v, %v; the wake-up is the runner's", r.Status, err)
	}
}
