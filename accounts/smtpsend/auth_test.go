package smtpsend_test

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"testing"

	"switchboard/accounts/mailconn"
	"switchboard/accounts/smtpsend"
	"switchboard/workspace/inbox/outbox"
	"switchboard/workspace/mail"
)

// A server whose 535 echoes the AUTH PLAIN blob and the password: the reply fails at once
// (no retries with the refused password, lockout risk), no other reply tries that password
// either, and no encoding of it reaches the outbox error or the report.
func TestRefusedPassword(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	e.smtp.EchoAuthFailures()
	const wrong = "wrong-kaffe-2025"
	e.pw.With(e.w.ID(), e.acct.ID, wrong)
	conv := e.customerWrites(e.w, customerMail)
	first, err := e.outbox.Queue(ctx, outbox.Reply{ConversationID: conv, Body: "Hej!"})
	if err != nil {
		t.Fatal(err)
	}
	second, err := e.outbox.Queue(ctx, outbox.Reply{ConversationID: conv, Body: "Hej igen!"})
	if err != nil {
		t.Fatal(err)
	}
	rep := e.sendDue()
	if rep.Failed != 2 || rep.Retrying != 0 {
		t.Fatalf("report %+v: a refused password must fail the replies, not queue retries", rep)
	}
	if n := e.smtp.AuthAttempts(); n != 1 {
		t.Fatalf("the server saw %d AUTH attempts with the refused password, want 1", n)
	}
	user := e.acct.Username
	if user == "" {
		user = e.acct.Email
	}
	secrets := []string{wrong,
		base64.StdEncoding.EncodeToString([]byte("\x00" + user + "\x00" + wrong)),
		base64.StdEncoding.EncodeToString([]byte(wrong))}
	for _, id := range []int64{first.ID, second.ID} {
		it := e.item(id)
		if it.State != outbox.Failed || !strings.Contains(it.LastError, "password") {
			t.Fatalf("item %+v", it)
		}
		for _, s := range secrets {
			if strings.Contains(it.LastError, s) || strings.Contains(strings.Join(rep.Errors, "\n"), s) {
				t.Fatalf("the outbox error or report holds %q: %s / %v", s, it.LastError, rep.Errors)
			}
		}
	}
	if !strings.Contains(e.item(first.ID).LastError, "535") {
		t.Errorf("the server's refusal is not named: %s", e.item(first.ID).LastError)
	}
	// Retrying without a new password does not reach the server.
	if err := e.outbox.Retry(ctx, first.ID); err != nil {
		t.Fatal(err)
	}
	e.sendDue()
	if n := e.smtp.AuthAttempts(); n != 1 {
		t.Fatalf("retrying with the same refused password reached the server (%d attempts)", n)
	}
	// With the right password stored, the retry goes out.
	e.pw.With(e.w.ID(), e.acct.ID, password)
	if err := e.outbox.Retry(ctx, first.ID); err != nil {
		t.Fatal(err)
	}
	if rep := e.sendDue(); rep.Sent != 1 {
		t.Fatalf("after a new password: %+v", rep)
	}
}

func TestRedactCutsEveryEncoding(t *testing.T) {
	const user, pw = "brand@nordlys.example", "S3cret pässword!"
	blob := base64.StdEncoding.EncodeToString([]byte("\x00" + user + "\x00" + pw))
	for _, text := range []string{
		"535 5.7.8 bad " + pw,
		"535 5.7.8 bad " + blob,
		"535 5.7.8 bad " + strings.TrimRight(blob, "="),
		"535 5.7.8 bad " + base64.StdEncoding.EncodeToString([]byte(pw)),
		"535 5.7.8 bad " + base64.StdEncoding.EncodeToString([]byte("someone-else\x00"+user+"\x00"+pw+"\x00trailer")),
	} {
		got := mailconn.RedactText(text, user, pw)
		if !strings.Contains(got, "[password]") || strings.Contains(got, pw) {
			t.Errorf("%q -> %q", text, got)
		}
		for shift := 0; shift < 3; shift++ {
			e := base64.RawStdEncoding.EncodeToString([]byte(strings.Repeat("x", shift) + pw))
			if strings.Contains(got, e[3:len(e)-3]) {
				t.Errorf("%q still holds the password's base64 (shift %d): %q", text, shift, got)
			}
		}
	}
	if got := mailconn.RedactText("535 5.7.8 Authentication failed", user, pw); got != "535 5.7.8 Authentication failed" {
		t.Errorf("innocent text changed: %q", got)
	}
}

// STARTTLS to a server whose certificate is not trusted: the reply fails with the
// certificate's fingerprint and the trust choice (as IMAP reports it), not "does not look
// like an SMTP server", and it is not retried.
func TestStartTLSBadCert(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	m := smtpsend.New(e.w, e.pw, smtpsend.Options{Conn: mailconn.Options{Deadline: mailconnOptions(e.smtp).Deadline}}) // system roots: the test CA is unknown
	conv := e.customerWrites(e.w, customerMail)
	it, _ := e.outbox.Queue(ctx, outbox.Reply{ConversationID: conv, Body: "Hej!"})
	rep, err := e.outbox.SendDue(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	got := e.item(it.ID)
	fp := mailconn.FormatFingerprint(hex.EncodeToString(e.smtp.Cert.SHA256[:]))
	if rep.Failed != 1 || got.State != outbox.Failed || !strings.Contains(got.LastError, fp) ||
		!strings.Contains(got.LastError, "trust exactly this fingerprint") || strings.Contains(got.LastError, "SMTP server") {
		t.Fatalf("report %+v, item %+v (want fingerprint %s)", rep, got, fp)
	}
	if e.smtp.AuthAttempts() != 0 || len(e.smtp.Messages()) != 0 {
		t.Fatal("talked to a server whose certificate is not trusted")
	}
	// Trusting exactly that fingerprint lets the retry through.
	acct := e.acct
	acct.TrustedCertSHA256 = hex.EncodeToString(e.smtp.Cert.SHA256[:])
	if err := mail.Open(e.w).UpdateAccount(ctx, acct); err != nil {
		t.Fatal(err)
	}
	e.outbox.Retry(ctx, it.ID)
	if rep, _ := e.outbox.SendDue(ctx, m); rep.Sent != 1 {
		t.Fatalf("with the fingerprint trusted: %+v", rep)
	}
}
