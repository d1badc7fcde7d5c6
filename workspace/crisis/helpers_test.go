package crisis_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/crisis"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/inbox/outbox"
	"switchboard/workspace/mail"
	"switchboard/workspace/workspacetest"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

var t0 = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

// brand is a workspace with a mail account, its crisis store and Inbox on one clock.
type brand struct {
	w      *workspace.Workspace
	s      *crisis.Store
	inbox  *inbox.Store
	outbox *outbox.Store
	acct   mail.Account
	seq    int
}

func newBrand(t *testing.T, root *workspace.Root, name string, c *clock) *brand {
	t.Helper()
	w := workspacetest.Open(t, root, name)
	host := strings.ToLower(strings.ReplaceAll(name, " ", "")) + ".example"
	a, err := mail.Open(w).AddAccount(context.Background(), mail.Account{Email: "hello@" + host, DisplayName: name,
		IMAP: mail.Endpoint{Host: "127.0.0.1", Port: 143, Security: mail.Plain},
		SMTP: mail.Endpoint{Host: "127.0.0.1", Port: 25, Security: mail.Plain}})
	if err != nil {
		t.Fatal(err)
	}
	s := crisis.NewStore(w, crisis.Options{Agent: "Anna", Now: c.now})
	return &brand{w: w, s: s, inbox: s.Inbox(), outbox: outbox.New(w, inboxcore.Options{Agent: "Anna", Now: c.now}), acct: a}
}

// deliver stores a customer's message in INBOX and returns its conversation id.
func (b *brand) deliver(t *testing.T, fromName, from, subject, body string, at time.Time) int64 {
	t.Helper()
	ctx := context.Background()
	store := mail.Open(b.w)
	f, err := store.EnsureFolder(ctx, b.acct.ID, "INBOX", mail.RoleInbox)
	if err != nil {
		t.Fatal(err)
	}
	b.seq++
	id := fmt.Sprintf("m%d-%s", b.seq, b.acct.Email)
	p := &mail.Parsed{MessageID: id, Subject: subject, SubjectKey: strings.ToLower(subject),
		From: mail.Address{Name: fromName, Email: from}, To: []mail.Address{{Email: b.acct.Email}}, Date: at, Text: body, Snippet: body}
	raw := fmt.Appendf(nil, "Message-ID: <%s>\r\nSubject: %s\r\n\r\n%s\r\n", id, subject, body)
	if _, err := store.Ingest(ctx, f.ID, []mail.Incoming{{UID: uint32(b.seq), ReceivedAt: at, Raw: raw, Parsed: p}}, uint32(b.seq+1)); err != nil {
		t.Fatal(err)
	}
	var conv int64
	if err := b.w.DB().Read().QueryRowContext(ctx, "SELECT conversation_id FROM messages WHERE message_key = ?", id).Scan(&conv); err != nil {
		t.Fatal(err)
	}
	return conv
}

// recorder is a Mailer that accepts everything and remembers what it sent.
type recorder struct {
	mu   sync.Mutex
	sent []string // subjects + first recipient
}

func (r *recorder) Compose(o outbox.Outgoing) ([]byte, error) {
	return fmt.Appendf(nil, "Subject: %s\r\nTo: %s\r\n\r\n%s", o.Subject, o.To[0].Email, o.Text), nil
}

func (r *recorder) Submit(ctx context.Context, sub outbox.Submission, beforeData func() error) error {
	if err := beforeData(); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sent = append(r.sent, sub.To[0]+" "+strings.SplitN(string(sub.Raw), "\r\n", 2)[0])
	return nil
}

func (r *recorder) FileSent(context.Context, string, []byte) error       { return nil }
func (r *recorder) InSent(context.Context, string, string) (bool, error) { return false, nil }
func (r *recorder) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.sent
	r.sent = nil
	return s
}

// batchPlaybook is a playbook with everything a crisis needs.
func batchPlaybook() crisis.Playbook {
	return crisis.Playbook{
		Name: "Bitter batch", Severity: "high",
		Descriptions: map[string]string{"en": "A batch tastes wrong"},
		Keywords:     map[string][]string{"en": {"bitter", "sour"}, "sv": {"besk", "surt"}},
		Steps:        []crisis.Step{{Text: "Confirm the batch", Owner: "Community manager"}, {Text: "Tell quality", Owner: "Account lead"}},
		Holding: []crisis.Text{
			{Lang: "en", Text: "Hi {{first_name|there}}, we are looking into the batch."},
			{Lang: "sv", Text: "Hej {{first_name|där}}, vi undersöker rosten."},
		},
		Answers:  []crisis.Answer{{Lang: "en", Question: "Is it safe?", Answer: "Yes, {{first_name|}}: it is a taste problem."}},
		Contacts: []crisis.Contact{{Name: "Ingrid", Role: "Quality lead", Phone: "+47 1"}},
	}
}
