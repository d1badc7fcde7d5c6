package clientpkg

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/schedule"
)

func init() { Extras = append(Extras, scheduleICS) }

// scheduleICS is the schedule as an iCalendar file for the recipient's calendar: every
// holiday, and shifts, planned posts, scheduled replies and follow-ups (with their
// subjects: the package holds the conversations anyway) from a week back to three months
// ahead. A workspace with no schedule gets no file, rather than an empty calendar.
func scheduleICS(ctx context.Context, snap *workspace.Workspace, now time.Time) ([]ExtraFile, error) {
	st := schedule.Open(snap, schedule.Options{Now: func() time.Time { return now }})
	opt := schedule.ExportOptions{From: now.AddDate(0, 0, -7), To: now.AddDate(0, 3, 0), Replies: true, Details: true}
	if empty, err := scheduleEmpty(ctx, st, opt); err != nil || empty {
		return nil, err
	}
	var b bytes.Buffer
	if _, err := st.Export(ctx, &b, opt); err != nil {
		return nil, fmt.Errorf("schedule: %w", err)
	}
	return []ExtraFile{{Path: "schedule.ics", Data: b.Bytes()}}, nil
}

// scheduleEmpty tells whether Export would have no event to write (it refuses then).
func scheduleEmpty(ctx context.Context, st *schedule.Store, opt schedule.ExportOptions) (bool, error) {
	hols, err := st.Holidays(ctx)
	if err != nil || len(hols) > 0 {
		return false, err
	}
	entries, err := st.Agenda(ctx, opt.From, opt.To)
	if err != nil {
		return false, fmt.Errorf("schedule: %w", err)
	}
	for _, e := range entries {
		switch e.Kind {
		case schedule.EntryShift, schedule.EntryPost:
			return false, nil
		case schedule.EntryReply, schedule.EntryFollowUp:
			if e.State != schedule.Cancelled {
				return false, nil
			}
		}
	}
	return true, nil
}
