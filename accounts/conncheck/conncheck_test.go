package conncheck_test

import (
	"context"
	"encoding/hex"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"switchboard/accounts/conncheck"
	"switchboard/accounts/mailconn"
	"switchboard/accounts/mailtest"
	"switchboard/workspace/mail"
)

const password = "s3cret-Pässwörd"

func endpoint(t *testing.T, addr string, sec mail.Security) mail.Endpoint {
	t.Helper()
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := strconv.Atoi(port)
	return mail.Endpoint{Host: host, Port: p, Security: sec}
}

// closedPort is a loopback port nobody listens on.
func closedPort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

var quick = mailconn.Options{Deadline: 5 * time.Second}

// Each failure names its stage and says what to do; the password never shows.
func TestEachFailureNamesItsStage(t *testing.T) {
	ctx := context.Background()
	dc := mailtest.StartDovecot(t, mailtest.WithUser("help", password), mailtest.WithTLS())
	plainSMTP := mailtest.StartSMTP(t)                                      // no AUTH offered
	startSMTP := mailtest.StartSMTP(t, mailtest.WithAuth("help", password)) // no STARTTLS offered
	tlsSMTP := mailtest.StartSMTP(t, mailtest.WithSTARTTLS(), mailtest.WithAuth("help", password))
	smtpFingerprint := hex.EncodeToString(tlsSMTP.Cert.SHA256[:])
	fingerprint := hex.EncodeToString(dc.Cert.SHA256[:])

	account := func(imap, smtp mail.Endpoint, pinned string) mail.Account {
		return mail.Account{Email: "help@nordlys.example", Username: "help", IMAP: imap, SMTP: smtp, TrustedCertSHA256: pinned}
	}
	imapPlain := endpoint(t, dc.Addr(), mail.Plain)
	imapTLS := endpoint(t, dc.TLSAddr(), mail.TLS)

	cases := []struct {
		name     string
		check    func() conncheck.Result
		stage    mailconn.Stage
		mentions string
	}{
		{"name lookup", func() conncheck.Result {
			return conncheck.IMAP(ctx, account(mail.Endpoint{Host: "imap.does-not-exist.invalid", Port: 993, Security: mail.TLS}, imapPlain, ""), password, quick)
		}, mailconn.StageDNS, "check the server name"},
		{"tcp", func() conncheck.Result {
			return conncheck.IMAP(ctx, account(endpoint(t, closedPort(t), mail.Plain), imapPlain, ""), password, quick)
		}, mailconn.StageTCP, "check the port"},
		{"untrusted certificate", func() conncheck.Result {
			return conncheck.IMAP(ctx, account(imapTLS, imapPlain, ""), password, quick)
		}, mailconn.StageTLS, mailconn.FormatFingerprint(fingerprint)},
		{"plain to a remote host", func() conncheck.Result {
			return conncheck.IMAP(ctx, account(mail.Endpoint{Host: "imap.example.com", Port: 143, Security: mail.Plain}, imapPlain, ""), password, quick)
		}, mailconn.StageTLS, "only allowed to this machine"},
		{"wrong password", func() conncheck.Result {
			return conncheck.IMAP(ctx, account(imapPlain, imapPlain, ""), "not-"+password, quick)
		}, mailconn.StageAuth, ""},
		{"starttls not offered", func() conncheck.Result {
			return conncheck.SMTP(ctx, account(imapPlain, endpoint(t, startSMTP.Addr(), mail.StartTLS), ""), password, quick)
		}, mailconn.StageStartTLS, "STARTTLS is not offered"},
		{"smtp starttls with an untrusted certificate", func() conncheck.Result {
			return conncheck.SMTP(ctx, account(imapPlain, endpoint(t, tlsSMTP.Addr(), mail.StartTLS), ""), password, quick)
		}, mailconn.StageTLS, mailconn.FormatFingerprint(smtpFingerprint)},
		{"no AUTH on the submission port", func() conncheck.Result {
			return conncheck.SMTP(ctx, account(imapPlain, endpoint(t, plainSMTP.Addr(), mail.Plain), ""), password, quick)
		}, mailconn.StageCapability, "no AUTH"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := c.check()
			if r.OK || r.Stage != c.stage {
				t.Fatalf("ok=%v stage %q, want failure at %q: %s", r.OK, r.Stage, c.stage, r.Error)
			}
			if !strings.Contains(r.Error, c.mentions) {
				t.Errorf("error %q does not mention %q", r.Error, c.mentions)
			}
			if strings.Contains(r.Error, password) {
				t.Errorf("error shows the password: %s", r.Error)
			}
		})
	}
}

// Trusting exactly the server's fingerprint lets a self-signed server through; any other
// fingerprint does not.
func TestPinnedFingerprint(t *testing.T) {
	ctx := context.Background()
	dc := mailtest.StartDovecot(t, mailtest.WithUser("help", password), mailtest.WithTLS())
	smtp := mailtest.StartSMTP(t, mailtest.WithAuth("help", password))
	fp := hex.EncodeToString(dc.Cert.SHA256[:])
	a := mail.Account{Email: "help@nordlys.example", Username: "help",
		IMAP: endpoint(t, dc.TLSAddr(), mail.TLS), SMTP: endpoint(t, smtp.Addr(), mail.Plain), TrustedCertSHA256: fp}
	for _, r := range conncheck.Check(ctx, a, password, quick) {
		if !r.OK {
			t.Fatalf("%s %s with the pinned certificate: %s", r.Protocol, r.Server, r.Error)
		}
		if r.Protocol == "IMAP" && len(r.Notes) != 0 {
			t.Errorf("Dovecot offers IDLE and CONDSTORE, yet notes say %v", r.Notes)
		}
	}
	a.TrustedCertSHA256 = strings.Repeat("ab", 32)
	if r := conncheck.IMAP(ctx, a, password, quick); r.OK || r.Stage != mailconn.StageTLS {
		t.Fatalf("a different pinned fingerprint was accepted: %+v", r)
	}
}
