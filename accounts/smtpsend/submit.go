package smtpsend

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"switchboard/accounts/mailconn"
	"switchboard/workspace/inbox"
	"switchboard/workspace/mail"
)

// Submit sends sub over the account's SMTP server, calling beforeData right before DATA.
func (m *Mailer) Submit(ctx context.Context, sub inbox.Submission, beforeData func() error) error {
	a, err := m.account(ctx, sub.WorkspaceID, sub.AccountID)
	if err != nil {
		return err
	}
	if err := sender(sub, a); err != nil {
		return err
	}
	pw, err := m.password(ctx, a)
	if err != nil {
		return err
	}
	c, err := m.dial(ctx, a)
	if err != nil {
		return err
	}
	defer c.Close()
	stop := context.AfterFunc(ctx, func() { c.Close() })
	defer stop()
	server := a.SMTP.Addr()
	if ok, _ := c.Extension("AUTH"); ok {
		if err := c.Auth(sasl.NewPlainClient("", a.Username, pw)); err != nil {
			return classify(server, mailconn.StageAuth, redact(err, pw), "check the user name and password (some providers need an app password)")
		}
	}
	if err := c.Mail(sub.From, nil); err != nil {
		return classify(server, mailconn.StageProtocol, err, "")
	}
	for _, to := range sub.To {
		if err := c.Rcpt(to, nil); err != nil {
			return classify(server, mailconn.StageProtocol, fmt.Errorf("recipient %s: %w", to, err), "")
		}
	}
	if err := beforeData(); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return classify(server, mailconn.StageProtocol, err, "")
	}
	if _, err := w.Write(sub.Raw); err != nil {
		return classify(server, mailconn.StageProtocol, err, "") // the final "." was not sent
	}
	if err := w.Close(); err != nil {
		var se *smtp.SMTPError
		if errors.As(err, &se) {
			return classify(server, mailconn.StageProtocol, err, "")
		}
		return &inbox.SendError{Failure: inbox.Unknown, Err: fmt.Errorf("%s: the connection broke after the message was transmitted: %w", server, err)}
	}
	c.Quit() // the message is accepted; a failed goodbye changes nothing
	return nil
}

// dial connects under mailconn's policy: plaintext only to loopback, TLS verified (or the
// one pinned certificate), STARTTLS that must succeed.
func (m *Mailer) dial(ctx context.Context, a mail.Account) (*smtp.Client, error) {
	ep := a.SMTP
	server := ep.Addr()
	temp := func(stage mailconn.Stage, err error, hint string) error {
		return &inbox.SendError{Failure: inbox.Temporary, Err: &mailconn.StageError{Stage: stage, Server: server, Err: err, Hint: hint}}
	}
	if ep.Security == mail.Plain && !mail.IsLoopback(ep.Host) {
		return nil, refused(&mailconn.StageError{Stage: mailconn.StageTLS, Server: server,
			Err: errors.New("unencrypted connections are only allowed to this machine"), Hint: "use tls or starttls"})
	}
	deadline := m.deadline()
	dctx, cancel := context.WithTimeout(ctx, deadline)
	defer cancel()
	var d net.Dialer
	conn, err := d.DialContext(dctx, "tcp", server)
	if err != nil {
		return nil, temp(mailconn.StageTCP, err, "check the server, the port, and that this computer is online")
	}
	cfg := mailconn.TLSConfig(ep.Host, a.TrustedCertSHA256, m.opt.Conn.Roots)
	var c *smtp.Client
	switch ep.Security {
	case mail.TLS:
		tc := tls.Client(conn, cfg)
		if err := tc.HandshakeContext(dctx); err != nil {
			conn.Close()
			return nil, tlsFailure(server, err)
		}
		c = smtp.NewClient(tc)
	case mail.StartTLS:
		conn.SetDeadline(time.Now().Add(deadline))
		c, err = smtp.NewClientStartTLS(conn, cfg)
		if err != nil {
			conn.Close()
			return nil, tlsFailure(server, err)
		}
		conn.SetDeadline(time.Time{})
	default:
		c = smtp.NewClient(conn)
	}
	c.CommandTimeout = deadline
	c.SubmissionTimeout = 2 * deadline // servers scan a message before answering the final "."
	if err := c.Hello("localhost"); err != nil {
		c.Close()
		return nil, classify(server, mailconn.StageProtocol, err, "this does not look like an SMTP server: check host and port")
	}
	return c, nil
}

func (m *Mailer) deadline() time.Duration {
	if m.opt.Conn.Deadline > 0 {
		return m.opt.Conn.Deadline
	}
	return 30 * time.Second
}

// tlsFailure: an untrusted certificate needs the user (Permanent); anything else during
// the handshake may pass (Temporary).
func tlsFailure(server string, err error) error {
	se := &mailconn.StageError{Stage: mailconn.StageTLS, Server: server, Err: err}
	var ce *mailconn.CertError
	if errors.As(err, &ce) {
		se.Hint = "if this is your own server with a self-signed certificate, trust exactly this fingerprint in the account settings"
		return refused(se)
	}
	if strings.Contains(err.Error(), "STARTTLS") {
		se.Stage = mailconn.StageStartTLS
		se.Hint = "the server does not offer STARTTLS: choose tls (port 465) if it supports it"
		return refused(se)
	}
	return &inbox.SendError{Failure: inbox.Temporary, Err: se}
}

// classify maps an SMTP reply to the outbox's meaning: 5xx refused, anything else
// (4xx, a broken connection before the final ".") safe to retry.
func classify(server string, stage mailconn.Stage, err error, hint string) error {
	failure := inbox.Temporary
	var se *smtp.SMTPError
	if errors.As(err, &se) && se.Code >= 500 {
		failure = inbox.Permanent
	}
	return &inbox.SendError{Failure: failure, Err: &mailconn.StageError{Stage: stage, Server: server, Err: err, Hint: hint}}
}
