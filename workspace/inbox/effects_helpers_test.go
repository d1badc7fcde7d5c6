package inbox_test

import (
	"context"
	"testing"

	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/contacts"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/inbox/inboxtest"
	"switchboard/workspace/workspacetest"
)

// stores are a fresh workspace's triage and contacts, Anna at the machine.
type stores struct {
	*inbox.Store
	contacts *contacts.Store
}

func newStore(t testing.TB) (stores, *workspacetest.Clock) {
	t.Helper()
	c := workspacetest.NewClock(inboxtest.T0)
	w := inboxtest.Workspace(t)
	o := inboxcore.Options{Agent: "Anna", Now: c.Now}
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
