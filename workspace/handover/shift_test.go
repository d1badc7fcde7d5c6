package handover_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"switchboard/workspace/handover"
	"switchboard/workspace/handover/handovertest"
	"switchboard/workspace/journal"
	"switchboard/workspace/workspacetest"
)

// "The start of my shift" is my first change after the last pause of four hours or more.
func TestShiftStartsAtMyFirstChangeAfterABreak(t *testing.T) {
	ctx := context.Background()
	w := workspacetest.Open(t, workspacetest.Root(t), "Nordlys Coffee")
	now := time.Date(2026, 3, 3, 17, 0, 0, 0, time.UTC)
	const anna, erik = "0000000a-0000-4000-8000-000000000001", "0000000e-0000-4000-8000-000000000002"
	err := w.DB().Write(ctx, func(tx *sql.Tx) error {
		for _, st := range [][2]string{{"Anna Lind", anna}, {"Erik Dahl", erik}} {
			if _, err := tx.ExecContext(ctx, "INSERT INTO staff (name, created_at, gid) VALUES (?, 0, ?)", st[0], st[1]); err != nil {
				return err
			}
		}
		for _, e := range []struct {
			actor string
			at    time.Time
		}{
			{anna, now.Add(-20 * time.Hour)}, // yesterday's shift
			{anna, now.Add(-15 * time.Hour)},
			{erik, now.Add(-10 * time.Hour)}, // someone else's change does not start my shift
			{anna, now.Add(-7 * time.Hour)},  // today: starts here (8 h after yesterday's last)
			{anna, now.Add(-4*time.Hour + time.Minute)},
			{anna, now.Add(-30 * time.Minute)},
		} {
			if _, err := journal.Write(ctx, tx, e.at, e.actor, "c", "conversation.status", journal.Change{From: "new", To: "open"}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := handover.ShiftStart(ctx, w.DB().Read(), "anna lind", now)
	if want := now.Add(-7*time.Hour - 15*time.Minute); err != nil || !got.Equal(want) {
		t.Errorf("Anna's shift starts %v (%v), want %v: her first change today, less a quarter hour", got, err, want)
	}
	if got, _ := handover.ShiftStart(ctx, w.DB().Read(), "Erik Dahl", now); !got.Equal(now.Add(-handover.DefaultShift)) {
		t.Errorf("Erik, whose last change was ten hours ago, gets %v; want the default window", got)
	}
	if got, _ := handover.ShiftStart(ctx, w.DB().Read(), "Nobody Here", now); !got.Equal(now.Add(-handover.DefaultShift)) {
		t.Errorf("someone with no staff row gets %v; want the default window", got)
	}
}

// With a shift on the schedule covering now, the note starts where the shift does.
func TestShiftOnTheScheduleWins(t *testing.T) {
	ctx := context.Background()
	w := workspacetest.Open(t, workspacetest.Root(t), "Nordlys Coffee")
	handovertest.Seed(t, w) // Anna works Tuesdays 10:00-19:00 Stockholm
	got, err := handover.StartOfShift(ctx, w, "Anna Lind", handovertest.Now)
	if want := time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC); err != nil || !got.Equal(want) {
		t.Errorf("Anna's shift starts %v (%v), want %v from the schedule", got, err, want)
	}
	got, err = handover.StartOfShift(ctx, w, "Erik Dahl", handovertest.Now) // his shift is tomorrow
	if err != nil || got.Equal(time.Date(2026, 3, 4, 7, 0, 0, 0, time.UTC)) {
		t.Errorf("Erik, off today, gets %v (%v)", got, err)
	}
}
