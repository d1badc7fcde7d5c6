package contacts

import (
	"context"
	"testing"

	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/inbox/inboxtest"
	"switchboard/workspace/workspacetest"
)

// newStore is the contacts of a fresh workspace with the account brand@nordlys.example,
// Anna at the machine.
func newStore(t testing.TB) (*Store, *workspacetest.Clock) {
	t.Helper()
	c := workspacetest.NewClock(inboxtest.T0)
	return New(inboxtest.Workspace(t), inboxcore.Options{Agent: "Anna", Now: c.Now}), c
}

// mustRow is a conversation as the Inbox list shows it.
func mustRow(t testing.TB, s *Store, id int64) inbox.Row {
	t.Helper()
	r, err := s.conv.Conversation(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
