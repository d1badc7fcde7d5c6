package inbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/journal"
)

// Status is where a conversation is in its life.
type Status string

const (
	New      Status = "new"
	Open     Status = "open"
	Waiting  Status = "waiting" // waiting on the customer
	Snoozed  Status = "snoozed" // until a time, then Open
	Resolved Status = "resolved"
	Spam     Status = "spam"
	Abuse    Status = "abuse"
)

// Statuses in the order the UI shows them.
var Statuses = []Status{New, Open, Waiting, Snoozed, Resolved, Spam, Abuse}

// Label is the status as people say it.
func (st Status) Label() string {
	if st == Waiting {
		return "Waiting on customer"
	}
	return strings.ToUpper(string(st[:1])) + string(st[1:])
}

// ParseStatus reads a status by its name or label, case ignored ("waiting on customer").
func ParseStatus(s string) (Status, error) {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	for _, st := range Statuses {
		if s == string(st) || s == strings.ToLower(st.Label()) {
			return st, nil
		}
	}
	names := make([]string, len(Statuses))
	for i, st := range Statuses {
		names[i] = string(st)
	}
	return "", fmt.Errorf("status %q is not one of %s", s, strings.Join(names, ", "))
}

// SetStatus moves a conversation to st. Snoozed needs a time: use Snooze. Leaving a
// status clears its snooze time and follow-up.
func (s *Store) SetStatus(ctx context.Context, id int64, st Status) error {
	if _, err := ParseStatus(string(st)); err != nil {
		return err
	}
	if st == Snoozed {
		return errors.New("snoozing needs a time to wake up: use Snooze")
	}
	return s.setStatusAs(ctx, id, st, 0, 0, s.sign.NowMs())
}

// Snooze hides a conversation until the time, when Tick opens it again (or earlier, when
// the customer writes).
func (s *Store) Snooze(ctx context.Context, id int64, until time.Time) error {
	now := s.sign.NowMs()
	if until.UnixMilli() <= now {
		return fmt.Errorf("snooze until %s: that time has passed", until.Format(time.RFC3339))
	}
	return s.setStatusAs(ctx, id, Snoozed, until.UnixMilli(), 0, now)
}

// Resolve marks a conversation Resolved. With followUp > 0 it is reopened after that
// long unless the customer writes first (which reopens it anyway).
func (s *Store) Resolve(ctx context.Context, id int64, followUp time.Duration) error {
	if followUp < 0 {
		return errors.New("a follow-up must be in the future")
	}
	now := s.sign.NowMs()
	var at int64
	if followUp > 0 {
		at = now + followUp.Milliseconds()
	}
	return s.setStatusAs(ctx, id, Resolved, 0, at, now)
}

// setStatusAs is a status change the agent makes.
func (s *Store) setStatusAs(ctx context.Context, id int64, st Status, snooze, followUp, now int64) error {
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		actor, err := s.sign.Actor(ctx, tx, inboxcore.Millis(now))
		if err != nil {
			return err
		}
		return setStatus(ctx, tx, id, st, snooze, followUp, now, actor)
	})
}

// StatusChange is the data of a "conversation.status" journal entry.
type StatusChange struct {
	From       Status    `json:"from"`
	To         Status    `json:"to"`
	Until      time.Time `json:"until,omitzero"`        // Snoozed: wakes then
	FollowUpAt time.Time `json:"follow_up_at,omitzero"` // Resolved: reopens then if the customer stays silent
	// Cause says why the runner or sync changed it: "snooze" (woke up), "follow_up" (came
	// due), "customer_wrote" (reopened), "blocked_contact" (filed as Abuse).
	Cause string `json:"cause,omitempty"`
}

// setStatus changes a conversation's status and journals it under actor (a staff id, or
// journal.Runner). Setting what is already so (same status, same times) only moves
// status_at, which decides whether later mail reopens it, and journals nothing.
func setStatus(ctx context.Context, tx *sql.Tx, id int64, st Status, snooze, followUp, now int64, actor string) error {
	var old Status
	var gid string
	var oldSnooze, oldFollowUp, oldDue int64
	err := tx.QueryRowContext(ctx, "SELECT status, gid, snooze_until, follow_up_at, follow_up_due FROM conversations WHERE id = ?", id).
		Scan(&old, &gid, &oldSnooze, &oldFollowUp, &oldDue)
	if errors.Is(err, sql.ErrNoRows) {
		return inboxcore.NotFound("conversation", id)
	}
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE conversations SET status = ?, status_at = ?, snooze_until = ?,
		follow_up_at = ?, follow_up_due = 0 WHERE id = ?`, st, now, snooze, followUp, id); err != nil {
		return err
	}
	if old == st && oldSnooze == snooze && oldFollowUp == followUp && oldDue == 0 {
		return nil // only status_at moved: nothing a person would see changed
	}
	_, err = journal.Write(ctx, tx, inboxcore.Millis(now), actor, gid, "conversation.status",
		StatusChange{From: old, To: st, Until: inboxcore.Millis(snooze), FollowUpAt: inboxcore.Millis(followUp)})
	return err
}

// TickResult counts what Tick changed.
type TickResult struct {
	Woken     int `json:"woken"`      // snoozed conversations opened again
	FollowUps int `json:"follow_ups"` // resolved conversations reopened for their follow-up
}

// Tick applies the clock: snoozed conversations whose time came are opened, resolved ones
// whose follow-up came (and whose customer stayed silent) are reopened and show in
// ViewFollowUp. The app calls it every minute and when a workspace opens.
func (s *Store) Tick(ctx context.Context, now time.Time) (TickResult, error) {
	var r TickResult
	ms := now.UnixMilli()
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		var err error
		if r.Woken, err = wake(ctx, tx, ms, `SELECT id, gid FROM conversations WHERE snooze_until > 0 AND snooze_until <= ?
			AND status = 'snoozed'`, "UPDATE conversations SET status = 'open', status_at = ?, snooze_until = 0 WHERE id = ?",
			StatusChange{From: Snoozed, To: Open, Cause: "snooze"}); err != nil {
			return err
		}
		r.FollowUps, err = wake(ctx, tx, ms, `SELECT id, gid FROM conversations WHERE follow_up_at > 0 AND follow_up_at <= ?
			AND status = 'resolved'`, `UPDATE conversations SET status = 'open', status_at = ?1,
			follow_up_due = follow_up_at, follow_up_at = 0 WHERE id = ?2`, StatusChange{From: Resolved, To: Open, Cause: "follow_up"})
		return err
	})
	return r, err
}

// wake reopens what find selects, each change journaled as the runner's.
func wake(ctx context.Context, tx *sql.Tx, now int64, find, update string, change StatusChange) (int, error) {
	rows, err := tx.QueryContext(ctx, find, now)
	if err != nil {
		return 0, err
	}
	var ids []int64
	var gids []string
	for rows.Next() {
		var id int64
		var gid string
		if err := rows.Scan(&id, &gid); err != nil {
			rows.Close()
			return 0, err
		}
		ids = append(ids, id)
		gids = append(gids, gid)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return 0, err
	}
	for i, id := range ids {
		if _, err := tx.ExecContext(ctx, update, now, id); err != nil {
			return 0, err
		}
		if _, err := journal.Write(ctx, tx, inboxcore.Millis(now), journal.Runner, gids[i], "conversation.status", change); err != nil {
			return 0, err
		}
	}
	return len(ids), nil
}

// AwaitCustomer moves a conversation to Waiting after a reply went out, unless it was
// filed as Spam or Abuse meanwhile; actor is whoever settled the reply as sent. The
// outbox calls it inside the transaction that records the reply as sent.
func AwaitCustomer(ctx context.Context, tx *sql.Tx, conv, now int64, actor string) error {
	var old string
	if err := tx.QueryRowContext(ctx, "SELECT status FROM conversations WHERE id = ?", conv).Scan(&old); err != nil {
		return err
	}
	if old == string(Spam) || old == string(Abuse) || old == string(Waiting) {
		return nil
	}
	return setStatus(ctx, tx, conv, Waiting, 0, 0, now, actor)
}
