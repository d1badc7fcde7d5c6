package handover

import (
	"context"
	"fmt"
	"strings"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/schedule"
)

// onSchedule: what the schedule has for the next hours that the Inbox does not know of:
// who is on shift, posts going out, the schedule's follow-ups, days the brand is closed.
// Scheduled replies, snoozes and Inbox follow-ups are in "Promised" already.
func onSchedule(ctx context.Context, s *Source) (Section, error) {
	sec := Section{ID: "schedule", Title: fmt.Sprintf("On the schedule in the next %d hours", int(s.Horizon.Hours())),
		Empty: "Nothing is on the schedule."}
	st := schedule.Open(s.W, schedule.Options{Now: func() time.Time { return s.Now }})
	entries, err := st.Agenda(ctx, s.Now, s.Now.Add(s.Horizon))
	if err != nil {
		return sec, err
	}
	posts, follows := 0, 0
	for _, e := range entries {
		var text string
		switch e.Kind {
		case schedule.EntryShift:
			text = fmt.Sprintf("shift %s to %s: %s", s.when(e.Start), e.End.In(s.Loc).Format("15:04"), e.Title)
		case schedule.EntryHoliday:
			text = fmt.Sprintf("closed %s: %s", e.Start.In(s.Loc).Format("Mon 2 Jan"), e.Title)
		case schedule.EntryPost:
			posts++
			text = fmt.Sprintf("post %s (%s): %s", s.when(e.Start), e.State, e.Title)
		case schedule.EntryFollowUp:
			follows++
			title := e.Title
			if s.Redact {
				title = "a conversation"
			}
			text = fmt.Sprintf("follow-up %s (%s): %s", s.when(e.Start), e.State, title)
		default:
			continue // replies, snoozes, reopens: listed under Promised
		}
		sec.Items = append(sec.Items, Item{Text: text, Urgent: strings.Contains(e.State, "held")})
	}
	if posts+follows > 0 {
		sec.Summary = fmt.Sprintf("%s and %s scheduled", plural(posts, "post", "posts"), plural(follows, "follow-up", "follow-ups"))
	}
	return sec, nil
}

// ScheduledShiftStart is the start of agent's shift on the schedule that covers now, if
// there is one: the plan is better evidence than the journal's first change.
func ScheduledShiftStart(ctx context.Context, w *workspace.Workspace, agent string, now time.Time) (time.Time, bool, error) {
	spans, err := schedule.Open(w, schedule.Options{Now: func() time.Time { return now }}).ShiftsBetween(ctx, now.Add(-24*time.Hour), now)
	if err != nil || agent == "" {
		return time.Time{}, false, err
	}
	for _, sp := range spans {
		if strings.EqualFold(sp.Staff, agent) && !sp.Start.After(now) && sp.End.After(now) {
			return sp.Start, true, nil
		}
	}
	return time.Time{}, false, nil
}
