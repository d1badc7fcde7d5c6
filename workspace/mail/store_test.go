package mail_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/mail"
	"switchboard/workspace/workspacetest"
)

// The local store's own rules, without a server: how mail threads into conversations,
// how flags from the server and from this machine meet, and what the sweep removes.

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

type box struct {
	t     *testing.T
	w     *workspace.Workspace
	store *mail.Store
	acct  mail.Account
	inbox mail.Folder
	sent  mail.Folder
	uid   map[int64]uint32 // the next UID of each folder
}

func newBox(t *testing.T) *box {
	t.Helper()
	ctx := context.Background()
	w := workspacetest.Open(t, workspacetest.Root(t), "Nordlys Coffee")
	b := &box{t: t, w: w, store: mail.Open(w), uid: map[int64]uint32{}}
	var err error
	b.acct, err = b.store.AddAccount(ctx, mail.Account{Email: "hello@nordlys.example",
		IMAP: mail.Endpoint{Host: "127.0.0.1", Port: 143, Security: mail.Plain}, SMTP: mail.Endpoint{Host: "127.0.0.1", Port: 25, Security: mail.Plain}})
	if err != nil {
		t.Fatal(err)
	}
	if b.inbox, err = b.store.EnsureFolder(ctx, b.acct.ID, "INBOX", mail.RoleInbox); err != nil {
		t.Fatal(err)
	}
	if b.sent, err = b.store.EnsureFolder(ctx, b.acct.ID, "Sent", mail.RoleSent); err != nil {
		t.Fatal(err)
	}
	return b
}

// msg is a message as the parser would hand it over.
type msg struct {
	id, inReplyTo string
	refs          []string
	subject, from string
	to            string
	at            time.Time
	flags         mail.Flags
}

// put stores m in folder f under the next UID and returns that UID.
func (b *box) put(f mail.Folder, m msg) uint32 {
	b.t.Helper()
	if b.uid[f.ID] == 0 {
		b.uid[f.ID] = 1
	}
	uid := b.uid[f.ID]
	b.uid[f.ID]++
	to := m.to
	if to == "" {
		to = b.acct.Email
	}
	key := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(m.subject, "Re: "), "RE: ")))
	p := &mail.Parsed{MessageID: m.id, InReplyTo: m.inReplyTo, References: m.refs, Subject: m.subject, SubjectKey: key,
		From: mail.Address{Email: m.from}, To: []mail.Address{{Email: to}}, Date: m.at, Text: m.subject, Snippet: m.subject}
	raw := fmt.Appendf(nil, "Message-ID: <%s>\r\nSubject: %s\r\n\r\n%s\r\n", m.id, m.subject, m.subject)
	if _, err := b.store.Ingest(context.Background(), f.ID, []mail.Incoming{{UID: uid, Flags: m.flags, ReceivedAt: m.at, Raw: raw, Parsed: p}}, uid+1); err != nil {
		b.t.Fatal(err)
	}
	return uid
}

// conv is the conversation a message is in, and that conversation's message and unread counts.
func (b *box) conv(id string) (conv int64, messages, unread int) {
	b.t.Helper()
	err := b.w.DB().Read().QueryRow(`SELECT c.id, c.messages, c.unread FROM messages m JOIN conversations c ON c.id = m.conversation_id
		WHERE m.message_key = ?`, id).Scan(&conv, &messages, &unread)
	if err != nil {
		b.t.Fatalf("message %s: %v", id, err)
	}
	return conv, messages, unread
}

func (b *box) messageID(key string) int64 {
	b.t.Helper()
	var id int64
	if err := b.w.DB().Read().QueryRow("SELECT id FROM messages WHERE message_key = ?", key).Scan(&id); err != nil {
		b.t.Fatal(err)
	}
	return id
}

func TestThreading(t *testing.T) {
	b := newBox(t)
	asa := "asa@example.se"
	b.put(b.inbox, msg{id: "a1@example.se", subject: "Beställning 1042", from: asa, at: t0})
	b.put(b.sent, msg{id: "r1@nordlys.example", inReplyTo: "a1@example.se", refs: []string{"a1@example.se"},
		subject: "Re: Beställning 1042", from: b.acct.Email, to: asa, at: t0.Add(time.Hour)})
	// Her answer names only the reply, in References: still the same conversation.
	b.put(b.inbox, msg{id: "a2@example.se", refs: []string{"a1@example.se", "r1@nordlys.example"}, subject: "Re: Beställning 1042", from: asa, at: t0.Add(2 * time.Hour)})
	// A reply that arrives before the message it answers threads once that message comes.
	b.put(b.inbox, msg{id: "a4@example.se", inReplyTo: "a3@example.se", subject: "Re: Ny fråga", from: "jan@example.cz", at: t0.Add(4 * time.Hour)})
	b.put(b.inbox, msg{id: "a3@example.se", subject: "Ny fråga", from: "jan@example.cz", at: t0.Add(3 * time.Hour)})
	// Someone else with the same subject is another conversation.
	b.put(b.inbox, msg{id: "x1@example.net", subject: "Beställning 1042", from: "olga@example.net", at: t0.Add(5 * time.Hour)})

	first, n, unread := b.conv("a1@example.se")
	if c, _, _ := b.conv("r1@nordlys.example"); c != first {
		t.Error("our reply is not in the customer's conversation")
	}
	if c, _, _ := b.conv("a2@example.se"); c != first || n != 3 || unread != 3 {
		t.Errorf("the customer's answer: conversation %d (want %d), %d messages, %d unread; want 3 and 3", c, first, n, unread)
	}
	early, _, _ := b.conv("a4@example.se")
	if late, n, _ := b.conv("a3@example.se"); late != early || n != 2 {
		t.Errorf("out of order: the reply in %d, its parent in %d (%d messages)", early, late, n)
	}
	if other, _, _ := b.conv("x1@example.net"); other == first {
		t.Error("another customer's mail with the same subject joined the conversation")
	}
	// The same message in a second folder is stored once.
	b.put(b.sent, msg{id: "a1@example.se", subject: "Beställning 1042", from: asa, at: t0})
	if _, n, _ := b.conv("a1@example.se"); n != 3 {
		t.Errorf("a message in two folders counts %d messages, want 3", n)
	}
}

func TestFlags(t *testing.T) {
	ctx := context.Background()
	b := newBox(t)
	u1 := b.put(b.inbox, msg{id: "a1@example.se", subject: "Hej", from: "asa@example.se", at: t0})
	u2 := b.put(b.inbox, msg{id: "a2@example.se", inReplyTo: "a1@example.se", subject: "Re: Hej", from: "asa@example.se", at: t0.Add(time.Minute), flags: mail.Seen})
	if _, _, unread := b.conv("a1@example.se"); unread != 1 {
		t.Fatalf("unread %d, want 1 (one arrived \\Seen)", unread)
	}
	// Read on the server (another mail program): the conversation is read here too.
	if err := b.store.UpdateFlags(ctx, b.inbox.ID, map[uint32]mail.Flags{u1: mail.Seen}); err != nil {
		t.Fatal(err)
	}
	if _, _, unread := b.conv("a1@example.se"); unread != 0 {
		t.Errorf("after the server's \\Seen: %d unread", unread)
	}
	// Marked unread here: queued for the server, and the server's old state does not undo it.
	if err := b.store.SetFlag(ctx, b.messageID("a2@example.se"), mail.Seen, false); err != nil {
		t.Fatal(err)
	}
	if err := b.store.UpdateFlags(ctx, b.inbox.ID, map[uint32]mail.Flags{u2: mail.Seen}); err != nil {
		t.Fatal(err)
	}
	if _, _, unread := b.conv("a1@example.se"); unread != 1 {
		t.Errorf("a local change not yet written back was overwritten: %d unread, want 1", unread)
	}
	pending, err := b.store.PendingFlagChanges(ctx, b.acct.ID)
	if err != nil || len(pending) != 1 || pending[0].Folder != "INBOX" || pending[0].Flag != mail.Seen || pending[0].On || len(pending[0].UIDs) != 1 || pending[0].UIDs[0] != u2 {
		t.Fatalf("pending %+v %v; want \\Seen off for UID %d in INBOX", pending, err, u2)
	}
	// Once written back, the server's word counts again.
	if err := b.store.DoneFlagChanges(ctx, []int64{pending[0].ID}); err != nil {
		t.Fatal(err)
	}
	if err := b.store.UpdateFlags(ctx, b.inbox.ID, map[uint32]mail.Flags{u2: mail.Seen | mail.Flagged}); err != nil {
		t.Fatal(err)
	}
	if _, _, unread := b.conv("a1@example.se"); unread != 0 {
		t.Errorf("after the write-back the server's \\Seen did not apply: %d unread", unread)
	}
	if err := b.store.SetFlag(ctx, b.messageID("a1@example.se"), 8, true); err == nil {
		t.Error("an unknown flag was accepted")
	}
}

func TestSweep(t *testing.T) {
	ctx := context.Background()
	b := newBox(t)
	u1 := b.put(b.inbox, msg{id: "a1@example.se", subject: "Hej", from: "asa@example.se", at: t0})
	u2 := b.put(b.inbox, msg{id: "a2@example.se", inReplyTo: "a1@example.se", subject: "Re: Hej", from: "asa@example.se", at: t0.Add(time.Hour)})
	b.put(b.sent, msg{id: "a1@example.se", subject: "Hej", from: "asa@example.se", at: t0}) // also in Sent
	conv, _, _ := b.conv("a1@example.se")

	// Expunged from INBOX: the message only there goes, the one still in Sent stays, and
	// the conversation is kept with its counts.
	if err := b.store.RemoveUIDs(ctx, b.inbox.ID, []uint32{u1, u2}); err != nil {
		t.Fatal(err)
	}
	n, err := b.store.Sweep(ctx)
	if err != nil || n != 1 {
		t.Fatalf("sweep removed %d (%v), want 1", n, err)
	}
	if c, msgs, _ := b.conv("a1@example.se"); c != conv || msgs != 1 {
		t.Errorf("after the sweep: conversation %d with %d messages, want %d with 1", c, msgs, conv)
	}
	var left int
	b.w.DB().Read().QueryRow("SELECT count(*) FROM messages WHERE message_key = 'a2@example.se'").Scan(&left)
	if left != 0 {
		t.Error("the expunged message is still stored")
	}

	// While a folder is refetched after a UIDVALIDITY change its mail has no location for
	// a moment: the sweep must not take it.
	if err := b.store.BeginResync(ctx, b.sent.ID, 99); err != nil {
		t.Fatal(err)
	}
	if n, err := b.store.Sweep(ctx); err != nil || n != 0 {
		t.Errorf("sweep during a resync removed %d (%v)", n, err)
	}
}
