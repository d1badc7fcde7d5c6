package mailtest_test

import (
	"crypto/sha256"
	"crypto/tls"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"switchboard/accounts/mailtest"
)

func TestDovecotDeliverAndRestart(t *testing.T) {
	d := mailtest.StartDovecot(t, mailtest.WithUser("alice", "alice-pw"))
	day := time.Date(2024, 3, 1, 9, 30, 0, 0, time.UTC)

	// Bulk load before the first login, the way the benchmark does.
	var msgs [][]byte
	var dates []time.Time
	for i := range 3 {
		date := day.Add(time.Duration(i) * time.Hour)
		msgs = append(msgs, mailtest.Message{From: "bob@example.com", To: "alice@example.com", Subject: "bulk " + string(rune('A'+i)), Body: "hej", Date: date}.Bytes())
		dates = append(dates, date)
	}
	if err := d.WriteMaildir("alice", "INBOX", msgs, dates); err != nil {
		t.Fatal(err)
	}

	c := login(t, d, "alice")
	for _, capability := range []imap.Cap{imap.CapIdle, imap.CapCondStore, imap.CapQResync} {
		if !c.Caps().Has(capability) {
			t.Errorf("Dovecot does not advertise %s: %v", capability, c.Caps())
		}
	}
	appended := day.Add(48 * time.Hour)
	if _, err := d.Deliver("alice", "INBOX", mailtest.Message{From: "carol@example.com", To: "alice@example.com", Subject: "appended", Body: "hola", Date: appended}.Bytes(), appended); err != nil {
		t.Fatal(err)
	}
	if uid, err := d.Deliver("alice", "Clients/Acme", mailtest.Message{From: "x@acme.test", To: "alice@example.com", Subject: "acme", Body: "ok", Date: appended}.Bytes(), appended); err != nil || uid != 1 {
		t.Fatalf("Deliver to a new folder: uid %d, %v", uid, err)
	}
	// And a maildir write while Dovecot runs, into an existing subfolder.
	if err := d.WriteMaildir("alice", "Clients/Acme", msgs[:1], dates[:1]); err != nil {
		t.Fatal(err)
	}

	want := map[string]time.Time{"bulk A": dates[0], "bulk B": dates[1], "bulk C": dates[2], "appended": appended}
	checkInbox(t, c, want)
	if n := messages(t, c, "Clients/Acme"); n != 2 {
		t.Errorf("Clients/Acme has %d messages, want 2", n)
	}
	validity := uidValidity(t, c, "INBOX")
	c.Close()

	if err := d.Restart(); err != nil {
		t.Fatal(err)
	}
	c = login(t, d, "alice")
	checkInbox(t, c, want)
	if v := uidValidity(t, c, "INBOX"); v != validity {
		t.Errorf("UIDVALIDITY changed across restart: %d, then %d", validity, v)
	}
}

func TestDovecotTLS(t *testing.T) {
	d := mailtest.StartDovecot(t, mailtest.WithTLS(), mailtest.WithUser("alice", "pw"))
	login(t, d, "alice") // implicit TLS, trusting only d.Cert

	// STARTTLS on the plain port, and the fingerprint a pinning UI would show.
	var seen [32]byte
	cfg := d.Cert.ClientConfig()
	cfg.VerifyConnection = func(cs tls.ConnectionState) error {
		seen = sha256.Sum256(cs.PeerCertificates[0].Raw)
		return nil
	}
	st, err := imapclient.DialStartTLS(d.Addr(), &imapclient.Options{TLSConfig: cfg})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Login("alice", "pw").Wait(); err != nil {
		t.Fatal(err)
	}
	if seen != d.Cert.SHA256 {
		t.Errorf("peer fingerprint %x, want %x", seen, d.Cert.SHA256)
	}

	// No test that plaintext LOGIN is refused: Dovecot counts a connection
	// from 127.0.0.1 to 127.0.0.1 as secured and allows it even with
	// ssl = required. "TLS unless loopback" must be enforced by our client.

	// An untrusting client fails verification.
	if _, err := imapclient.DialTLS(d.TLSAddr(), &imapclient.Options{TLSConfig: &tls.Config{ServerName: "127.0.0.1"}}); err == nil {
		t.Error("a client without the test certificate connected")
	}
}

func TestDovecotMissingNamesMakeDeps(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	mailtest.SetDovecotSbinForTest(t, "/nonexistent/dovecot")
	_, err := mailtest.Start(t.TempDir())
	if !errors.Is(err, mailtest.ErrMissing) || !strings.Contains(err.Error(), "make deps") {
		t.Fatalf("got %v", err)
	}
}

func TestDovecotRejectsBadUser(t *testing.T) {
	_, err := mailtest.Start(t.TempDir(), mailtest.WithUser("a:b", "pw"))
	if err == nil {
		t.Fatal("user name with ':' accepted")
	}
	// Nothing must be left running: Start failed before starting Dovecot.
	if _, statErr := os.Stat("/proc/self"); statErr != nil {
		t.Fatal(statErr)
	}
}

func login(t *testing.T, d *mailtest.Dovecot, user string) *imapclient.Client {
	t.Helper()
	c, err := d.Login(user)
	if err != nil {
		t.Fatalf("%v\n%s", err, d.Log())
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func checkInbox(t *testing.T, c *imapclient.Client, want map[string]time.Time) {
	t.Helper()
	if _, err := c.Select("INBOX", &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		t.Fatal(err)
	}
	msgs, err := c.Fetch(imap.SeqSetNum(1, 2, 3, 4), &imap.FetchOptions{Envelope: true, InternalDate: true}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != len(want) {
		t.Fatalf("INBOX has %d messages, want %d", len(msgs), len(want))
	}
	for _, m := range msgs {
		date, ok := want[m.Envelope.Subject]
		if !ok {
			t.Errorf("unexpected message %q", m.Envelope.Subject)
		} else if !m.InternalDate.Equal(date) {
			t.Errorf("%q: INTERNALDATE %v, want %v", m.Envelope.Subject, m.InternalDate, date)
		}
	}
	c.Unselect().Wait()
}

func messages(t *testing.T, c *imapclient.Client, folder string) uint32 {
	t.Helper()
	st, err := c.Status(folder, &imap.StatusOptions{NumMessages: true}).Wait()
	if err != nil {
		t.Fatal(err)
	}
	return *st.NumMessages
}

func uidValidity(t *testing.T, c *imapclient.Client, folder string) uint32 {
	t.Helper()
	st, err := c.Status(folder, &imap.StatusOptions{UIDValidity: true}).Wait()
	if err != nil {
		t.Fatal(err)
	}
	return st.UIDValidity
}
