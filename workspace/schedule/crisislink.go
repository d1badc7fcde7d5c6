package schedule

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"switchboard/workspace/crisis"
	"switchboard/workspace/journal"
)

// The pause is Crisis's: while an incident holds the workspace, the outbox keeps scheduled
// replies back (inbox's heldBack) and Due holds follow-ups; when the incident is resolved,
// Crisis lists what fell due (its pause_review table) for a person to send, reschedule or
// cancel. Follow-ups join that list through this lister. A decision taken here (SendNow,
// Reschedule, Cancel) on an item Crisis holds goes through Crisis's Decide, so both
// lists agree.
func init() { crisis.RegisterDueLister(followUpDue{}) }

// followUpKind is the kind of follow-ups in Crisis's review list.
const followUpKind = "follow_up"

type followUpDue struct{}

func (followUpDue) Kind() string { return followUpKind }

func (followUpDue) FellDue(ctx context.Context, tx *sql.Tx, since, until time.Time) ([]crisis.DueItem, error) {
	rows, err := tx.QueryContext(ctx, `SELECT gid, due_at FROM follow_ups WHERE state = 'held' AND reason = ?
		AND due_at >= ? AND due_at < ? ORDER BY due_at, id`, HeldPaused, ms(since), ms(until))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []crisis.DueItem
	for rows.Next() {
		var it crisis.DueItem
		var at int64
		if err := rows.Scan(&it.Ref, &at); err != nil {
			return nil, err
		}
		it.Kind, it.DueAt = followUpKind, fromMs(at)
		out = append(out, it)
	}
	return out, rows.Err()
}

func (followUpDue) Describe(ctx context.Context, tx *sql.Tx, ref string) (crisis.DueItem, error) {
	var it crisis.DueItem
	var subject, body, customer string
	var at int64
	err := tx.QueryRowContext(ctx, `SELECT c.subject, f.body, ifnull(k.email, ''), f.due_at FROM follow_ups f
		JOIN conversations c ON c.id = f.conversation_id LEFT JOIN contacts k ON k.id = c.contact_id WHERE f.gid = ?`, ref).
		Scan(&subject, &body, &customer, &at)
	if err != nil {
		return it, fmt.Errorf("follow-up %s: %w", ref, err)
	}
	it.Kind, it.Ref, it.DueAt = followUpKind, ref, fromMs(at)
	it.Title = fmt.Sprintf("Follow-up to %s: %s", customer, subject)
	it.Detail = body
	if r := []rune(body); len(r) > 140 {
		it.Detail = string(r[:140]) + " …"
	}
	return it, nil
}

// Send lets the follow-up go with the next round (due now, so it is not stale).
func (followUpDue) Send(ctx context.Context, tx *sql.Tx, ref string, now time.Time) error {
	return followUpDecided(ctx, tx, ref, now, "pending", now, "follow_up.released")
}

func (followUpDue) Reschedule(ctx context.Context, tx *sql.Tx, ref string, at, now time.Time) error {
	return followUpDecided(ctx, tx, ref, now, "pending", at, "follow_up.rescheduled")
}

func (followUpDue) Cancel(ctx context.Context, tx *sql.Tx, ref string, now time.Time) error {
	return followUpDecided(ctx, tx, ref, now, "cancelled", time.Time{}, "follow_up.cancelled")
}

// followUpDecided applies a review decision; Crisis journals the decision on the
// incident, and the follow-up's own history says what became of it.
func followUpDecided(ctx context.Context, tx *sql.Tx, ref string, now time.Time, state string, due time.Time, kind string) error {
	q, args := "UPDATE follow_ups SET state = ?, reason = 'decided in review', updated_at = ? WHERE gid = ? AND state = 'held'", []any{state, ms(now), ref}
	if !due.IsZero() {
		q, args = "UPDATE follow_ups SET state = ?, reason = '', due_at = ?, updated_at = ? WHERE gid = ? AND state = 'held'", []any{state, ms(due), ms(now), ref}
	}
	res, err := tx.ExecContext(ctx, q, args...)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("follow-up %s is no longer held (sent or cancelled meanwhile)", ref)
	}
	data := map[string]any{"by": "review after the crisis pause"}
	if !due.IsZero() {
		data["due_at"] = due.UTC()
	}
	actor, ok := journal.ActorOf(ctx) // the person deciding, as crisis.Decide passes it
	if !ok {
		actor = journal.System
	}
	_, err = journal.Write(ctx, tx, now, actor, ref, kind, data)
	return err
}

// crisisHolds tells whether Crisis's review list holds this item undecided.
func (s *Store) crisisHolds(ctx context.Context, kind, gid string) (bool, error) {
	var n int
	err := s.read.QueryRowContext(ctx, "SELECT count(*) FROM pause_review WHERE kind = ? AND ref = ? AND decision = ''", kind, gid).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return n > 0, err
}

// viaCrisis takes a decision on an item Crisis holds through Crisis; handled is false
// when Crisis does not hold it.
func (s *Store) viaCrisis(ctx context.Context, it Item, decision string, at time.Time) (handled bool, err error) {
	kind := followUpKind
	if it.Kind == KindReply {
		kind = "outbox"
	}
	held, err := s.crisisHolds(ctx, kind, it.ID)
	if err != nil || !held {
		return false, err
	}
	if s.w == nil {
		return true, errReadOnly
	}
	return true, crisis.NewStore(s.w, crisis.Options{Agent: s.agent, Now: s.now}).Decide(ctx, kind, it.ID, decision, at)
}

// crisisAutoReply is the holding statement an open incident uses as the auto-reply.
func crisisAutoReply(ctx context.Context, s *Store) (crisis.Text, bool, error) {
	if s.w == nil {
		return crisis.Text{}, false, nil
	}
	t, ok, err := crisis.HoldingAutoReply(ctx, s.w)
	if ok && t.Lang == "" {
		t.Lang = "en"
	}
	return t, ok && t.Text != "", err
}
