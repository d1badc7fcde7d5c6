package accountsvc_test

import (
	"context"
	"encoding/hex"
	"net"
	"strconv"
	"strings"
	"testing"

	"switchboard/accounts/accountsvc"
	"switchboard/accounts/mailtest"
	"switchboard/accounts/runner"
	"switchboard/accounts/secrets/keyringtest"
	"switchboard/workspace/mail"
	"switchboard/workspace/workspacetest"
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

// What Settings does with an account, end to end against real servers: the password goes
// to the keyring and is used by "Test connection" when the field is left empty, an
// untrusted certificate comes back with the fingerprint to trust, trusting it makes the
// test pass, and removing the account removes its password.
func TestSettingsAccountLifecycle(t *testing.T) {
	ctx := context.Background()
	dc := mailtest.StartDovecot(t, mailtest.WithUser("help", password), mailtest.WithTLS())
	smtp := mailtest.StartSMTP(t, mailtest.WithAuth("help", password))
	fingerprint := hex.EncodeToString(dc.Cert.SHA256[:])
	keys := keyringtest.NewStatic()
	svc := accountsvc.New(accountsvc.Params{Keyring: keys, Host: runner.NewHost(runner.Options{Passwords: keys})})
	w := workspacetest.Open(t, workspacetest.Root(t), "Nordlys Coffee")

	a := mail.Account{Email: "help@nordlys.example", Username: "help",
		IMAP: endpoint(t, dc.TLSAddr(), mail.TLS), SMTP: endpoint(t, smtp.Addr(), mail.Plain)}
	if err := svc.Save(ctx, w, a, password); err != nil {
		t.Fatal(err)
	}
	list, err := svc.List(ctx, w)
	if err != nil || len(list) != 1 || list[0].Email != a.Email || list[0].Syncing || list[0].Error != "" {
		t.Fatalf("after adding: %+v, %v", list, err)
	}
	a = list[0].Account
	if pw, err := keys.Get(ctx, w.ID(), a.ID); pw != password {
		t.Fatalf("keyring holds %q (%v), want the password typed", pw, err)
	}

	checks := svc.Test(ctx, w, a, "") // empty: the stored password
	if len(checks) != 2 {
		t.Fatalf("want an IMAP and an SMTP check, got %+v", checks)
	}
	for _, c := range checks {
		switch c.Protocol {
		case "IMAP":
			if c.OK || c.Stage != "TLS certificate" || c.Fingerprint != fingerprint {
				t.Errorf("self-signed IMAP: %+v, want a TLS certificate failure with fingerprint %s", c, fingerprint)
			}
		case "SMTP":
			if !c.OK {
				t.Errorf("SMTP with the stored password failed: %+v", c)
			}
		}
		if strings.Contains(c.Message, password) {
			t.Errorf("a check shows the password: %s", c.Message)
		}
	}

	a.TrustedCertSHA256 = fingerprint // "Trust this certificate" saves with no password
	if err := svc.Save(ctx, w, a, ""); err != nil {
		t.Fatal(err)
	}
	if pw, _ := keys.Get(ctx, w.ID(), a.ID); pw != password {
		t.Fatalf("saving without a password changed the stored one to %q", pw)
	}
	for _, c := range svc.Test(ctx, w, a, "") {
		if !c.OK {
			t.Errorf("%s after trusting the certificate: %+v", c.Protocol, c)
		}
	}
	if c := svc.Test(ctx, w, a, "wrong"); c[0].OK || c[0].Stage != "authentication" {
		t.Errorf("a typed wrong password should be tried instead of the stored one: %+v", c[0])
	}

	if err := svc.Save(ctx, w, a, "new-"+password); err != nil {
		t.Fatal(err)
	}
	if pw, _ := keys.Get(ctx, w.ID(), a.ID); pw != "new-"+password {
		t.Fatalf("a new password was not stored: keyring holds %q", pw)
	}

	if err := svc.Remove(ctx, w, a.ID); err != nil {
		t.Fatal(err)
	}
	if list, err := svc.List(ctx, w); err != nil || len(list) != 0 {
		t.Errorf("after removing: %+v, %v", list, err)
	}
	if pw, err := keys.Get(ctx, w.ID(), a.ID); err == nil {
		t.Errorf("the removed account's password is still in the keyring: %q", pw)
	}
}

// A local account is never tested against a network, and a stored account whose
// password is missing from the keyring says so instead of trying an empty password.
func TestTestWithoutNetworkOrPassword(t *testing.T) {
	ctx := context.Background()
	keys := keyringtest.NewStatic()
	svc := accountsvc.New(accountsvc.Params{Keyring: keys, Host: runner.NewHost(runner.Options{Passwords: keys})})
	w := workspacetest.Open(t, workspacetest.Root(t), "Nordlys Coffee")

	local := svc.Test(ctx, w, mail.Account{Email: "hello@nordlys.example", Transport: mail.Local}, "")
	if len(local) != 1 || !local[0].OK || !local[0].Local {
		t.Errorf("local account: %+v, want one passing local check", local)
	}

	closed := mail.Endpoint{Host: "127.0.0.1", Port: 1, Security: mail.Plain}
	a := mail.Account{ID: "gone", Email: "help@nordlys.example", Username: "help", IMAP: closed, SMTP: closed}
	c := svc.Test(ctx, w, a, "")
	if len(c) != 1 || c[0].OK || c[0].Protocol != "Keyring" || c[0].Message == "" {
		t.Errorf("missing password: %+v, want one failed Keyring check saying why", c)
	}
}
