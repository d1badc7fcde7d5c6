// Package conncheck is "Test connection": it logs in to an account's IMAP and SMTP
// servers exactly as sync and sending will, and says which step failed (name lookup,
// TCP, TLS certificate with its fingerprint, STARTTLS not offered, authentication,
// capability) and what to do about it.
package conncheck

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"switchboard/accounts/mailconn"
	"switchboard/workspace/mail"
)

// Result is the outcome for one server.
type Result struct {
	Protocol string         `json:"protocol"` // IMAP or SMTP
	Server   string         `json:"server"`
	OK       bool           `json:"ok"`
	Stage    mailconn.Stage `json:"failed_stage,omitempty"`
	Error    string         `json:"error,omitempty"`
	Notes    []string       `json:"notes,omitempty"` // e.g. missing optional extensions
	Took     time.Duration  `json:"took_ns"`
	Err      error          `json:"-"`
}

// Check tests both servers of the account with password.
func Check(ctx context.Context, a mail.Account, password string, o mailconn.Options) []Result {
	return []Result{IMAP(ctx, a, password, o), SMTP(ctx, a, password, o)}
}

func result(proto string, ep mail.Endpoint, start time.Time, err error, notes []string) Result {
	r := Result{Protocol: proto, Server: ep.Addr(), OK: err == nil, Notes: notes, Took: time.Since(start), Err: err}
	if err != nil {
		r.Stage, r.Error = mailconn.StageOf(err), err.Error()
	}
	return r
}

// IMAP logs in and checks what sync relies on.
func IMAP(ctx context.Context, a mail.Account, password string, o mailconn.Options) Result {
	start := time.Now()
	c, err := mailconn.DialIMAP(ctx, a, password, o, nil)
	if err != nil {
		return result("IMAP", a.IMAP, start, err, nil)
	}
	defer c.Close()
	var notes []string
	caps := c.Caps()
	if !caps.Has(imap.CapIdle) {
		notes = append(notes, "no IDLE: new mail is noticed by polling, not at once")
	}
	if !caps.Has(imap.CapCondStore) {
		notes = append(notes, "no CONDSTORE: each sync reads every message's flags")
	}
	err = c.Do(ctx, func() error {
		_, err := c.Client.Select("INBOX", &imap.SelectOptions{ReadOnly: true}).Wait()
		return err
	})
	if err != nil {
		err = &mailconn.StageError{Stage: mailconn.StageCapability, Server: c.Server, Err: err, Hint: "INBOX cannot be opened"}
	}
	return result("IMAP", a.IMAP, start, err, notes)
}

// SMTP connects, upgrades or verifies TLS, and authenticates, without sending anything.
func SMTP(ctx context.Context, a mail.Account, password string, o mailconn.Options) Result {
	ep := a.SMTP
	start := time.Now()
	conn, err := mailconn.Dial(ctx, ep, a.TrustedCertSHA256, o)
	if err != nil {
		return result("SMTP", ep, start, err, nil)
	}
	deadline := o.Deadline
	if deadline <= 0 {
		deadline = 30 * time.Second
	}
	conn.SetDeadline(time.Now().Add(deadline))
	fail := func(stage mailconn.Stage, err error, hint string) Result {
		if ne, ok := err.(net.Error); ok && ne.Timeout() {
			err = fmt.Errorf("%w: no answer within %v", mailconn.ErrStalled, deadline)
		}
		err = mailconn.Redact(err, a.Username, password)
		return result("SMTP", ep, start, &mailconn.StageError{Stage: stage, Server: ep.Addr(), Err: err, Hint: hint}, nil)
	}
	var c *smtp.Client
	if ep.Security == mail.StartTLS {
		// The certificate is checked here, and an untrusted one reported with its
		// fingerprint, before anything else is asked of the server.
		if c, err = mailconn.SMTPStartTLS(conn, ep, a.TrustedCertSHA256, o); err != nil {
			return result("SMTP", ep, start, err, nil)
		}
	} else {
		c = smtp.NewClient(conn)
		if err := c.Hello("localhost"); err != nil {
			return fail(mailconn.StageProtocol, err, "this does not look like an SMTP server: check host and port")
		}
	}
	defer c.Close()
	if ok, _ := c.Extension("AUTH"); !ok {
		return fail(mailconn.StageCapability, errors.New("the server offers no AUTH"), "this server does not accept logins on this port; submission is usually 465 or 587")
	}
	if err := c.Auth(sasl.NewPlainClient("", a.Username, password)); err != nil {
		return fail(mailconn.StageAuth, err, "check the user name and password (some providers need an app password)")
	}
	c.Quit()
	return result("SMTP", ep, start, nil, nil)
}
