package runner_test

import (
	"context"
	"net"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"switchboard/accounts/mailaccount"
	"switchboard/accounts/mailconn"
	"switchboard/accounts/mailtest"
	"switchboard/accounts/runner"
	"switchboard/accounts/secrets"
	"switchboard/accounts/secrets/keyringtest"
	"switchboard/workspace"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/inbox/outbox"
	"switchboard/workspace/mail"
)

// brand is a workspace with one account on the shared Dovecot and its own SMTP server.
type brand struct {
	name, email, password string
	info                  workspace.Info
	acct                  mail.Account
	smtp                  *mailtest.SMTPServer
}

type env struct {
	t      *testing.T
	root   *workspace.Root
	imap   *mailtest.Dovecot
	keys   *secrets.Store
	a, b   *brand
	host   *runner.Host
	events atomic.Int64
}

// newEnv starts the servers and the keyring; the host's rounds run every `every`.
func newEnv(t *testing.T, every time.Duration) *env {
	t.Helper()
	keyringtest.Start(t)
	root, err := workspace.OpenRoot(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, root: root, keys: secrets.New(10 * time.Second)}
	e.a = &brand{name: "Nordlys Coffee", email: "hello@nordlys.example", password: "kaffe-2025"}
	e.b = &brand{name: "Fjäll Outdoor", email: "support@fjall.example", password: "tält-2025"}
	e.imap = mailtest.StartDovecot(t, mailtest.WithUser(e.a.email, e.a.password), mailtest.WithUser(e.b.email, e.b.password))
	for _, b := range []*brand{e.a, e.b} {
		b.smtp = mailtest.StartSMTP(t, mailtest.WithSTARTTLS(), mailtest.WithAuth(b.email, b.password))
		e.create(b)
	}
	e.host = runner.NewHost(runner.Options{
		Passwords: e.keys,
		Conn:      mailconn.Options{Roots: e.a.smtp.Cert.Pool(), Deadline: 10 * time.Second},
		Every:     every,
		Logf:      t.Logf,
	})
	return e
}

// create makes b's workspace and account, its password in the real keyring.
func (e *env) create(b *brand) {
	t := e.t
	ctx := context.Background()
	info, err := e.root.Create(ctx, b.name, workspace.CreateOptions{TimeZone: "Europe/Stockholm"})
	if err != nil {
		t.Fatal(err)
	}
	b.info = info
	w := e.open(b)
	defer w.Close()
	b.acct, err = mailaccount.Add(ctx, w, e.keys, mail.Account{Email: b.email, DisplayName: b.name,
		IMAP: endpoint(t, e.imap.Addr(), mail.Plain), SMTP: endpoint(t, b.smtp.Addr(), mail.StartTLS)}, b.password)
	if err != nil {
		t.Fatal(err)
	}
}

func (e *env) open(b *brand) *workspace.Workspace {
	e.t.Helper()
	w, err := e.root.Open(context.Background(), b.info.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	return w
}

// start runs b's workspace in the background as the window does; stop it, then close w.
func (e *env) start(b *brand) (w *workspace.Workspace, stop func()) {
	w = e.open(b)
	return w, e.host.Start(context.Background(), w, func() { e.events.Add(1) })
}

// idle waits until b's worker has made its first pass and is idling. Mail that arrives
// between a pass and IDLE can wait for the next pass (imapsync's wait drains the
// announcements of its SELECT), so the tests deliver once the worker idles.
func (e *env) idle(b *brand) {
	e.t.Helper()
	waitFor(e.t, b.name+"'s first pass", func() bool {
		r := e.host.Runner(b.info.ID)
		return r != nil && !r.State(b.acct.ID).LastPass.IsZero()
	})
	time.Sleep(300 * time.Millisecond)
}

func (e *env) deliver(b *brand, subject string) {
	e.t.Helper()
	raw := mailtest.Message{From: "Åsa Berg <asa@example.se>", To: b.email, Subject: subject, Body: "Hej! Var är min beställning?", Date: time.Now()}.Bytes()
	if _, err := e.imap.Deliver(b.email, "INBOX", raw, time.Now()); err != nil {
		e.t.Fatal(err)
	}
}

// waitFor polls cond for up to 30 seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting: %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func subjects(t *testing.T, w *workspace.Workspace) []string {
	t.Helper()
	rows, err := w.DB().Read().Query("SELECT subject FROM messages ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var list []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		list = append(list, s)
	}
	return list
}

// busy lists goroutines still running code of the runner or the sync engine.
func busy() []string {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var found []string
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, "switchboard/accounts/imapsync.") || strings.Contains(g, "switchboard/accounts/runner.(*") {
			found = append(found, g)
		}
	}
	return found
}

func endpoint(t *testing.T, hostPort string, sec mail.Security) mail.Endpoint {
	host, port, _ := net.SplitHostPort(hostPort)
	p, err := strconv.Atoi(port)
	if err != nil {
		t.Fatal(err)
	}
	return mail.Endpoint{Host: host, Port: p, Security: sec}
}

func firstConversation(t *testing.T, s *inbox.Store) int64 {
	t.Helper()
	p, err := s.List(context.Background(), inbox.Query{})
	if err != nil || len(p.Rows) == 0 {
		t.Fatalf("no conversation to answer: %v", err)
	}
	return p.Rows[0].ID
}

func TestOpenWorkspaceSyncsSendsAndStopsBeforeSwitch(t *testing.T) {
	e := newEnv(t, 200*time.Millisecond)
	ctx := context.Background()

	wa, stopA := e.start(e.a)
	e.idle(e.a)
	e.deliver(e.a, "Order 1042")
	waitFor(t, "A's new mail in A's store", func() bool { return len(subjects(t, wa)) == 1 })
	if st := e.host.Runner(e.a.info.ID).State(e.a.acct.ID); st.Err != "" || st.Syncing {
		t.Errorf("account state after a pass: %+v", st)
	}
	if n := e.host.Unread(ctx, wa.Info()); n != 1 {
		t.Errorf("A's unread count %d, want 1", n)
	}
	if n := e.host.Unread(ctx, e.b.info); n != 0 {
		t.Errorf("B (not open) counted %d", n)
	}

	// A reply queued for now goes out with the next round, from A's account only.
	store := inbox.NewStore(wa, inboxcore.Options{Agent: "Anna"})
	out := outbox.New(wa, inboxcore.Options{Agent: "Anna"})
	if _, err := out.Queue(ctx, outbox.Reply{ConversationID: firstConversation(t, store), Body: "Hej Åsa, den är på väg!"}); err != nil {
		t.Fatal(err)
	}
	got, err := e.a.smtp.WaitFor(1, 30*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if got[0].From != e.a.email || got[0].AuthUser != e.a.email {
		t.Errorf("reply sent from %s as %s, want %s", got[0].From, got[0].AuthUser, e.a.email)
	}
	waitFor(t, "the reply recorded as sent", func() bool {
		items, err := out.List(ctx, true)
		return err == nil && len(items) == 1 && items[0].State == outbox.Sent
	})
	if e.events.Load() == 0 {
		t.Error("the window was never notified")
	}

	// Switching: A's runner stops before A closes; nothing of it runs or writes after.
	stopA()
	if g := busy(); len(g) > 0 {
		t.Fatalf("still running after stop:\n%s", strings.Join(g, "\n\n"))
	}
	if e.host.Runner(e.a.info.ID) != nil {
		t.Error("the stopped runner is still the host's")
	}
	before := len(subjects(t, wa))
	if err := wa.Close(); err != nil {
		t.Fatal(err)
	}
	wb, stopB := e.start(e.b)
	defer wb.Close()
	defer stopB()
	e.idle(e.b)
	e.deliver(e.a, "Order 1043 (for A, while B is open)")
	e.deliver(e.b, "Tent pole missing")
	waitFor(t, "B's new mail in B's store", func() bool { return len(subjects(t, wb)) == 1 })
	time.Sleep(time.Second) // room for a wrong worker to write A's mail
	if s := subjects(t, wb); len(s) != 1 || s[0] != "Tent pole missing" {
		t.Errorf("B's store holds %q", s)
	}
	wa = e.open(e.a) // would fail if A's lock were still held
	defer wa.Close()
	if n := len(subjects(t, wa)); n != before {
		t.Errorf("A's store changed from %d to %d messages while closed", before, n)
	}
	if n := len(e.b.smtp.Messages()); n != 0 {
		t.Errorf("B's SMTP server got %d messages", n)
	}
}

func TestSendNowOnlyThroughItsOwnWorkspace(t *testing.T) {
	e := newEnv(t, time.Hour) // no round but the first: only send now sends
	ctx := context.Background()
	wa, stopA := e.start(e.a)
	defer wa.Close()
	defer stopA()
	e.idle(e.a)
	e.deliver(e.a, "Where is my parcel?")
	waitFor(t, "A's mail", func() bool { return len(subjects(t, wa)) == 1 })

	wb := e.open(e.b)
	defer wb.Close()
	if err := e.host.SendNow(ctx, inbox.NewStore(wb, inboxcore.Options{})); err == nil {
		t.Error("send now for a workspace that is not running was accepted")
	}
	store := inbox.NewStore(wa, inboxcore.Options{Agent: "Anna"})
	out := outbox.New(wa, inboxcore.Options{Agent: "Anna"})
	if _, err := out.Queue(ctx, outbox.Reply{ConversationID: firstConversation(t, store), Body: "On its way."}); err != nil {
		t.Fatal(err)
	}
	if err := e.host.SendNow(ctx, store); err != nil {
		t.Fatal(err)
	}
	if n := len(e.a.smtp.Messages()); n != 1 {
		t.Fatalf("A's SMTP server got %d messages right after send now, want 1", n)
	}
}
