package smtpsend

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"switchboard/accounts/imapsync"
	"switchboard/workspace"
	"switchboard/workspace/inbox/outbox"
	"switchboard/workspace/mail"
)

// ForWorkspace is the one place that decides how w sends, for the window's runner and
// the CLI alike: each reply goes the way its account's transport says (mail.Local: kept
// in the workspace's Sent folder, no connection; mail.IMAPSMTP: its SMTP server).
// offline is true when every account of w is local, so nothing of w needs the network.
func ForWorkspace(ctx context.Context, w *workspace.Workspace, pw Passwords, opt Options) (m outbox.Mailer, offline bool, err error) {
	accts, err := mail.Open(w).Accounts(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("reading the mail accounts of %q: %w", w.Info().Name, err)
	}
	local := 0
	for _, a := range accts {
		if a.Offline() {
			local++
		}
	}
	switch {
	case local == 0:
		return New(w, pw, opt), false, nil
	case local == len(accts):
		return NewLocal(w), true, nil
	}
	return &byTransport{w: w, smtp: New(w, pw, opt), local: NewLocal(w)}, false, nil
}

// byTransport sends each reply through its account's transport.
type byTransport struct {
	w     *workspace.Workspace
	smtp  *Mailer
	local *Local
}

// via is the mailer of accountID, after the wrong-brand guard.
func (b *byTransport) via(ctx context.Context, workspaceID, accountID string) (outbox.Mailer, error) {
	a, err := account(ctx, b.w, workspaceID, accountID)
	if err != nil {
		return nil, err
	}
	if a.Offline() {
		return b.local, nil
	}
	return b.smtp, nil
}

func (b *byTransport) Compose(o outbox.Outgoing) ([]byte, error) { return compose(o) }

func (b *byTransport) Submit(ctx context.Context, sub outbox.Submission, beforeData func() error) error {
	m, err := b.via(ctx, sub.WorkspaceID, sub.AccountID)
	if err != nil {
		return err
	}
	return m.Submit(ctx, sub, beforeData)
}

func (b *byTransport) FileSent(ctx context.Context, accountID string, raw []byte) error {
	m, err := b.via(ctx, b.w.ID(), accountID)
	if err != nil {
		return err
	}
	return m.FileSent(ctx, accountID, raw)
}

func (b *byTransport) InSent(ctx context.Context, accountID, messageID string) (bool, error) {
	m, err := b.via(ctx, b.w.ID(), accountID)
	if err != nil {
		return false, err
	}
	return m.InSent(ctx, accountID, messageID)
}

// Local is the Mailer of local accounts (the demo workspace's). It opens no connection: a submission is
// "delivered" by storing it as our own mail in the workspace's local Sent folder, so the
// reply shows in its conversation exactly as a synced Sent copy would. It keeps the
// wrong-brand guard of the SMTP Mailer.
type Local struct {
	w *workspace.Workspace
}

var _ outbox.Mailer = (*Local)(nil)

// localSent is the local folder the demo's own mail is in (see demo.seedMail).
const localSent = "Sent"

// NewLocal returns the offline Mailer of w.
func NewLocal(w *workspace.Workspace) *Local { return &Local{w: w} }

// Compose renders a reply as the SMTP Mailer does.
func (l *Local) Compose(o outbox.Outgoing) ([]byte, error) { return compose(o) }

// Submit stores sub in the local Sent folder once the guard and beforeData allow it.
func (l *Local) Submit(ctx context.Context, sub outbox.Submission, beforeData func() error) error {
	a, err := account(ctx, l.w, sub.WorkspaceID, sub.AccountID)
	if err != nil {
		return err
	}
	if err := sender(sub, a); err != nil {
		return err
	}
	if err := beforeData(); err != nil {
		return err
	}
	if _, err := imapsync.ImportRaw(ctx, l.w, localSent, [][]byte{sub.Raw}); err != nil {
		// Only a failing database gets here: the reply is "submitting", and the next
		// SendDue settles it by looking in Sent (InSent) rather than storing it twice.
		return &outbox.SendError{Failure: outbox.Unknown, Err: fmt.Errorf("storing the reply in the local Sent folder: %w", err)}
	}
	return nil
}

// FileSent does nothing more: Submit already stored the message in Sent.
func (l *Local) FileSent(ctx context.Context, accountID string, raw []byte) error {
	_, err := account(ctx, l.w, l.w.ID(), accountID)
	return err
}

// InSent tells whether the local Sent folder holds a message with this Message-ID.
func (l *Local) InSent(ctx context.Context, accountID, messageID string) (bool, error) {
	if _, err := account(ctx, l.w, l.w.ID(), accountID); err != nil {
		return false, err
	}
	id := strings.Trim(messageID, "<>")
	var one int
	err := l.w.DB().Read().QueryRowContext(ctx, `SELECT 1 FROM messages m
		JOIN message_locations l ON l.message_id = m.id JOIN folders f ON f.id = l.folder_id
		WHERE m.message_key IN (?, ?) AND f.account_id IS NULL AND f.name = ? LIMIT 1`, id, "<"+id+">", localSent).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}
