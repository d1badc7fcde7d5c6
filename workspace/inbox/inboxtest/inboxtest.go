// Package inboxtest builds what the Inbox's stores' tests start from: a workspace with an
// account, a customer's message arriving, and the journal read back with its contract
// checked. Of the Inbox's packages it imports only their shared core (inboxcore), so the
// tests of each (triage, outbox, contacts) can use it.
package inboxtest

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/journal"
	"switchboard/workspace/mail"
	"switchboard/workspace/workspacetest"
)

// T0 is the tests' "now" unless they say otherwise.
var T0 = time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)

// Workspace is a fresh workspace "Nordlys Coffee" with the account brand@nordlys.example.
func Workspace(t testing.TB) *workspace.Workspace {
	t.Helper()
	w := workspacetest.Open(t, workspacetest.Root(t), "Nordlys Coffee")
	AddAccount(t, w, "brand@nordlys.example")
	return w
}

// Store is what newStore (outbox.New, contacts.New, ...) makes of a fresh Workspace, with
// Anna at the machine, and the clock it reads, at T0 until the test moves it.
func Store[S any](t testing.TB, newStore func(*workspace.Workspace, inboxcore.Options) S) (S, *workspacetest.Clock) {
	t.Helper()
	c := workspacetest.NewClock(T0)
	return newStore(Workspace(t), inboxcore.Options{Agent: "Anna", Now: c.Now}), c
}

// Must is get(id), failing t when it fails: for a read the rest of the test stands on,
// such as a conversation's row as the Inbox list shows it.
func Must[T any](t testing.TB, get func(context.Context, int64) (T, error), id int64) T {
	t.Helper()
	v, err := get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// AddAccount adds an account at email to w (its servers are never reached).
func AddAccount(t testing.TB, w *workspace.Workspace, email string) mail.Account {
	t.Helper()
	a, err := mail.Open(w).AddAccount(context.Background(), mail.Account{Email: email, DisplayName: w.Info().Name,
		IMAP: mail.Endpoint{Host: "127.0.0.1", Port: 143, Security: mail.Plain},
		SMTP: mail.Endpoint{Host: "127.0.0.1", Port: 25, Security: mail.Plain}})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

var msgSeq atomic.Uint32

// Deliver stores one message as synced mail in INBOX (or Sent when from is ours) of w's
// first account and returns its conversation id. from is "Name|address".
func Deliver(t testing.TB, w *workspace.Workspace, from, subject, body string, at time.Time, inReplyTo string) (conv int64, msgID string) {
	t.Helper()
	ctx := context.Background()
	store := mail.Open(w)
	accts, err := store.Accounts(ctx)
	if err != nil || len(accts) == 0 {
		t.Fatalf("no account: %v", err)
	}
	name, email, _ := strings.Cut(from, "|")
	role, folder := mail.RoleInbox, "INBOX"
	to := []mail.Address{{Email: accts[0].Email}}
	if strings.EqualFold(email, accts[0].Email) {
		role, folder = mail.RoleSent, "Sent"
		to = []mail.Address{{Email: "kund@example.se"}}
	}
	f, err := store.EnsureFolder(ctx, accts[0].ID, folder, role)
	if err != nil {
		t.Fatal(err)
	}
	seq := msgSeq.Add(1)
	msgID = fmt.Sprintf("m%d@example.se", seq)
	p := &mail.Parsed{MessageID: msgID, InReplyTo: inReplyTo, Subject: subject, SubjectKey: strings.ToLower(subject),
		From: mail.Address{Name: name, Email: email}, To: to, Date: at, Text: body, Snippet: body}
	if inReplyTo != "" {
		p.References = []string{inReplyTo}
	}
	raw := fmt.Appendf(nil, "Message-ID: <%s>\r\nSubject: %s\r\n\r\n%s\r\n", msgID, subject, body)
	if _, err := store.Ingest(ctx, f.ID, []mail.Incoming{{UID: seq, ReceivedAt: at, Raw: raw, Parsed: p}}, seq+1); err != nil {
		t.Fatal(err)
	}
	err = w.DB().Read().QueryRowContext(ctx, "SELECT conversation_id FROM messages WHERE message_key = ?", msgID).Scan(&conv)
	if err != nil {
		t.Fatal(err)
	}
	return conv, msgID
}

// Entries reads w's journal, checking that every kind written is in journal.Kinds.
func Entries(t testing.TB, w *workspace.Workspace, f journal.Filter) []journal.Entry {
	t.Helper()
	list, err := journal.List(context.Background(), w.DB().Read(), f)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range list {
		if _, ok := journal.Kinds[e.Kind]; !ok {
			t.Errorf("kind %q is written but not in journal.Kinds, the contract", e.Kind)
		}
	}
	return list
}

// Kinds are the entries' kinds in order.
func Kinds(list []journal.Entry) []string {
	k := make([]string, len(list))
	for i, e := range list {
		k[i] = e.Kind
	}
	return k
}

// Count is the number a count(*) query q says in w's database.
func Count(t testing.TB, w *workspace.Workspace, q string, args ...any) int {
	t.Helper()
	var n int
	if err := w.DB().Read().QueryRowContext(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
