package schedule

import (
	"context"
	"fmt"
	"sort"
	"time"
)

// Entry kinds of the agenda.
const (
	EntryShift    = "shift"
	EntryHoliday  = "holiday"
	EntryPost     = "post"
	EntryReply    = KindReply
	EntryFollowUp = KindFollowUp
	EntrySnooze   = "snooze" // a snoozed conversation comes back
	EntryReopen   = "reopen" // a resolved conversation's Inbox follow-up reopens it
)

// Entry is one line of the agenda. Ref is what it belongs to: a conversation's global id
// (replies, follow-ups, snoozes), a post's or a shift's id.
type Entry struct {
	Kind   string    `json:"kind"`
	Start  time.Time `json:"start"`
	End    time.Time `json:"end,omitzero"`
	AllDay bool      `json:"all_day,omitempty"`
	Title  string    `json:"title"`
	State  string    `json:"state,omitempty"`
	Ref    string    `json:"ref,omitempty"`
	ID     string    `json:"id,omitempty"` // the item's own id (scheduled items, posts)
}

// Agenda lists what happens in [from, to): shifts, holidays, planned posts, scheduled
// replies and follow-ups, snoozes and Inbox follow-ups coming due; earliest first,
// all-day entries first on their day.
func (s *Store) Agenda(ctx context.Context, from, to time.Time) ([]Entry, error) {
	loc := s.Loc()
	var out []Entry
	shifts, err := s.ShiftsBetween(ctx, from, to.Add(-time.Nanosecond))
	if err != nil {
		return nil, err
	}
	hols, err := s.Holidays(ctx)
	if err != nil {
		return nil, err
	}
	closed := map[string]string{}
	for _, h := range hols {
		closed[h.Day] = h.Name
		day, _ := time.ParseInLocation(time.DateOnly, h.Day, loc)
		if !day.Before(dayStart(from, loc)) && day.Before(to) {
			out = append(out, Entry{Kind: EntryHoliday, Start: day, AllDay: true, Title: h.Name, ID: h.GID})
		}
	}
	for _, sp := range shifts {
		if _, ok := closed[dayOf(sp.Start, loc).String()]; ok {
			continue // nobody covers a closed day
		}
		if sp.End.After(from) && sp.Start.Before(to) {
			out = append(out, Entry{Kind: EntryShift, Start: sp.Start, End: sp.End, Title: sp.Staff, Ref: sp.Shift})
		}
	}
	posts, err := s.Posts(ctx, from, to)
	if err != nil {
		return nil, err
	}
	for _, p := range posts {
		out = append(out, Entry{Kind: EntryPost, Start: p.At, Title: p.Channel + ": " + firstLine(p.Text), State: p.Status, ID: p.ID})
	}
	items, err := s.Items(ctx, Filter{All: true, From: from, To: to})
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		title := it.Subject
		if it.Kind == KindFollowUp && it.Step > 0 {
			title = fmt.Sprintf("%s (step %d)", it.Subject, it.Step)
		}
		out = append(out, Entry{Kind: it.Kind, Start: it.Due, Title: title, State: it.State, Ref: it.Conversation, ID: it.ID})
	}
	rows, err := s.read.QueryContext(ctx, `SELECT gid, subject, snooze_until, follow_up_at FROM conversations
		WHERE (snooze_until >= ?1 AND snooze_until < ?2) OR (follow_up_at >= ?1 AND follow_up_at < ?2)`, ms(from), ms(to))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var gid, subj string
		var snooze, follow int64
		if err := rows.Scan(&gid, &subj, &snooze, &follow); err != nil {
			return nil, err
		}
		if snooze > 0 {
			out = append(out, Entry{Kind: EntrySnooze, Start: fromMs(snooze), Title: subj, Ref: gid})
		}
		if follow > 0 {
			out = append(out, Entry{Kind: EntryReopen, Start: fromMs(follow), Title: subj, Ref: gid})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].AllDay != out[j].AllDay && dayOf(out[i].Start, loc) == dayOf(out[j].Start, loc) {
			return out[i].AllDay
		}
		return out[i].Start.Before(out[j].Start)
	})
	return out, nil
}

// DayStart is local midnight of t's day in loc (the first instant of the day where a DST
// jump skips midnight).
func dayStart(t time.Time, loc *time.Location) time.Time {
	return dayOf(t, loc).at(0, loc)
}

// Day is the span of t's day in the workspace's zone.
func (s *Store) Day(t time.Time) (time.Time, time.Time) {
	c := dayOf(t, s.Loc())
	return c.at(0, s.Loc()), c.add(1).at(0, s.Loc())
}

// Week is the span of t's week (Monday to Monday) in the workspace's zone.
func (s *Store) Week(t time.Time) (time.Time, time.Time) {
	return WeekOf(t, s.Loc())
}

// WeekOf is the span of t's week, Monday to Monday, in loc.
func WeekOf(t time.Time, loc *time.Location) (time.Time, time.Time) {
	c := dayOf(t, loc)
	back := (int(c.weekday()) + 6) % 7
	mon := c.add(-back)
	return mon.at(0, loc), mon.add(7).at(0, loc)
}

func firstLine(s string) string {
	for i, r := range s {
		if r == '\n' {
			return s[:i]
		}
	}
	return s
}
