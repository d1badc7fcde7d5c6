package imapsync

import (
	"context"
	"testing"

	"switchboard/workspace"
	"switchboard/workspace/mail"
	"switchboard/workspace/workspacetest"
)

func newWorkspace(t testing.TB) *workspace.Workspace {
	return workspacetest.Open(t, workspacetest.Root(t), "Nordlys Coffee")
}

// conversationOf maps each stored Message-ID to its conversation.
func conversationOf(t *testing.T, w *workspace.Workspace) map[string]int64 {
	t.Helper()
	rows, err := w.DB().Read().Query("SELECT message_key, conversation_id FROM messages")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	m := map[string]int64{}
	for rows.Next() {
		var k string
		var c int64
		if err := rows.Scan(&k, &c); err != nil {
			t.Fatal(err)
		}
		m[k] = c
	}
	return m
}

func stats(t *testing.T, w *workspace.Workspace) mail.Stats {
	t.Helper()
	st, err := mail.Open(w).Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st
}
