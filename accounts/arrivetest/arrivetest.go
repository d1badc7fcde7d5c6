// Package arrivetest stores test mail in a workspace exactly as synced mail is stored
// (parsed by the sync engine's parser, threaded by the store): the one step a test takes
// for "this message arrived".
package arrivetest

import (
	"context"
	"testing"

	"switchboard/accounts/imapsync"
	"switchboard/accounts/mailtest"
	"switchboard/workspace"
)

// Arrival is where a message landed.
type Arrival struct {
	MessageID       string // without <>
	ConversationID  int64  // the workspace's own key
	ConversationGID string // the global id the command line takes
}

// Arrive stores m in the workspace's INBOX.
func Arrive(t testing.TB, w *workspace.Workspace, m mailtest.Message) Arrival {
	t.Helper()
	return ArriveIn(t, w, "INBOX", m)
}

// Sent stores m in the workspace's Sent folder: a reply the brand wrote.
func Sent(t testing.TB, w *workspace.Workspace, m mailtest.Message) Arrival {
	t.Helper()
	return ArriveIn(t, w, "Sent", m)
}

// ArriveIn stores m in folder (a local folder; "Sent" counts as the brand's own mail).
func ArriveIn(t testing.TB, w *workspace.Workspace, folder string, m mailtest.Message) Arrival {
	t.Helper()
	m.MessageID = m.ID()
	ctx := context.Background()
	if _, err := imapsync.ImportRaw(ctx, w, folder, [][]byte{m.Bytes()}); err != nil {
		t.Fatalf("storing %q in %s: %v", m.Subject, folder, err)
	}
	a := Arrival{MessageID: m.MessageID}
	err := w.DB().Read().QueryRowContext(ctx, `SELECT c.id, c.gid FROM messages m JOIN conversations c ON c.id = m.conversation_id
		WHERE m.message_key = ?`, m.MessageID).Scan(&a.ConversationID, &a.ConversationGID)
	if err != nil {
		t.Fatalf("the message %s stored in %s is in no conversation: %v", m.MessageID, folder, err)
	}
	return a
}
