package inbox

import (
	"context"
	"os"
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

func writeFile(t testing.TB, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}
