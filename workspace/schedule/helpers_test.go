package schedule_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/inbox/outbox"
	"switchboard/workspace/mail"
	"switchboard/workspace/schedule"
	"switchboard/workspace/workspacetest"
)

// clock is the injected time.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}
func (c *clock) set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }
func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

type fixture struct {
	t      *testing.T
	w      *workspace.Workspace
	clock  *clock
	sched  *schedule.Store
	inbox  *inbox.Store
	outbox *outbox.Store
	acct   mail.Account
	sent   *recorder
}

const brandAddr = "hello@nordlys.example"

// newFixture is a workspace in Europe/Stockholm with one account, at start.
func newFixture(t *testing.T, start time.Time) *fixture {
	t.Helper()
	root := workspacetest.Root(t)
	w := workspacetest.Open(t, root, "Nordlys Coffee")
	if err := w.SetTimeZone(context.Background(), "Europe/Stockholm"); err != nil {
		t.Fatal(err)
	}
	a, err := mail.Open(w).AddAccount(context.Background(), mail.Account{Email: brandAddr, DisplayName: "Nordlys Coffee",
		IMAP: mail.Endpoint{Host: "127.0.0.1", Port: 143, Security: mail.Plain},
		SMTP: mail.Endpoint{Host: "127.0.0.1", Port: 25, Security: mail.Plain}})
	if err != nil {
		t.Fatal(err)
	}
	c := &clock{t: start}
	return &fixture{t: t, w: w, clock: c, acct: a, sent: &recorder{},
		sched:  schedule.Open(w, schedule.Options{Agent: "Anna", Now: c.now}),
		inbox:  inbox.NewStore(w, inboxcore.Options{Agent: "Anna", Now: c.now}),
		outbox: outbox.New(w, inboxcore.Options{Agent: "Anna", Now: c.now})}
}

// runner is the runner's clock-driven round: scheduled work, then the outbox.
func (f *fixture) round() (schedule.DueReport, outbox.SendReport) {
	f.t.Helper()
	ctx := context.Background()
	runner := schedule.Open(f.w, schedule.Options{Runner: true, Now: f.clock.now})
	due, err := runner.Due(ctx)
	if err != nil {
		f.t.Fatal(err)
	}
	rep, err := f.outbox.SendDue(ctx, f.sent)
	if err != nil {
		f.t.Fatal(err)
	}
	return due, rep
}

var seq int

// deliver stores a customer's message (headers as given, Return-Path added unless
// present) and returns its conversation.
func (f *fixture) deliver(from, subject string, at time.Time, headers ...string) int64 {
	f.t.Helper()
	ctx := context.Background()
	store := mail.Open(f.w)
	folder, err := store.EnsureFolder(ctx, f.acct.ID, "INBOX", mail.RoleInbox)
	if err != nil {
		f.t.Fatal(err)
	}
	seq++
	id := fmt.Sprintf("c%d@example.se", seq)
	var lines []string
	if !strings.Contains(strings.ToLower(strings.Join(headers, "\n")), "return-path:") {
		lines = append(lines, "Return-Path: <"+from+">")
	}
	lines = append(lines, headers...)
	lines = append(lines, "From: "+from, "To: "+brandAddr, "Message-ID: <"+id+">", "Subject: "+subject)
	raw := []byte(strings.Join(lines, "\r\n") + "\r\n\r\nHej!\r\n")
	p := &mail.Parsed{MessageID: id, Subject: subject, SubjectKey: strings.ToLower(subject),
		From: mail.Address{Email: from}, To: []mail.Address{{Email: brandAddr}}, Date: at, Text: "Hej!", Snippet: "Hej!"}
	if _, err := store.Ingest(ctx, folder.ID, []mail.Incoming{{UID: uint32(seq), ReceivedAt: at, Raw: raw, Parsed: p}}, uint32(seq+1)); err != nil {
		f.t.Fatal(err)
	}
	var conv int64
	if err := f.w.DB().Read().QueryRow("SELECT conversation_id FROM messages WHERE message_key = ?", id).Scan(&conv); err != nil {
		f.t.Fatal(err)
	}
	return conv
}

// replyIn stores a customer's later message in conversation conv's thread.
func (f *fixture) replyIn(conv int64, from string, at time.Time) {
	f.t.Helper()
	var key, subj string
	if err := f.w.DB().Read().QueryRow("SELECT message_key, subject FROM messages WHERE conversation_id = ? ORDER BY id LIMIT 1", conv).Scan(&key, &subj); err != nil {
		f.t.Fatal(err)
	}
	ctx := context.Background()
	store := mail.Open(f.w)
	folder, _ := store.EnsureFolder(ctx, f.acct.ID, "INBOX", mail.RoleInbox)
	seq++
	id := fmt.Sprintf("c%d@example.se", seq)
	p := &mail.Parsed{MessageID: id, InReplyTo: key, References: []string{key}, Subject: "Re: " + subj, SubjectKey: strings.ToLower(subj),
		From: mail.Address{Email: from}, To: []mail.Address{{Email: brandAddr}}, Date: at, Text: "Tack, löst!", Snippet: "Tack"}
	raw := fmt.Appendf(nil, "Return-Path: <%s>\r\nFrom: %s\r\nMessage-ID: <%s>\r\nIn-Reply-To: <%s>\r\n\r\nTack\r\n", from, from, id, key)
	if _, err := store.Ingest(ctx, folder.ID, []mail.Incoming{{UID: uint32(seq), ReceivedAt: at, Raw: raw, Parsed: p}}, uint32(seq+1)); err != nil {
		f.t.Fatal(err)
	}
}

// recorder is the outbox's Mailer: it records what would have gone to the server.
type recorder struct {
	mu   sync.Mutex
	subs []outbox.Submission
}

func (r *recorder) Compose(o outbox.Outgoing) ([]byte, error) {
	return fmt.Appendf(nil, "Message-ID: <%s>\r\nSubject: Re: %s\r\n\r\n%s", o.MessageID, o.Subject, o.Text), nil
}
func (r *recorder) Submit(_ context.Context, sub outbox.Submission, beforeData func() error) error {
	if err := beforeData(); err != nil {
		return err
	}
	r.mu.Lock()
	r.subs = append(r.subs, sub)
	r.mu.Unlock()
	return nil
}
func (r *recorder) FileSent(context.Context, string, []byte) error       { return nil }
func (r *recorder) InSent(context.Context, string, string) (bool, error) { return false, nil }
func (r *recorder) count() int                                           { r.mu.Lock(); defer r.mu.Unlock(); return len(r.subs) }
func (r *recorder) last() outbox.Submission {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.subs[len(r.subs)-1]
}

func stockholm(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func mustHours(t *testing.T, s string) schedule.Hours {
	t.Helper()
	h, err := schedule.ParseHours(s)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// syncSent stores a message of ours in conv's thread as the sync finds it in Sent; auto
// marks it Auto-Submitted, as the out-of-hours auto-reply is.
func (f *fixture) syncSent(conv int64, subject string, at time.Time, auto bool) {
	f.t.Helper()
	var key string
	if err := f.w.DB().Read().QueryRow("SELECT message_key FROM messages WHERE conversation_id = ? AND NOT outbound ORDER BY id LIMIT 1", conv).Scan(&key); err != nil {
		f.t.Fatal(err)
	}
	ctx := context.Background()
	store := mail.Open(f.w)
	folder, err := store.EnsureFolder(ctx, f.acct.ID, "Sent", mail.RoleSent)
	if err != nil {
		f.t.Fatal(err)
	}
	seq++
	id := fmt.Sprintf("ours%d@nordlys.example", seq)
	p := &mail.Parsed{MessageID: id, InReplyTo: key, References: []string{key}, Subject: subject, SubjectKey: strings.ToLower(subject),
		From: mail.Address{Email: brandAddr}, To: []mail.Address{{Email: "asa@example.se"}}, Date: at, Text: "Hej", Snippet: "Hej", AutoSubmitted: auto}
	raw := fmt.Appendf(nil, "From: %s\r\nMessage-ID: <%s>\r\n\r\nHej\r\n", brandAddr, id)
	if _, err := store.Ingest(ctx, folder.ID, []mail.Incoming{{UID: uint32(seq), ReceivedAt: at, Raw: raw, Parsed: p}}, uint32(seq+1)); err != nil {
		f.t.Fatal(err)
	}
}
