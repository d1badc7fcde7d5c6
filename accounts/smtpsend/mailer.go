package smtpsend

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"switchboard/accounts/mailconn"
	"switchboard/accounts/mime"
	"switchboard/workspace"
	"switchboard/workspace/inbox/outbox"
	"switchboard/workspace/mail"
)

// Passwords reads an account's password; *secrets.Store implements it.
type Passwords interface {
	Get(ctx context.Context, workspaceID, key string) (string, error)
}

// Options tune connections; zero values are the defaults.
type Options struct {
	Conn mailconn.Options // deadline per operation, trusted roots (tests)
}

// Mailer sends the replies of one workspace.
type Mailer struct {
	w   *workspace.Workspace
	pw  Passwords
	opt Options
}

var _ outbox.Mailer = (*Mailer)(nil)

// New returns the Mailer of w.
func New(w *workspace.Workspace, pw Passwords, opt Options) *Mailer {
	return &Mailer{w: w, pw: pw, opt: opt}
}

// Compose renders a reply with the reply prefix on its subject.
func (m *Mailer) Compose(o outbox.Outgoing) ([]byte, error) { return compose(o) }

func compose(o outbox.Outgoing) ([]byte, error) {
	out := mime.Outgoing{From: addr(o.From), Subject: o.Subject, Text: o.Text, InReplyTo: o.InReplyTo,
		References: o.References, MessageID: o.MessageID, Date: o.Date}
	if o.InReplyTo != "" {
		out.Subject = mime.ReplySubject(o.Subject)
	}
	for _, a := range o.To {
		out.To = append(out.To, addr(a))
	}
	return mime.Compose(out)
}

func addr(a mail.Address) mime.Address { return mime.Address{Name: a.Name, Email: a.Email} }

func (m *Mailer) account(ctx context.Context, workspaceID, accountID string) (mail.Account, error) {
	return account(ctx, m.w, workspaceID, accountID)
}

// account is the wrong-brand guard: the account must be w's.
func account(ctx context.Context, w *workspace.Workspace, workspaceID, accountID string) (mail.Account, error) {
	if workspaceID != w.ID() {
		return mail.Account{}, refused(fmt.Errorf("refused: a reply of workspace %s cannot be sent by workspace %q", workspaceID, w.Info().Name))
	}
	a, err := mail.Open(w).Account(ctx, accountID)
	if errors.Is(err, mail.ErrNoAccount) {
		return a, refused(fmt.Errorf("refused: account %s is not an account of workspace %q", accountID, w.Info().Name))
	}
	return a, err
}

// sender is the second half of the guard: the envelope sender is the account's address.
func sender(sub outbox.Submission, a mail.Account) error {
	if !strings.EqualFold(sub.From, a.Email) {
		return refused(fmt.Errorf("refused: sender %s is not the address of account %s", sub.From, a.Email))
	}
	return nil
}

func (m *Mailer) password(ctx context.Context, a mail.Account) (string, error) {
	pw, err := m.pw.Get(ctx, m.w.ID(), a.ID)
	if err != nil {
		return "", &outbox.SendError{Failure: outbox.Temporary, Err: fmt.Errorf("reading the password of %s from the keyring: %w", a.Email, err)}
	}
	return pw, nil
}

func refused(err error) error { return &outbox.SendError{Failure: outbox.Permanent, Err: err} }
