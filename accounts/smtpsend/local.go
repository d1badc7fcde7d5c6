package smtpsend

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"switchboard/accounts/imapsync"
	"switchboard/workspace"
	"switchboard/workspace/demo"
	"switchboard/workspace/inbox"
)

// ForWorkspace is the one place that decides how w sends, for the window's runner and
// the CLI alike: the demo workspace works with no network at all, so it gets a Local
// mailer (offline is then true, and no account of it should be synced either); any
// other workspace gets the SMTP Mailer.
func ForWorkspace(ctx context.Context, w *workspace.Workspace, pw Passwords, opt Options) (m inbox.Mailer, offline bool, err error) {
	isDemo, err := demo.IsDemo(ctx, w)
	if err != nil {
		return nil, false, fmt.Errorf("telling whether %q is the demo workspace: %w", w.Info().Name, err)
	}
	if isDemo {
		return NewLocal(w), true, nil
	}
	return New(w, pw, opt), false, nil
}

// Local is the demo workspace's Mailer. It opens no connection: a submission is
// "delivered" by storing it as our own mail in the workspace's local Sent folder, so the
// reply shows in its conversation exactly as a synced Sent copy would. It keeps the
// wrong-brand guard of the SMTP Mailer.
type Local struct {
	w *workspace.Workspace
}

var _ inbox.Mailer = (*Local)(nil)

// localSent is the local folder the demo's own mail is in (see demo.seedMail).
const localSent = "Sent"

// NewLocal returns the offline Mailer of w.
func NewLocal(w *workspace.Workspace) *Local { return &Local{w: w} }

// Compose renders a reply as the SMTP Mailer does.
func (l *Local) Compose(o inbox.Outgoing) ([]byte, error) { return compose(o) }

// Submit stores sub in the local Sent folder once the guard and beforeData allow it.
func (l *Local) Submit(ctx context.Context, sub inbox.Submission, beforeData func() error) error {
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
		return &inbox.SendError{Failure: inbox.Unknown, Err: fmt.Errorf("storing the reply in the local Sent folder: %w", err)}
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
