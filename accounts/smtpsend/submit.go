package smtpsend

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"switchboard/accounts/mailconn"
	"switchboard/workspace/inbox/outbox"
	"switchboard/workspace/mail"
)

// Submit sends sub over the account's SMTP server, calling beforeData right before DATA.
func (m *Mailer) Submit(ctx context.Context, sub outbox.Submission, beforeData func() error) error {
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
	if rejected(sub.WorkspaceID, a.ID, pw) {
		return refused(&mailconn.StageError{Stage: mailconn.StageAuth, Server: a.SMTP.Addr(),
			Err:  errors.New("the server already refused this password, and trying it again risks locking the account"),
			Hint: needPassword})
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
			return authFailure(sub.WorkspaceID, a, server, err, pw)
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
		return &outbox.SendError{Failure: outbox.Unknown, Err: fmt.Errorf("%s: the connection broke after the message was transmitted: %w", server, err)}
	}
	c.Quit() // the message is accepted; a failed goodbye changes nothing
	return nil
}

// dial connects under mailconn's policy: plaintext only to loopback (the name and every
// address it resolves to), TLS verified (or the one pinned certificate), STARTTLS that
// must succeed, its certificate checked before anything else is said.
func (m *Mailer) dial(ctx context.Context, a mail.Account) (*smtp.Client, error) {
	ep := a.SMTP
	server := ep.Addr()
	deadline := m.deadline()
	opt := m.opt.Conn
	opt.Deadline = deadline
	conn, err := mailconn.Dial(ctx, ep, a.TrustedCertSHA256, opt)
	if err != nil {
		return nil, dialFailure(err)
	}
	var c *smtp.Client
	if ep.Security == mail.StartTLS {
		conn.SetDeadline(time.Now().Add(deadline))
		if c, err = mailconn.SMTPStartTLS(conn, ep, a.TrustedCertSHA256, opt); err != nil {
			return nil, dialFailure(err)
		}
		conn.SetDeadline(time.Time{})
	} else {
		c = smtp.NewClient(conn)
		c.CommandTimeout = deadline
		if err := c.Hello("localhost"); err != nil {
			c.Close()
			return nil, classify(server, mailconn.StageProtocol, err, "this does not look like an SMTP server: check host and port")
		}
	}
	c.CommandTimeout = deadline
	c.SubmissionTimeout = 2 * deadline // servers scan a message before answering the final "."
	return c, nil
}

// dialFailure: an untrusted certificate, a missing STARTTLS or plain text to another
// machine needs the user (Permanent); anything else on the way (DNS, TCP, a handshake cut
// short) may pass (Temporary).
func dialFailure(err error) error {
	var ce *mailconn.CertError
	switch st := mailconn.StageOf(err); {
	case errors.As(err, &ce), errors.Is(err, mailconn.ErrNotLoopback), st == mailconn.StageStartTLS:
		return refused(err)
	}
	return &outbox.SendError{Failure: outbox.Temporary, Err: err}
}

func (m *Mailer) deadline() time.Duration {
	if m.opt.Conn.Deadline > 0 {
		return m.opt.Conn.Deadline
	}
	return 30 * time.Second
}

// classify maps an SMTP reply to the outbox's meaning: 5xx refused, anything else
// (4xx, a broken connection before the final ".") safe to retry.
func classify(server string, stage mailconn.Stage, err error, hint string) error {
	failure := outbox.Temporary
	var se *smtp.SMTPError
	if errors.As(err, &se) && se.Code >= 500 {
		failure = outbox.Permanent
	}
	return &outbox.SendError{Failure: failure, Err: &mailconn.StageError{Stage: stage, Server: server, Err: err, Hint: hint}}
}

const needPassword = "enter the account's current password (some providers need an app password) in Settings, then retry the reply; " +
	"Switchboard does not try a refused password again"

// authFailure classifies a failed AUTH first and redacts it after, because the redacted
// text no longer carries the SMTP code: a 5xx is the password refused, so the reply fails
// (no retry) and the password is remembered as refused, so no other reply tries it either;
// anything else (454, a dropped connection) may pass and is retried.
func authFailure(workspaceID string, a mail.Account, server string, err error, pw string) error {
	failure, hint := outbox.Temporary, "the server could not check the password just now; the reply is retried"
	var se *smtp.SMTPError
	if errors.As(err, &se) && se.Code >= 500 {
		failure, hint = outbox.Permanent, needPassword
		reject(workspaceID, a.ID, pw)
	}
	return &outbox.SendError{Failure: failure, Err: &mailconn.StageError{Stage: mailconn.StageAuth, Server: server,
		Err: mailconn.Redact(err, a.Username, pw), Hint: hint}}
}

// refusedPasswords remembers, for this process, each account's password a server refused
// (as a hash, never the password): a second attempt with it could lock the account. A new
// password from the keyring has another hash and is tried.
var refusedPasswords sync.Map // workspaceID/accountID -> [32]byte

func reject(workspaceID, accountID, pw string) {
	refusedPasswords.Store(workspaceID+"/"+accountID, sha256.Sum256([]byte(pw)))
}

func rejected(workspaceID, accountID, pw string) bool {
	h, ok := refusedPasswords.Load(workspaceID + "/" + accountID)
	return ok && h.([32]byte) == sha256.Sum256([]byte(pw))
}
