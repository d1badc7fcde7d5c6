package smtpsend_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"switchboard/accounts/mime"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/inbox/outbox"
)

func TestReplyGoesOutThreadedEncodedAndFiled(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	conv := e.customerWrites(e.w, customerMail)
	body := "Hej {{first_name|där}}!\n\nDin beställning är på väg. Děkujeme, že jste nám napsali. Спасибо за ваш заказ.\n\n{{agent}}, {{brand}}"
	d, err := e.inbox.NewDraft(ctx, conv, body)
	if err != nil || d.Unresolved != nil {
		t.Fatalf("draft %+v %v", d, err)
	}
	it, err := e.outbox.Queue(ctx, outbox.Reply{ConversationID: conv, Body: d.Body})
	if err != nil {
		t.Fatal(err)
	}
	if rep := e.sendDue(); rep.Sent != 1 || len(rep.Errors) != 0 {
		t.Fatalf("report %+v", rep)
	}
	got := e.smtp.Messages()
	if len(got) != 1 {
		t.Fatalf("server got %d messages", len(got))
	}
	r := got[0]
	if r.From != "brand@nordlys.example" || strings.Join(r.To, ",") != "asa@example.se" || r.AuthUser != "brand@nordlys.example" || !r.TLS {
		t.Errorf("envelope %+v", r)
	}
	m := mime.Parse(r.Data, mime.Limits{})
	if m.MessageID != it.MessageID || m.InReplyTo != "order-1042@example.se" ||
		strings.Join(m.References, " ") != "newsletter-7@nordlys.example order-1042@example.se" {
		t.Errorf("threading: id %q in-reply-to %q references %q", m.MessageID, m.InReplyTo, m.References)
	}
	if m.Subject != "Re: Beställning 1042" || m.From.Email != "brand@nordlys.example" || m.Date.IsZero() {
		t.Errorf("headers: subject %q from %+v date %v", m.Subject, m.From, m.Date)
	}
	for _, want := range []string{"Hej Åsa!", "Din beställning är på väg.", "Děkujeme, že jste nám napsali.", "Спасибо за ваш заказ.", "Anna Lind, Nordlys Coffee"} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("body lacks %q:\n%s", want, m.Text)
		}
	}
	for _, line := range strings.Split(string(r.Data), "\r\n") {
		for _, c := range []byte(line) {
			if c > 127 {
				t.Fatalf("8-bit byte on the wire: %q", line)
			}
		}
	}
	if it := e.item(it.ID); it.State != outbox.Sent || !it.Filed || it.LastError != "" {
		t.Errorf("outbox item %+v", it)
	}
	if ids := e.sentFolder(); len(ids) != 1 || ids[0] != it.MessageID {
		t.Errorf("Sent folder in Dovecot holds %v, want %s", ids, it.MessageID)
	}
	row, _ := e.inbox.Conversation(ctx, conv)
	if row.Status != inbox.Waiting {
		t.Errorf("conversation %s after sending, want waiting", row.Status)
	}
	var flags int
	e.w.DB().Read().QueryRow("SELECT flags FROM messages WHERE message_key = 'order-1042@example.se'").Scan(&flags)
	if flags&2 == 0 {
		t.Error("the customer's message is not \\Answered")
	}
}

func TestRejectedRecipientStaysWithReason(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	e.smtp.RejectRcpt("asa@example.se", "No such mailbox here")
	conv := e.customerWrites(e.w, customerMail)
	it, err := e.outbox.Queue(ctx, outbox.Reply{ConversationID: conv, Body: "Hej!"})
	if err != nil {
		t.Fatal(err)
	}
	if rep := e.sendDue(); rep.Failed != 1 {
		t.Fatalf("report %+v", rep)
	}
	got := e.item(it.ID)
	if got.State != outbox.Failed || !strings.Contains(got.LastError, "No such mailbox here") || !strings.Contains(got.LastError, "asa@example.se") {
		t.Fatalf("item %+v", got)
	}
	if strings.Contains(got.LastError, password) {
		t.Fatal("the password is in the error")
	}
	// The user fixes it (here: the server stops refusing) and retries: one message.
	e.smtp.RejectRcpt("asa@example.se", "")
	if err := e.outbox.Retry(ctx, it.ID); err != nil {
		t.Fatal(err)
	}
	if rep := e.sendDue(); rep.Sent != 1 {
		t.Fatalf("retry report %+v", rep)
	}
	if n := len(e.smtp.Messages()); n != 1 {
		t.Fatalf("server got %d messages", n)
	}
}

func TestTemporaryFailureRetriesWithBackoff(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	e.smtp.TempFail(1)
	conv := e.customerWrites(e.w, customerMail)
	it, _ := e.outbox.Queue(ctx, outbox.Reply{ConversationID: conv, Body: "Hej!"})
	if rep := e.sendDue(); rep.Retrying != 1 {
		t.Fatalf("report %+v", rep)
	}
	first := e.item(it.ID)
	if first.State != outbox.Queued || !strings.Contains(first.LastError, "451") || !first.NextAttemptAt.After(e.now) {
		t.Fatalf("after a 451: %+v", first)
	}
	if rep := e.sendDue(); rep.Sent+rep.Retrying != 0 {
		t.Fatalf("retried before the backoff: %+v", rep)
	}
	e.now = first.NextAttemptAt
	if rep := e.sendDue(); rep.Sent != 1 {
		t.Fatalf("report %+v", rep)
	}
	m := e.smtp.Messages()
	if len(m) != 1 || mime.Parse(m[0].Data, mime.Limits{}).MessageID != it.MessageID {
		t.Fatalf("server got %+v", m)
	}
}

func TestDroppedConnectionIsNeverResentOnItsOwn(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	e.smtp.DropAfterData(1)
	conv := e.customerWrites(e.w, customerMail)
	it, _ := e.outbox.Queue(ctx, outbox.Reply{ConversationID: conv, Body: "Hej!"})
	if rep := e.sendDue(); rep.Uncertain != 1 {
		t.Fatalf("report %+v", rep)
	}
	got := e.item(it.ID)
	if got.State != outbox.Uncertain || !strings.Contains(got.LastError, "connection broke") {
		t.Fatalf("item %+v", got)
	}
	e.now = e.now.Add(24 * time.Hour)
	e.sendDue()
	if n := len(e.smtp.Messages()) + len(e.smtp.Dropped()); n != 1 {
		t.Fatalf("the server saw %d submissions, want 1", n)
	}
	// The user decides to send it again: the same bytes, the same Message-ID.
	if err := e.outbox.Retry(ctx, it.ID); err != nil {
		t.Fatal(err)
	}
	e.sendDue()
	if m := e.smtp.Messages(); len(m) != 1 || string(m[0].Data) != string(e.smtp.Dropped()[0].Data) {
		t.Fatal("the retry did not resend the stored bytes")
	}
}

// crashMailer submits for real, then dies before the outbox hears of it.
type crashMailer struct {
	outbox.Mailer
}

var errCrash = errors.New("simulated crash")

func (c crashMailer) Submit(ctx context.Context, sub outbox.Submission, beforeData func() error) error {
	if err := c.Mailer.Submit(ctx, sub, beforeData); err != nil {
		return err
	}
	panic(errCrash)
}

func sendCrashing(t *testing.T, e *env) {
	defer func() {
		if r := recover(); r != errCrash {
			t.Fatalf("recovered %v", r)
		}
	}()
	// A fresh Store, as the app that crashes would have had.
	s := outbox.New(e.w, inboxcore.Options{Agent: "Anna Lind", Now: func() time.Time { return e.now }})
	s.SendDue(context.Background(), crashMailer{e.mailer})
	t.Fatal("no crash")
}

func TestCrashAfterSubmissionDoesNotSendTwice(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	conv := e.customerWrites(e.w, customerMail)
	it, _ := e.outbox.Queue(ctx, outbox.Reply{ConversationID: conv, Body: "Hej!"})
	sendCrashing(t, e)
	if got := e.item(it.ID); got.State != outbox.Submitting {
		t.Fatalf("after the crash: %s", got.State)
	}
	// Restart: the reply is not in Sent (the crash came before filing), so nobody knows
	// whether it went; it waits for the user instead of going out twice.
	rep := e.sendDue()
	if rep.Uncertain != 1 || rep.Sent != 0 {
		t.Fatalf("report %+v", rep)
	}
	e.sendDue()
	if n := len(e.smtp.Messages()); n != 1 {
		t.Fatalf("the customer got %d copies", n)
	}
	if err := e.outbox.MarkSent(ctx, it.ID); err != nil {
		t.Fatal(err)
	}
	if row, _ := e.inbox.Conversation(ctx, conv); row.Status != inbox.Waiting {
		t.Fatalf("status %s", row.Status)
	}
}

func TestCrashAfterSubmissionFoundInSent(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	conv := e.customerWrites(e.w, customerMail)
	it, _ := e.outbox.Queue(ctx, outbox.Reply{ConversationID: conv, Body: "Hej!"})
	sendCrashing(t, e)
	// The provider saved its own copy in Sent, as Gmail does.
	sent := e.smtp.Messages()[0].Data
	if _, err := e.imap.Deliver("brand@nordlys.example", "Sent", sent, e.now); err != nil {
		t.Fatal(err)
	}
	if rep := e.sendDue(); rep.Sent != 1 || rep.Uncertain != 0 {
		t.Fatalf("report %+v", rep)
	}
	if got := e.item(it.ID); got.State != outbox.Sent || !got.Filed {
		t.Fatalf("item %+v", got)
	}
	if n, ids := len(e.smtp.Messages()), e.sentFolder(); n != 1 || len(ids) != 1 {
		t.Fatalf("%d submissions, Sent holds %v", n, ids)
	}
}

func TestWrongBrandGuard(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	wB, acctB := e.workspace("Fjäll Outdoor", "help@fjall.example")
	conv := e.customerWrites(e.w, customerMail)
	it, err := e.outbox.Queue(ctx, outbox.Reply{ConversationID: conv, Body: "Hej!"})
	if err != nil {
		t.Fatal(err)
	}
	if it.WorkspaceID != e.w.ID() || it.AccountID != e.acct.ID || it.From.Email != "brand@nordlys.example" {
		t.Fatalf("queued %+v", it)
	}
	raw := []byte("From: x\r\n\r\nx\r\n")
	// B's mailer refuses A's reply, and A's mailer refuses B's account.
	mailerB := e.newMailer(wB)
	sub := outbox.Submission{WorkspaceID: e.w.ID(), AccountID: e.acct.ID, From: e.acct.Email, To: []string{"asa@example.se"}, Raw: raw}
	never := func() error { t.Fatal("reached DATA"); return nil }
	for name, err := range map[string]error{
		"A's reply through B":     mailerB.Submit(ctx, sub, never),
		"B's account through A":   e.mailer.Submit(ctx, outbox.Submission{WorkspaceID: e.w.ID(), AccountID: acctB.ID, From: acctB.Email, To: sub.To, Raw: raw}, never),
		"B's id through A":        e.mailer.Submit(ctx, outbox.Submission{WorkspaceID: wB.ID(), AccountID: acctB.ID, From: acctB.Email, To: sub.To, Raw: raw}, never),
		"A's account, B's sender": e.mailer.Submit(ctx, outbox.Submission{WorkspaceID: e.w.ID(), AccountID: e.acct.ID, From: acctB.Email, To: sub.To, Raw: raw}, never),
	} {
		var se *outbox.SendError
		if !errors.As(err, &se) || se.Failure != outbox.Permanent || !strings.Contains(err.Error(), "refused") {
			t.Errorf("%s: %v", name, err)
		}
	}
	// A row of A's outbox pointing at B's account (a bug or a tampered database) is refused.
	if err := tamper(e, it.ID, acctB.ID); err != nil {
		t.Fatal(err)
	}
	if rep := e.sendDue(); rep.Failed != 1 || rep.Sent != 0 {
		t.Fatalf("report %+v", rep)
	}
	if got := e.item(it.ID); got.State != outbox.Failed || !strings.Contains(got.LastError, "not an account of") {
		t.Fatalf("item %+v", got)
	}
	if n := len(e.smtp.Messages()); n != 0 {
		t.Fatalf("%d messages went out", n)
	}
}
