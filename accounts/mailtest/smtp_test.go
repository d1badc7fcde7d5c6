package mailtest_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"switchboard/accounts/mailtest"
)

var testMsg = mailtest.Message{From: "alice@example.com", To: "bob@example.com", Subject: "Hello", Body: "body", Date: time.Now()}.Bytes()

func TestSMTPRecordsWithAuth(t *testing.T) {
	s := mailtest.StartSMTP(t, mailtest.WithAuth("alice", "s3cret"))
	c, err := smtp.Dial(s.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Mail("alice@example.com", nil); err == nil {
		t.Fatal("MAIL accepted before AUTH")
	}
	if err := c.Auth(sasl.NewPlainClient("", "alice", "wrong")); err == nil {
		t.Fatal("wrong password accepted")
	}
	if err := c.Auth(sasl.NewPlainClient("", "alice", "s3cret")); err != nil {
		t.Fatal(err)
	}
	if err := c.SendMail("alice@example.com", []string{"bob@example.com", "carol@example.com"}, bytes.NewReader(testMsg)); err != nil {
		t.Fatal(err)
	}
	got, err := s.WaitFor(1, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	m := got[0]
	if m.From != "alice@example.com" || strings.Join(m.To, ",") != "bob@example.com,carol@example.com" || m.AuthUser != "alice" || m.TLS {
		t.Errorf("recorded %+v", m)
	}
	if !bytes.Contains(m.Data, []byte("Subject: Hello")) {
		t.Errorf("data %q", m.Data)
	}
}

func TestSMTPTLS(t *testing.T) {
	for _, c := range []struct {
		name string
		opt  mailtest.SMTPOption
		dial func(s *mailtest.SMTPServer) (*smtp.Client, error)
	}{
		{"implicit", mailtest.WithImplicitTLS(), func(s *mailtest.SMTPServer) (*smtp.Client, error) {
			return smtp.DialTLS(s.Addr(), s.Cert.ClientConfig())
		}},
		{"starttls", mailtest.WithSTARTTLS(), func(s *mailtest.SMTPServer) (*smtp.Client, error) {
			return smtp.DialStartTLS(s.Addr(), s.Cert.ClientConfig())
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := mailtest.StartSMTP(t, c.opt, mailtest.WithAuth("u", "p"))
			cl, err := c.dial(s)
			if err != nil {
				t.Fatal(err)
			}
			defer cl.Close()
			if err := cl.Auth(sasl.NewPlainClient("", "u", "p")); err != nil {
				t.Fatal(err)
			}
			if err := cl.SendMail("u@example.com", []string{"v@example.com"}, bytes.NewReader(testMsg)); err != nil {
				t.Fatal(err)
			}
			if got := s.Messages(); len(got) != 1 || !got[0].TLS || got[0].AuthUser != "u" {
				t.Fatalf("recorded %+v", got)
			}
		})
	}
	// Over STARTTLS, a client that skips TLS is not offered AUTH.
	s := mailtest.StartSMTP(t, mailtest.WithSTARTTLS(), mailtest.WithAuth("u", "p"))
	cl, err := smtp.Dial(s.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	if err := cl.Auth(sasl.NewPlainClient("", "u", "p")); err == nil {
		t.Fatal("AUTH accepted before STARTTLS")
	}
}

func TestSMTPFailureInjection(t *testing.T) {
	s := mailtest.StartSMTP(t)
	// smtp.SendMail insists on STARTTLS; plaintext is fine on loopback.
	send := func(to ...string) error {
		c, err := smtp.Dial(s.Addr())
		if err != nil {
			return err
		}
		defer c.Close()
		return c.SendMail("a@example.com", to, bytes.NewReader(testMsg))
	}

	s.RejectRcpt("gone@example.com", "No such user here")
	err := send("gone@example.com")
	var se *smtp.SMTPError
	if !errors.As(err, &se) || se.Code != 550 || !strings.Contains(se.Message, "No such user here") {
		t.Fatalf("rejected RCPT: %v", err)
	}

	s.TempFail(1)
	if err := send("b@example.com"); !errors.As(err, &se) || se.Code != 451 {
		t.Fatalf("temp fail: %v", err)
	}

	s.DropAfterData(1)
	if err := send("b@example.com"); err == nil || errors.As(err, &se) {
		t.Fatalf("dropped connection: got %v, want a network error", err)
	}
	if d := s.Dropped(); len(d) != 1 || !bytes.Equal(d[0].Data, testMsg) {
		t.Fatalf("dropped %+v", d)
	}

	if err := send("b@example.com"); err != nil { // the retry goes through
		t.Fatal(err)
	}
	if got := s.Messages(); len(got) != 1 {
		t.Fatalf("accepted %d messages, want 1", len(got))
	}
	if _, err := s.WaitFor(2, 50*time.Millisecond); err == nil {
		t.Fatal("WaitFor(2) returned without a second message")
	}
}
