package smtpsend_test

import (
	"context"
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"switchboard/accounts/imapsync"
	"switchboard/accounts/mailconn"
	"switchboard/accounts/mailtest"
	"switchboard/accounts/secrets/keyringtest"
	"switchboard/accounts/smtpsend"
	"switchboard/workspace"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/inbox/outbox"
	"switchboard/workspace/mail"
)

const password = "kaffe-2025"

// env is one workspace with an account on a real Dovecot (IMAP) and a real go-smtp
// server (STARTTLS, AUTH PLAIN), and an Inbox with a settable clock.
type env struct {
	t      *testing.T
	root   *workspace.Root
	w      *workspace.Workspace
	acct   mail.Account
	smtp   *mailtest.SMTPServer
	imap   *mailtest.Dovecot
	pw     *keyringtest.Static
	now    time.Time
	inbox  *inbox.Store
	outbox *outbox.Store
	mailer *smtpsend.Mailer
}

func newEnv(t *testing.T) *env {
	t.Helper()
	root, err := workspace.OpenRoot(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, root: root, pw: keyringtest.NewStatic(), now: time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)}
	e.imap = mailtest.StartDovecot(t, mailtest.WithUser("brand@nordlys.example", password))
	e.smtp = mailtest.StartSMTP(t, mailtest.WithSTARTTLS(), mailtest.WithAuth("brand@nordlys.example", password))
	e.w, e.acct = e.workspace("Nordlys Coffee", "brand@nordlys.example")
	o := inboxcore.Options{Agent: "Anna Lind", Now: func() time.Time { return e.now }}
	e.inbox, e.outbox = inbox.NewStore(e.w, o), outbox.New(e.w, o)
	e.mailer = e.newMailer(e.w)
	return e
}

func (e *env) newMailer(w *workspace.Workspace) *smtpsend.Mailer {
	return smtpsend.New(w, e.pw, smtpsend.Options{Conn: mailconnOptions(e.smtp)})
}

// workspace creates a workspace whose account uses the test servers.
func (e *env) workspace(name, email string) (*workspace.Workspace, mail.Account) {
	t := e.t
	ctx := context.Background()
	if _, err := e.root.Create(ctx, name, workspace.CreateOptions{TimeZone: "Europe/Stockholm"}); err != nil {
		t.Fatal(err)
	}
	w, err := e.root.Open(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	a, err := mail.Open(w).AddAccount(ctx, mail.Account{Email: email, DisplayName: name,
		IMAP: endpoint(t, e.imap.Addr(), mail.Plain), SMTP: endpoint(t, e.smtp.Addr(), mail.StartTLS)})
	if err != nil {
		t.Fatal(err)
	}
	e.pw.With(w.ID(), a.ID, password)
	return w, a
}

func mailconnOptions(s *mailtest.SMTPServer) mailconn.Options {
	return mailconn.Options{Roots: s.Cert.Pool(), Deadline: 10 * time.Second}
}

func endpoint(t *testing.T, hostPort string, sec mail.Security) mail.Endpoint {
	host, port, _ := net.SplitHostPort(hostPort)
	p, err := strconv.Atoi(port)
	if err != nil {
		t.Fatal(err)
	}
	return mail.Endpoint{Host: host, Port: p, Security: sec}
}

// customerWrites stores a customer's message in the workspace and returns its
// conversation id.
func (e *env) customerWrites(w *workspace.Workspace, raw string) int64 {
	e.t.Helper()
	ctx := context.Background()
	p := imapsync.Parse([]byte(raw))
	if _, err := imapsync.ImportRaw(ctx, w, "INBOX", [][]byte{[]byte(raw)}); err != nil {
		e.t.Fatal(err)
	}
	var conv int64
	if err := w.DB().Read().QueryRowContext(ctx, "SELECT conversation_id FROM messages WHERE message_key = ?", p.MessageID).Scan(&conv); err != nil {
		e.t.Fatal(err)
	}
	return conv
}

func (e *env) sendDue() outbox.SendReport {
	e.t.Helper()
	rep, err := e.outbox.SendDue(context.Background(), e.mailer)
	if err != nil {
		e.t.Fatal(err)
	}
	return rep
}

func (e *env) item(id int64) outbox.Item {
	e.t.Helper()
	it, err := e.outbox.Item(context.Background(), id)
	if err != nil {
		e.t.Fatal(err)
	}
	return it
}

// sentFolder returns the Message-IDs in Dovecot's Sent folder of the brand account.
func (e *env) sentFolder() []string {
	e.t.Helper()
	c, err := e.imap.Login("brand@nordlys.example")
	if err != nil {
		e.t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Select("Sent", nil).Wait(); err != nil {
		return nil
	}
	var all imap.SeqSet
	all.AddRange(1, 0) // 1:*
	msgs, err := c.Fetch(all, &imap.FetchOptions{Envelope: true}).Collect()
	if err != nil {
		e.t.Fatal(err)
	}
	var ids []string
	for _, m := range msgs {
		ids = append(ids, m.Envelope.MessageID)
	}
	return ids
}

const customerMail = "From: =?utf-8?q?=C3=85sa_Berg?= <asa@example.se>\r\n" +
	"To: Nordlys Coffee <brand@nordlys.example>\r\n" +
	"Subject: =?utf-8?q?Best=C3=A4llning_1042?=\r\n" +
	"Date: Mon, 03 Mar 2025 08:00:00 +0000\r\n" +
	"Message-ID: <order-1042@example.se>\r\n" +
	"References: <newsletter-7@nordlys.example>\r\n" +
	"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
	"Hej! Var är min beställning?\r\n"
