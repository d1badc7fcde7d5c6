package inbox

import (
	"context"
	"testing"
	"time"

	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/inbox/inboxtest"
)

// clock is a settable time.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

// newStore is an Inbox over a fresh workspace with the account brand@nordlys.example.
func newStore(t testing.TB) (*Store, *clock) {
	t.Helper()
	w := inboxtest.Workspace(t)
	c := &clock{t: inboxtest.T0}
	return NewStore(w, inboxcore.Options{Agent: "Anna", Now: c.now}), c
}

func mustRow(t testing.TB, s *Store, id int64) Row {
	t.Helper()
	r, err := s.Conversation(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
