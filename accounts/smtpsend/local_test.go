package smtpsend_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"switchboard/accounts/demotest"
	"switchboard/accounts/secrets/keyringtest"
	"switchboard/accounts/smtpsend"
	"switchboard/workspace"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/inbox/outbox"
	"switchboard/workspace/mail"
)

func TestDemoRepliesAreStoredLocally(t *testing.T) {
	ctx := context.Background()
	_, w := demotest.Open(t)
	m, offline, err := smtpsend.ForWorkspace(ctx, w, keyringtest.NewStatic(), smtpsend.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := m.(*smtpsend.Local); !ok || !offline {
		t.Fatalf("demo mailer %T offline=%v, want *smtpsend.Local, offline", m, offline)
	}

	s := inbox.NewStore(w, inboxcore.Options{Agent: "Anna"})
	out := outbox.New(w, inboxcore.Options{Agent: "Anna"})
	p, err := s.List(ctx, inbox.Query{View: inbox.ViewUnanswered})
	if err != nil || len(p.Rows) == 0 {
		t.Fatalf("no unanswered demo conversation: %v", err)
	}
	conv := p.Rows[0].ID
	it, err := out.Queue(ctx, outbox.Reply{ConversationID: conv, Body: "Hi, a new bag is on its way."})
	if err != nil {
		t.Fatal(err)
	}
	if it.From.Email != "hello@nordlys-coffee.example" {
		t.Errorf("reply from %s, want the demo account", it.From.Email)
	}
	rep, err := out.SendDue(ctx, m)
	if err != nil || rep.Sent != 1 || len(rep.Errors) > 0 {
		t.Fatalf("SendDue: %+v, %v", rep, err)
	}
	if it, err = out.Item(ctx, it.ID); err != nil || it.State != outbox.Sent || !it.Filed {
		t.Fatalf("outbox item %+v, %v: want sent and filed", it, err)
	}
	var n int
	if err := w.DB().Read().QueryRow(`SELECT count(*) FROM messages WHERE conversation_id = ? AND outbound = 1
		AND message_key = ? AND body LIKE '%bag is on its way%'`, conv, it.MessageID).Scan(&n); err != nil || n != 1 {
		t.Errorf("our reply in the conversation: %d messages, %v; want 1", n, err)
	}
	row, err := s.Conversation(ctx, conv)
	if err != nil || row.Status != inbox.Waiting {
		t.Errorf("conversation status %q, %v; want waiting", row.Status, err)
	}
	if found, err := m.InSent(ctx, it.AccountID, it.MessageID); err != nil || !found {
		t.Errorf("InSent after the send: %v, %v", found, err)
	}
	if found, err := m.InSent(ctx, it.AccountID, "nobody@nordlys-coffee.example"); err != nil || found {
		t.Errorf("InSent of an unknown id: %v, %v", found, err)
	}
}

func TestLocalMailerKeepsTheWrongBrandGuard(t *testing.T) {
	ctx := context.Background()
	root, w := demotest.Open(t)
	other, err := root.Create(ctx, "Fjäll Outdoor", workspace.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	accts, err := w.DB().Read().Query("SELECT id FROM accounts")
	if err != nil {
		t.Fatal(err)
	}
	var acct string
	for accts.Next() {
		if err := accts.Scan(&acct); err != nil {
			t.Fatal(err)
		}
	}
	accts.Close()

	l := smtpsend.NewLocal(w)
	for name, sub := range map[string]outbox.Submission{
		"another workspace": {WorkspaceID: other.ID, AccountID: acct, From: "hello@nordlys-coffee.example"},
		"unknown account":   {WorkspaceID: w.ID(), AccountID: "not-an-account", From: "hello@nordlys-coffee.example"},
		"another sender":    {WorkspaceID: w.ID(), AccountID: acct, From: "support@fjall.example"},
	} {
		sub.To, sub.Raw = []string{"asa@example.se"}, []byte("Subject: x\r\n\r\nx\r\n")
		err := l.Submit(ctx, sub, func() error { t.Errorf("%s: beforeData was called", name); return nil })
		var se *outbox.SendError
		if !errors.As(err, &se) || se.Failure != outbox.Permanent || !strings.Contains(err.Error(), "refused") {
			t.Errorf("%s: %v, want refused as permanent", name, err)
		}
	}
}

func TestOtherWorkspacesSendOverSMTP(t *testing.T) {
	ctx := context.Background()
	root, err := workspace.OpenRoot(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	info, err := root.Create(ctx, "Fjäll Outdoor", workspace.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	w, err := root.Open(ctx, info.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	m, offline, err := smtpsend.ForWorkspace(ctx, w, keyringtest.NewStatic(), smtpsend.Options{})
	if _, ok := m.(*smtpsend.Mailer); !ok || offline || err != nil {
		t.Fatalf("mailer %T offline=%v err=%v, want *smtpsend.Mailer", m, offline, err)
	}
}

// Offline is the account's transport, not the workspace's kind: a local account in an
// ordinary workspace keeps its replies, while the other account of it would use SMTP.
func TestLocalAccountOfAnyWorkspaceSendsNothing(t *testing.T) {
	ctx := context.Background()
	root, err := workspace.OpenRoot(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	info, err := root.Create(ctx, "Fjäll Outdoor", workspace.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	w, err := root.Open(ctx, info.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	local, err := mail.Open(w).AddAccount(ctx, mail.Account{Email: "hej@fjall.example", Transport: mail.Local})
	if err != nil {
		t.Fatal(err)
	}
	m, offline, err := smtpsend.ForWorkspace(ctx, w, keyringtest.NewStatic(), smtpsend.Options{})
	if _, ok := m.(*smtpsend.Local); !ok || !offline || err != nil {
		t.Fatalf("only a local account: mailer %T offline=%v err=%v, want *smtpsend.Local", m, offline, err)
	}
	if _, err := mail.Open(w).AddAccount(ctx, mail.Account{Email: "press@fjall.example",
		IMAP: mail.Endpoint{Host: "imap.fjall.example", Port: 993, Security: mail.TLS},
		SMTP: mail.Endpoint{Host: "127.0.0.1", Port: 1, Security: mail.Plain}}); err != nil {
		t.Fatal(err)
	}
	m, offline, err = smtpsend.ForWorkspace(ctx, w, keyringtest.NewStatic(), smtpsend.Options{})
	if offline || err != nil {
		t.Fatalf("with a server account: offline=%v err=%v", offline, err)
	}
	// The local account's reply is kept, although the workspace has a server account.
	raw := []byte("From: hej@fjall.example\r\nTo: kund@example.se\r\nSubject: Re: Tält\r\nMessage-ID: <r1@fjall.example>\r\n\r\nHej!\r\n")
	sub := outbox.Submission{WorkspaceID: w.ID(), AccountID: local.ID, From: local.Email, To: []string{"kund@example.se"}, Raw: raw}
	if err := m.Submit(ctx, sub, func() error { return nil }); err != nil {
		t.Fatalf("a local account's reply: %v", err)
	}
	if in, err := m.InSent(ctx, local.ID, "r1@fjall.example"); !in || err != nil {
		t.Errorf("the kept reply is not in Sent: %v %v", in, err)
	}
}
