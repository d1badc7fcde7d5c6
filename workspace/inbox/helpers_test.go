package inbox

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/mail"
	"switchboard/workspace/workspacetest"
)

// clock is a settable time.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

var t0 = time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)

// newStore is an Inbox over a fresh workspace with the account brand@nordlys.example.
func newStore(t testing.TB) (*Store, *clock) {
	t.Helper()
	w := workspacetest.Open(t, workspacetest.Root(t), "Nordlys Coffee")
	addAccount(t, w, "brand@nordlys.example")
	c := &clock{t: t0}
	return NewStore(w, inboxcore.Options{Agent: "Anna", Now: c.now}), c
}

func addAccount(t testing.TB, w *workspace.Workspace, email string) mail.Account {
	t.Helper()
	a, err := mail.Open(w).AddAccount(context.Background(), mail.Account{Email: email, DisplayName: w.Info().Name,
		IMAP: mail.Endpoint{Host: "127.0.0.1", Port: 143, Security: mail.Plain},
		SMTP: mail.Endpoint{Host: "127.0.0.1", Port: 25, Security: mail.Plain}})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

var msgSeq int

// deliver stores one message as synced mail in INBOX (or Sent when from is ours) of the
// workspace's first account and returns its conversation id.
func deliver(t testing.TB, s *Store, from, subject, body string, at time.Time, inReplyTo string) (conv int64, msgID string) {
	t.Helper()
	ctx := context.Background()
	store := mail.Open(s.w)
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
	msgSeq++
	msgID = fmt.Sprintf("m%d@example.se", msgSeq)
	p := &mail.Parsed{MessageID: msgID, InReplyTo: inReplyTo, Subject: subject, SubjectKey: strings.ToLower(subject),
		From: mail.Address{Name: name, Email: email}, To: to, Date: at, Text: body, Snippet: body}
	if inReplyTo != "" {
		p.References = []string{inReplyTo}
	}
	raw := fmt.Appendf(nil, "Message-ID: <%s>\r\nSubject: %s\r\n\r\n%s\r\n", msgID, subject, body)
	if _, err := store.Ingest(ctx, f.ID, []mail.Incoming{{UID: uint32(msgSeq), ReceivedAt: at, Raw: raw, Parsed: p}}, uint32(msgSeq+1)); err != nil {
		t.Fatal(err)
	}
	err = s.db.Read().QueryRowContext(ctx, "SELECT conversation_id FROM messages WHERE message_key = ?", msgID).Scan(&conv)
	if err != nil {
		t.Fatal(err)
	}
	return conv, msgID
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
