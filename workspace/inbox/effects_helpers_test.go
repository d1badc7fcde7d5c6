package inbox_test

import (
	"context"
	"testing"
	"time"

	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/contacts"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/inbox/inboxtest"
)

// clock is a settable time.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

// stores are a fresh workspace's triage and contacts, Anna at the machine.
type stores struct {
	*inbox.Store
	contacts *contacts.Store
}

func newStore(t testing.TB) (stores, *clock) {
	t.Helper()
	c := &clock{t: inboxtest.T0}
	w := inboxtest.Workspace(t)
	o := inboxcore.Options{Agent: "Anna", Now: c.now}
	return stores{inbox.NewStore(w, o), contacts.New(w, o)}, c
}

func mustRow(t testing.TB, s stores, id int64) inbox.Row {
	t.Helper()
	r, err := s.Conversation(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
