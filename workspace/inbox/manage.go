package inbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"switchboard/workspace/journal"
)

// LabelColors are given to new labels in turn; each reads with white or dark text.
var LabelColors = []string{"#2F6FDE", "#C2410C", "#15803D", "#7C3AED", "#B91C1C", "#0E7490", "#A16207"}

// actorIn is the journal's actor for a change made at this machine: the agent's staff
// global id (the staff row is added on first use).
func (s *Store) actorIn(ctx context.Context, tx *sql.Tx) (string, error) {
	me, err := ensureStaff(ctx, tx, s.agent, s.nowMs())
	if err != nil {
		return "", err
	}
	var gid string
	err = tx.QueryRowContext(ctx, "SELECT gid FROM staff WHERE id = ?", me.ID).Scan(&gid)
	return gid, err
}

// RenameStaff gives a staff member another name; assignments stay with the person.
func (s *Store) RenameStaff(ctx context.Context, id int64, name string) (Staff, error) {
	st := Staff{ID: id, Name: strings.Join(strings.Fields(name), " ")}
	if st.Name == "" {
		return st, errors.New("a staff member needs a name")
	}
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		var old, gid string
		if err := tx.QueryRowContext(ctx, "SELECT name, gid FROM staff WHERE id = ?", id).Scan(&old, &gid); errors.Is(err, sql.ErrNoRows) {
			return notFound("staff member", id)
		} else if err != nil {
			return err
		}
		var other int64
		if err := tx.QueryRowContext(ctx, "SELECT id FROM staff WHERE name = ? COLLATE NOCASE AND id <> ?", st.Name, id).Scan(&other); err == nil {
			return fmt.Errorf("a staff member named %q already exists", st.Name)
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE staff SET name = ? WHERE id = ?", st.Name, id); err != nil {
			return err
		}
		actor, err := s.actorIn(ctx, tx)
		if err != nil {
			return err
		}
		_, err = journal.Write(ctx, tx, s.now(), actor, gid, "staff.rename", journal.Change{From: old, To: st.Name})
		return err
	})
	return st, err
}

// RemoveStaff takes a staff member off the list; the conversations assigned to them
// become unassigned (so they show in Unassigned, not lost in nobody's Mine). Their notes
// and history keep their name. It returns how many conversations were unassigned.
func (s *Store) RemoveStaff(ctx context.Context, id int64) (int, error) {
	var n int64
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		var name, gid string
		if err := tx.QueryRowContext(ctx, "SELECT name, gid FROM staff WHERE id = ?", id).Scan(&name, &gid); errors.Is(err, sql.ErrNoRows) {
			return notFound("staff member", id)
		} else if err != nil {
			return err
		}
		actor, err := s.actorIn(ctx, tx)
		if err != nil {
			return err
		}
		if actor == gid {
			return errors.New("you cannot remove yourself: change \"my name\" first (`switchboard me NAME`)")
		}
		res, err := tx.ExecContext(ctx, "UPDATE conversations SET assignee_id = NULL WHERE assignee_id = ?", id)
		if err != nil {
			return err
		}
		n, _ = res.RowsAffected()
		if _, err := tx.ExecContext(ctx, "DELETE FROM staff WHERE id = ?", id); err != nil {
			return err
		}
		_, err = journal.Write(ctx, tx, s.now(), actor, gid, "staff.remove", map[string]any{"name": name, "unassigned": n})
		return err
	})
	return int(n), err
}

// Reschedule moves a queued reply to another time; one that already failed, was
// cancelled or is uncertain is queued again for that time.
func (s *Store) Reschedule(ctx context.Context, id int64, at time.Time) error {
	if at.IsZero() {
		return errors.New("say when the reply should go out")
	}
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		var state OutboxState
		var gid string
		var old int64
		err := tx.QueryRowContext(ctx, "SELECT state, gid, send_at FROM outbox WHERE id = ?", id).Scan(&state, &gid, &old)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("outbox item", id)
		} else if err != nil {
			return err
		}
		switch state {
		case Sent, Submitting:
			return fmt.Errorf("outbox item %d is %s: it can no longer be rescheduled", id, state)
		case Uncertain: // it may have arrived: sending it again is the user's explicit choice
			return fmt.Errorf("outbox item %d may have reached the customer: use `outbox retry` to send it again or `outbox mark-sent`", id)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE outbox SET state = 'queued', send_at = ?, next_attempt_at = ?, attempts = 0,
			last_error = '', updated_at = ? WHERE id = ?`, at.UnixMilli(), at.UnixMilli(), s.nowMs(), id); err != nil {
			return err
		}
		actor, err := s.actorIn(ctx, tx)
		if err != nil {
			return err
		}
		_, err = journal.Write(ctx, tx, s.now(), actor, gid, "outbox.reschedule",
			journal.Change{From: millis(old).Format(time.RFC3339), To: at.UTC().Format(time.RFC3339)})
		return err
	})
}
