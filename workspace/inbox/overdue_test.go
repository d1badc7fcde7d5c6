package inbox

import (
	"context"
	"testing"
	"time"

	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/inbox/inboxtest"
)

// Options.OverdueBefore replaces the wall-clock cutoff in the Overdue view, its count and
// the rows' flag alike (the window passes the Schedule's business hours); a zero cutoff
// means nothing is overdue yet.
func TestOverdueBeforeDecidesWhatIsOverdue(t *testing.T) {
	plain, c := newStore(t)
	ctx := context.Background()
	conv, _ := inboxtest.Deliver(t, plain.Workspace(), "asa@example.com", "Beans", "Hello", inboxtest.T0, "")
	c.advance(2 * DefaultResponseTarget) // overdue on the wall clock

	var cutoff time.Time
	s := NewStore(plain.Workspace(), inboxcore.Options{Agent: "Anna", Now: c.now,
		OverdueBefore: func(_ context.Context, now time.Time, target time.Duration) (time.Time, error) {
			if now != c.now() || target != DefaultResponseTarget {
				t.Errorf("asked for the cutoff at %v for %v", now, target)
			}
			return cutoff, nil
		}})
	check := func(step string, want bool) {
		t.Helper()
		counts, err := s.Counts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		page, err := s.List(ctx, Query{View: ViewOverdue})
		if err != nil {
			t.Fatal(err)
		}
		r := mustRow(t, s, conv)
		if (counts.Overdue == 1) != want || (len(page.Rows) == 1) != want || r.Overdue != want {
			t.Errorf("%s: count %d, listed %d, row flag %v; want overdue %v", step, counts.Overdue, len(page.Rows), r.Overdue, want)
		}
	}
	check("no cutoff within a year", false)
	cutoff = inboxtest.T0.Add(-time.Minute) // business hours: not waited long enough yet
	check("cutoff before it arrived", false)
	cutoff = inboxtest.T0
	check("cutoff at its arrival", true)
}
