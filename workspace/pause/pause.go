// Package pause is the one switch that holds a workspace's outgoing scheduled work: while
// a crisis incident is active, scheduled replies, follow-ups, auto-replies and planned
// posts of that workspace (and no other) wait. Crisis sets and clears it; Schedule and the
// runner read it before sending anything on their own. Both journal their side.
package pause

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Hold is an active pause.
type Hold struct {
	Reason   string    // what the person who started it typed
	Incident string    // the incident's global id ("" for a pause by hand)
	Since    time.Time // when it started
}

// Querier is the database or a transaction.
type Querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Active says whether the workspace's scheduled work is held, and why.
func Active(ctx context.Context, q Querier) (Hold, bool, error) {
	var h Hold
	var since int64
	err := q.QueryRowContext(ctx, "SELECT reason, incident, since FROM pause WHERE id = 1").Scan(&h.Reason, &h.Incident, &since)
	if errors.Is(err, sql.ErrNoRows) {
		return Hold{}, false, nil
	}
	if err != nil {
		return Hold{}, false, err
	}
	h.Since = time.UnixMilli(since).UTC()
	return h, true, nil
}

// Execer is a transaction.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Start holds the workspace's scheduled work (replacing an earlier hold's reason).
func Start(ctx context.Context, tx Execer, h Hold) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO pause (id, reason, incident, since) VALUES (1, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET reason = excluded.reason, incident = excluded.incident`,
		h.Reason, h.Incident, h.Since.UnixMilli())
	return err
}

// End lets scheduled work run again. What fell due meanwhile is not sent by this: the
// resuming side lists it for review (send, reschedule or cancel).
func End(ctx context.Context, tx Execer) error {
	_, err := tx.ExecContext(ctx, "DELETE FROM pause WHERE id = 1")
	return err
}
