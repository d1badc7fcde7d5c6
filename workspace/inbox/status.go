package inbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
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
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		return setStatus(ctx, tx, id, st, 0, 0, s.nowMs(), s.agent)
	})
}

// Snooze hides a conversation until the time, when Tick opens it again (or earlier, when
// the customer writes).
func (s *Store) Snooze(ctx context.Context, id int64, until time.Time) error {
	now := s.nowMs()
	if until.UnixMilli() <= now {
		return fmt.Errorf("snooze until %s: that time has passed", until.Format(time.RFC3339))
	}
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		return setStatus(ctx, tx, id, Snoozed, until.UnixMilli(), 0, now, s.agent)
	})
}

// Resolve marks a conversation Resolved. With followUp > 0 it is reopened after that
// long unless the customer writes first (which reopens it anyway).
func (s *Store) Resolve(ctx context.Context, id int64, followUp time.Duration) error {
	if followUp < 0 {
		return errors.New("a follow-up must be in the future")
	}
	now := s.nowMs()
	var at int64
	if followUp > 0 {
		at = now + followUp.Milliseconds()
	}
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		return setStatus(ctx, tx, id, Resolved, 0, at, now, s.agent)
	})
}

func setStatus(ctx context.Context, tx *sql.Tx, id int64, st Status, snooze, followUp, now int64, actor string) error {
	var old string
	err := tx.QueryRowContext(ctx, "SELECT status FROM conversations WHERE id = ?", id).Scan(&old)
	if errors.Is(err, sql.ErrNoRows) {
		return notFound("conversation", id)
	}
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE conversations SET status = ?, status_at = ?, snooze_until = ?,
		follow_up_at = ?, follow_up_due = 0 WHERE id = ?`, st, now, snooze, followUp, id); err != nil {
		return err
	}
	return addHistory(ctx, tx, id, now, actor, "status", old, string(st))
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
		if r.Woken, err = wake(ctx, tx, ms, `SELECT id FROM conversations WHERE snooze_until > 0 AND snooze_until <= ?
			AND status = 'snoozed'`, "UPDATE conversations SET status = 'open', status_at = ?, snooze_until = 0 WHERE id = ?", Snoozed); err != nil {
			return err
		}
		r.FollowUps, err = wake(ctx, tx, ms, `SELECT id FROM conversations WHERE follow_up_at > 0 AND follow_up_at <= ?
			AND status = 'resolved'`, `UPDATE conversations SET status = 'open', status_at = ?1,
			follow_up_due = follow_up_at, follow_up_at = 0 WHERE id = ?2`, Resolved)
		return err
	})
	return r, err
}

func wake(ctx context.Context, tx *sql.Tx, now int64, find, update string, from Status) (int, error) {
	rows, err := tx.QueryContext(ctx, find, now)
	if err != nil {
		return 0, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, err
		}
		ids = append(ids, id)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return 0, err
	}
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, update, now, id); err != nil {
			return 0, err
		}
		if err := addHistory(ctx, tx, id, now, "system", "status", string(from), string(Open)); err != nil {
			return 0, err
		}
	}
	return len(ids), nil
}
