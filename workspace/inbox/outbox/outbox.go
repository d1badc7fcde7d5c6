package outbox

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/journal"
	"switchboard/workspace/mail"
)

// State is where a reply is on its way out.
type State string

const (
	Queued     State = "queued"     // waiting for its time or its next attempt
	Submitting State = "submitting" // handed to the SMTP server; settled by the next SendDue after a crash
	Sent       State = "sent"       // the server accepted it
	Failed     State = "failed"     // refused (see LastError); Retry after fixing the cause
	Uncertain  State = "uncertain"  // maybe delivered: the user decides (Retry or MarkSent)
	Cancelled  State = "cancelled"  // kept, never sent
)

// Item is a reply in the outbox.
type Item struct {
	// GID is the item's global id, the one the command line and JSON show; ID is this
	// workspace's own key. The same holds for the conversation.
	GID             string         `json:"id"`
	ID              int64          `json:"number"`
	ConversationGID string         `json:"conversation_id"`
	ConversationID  int64          `json:"conversation_number"`
	WorkspaceID     string         `json:"workspace_id"`
	AccountID       string         `json:"account_id"`
	MessageID       string         `json:"message_id"`
	InReplyTo       string         `json:"in_reply_to,omitempty"`
	References      []string       `json:"references,omitempty"`
	From            mail.Address   `json:"from"`
	To              []mail.Address `json:"to"`
	// Subject is the conversation's; the mail gets the reply prefix when composed.
	Subject       string    `json:"subject"`
	Body          string    `json:"body"`
	State         State     `json:"state"`
	SendAt        time.Time `json:"send_at"`
	NextAttemptAt time.Time `json:"next_attempt_at"`
	Attempts      int       `json:"attempts"`
	LastError     string    `json:"last_error,omitempty"`
	Filed         bool      `json:"filed"` // a copy is in the Sent folder
	CreatedBy     string    `json:"created_by"`
	CreatedAt     time.Time `json:"created_at"`
	SentAt        time.Time `json:"sent_at,omitzero"`
	replyTo       sql.NullInt64
	raw           []byte
}

const outboxColumns = `id, conversation_id, workspace_id, account_id, message_id, in_reply_to, refs, from_name,
	from_email, to_addrs, subject, body, state, send_at, next_attempt_at, attempts, last_error, filed, created_by,
	created_at, sent_at, reply_to, raw, gid, ifnull((SELECT c.gid FROM conversations c WHERE c.id = outbox.conversation_id), '')`

func scanOutbox(sc interface{ Scan(...any) error }) (Item, error) {
	var it Item
	var refs, to string
	var sendAt, next, created, sent int64
	err := sc.Scan(&it.ID, &it.ConversationID, &it.WorkspaceID, &it.AccountID, &it.MessageID, &it.InReplyTo, &refs,
		&it.From.Name, &it.From.Email, &to, &it.Subject, &it.Body, &it.State, &sendAt, &next, &it.Attempts,
		&it.LastError, &it.Filed, &it.CreatedBy, &created, &sent, &it.replyTo, &it.raw, &it.GID, &it.ConversationGID)
	if err != nil {
		return it, err
	}
	it.References = strings.Fields(refs)
	if err := json.Unmarshal([]byte(to), &it.To); err != nil {
		return it, fmt.Errorf("outbox item %d: recipients: %w", it.ID, err)
	}
	it.SendAt, it.NextAttemptAt, it.CreatedAt, it.SentAt = inboxcore.Millis(sendAt), inboxcore.Millis(next), inboxcore.Millis(created), inboxcore.Millis(sent)
	return it, nil
}

// List lists replies not yet sent (all of them with all), the next to go first.
func (s *Store) List(ctx context.Context, all bool) ([]Item, error) {
	where := "state NOT IN ('sent', 'cancelled') OR (state = 'sent' AND NOT filed)"
	if all {
		where = "1"
	}
	return s.query(ctx, "SELECT "+outboxColumns+" FROM outbox WHERE "+where+" ORDER BY next_attempt_at, id")
}

// Item returns one item.
func (s *Store) Item(ctx context.Context, id int64) (Item, error) {
	list, err := s.query(ctx, "SELECT "+outboxColumns+" FROM outbox WHERE id = ?", id)
	if err == nil && len(list) == 0 {
		err = inboxcore.NotFound("outbox item", id)
	}
	if err != nil {
		return Item{}, err
	}
	return list[0], nil
}

func (s *Store) query(ctx context.Context, query string, args ...any) ([]Item, error) {
	rows, err := s.db.Read().QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	list := []Item{}
	for rows.Next() {
		it, err := scanOutbox(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, it)
	}
	return list, rows.Err()
}

// ItemID resolves an outbox item's global id, the one the command line and JSON show,
// to this workspace's own key; an id of another workspace is not found here.
func (s *Store) ItemID(ctx context.Context, ref string) (int64, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return 0, errors.New("no outbox item id given")
	}
	var id int64
	err := s.db.Read().QueryRowContext(ctx, "SELECT id FROM outbox WHERE gid = ?", ref).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, inboxcore.NotHere(ctx, s.w, "outbox", "outbox item", ref, "outbox --all --json")
	}
	return id, err
}

// Cancel keeps a reply from being sent; it stays in the outbox as Cancelled.
func (s *Store) Cancel(ctx context.Context, id int64) error {
	return s.moveOutbox(ctx, id, Cancelled, []State{Queued, Failed, Uncertain}, "", "outbox.cancelled")
}

// Retry queues a failed, uncertain or cancelled reply again, now. It keeps its
// Message-ID and bytes, so a customer's mail program shows a duplicate as one message.
func (s *Store) Retry(ctx context.Context, id int64) error {
	return s.moveOutbox(ctx, id, Queued, []State{Failed, Uncertain, Cancelled}, "", "outbox.retried")
}

// MarkSent records that an uncertain (or failed) reply did reach the customer, as the
// user found out; the conversation then waits on the customer.
func (s *Store) MarkSent(ctx context.Context, id int64) error {
	note := "marked as sent"
	if s.sign.Named() {
		note += " by " + s.sign.Name()
	}
	return s.moveOutbox(ctx, id, Sent, []State{Uncertain, Failed}, note, "outbox.marked_sent")
}

// Reschedule moves a queued reply's time (a send-later edited); a time in the past sends
// it at the next round.
func (s *Store) Reschedule(ctx context.Context, id int64, at time.Time) error {
	now := s.sign.Now()
	at = at.Truncate(time.Millisecond)
	if at.Before(now) {
		at = now
	}
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		var state State
		var gid string
		var old int64
		err := tx.QueryRowContext(ctx, "SELECT state, gid, send_at FROM outbox WHERE id = ?", id).Scan(&state, &gid, &old)
		if errors.Is(err, sql.ErrNoRows) {
			return inboxcore.NotFound("outbox item", id)
		} else if err != nil {
			return err
		}
		if state != Queued {
			return fmt.Errorf("outbox item %d is %s: only a queued reply can be moved", id, state)
		}
		if _, err := tx.ExecContext(ctx, "UPDATE outbox SET send_at = ?1, next_attempt_at = ?1, updated_at = ?2 WHERE id = ?3",
			at.UnixMilli(), now.UnixMilli(), id); err != nil {
			return err
		}
		return s.sign.Record(ctx, tx, now, gid, "outbox.rescheduled", map[string]time.Time{"from": inboxcore.Millis(old), "to": at.UTC()})
	})
}

// Change is the data of an "outbox.*" journal entry that moves a reply's state.
type Change struct {
	From    State  `json:"from"`
	To      State  `json:"to"`
	Error   string `json:"error,omitempty"`   // why it failed, or what is uncertain
	Attempt int    `json:"attempt,omitempty"` // the attempt this is about
}

func (s *Store) moveOutbox(ctx context.Context, id int64, to State, from []State, note, kind string) error {
	now := s.sign.NowMs()
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		var state State
		var conv int64
		var gid string
		err := tx.QueryRowContext(ctx, "SELECT state, conversation_id, gid FROM outbox WHERE id = ?", id).Scan(&state, &conv, &gid)
		if errors.Is(err, sql.ErrNoRows) {
			return inboxcore.NotFound("outbox item", id)
		}
		if err != nil {
			return err
		}
		ok := false
		for _, f := range from {
			ok = ok || state == f
		}
		if !ok {
			return fmt.Errorf("outbox item %d is %s: it cannot become %s", id, state, to)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE outbox SET state = ?, next_attempt_at = ?, last_error = ?, updated_at = ?,
			sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END, attempts = CASE WHEN ? = 'queued' THEN 0 ELSE attempts END
			WHERE id = ?`, to, now, note, now, to, now, to, id); err != nil {
			return err
		}
		actor, err := s.sign.Actor(ctx, tx, inboxcore.Millis(now))
		if err != nil {
			return err
		}
		if _, err := journal.Write(ctx, tx, inboxcore.Millis(now), actor, gid, kind, Change{From: state, To: to}); err != nil {
			return err
		}
		if to == Sent {
			return inbox.AwaitCustomer(ctx, tx, conv, now, actor)
		}
		return nil
	})
}
