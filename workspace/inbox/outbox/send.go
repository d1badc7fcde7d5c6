package outbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/journal"
	"switchboard/workspace/mail"
)

// Outgoing is a reply to compose into RFC 5322 bytes.
type Outgoing struct {
	From       mail.Address
	To         []mail.Address
	Subject    string // the conversation's; Compose adds the reply prefix
	Text       string
	InReplyTo  string
	References []string
	MessageID  string
	Date       time.Time
}

// Submission is one message for the SMTP server of one account of one workspace.
type Submission struct {
	WorkspaceID string
	AccountID   string
	From        string   // envelope sender
	To          []string // envelope recipients
	Raw         []byte
}

// Mailer talks to the mail servers; accounts/smtpsend implements it for one workspace.
type Mailer interface {
	// Compose renders a reply (MIME, encoded words, threading headers).
	Compose(o Outgoing) ([]byte, error)
	// Submit sends over SMTP. It calls beforeData right before DATA; if beforeData fails,
	// nothing is sent. Errors should be *SendError saying whether a retry is safe.
	Submit(ctx context.Context, sub Submission, beforeData func() error) error
	// FileSent appends a copy to the account's Sent folder.
	FileSent(ctx context.Context, accountID string, raw []byte) error
	// InSent tells whether the account's Sent folder holds a message with this Message-ID.
	InSent(ctx context.Context, accountID, messageID string) (bool, error)
}

// Failure says what a failed submission means for the reply.
type Failure int

const (
	Temporary Failure = iota // not delivered; retrying is safe (network, 4xx)
	Permanent                // refused (5xx, wrong brand, bad address): the user must act
	Unknown                  // the message went out but no answer came: maybe delivered
)

// SendError is a failed submission with its meaning for the outbox.
type SendError struct {
	Failure Failure
	Err     error
}

func (e *SendError) Error() string { return e.Err.Error() }
func (e *SendError) Unwrap() error { return e.Err }

// SendReport counts what one SendDue did.
type SendReport struct {
	Sent      int      `json:"sent"`
	Retrying  int      `json:"retrying"`
	Failed    int      `json:"failed"`
	Uncertain int      `json:"uncertain"`
	Errors    []string `json:"errors,omitempty"` // one line per problem, never a password
}

// AutoReplyAuthor is the created_by of the out-of-hours auto-replies Schedule queues.
const AutoReplyAuthor = "Switchboard auto-reply"

// maxAttempts: after this many temporary failures the reply becomes Failed, so a reply
// does not quietly go out days late.
const maxAttempts = 8

// backoff is the wait after the n-th failed attempt: 1, 2, 4 ... minutes, at most an hour.
func backoff(n int) time.Duration {
	return min(time.Minute<<min(max(n-1, 0), 6), time.Hour)
}

// SendDue settles replies a crash left "submitting", submits the replies that are due,
// and files copies in Sent that are still missing. The app calls it every minute and
// right after queuing a reply to send now.
func (s *Store) SendDue(ctx context.Context, m Mailer) (SendReport, error) {
	s.send.Lock()
	defer s.send.Unlock()
	var rep SendReport
	stuck, err := s.query(ctx, "SELECT "+outboxColumns+" FROM outbox WHERE state = 'submitting' ORDER BY id")
	if err != nil {
		return rep, err
	}
	for _, it := range stuck {
		s.settle(ctx, m, it, "Switchboard stopped while sending this reply", &rep)
	}
	due, err := s.query(ctx, "SELECT "+outboxColumns+" FROM outbox WHERE state = 'queued' AND next_attempt_at <= ?"+
		heldBack+" ORDER BY next_attempt_at, id", s.sign.NowMs())
	if err != nil {
		return rep, err
	}
	for _, it := range due {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		s.submit(ctx, m, it, &rep)
	}
	unfiled, err := s.query(ctx, "SELECT "+outboxColumns+" FROM outbox WHERE state = 'sent' AND NOT filed AND raw IS NOT NULL ORDER BY id")
	if err != nil {
		return rep, err
	}
	for _, it := range unfiled {
		s.file(ctx, m, it, &rep)
	}
	return rep, nil
}

// heldBack leaves out of SendDue what a crisis holds: replies that fell due during a pause
// wait for a person's decision (crisis lists them when the incident ends, table
// pause_review), and while the workspace is paused (workspace/pause) replies scheduled
// for later ("send later": due more than a minute after they were written) wait too.
// Replies a person sends now still go: they were seen.
const heldBack = ` AND NOT EXISTS (SELECT 1 FROM pause_review r WHERE r.kind = 'outbox' AND r.ref = outbox.gid AND r.decision = '')
	AND NOT (send_at > created_at + 60000 AND EXISTS (SELECT 1 FROM pause))`

// sendStep journals a step of sending: the runner's doing, whoever pressed Send, because
// SendDue settles every due reply the same way.
func sendStep(ctx context.Context, tx *sql.Tx, at time.Time, it Item, kind string, c Change) error {
	_, err := journal.Write(ctx, tx, at, journal.Runner, it.GID, kind, c)
	return err
}

func outboxState(ctx context.Context, tx *sql.Tx, id int64) (State, error) {
	var st State
	err := tx.QueryRowContext(ctx, "SELECT state FROM outbox WHERE id = ?", id).Scan(&st)
	return st, err
}

// guard is the wrong-brand check: the reply must have been queued in this workspace and
// name one of this workspace's accounts, still at the address it was queued from.
func (s *Store) guard(ctx context.Context, it Item) error {
	if it.WorkspaceID != s.w.ID() {
		return fmt.Errorf("refused: this reply was queued in another workspace (%s), not in %q", it.WorkspaceID, s.w.Info().Name)
	}
	acct, err := mail.Open(s.w).Account(ctx, it.AccountID)
	if errors.Is(err, mail.ErrNoAccount) {
		return fmt.Errorf("refused: account %s is not an account of %q", it.AccountID, s.w.Info().Name)
	}
	if err != nil {
		return err
	}
	if !strings.EqualFold(acct.Email, it.From.Email) {
		return fmt.Errorf("refused: the account's address changed from %s to %s since the reply was queued", it.From.Email, acct.Email)
	}
	return nil
}

func (s *Store) submit(ctx context.Context, m Mailer, it Item, rep *SendReport) {
	if err := s.guard(ctx, it); err != nil {
		s.fail(ctx, it, &SendError{Failure: Permanent, Err: err}, rep)
		return
	}
	raw := it.raw
	if raw == nil {
		var err error
		raw, err = m.Compose(Outgoing{From: it.From, To: it.To, Subject: it.Subject, Text: it.Body,
			InReplyTo: it.InReplyTo, References: it.References, MessageID: it.MessageID, Date: s.sign.Now()})
		if err != nil {
			s.fail(ctx, it, &SendError{Failure: Permanent, Err: fmt.Errorf("composing the reply: %w", err)}, rep)
			return
		}
	}
	to := make([]string, len(it.To))
	for i, a := range it.To {
		to[i] = a.Email
	}
	started := false
	beforeData := func() error {
		// Recorded and committed before DATA: from here on a crash leaves "submitting",
		// which the next SendDue settles instead of sending again.
		err := s.db.Write(ctx, func(tx *sql.Tx) error {
			res, err := tx.ExecContext(ctx, `UPDATE outbox SET state = 'submitting', raw = ?, attempts = attempts + 1,
				updated_at = ? WHERE id = ? AND state = 'queued'`, raw, s.sign.NowMs(), it.ID)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return fmt.Errorf("outbox item %d was cancelled or changed meanwhile", it.ID)
			}
			return sendStep(ctx, tx, s.sign.Now(), it, "outbox.submitting", Change{From: Queued, To: Submitting, Attempt: it.Attempts + 1})
		})
		started = err == nil
		return err
	}
	err := m.Submit(ctx, Submission{WorkspaceID: it.WorkspaceID, AccountID: it.AccountID, From: it.From.Email, To: to, Raw: raw}, beforeData)
	it.raw = raw
	it.Attempts++
	var se *SendError
	switch {
	case err == nil:
		s.sent(ctx, m, it, rep)
	case !started:
		if errors.As(err, &se) && se.Failure == Permanent {
			s.fail(ctx, it, err, rep)
		} else {
			s.fail(ctx, it, &SendError{Failure: Temporary, Err: err}, rep)
		}
	case errors.As(err, &se) && se.Failure != Unknown:
		s.fail(ctx, it, err, rep)
	default:
		s.settle(ctx, m, it, err.Error(), rep)
	}
}

// settle decides a reply whose fate is unknown: in the Sent folder it was sent;
// otherwise it is Uncertain and waits for the user, never resent on its own.
func (s *Store) settle(ctx context.Context, m Mailer, it Item, why string, rep *SendReport) {
	found, err := m.InSent(ctx, it.AccountID, it.MessageID)
	if err != nil {
		// Stay "submitting" and look again next time: nothing is sent meanwhile.
		rep.Errors = append(rep.Errors, fmt.Sprintf("reply %d: checking the Sent folder: %v", it.ID, err))
		s.setState(ctx, it, Submitting, why+"; the Sent folder could not be checked yet", rep)
		return
	}
	if found {
		it.Filed = true
		s.sent(ctx, m, it, rep)
		return
	}
	rep.Uncertain++
	s.setState(ctx, it, Uncertain, why+"; the server may or may not have accepted it and it is not in the Sent folder. "+
		"Check with the customer or in the account's webmail, then Retry or Mark as sent", rep)
}

// fail records a failed attempt: queued again after a backoff when a retry is safe and
// attempts remain, else Failed with the reason.
func (s *Store) fail(ctx context.Context, it Item, err error, rep *SendReport) {
	state, next := Failed, s.sign.NowMs()
	msg := err.Error()
	var se *SendError
	if errors.As(err, &se) && se.Failure == Temporary {
		if it.Attempts < maxAttempts {
			state, next = Queued, next+backoff(it.Attempts).Milliseconds()
			msg = fmt.Sprintf("%s (attempt %d of %d; trying again at %s)", msg, it.Attempts, maxAttempts,
				inboxcore.Millis(next).Format(time.RFC3339))
		} else {
			msg = fmt.Sprintf("gave up after %d attempts: %s", it.Attempts, msg)
		}
	}
	if state == Queued {
		rep.Retrying++
	} else {
		rep.Failed++
	}
	rep.Errors = append(rep.Errors, fmt.Sprintf("reply %d: %s", it.ID, msg))
	err = s.db.Write(ctx, func(tx *sql.Tx) error {
		from, err := outboxState(ctx, tx, it.ID)
		if err != nil || (from != Queued && from != Submitting) {
			return err // cancelled meanwhile: the cancel is the record
		}
		if _, err := tx.ExecContext(ctx, `UPDATE outbox SET state = ?, last_error = ?, next_attempt_at = ?, attempts = ?,
			raw = ifnull(raw, ?), updated_at = ? WHERE id = ?`,
			state, msg, next, it.Attempts, it.raw, s.sign.NowMs(), it.ID); err != nil {
			return err
		}
		kind := "outbox.failed"
		if state == Queued {
			kind = "outbox.retrying"
		}
		return sendStep(ctx, tx, s.sign.Now(), it, kind, Change{From: from, To: state, Error: msg, Attempt: it.Attempts})
	})
	if err != nil {
		rep.Errors = append(rep.Errors, fmt.Sprintf("reply %d: recording the failure: %v", it.ID, err))
	}
}

func (s *Store) setState(ctx context.Context, it Item, state State, msg string, rep *SendReport) {
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		from, err := outboxState(ctx, tx, it.ID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE outbox SET state = ?, last_error = ?, updated_at = ? WHERE id = ?",
			state, msg, s.sign.NowMs(), it.ID); err != nil {
			return err
		}
		if state == from {
			return nil // still submitting: only the reason changed
		}
		return sendStep(ctx, tx, s.sign.Now(), it, "outbox."+string(state), Change{From: from, To: state, Error: msg, Attempt: it.Attempts})
	})
	if err != nil {
		rep.Errors = append(rep.Errors, fmt.Sprintf("reply %d: %v", it.ID, err))
	}
}

// sent records an accepted reply: the conversation now waits on the customer, the
// customer's message gets \Answered (written back by the sync), and a copy goes to Sent.
func (s *Store) sent(ctx context.Context, m Mailer, it Item, rep *SendReport) {
	rep.Sent++
	now := s.sign.NowMs()
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		from, err := outboxState(ctx, tx, it.ID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE outbox SET state = 'sent', sent_at = ?, last_error = '', filed = ?,
			raw = ifnull(raw, ?), updated_at = ? WHERE id = ?`, now, it.Filed, it.raw, now, it.ID); err != nil {
			return err
		}
		if err := sendStep(ctx, tx, inboxcore.Millis(now), it, "outbox.sent", Change{From: from, To: Sent, Attempt: it.Attempts}); err != nil {
			return err
		}
		if it.CreatedBy == AutoReplyAuthor {
			return nil // an out-of-hours auto-reply answers nothing: the customer still waits for a person
		}
		return inbox.AwaitCustomer(ctx, tx, it.ConversationID, now, journal.Runner)
	})
	if err != nil {
		rep.Errors = append(rep.Errors, fmt.Sprintf("reply %d was sent, but recording it failed: %v", it.ID, err))
		return
	}
	if it.replyTo.Valid {
		if err := mail.Open(s.w).SetFlag(ctx, it.replyTo.Int64, mail.Answered, true); err != nil {
			rep.Errors = append(rep.Errors, fmt.Sprintf("reply %d: marking the customer's message answered: %v", it.ID, err))
		}
	}
	if !it.Filed {
		s.file(ctx, m, it, rep)
	}
}

// file appends the sent reply to the Sent folder; a failure is retried by later calls.
func (s *Store) file(ctx context.Context, m Mailer, it Item, rep *SendReport) {
	msg := ""
	if err := m.FileSent(ctx, it.AccountID, it.raw); err != nil {
		msg = "sent; the copy for the Sent folder is not saved yet: " + err.Error()
		rep.Errors = append(rep.Errors, fmt.Sprintf("reply %d: %s", it.ID, msg))
	}
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "UPDATE outbox SET filed = ?, last_error = ?, updated_at = ? WHERE id = ?",
			msg == "", msg, s.sign.NowMs(), it.ID); err != nil || msg != "" {
			return err
		}
		_, err := journal.Write(ctx, tx, s.sign.Now(), journal.Runner, it.GID, "outbox.filed", nil)
		return err
	})
	if err != nil {
		rep.Errors = append(rep.Errors, fmt.Sprintf("reply %d: %v", it.ID, err))
	}
}
