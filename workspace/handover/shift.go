package handover

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/journal"
)

// DefaultShift is the window when nothing tells where the shift started.
const DefaultShift = 8 * time.Hour

// shiftGap is a pause long enough to end one shift and start the next.
const shiftGap = 4 * time.Hour

// ShiftStart guesses when the shift of the person named agent began: the first of their
// journal entries in the last day that is not separated from now by a pause of four hours
// or more. With no entries of theirs it is now minus DefaultShift.
func ShiftStart(ctx context.Context, db *sql.DB, agent string, now time.Time) (time.Time, error) {
	fallback := now.Add(-DefaultShift)
	var gid string
	err := db.QueryRowContext(ctx, "SELECT gid FROM staff WHERE name = ? COLLATE NOCASE", agent).Scan(&gid)
	if errors.Is(err, sql.ErrNoRows) || gid == "" {
		return fallback, nil
	}
	if err != nil {
		return fallback, err
	}
	entries, err := journal.List(ctx, db, journal.Filter{Actor: gid, Since: now.Add(-24 * time.Hour), Until: now, Newest: true})
	if err != nil || len(entries) == 0 {
		return fallback, err
	}
	if now.Sub(entries[0].At) >= shiftGap {
		return fallback, nil // their last shift is over; this one has no entries yet
	}
	start := entries[0].At
	for _, e := range entries[1:] {
		if start.Sub(e.At) >= shiftGap {
			break
		}
		start = e.At
	}
	// A few minutes before the first change: the mail that prompted it belongs in the note.
	return start.Add(-15 * time.Minute), nil
}

// StartOfShift is when the shift of the person named agent began: their shift on the
// schedule that covers now when there is one, else the journal's guess (ShiftStart).
func StartOfShift(ctx context.Context, w *workspace.Workspace, agent string, now time.Time) (time.Time, error) {
	if start, ok, err := ScheduledShiftStart(ctx, w, agent, now); err != nil || ok {
		return start, err
	}
	return ShiftStart(ctx, w.DB().Read(), agent, now)
}
