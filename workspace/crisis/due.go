package crisis

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"switchboard/workspace/journal"
)

// DueItem is scheduled work that fell due while the workspace was paused.
type DueItem struct {
	Kind   string    `json:"kind"` // the lister's Kind
	Ref    string    `json:"ref"`  // the item's global id
	DueAt  time.Time `json:"due_at"`
	Title  string    `json:"title"`  // what it is: "Reply to Anna: Re: Where is my order"
	Detail string    `json:"detail"` // the first words of what would be sent
}

// DueLister is one kind of scheduled work a pause holds. The outbox's scheduled replies
// are one; workspace/schedule registers its follow-ups and planned posts with
// RegisterDueLister. Every method runs inside the crisis store's transaction, which also
// journals the decision.
type DueLister interface {
	Kind() string
	// FellDue lists items that were due in [since, until) and were held by the pause.
	FellDue(ctx context.Context, tx *sql.Tx, since, until time.Time) ([]DueItem, error)
	// Describe says what one held item is (Title, Detail) for the review list.
	Describe(ctx context.Context, tx *sql.Tx, ref string) (DueItem, error)
	// Send lets the item go at the next round, Reschedule moves it to at, Cancel keeps it
	// unsent for good.
	Send(ctx context.Context, tx *sql.Tx, ref string, now time.Time) error
	Reschedule(ctx context.Context, tx *sql.Tx, ref string, at, now time.Time) error
	Cancel(ctx context.Context, tx *sql.Tx, ref string, now time.Time) error
}

var (
	listersMu sync.Mutex
	listers   = []DueLister{outboxDue{}}
)

// RegisterDueLister adds a kind of scheduled work to what resuming lists for review.
func RegisterDueLister(l DueLister) {
	listersMu.Lock()
	defer listersMu.Unlock()
	for _, old := range listers {
		if old.Kind() == l.Kind() {
			return
		}
	}
	listers = append(listers, l)
}

func dueListers() []DueLister {
	listersMu.Lock()
	defer listersMu.Unlock()
	return append([]DueLister(nil), listers...)
}

func listerOf(kind string) (DueLister, error) {
	for _, l := range dueListers() {
		if l.Kind() == kind {
			return l, nil
		}
	}
	return nil, fmt.Errorf("no scheduled work of kind %q is known", kind)
}

// Due lists what fell due during the workspace's incidents and still waits for a decision.
func (s *Store) Due(ctx context.Context) ([]DueItem, error) {
	var out []DueItem
	err := s.w.DB().Write(ctx, func(tx *sql.Tx) error { // a read, in one snapshot with the listers' reads
		rows, err := tx.QueryContext(ctx, "SELECT kind, ref, due_at FROM pause_review WHERE decision = '' ORDER BY due_at, ref")
		if err != nil {
			return err
		}
		var held []DueItem
		for rows.Next() {
			var it DueItem
			var due int64
			if err := rows.Scan(&it.Kind, &it.Ref, &due); err != nil {
				rows.Close()
				return err
			}
			it.DueAt = fromMs(due)
			held = append(held, it)
		}
		rows.Close()
		for _, it := range held {
			l, err := listerOf(it.Kind)
			if err != nil {
				return err
			}
			d, err := l.Describe(ctx, tx, it.Ref)
			if err != nil {
				return err
			}
			it.Title, it.Detail = d.Title, d.Detail
			out = append(out, it)
		}
		return nil
	})
	if out == nil {
		out = []DueItem{}
	}
	return out, err
}

// Decisions on held work.
const (
	DecideSend       = "send"
	DecideReschedule = "reschedule"
	DecideCancel     = "cancel"
)

// Decide sends, reschedules (to at) or cancels one held item.
func (s *Store) Decide(ctx context.Context, kind, ref, decision string, at time.Time) error {
	l, err := listerOf(kind)
	if err != nil {
		return err
	}
	actor, err := s.actor(ctx)
	if err != nil {
		return err
	}
	now := s.now().UTC().Truncate(time.Millisecond)
	if decision == DecideReschedule && !at.After(now) {
		return errors.New("reschedule to a time in the future")
	}
	return s.w.DB().Write(ctx, func(tx *sql.Tx) error {
		var incident string
		err := tx.QueryRowContext(ctx, "SELECT incident FROM pause_review WHERE kind = ? AND ref = ? AND decision = ''", kind, ref).Scan(&incident)
		if isNotFound(err) {
			return fmt.Errorf("%w: nothing held for review as %s %s", ErrNotFound, kind, ref)
		}
		if err != nil {
			return err
		}
		// The lister journals what became of its item, signed by the person deciding.
		byPerson := journal.As(ctx, actor)
		switch decision {
		case DecideSend:
			err = l.Send(byPerson, tx, ref, now)
		case DecideReschedule:
			err = l.Reschedule(byPerson, tx, ref, at, now)
		case DecideCancel:
			err = l.Cancel(byPerson, tx, ref, now)
		default:
			err = fmt.Errorf("%q is not a decision: send, reschedule or cancel", decision)
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE pause_review SET decision = ?, decided_at = ?, decided_by = ?
			WHERE kind = ? AND ref = ? AND decision = ''`, decision, ms(now), actor, kind, ref); err != nil {
			return err
		}
		data := map[string]any{"kind": kind, "ref": ref, "decision": decision}
		if decision == DecideReschedule {
			data["at"] = at.UTC()
		}
		_, err = journal.Write(ctx, tx, now, actor, incident, "incident.due", data)
		return err
	})
}

// outboxDue is the Inbox's "send later" replies (outbox rows queued for a time more than a
// minute after they were written): the ones the sender holds while paused.
type outboxDue struct{}

func (outboxDue) Kind() string { return "outbox" }

func (outboxDue) FellDue(ctx context.Context, tx *sql.Tx, since, until time.Time) ([]DueItem, error) {
	rows, err := tx.QueryContext(ctx, `SELECT gid, send_at FROM outbox WHERE state = 'queued' AND send_at > created_at + 60000
		AND send_at >= ? AND send_at < ? ORDER BY send_at, id`, ms(since), ms(until))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []DueItem
	for rows.Next() {
		var it DueItem
		var at int64
		if err := rows.Scan(&it.Ref, &at); err != nil {
			return nil, err
		}
		it.Kind, it.DueAt = "outbox", fromMs(at)
		out = append(out, it)
	}
	return out, rows.Err()
}

func (outboxDue) Describe(ctx context.Context, tx *sql.Tx, ref string) (DueItem, error) {
	var it DueItem
	var to, subject, body, state string
	var at int64
	err := tx.QueryRowContext(ctx, "SELECT to_addrs, subject, body, state, send_at FROM outbox WHERE gid = ?", ref).
		Scan(&to, &subject, &body, &state, &at)
	if err != nil {
		return it, fmt.Errorf("scheduled reply %s: %w", ref, err)
	}
	it.Kind, it.Ref, it.DueAt = "outbox", ref, fromMs(at)
	it.Title = fmt.Sprintf("Scheduled reply (%s): %s", state, subject)
	it.Detail = firstWords(body, 20)
	return it, nil
}

func (outboxDue) Send(ctx context.Context, tx *sql.Tx, ref string, now time.Time) error {
	return outboxUpdate(ctx, tx, ref, now, "outbox.released", journal.Change{To: now.UTC().Format(time.RFC3339)},
		"UPDATE outbox SET next_attempt_at = ?, updated_at = ? WHERE gid = ? AND state = 'queued'", ms(now), ms(now), ref)
}

func (outboxDue) Reschedule(ctx context.Context, tx *sql.Tx, ref string, at, now time.Time) error {
	return outboxUpdate(ctx, tx, ref, now, "outbox.rescheduled", journal.Change{To: at.UTC().Format(time.RFC3339)},
		"UPDATE outbox SET send_at = ?, next_attempt_at = ?, updated_at = ? WHERE gid = ? AND state = 'queued'", ms(at), ms(at), ms(now), ref)
}

func (outboxDue) Cancel(ctx context.Context, tx *sql.Tx, ref string, now time.Time) error {
	return outboxUpdate(ctx, tx, ref, now, "outbox.cancelled", journal.Change{From: "queued", To: "cancelled"},
		"UPDATE outbox SET state = 'cancelled', updated_at = ? WHERE gid = ? AND state = 'queued'", ms(now), ref)
}

// outboxUpdate applies a review decision to a held reply and journals it on the reply, so
// the outbox's own history (and a replay) sees the change, not only the incident's.
func outboxUpdate(ctx context.Context, tx *sql.Tx, ref string, now time.Time, kind string, data any, query string, args ...any) error {
	res, err := tx.ExecContext(ctx, query, args...)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("the scheduled reply %s is no longer queued (sent or cancelled from the outbox meanwhile)", ref)
	}
	actor, ok := journal.ActorOf(ctx)
	if !ok {
		actor = journal.System
	}
	_, err = journal.Write(ctx, tx, now, actor, ref, kind, data)
	return err
}

func firstWords(s string, n int) string {
	words := []rune{}
	count := 0
	for _, r := range s {
		if r == '\n' {
			r = ' '
		}
		if r == ' ' {
			count++
			if count >= n {
				return string(words) + " …"
			}
		}
		words = append(words, r)
	}
	return string(words)
}
