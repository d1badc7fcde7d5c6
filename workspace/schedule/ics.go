package schedule

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	ical "github.com/emersion/go-ical"
)

// ExportOptions choose what goes into the calendar file.
type ExportOptions struct {
	From, To time.Time // shifts are written as one event per occurrence in this span
	Replies  bool      // also scheduled replies and follow-ups
	Details  bool      // with the customer's address and the subject in their titles
}

// Export writes shifts, holidays and planned posts (and, when asked, scheduled replies
// and follow-ups) as an iCalendar file. Shifts are written occurrence by occurrence in
// UTC rather than as a weekly RRULE: exceptions and DST then need no VTIMEZONE, which
// Outlook and Google read differently. Replies are titled without customer details
// unless Details. It returns how many events were written.
func (s *Store) Export(ctx context.Context, w io.Writer, opt ExportOptions) (int, error) {
	entries, err := s.Agenda(ctx, opt.From, opt.To)
	if err != nil {
		return 0, err
	}
	holidays, err := s.Holidays(ctx)
	if err != nil {
		return 0, err
	}
	cal := ical.NewCalendar()
	cal.Props.SetText(ical.PropVersion, "2.0")
	cal.Props.SetText(ical.PropProductID, "-//Switchboard//Schedule//EN")
	cal.Props.SetText("X-WR-CALNAME", s.info.Name)
	stamp := s.now().UTC()
	n := 0
	add := func(uid, summary string, start, end time.Time, allDay bool, desc string) {
		ev := ical.NewEvent()
		ev.Props.SetText(ical.PropUID, uid)
		ev.Props.SetDateTime(ical.PropDateTimeStamp, stamp)
		ev.Props.SetText(ical.PropSummary, summary)
		if allDay {
			ev.Props.SetDate(ical.PropDateTimeStart, start)
			ev.Props.SetDate(ical.PropDateTimeEnd, start.AddDate(0, 0, 1))
		} else {
			ev.Props.SetDateTime(ical.PropDateTimeStart, start.UTC())
			ev.Props.SetDateTime(ical.PropDateTimeEnd, end.UTC())
		}
		if desc != "" {
			ev.Props.SetText(ical.PropDescription, desc)
		}
		cal.Children = append(cal.Children, ev.Component)
		n++
	}
	// Every holiday, not only those in the span: a calendar of closed days is useful whole.
	for _, h := range holidays {
		day, _ := time.Parse(time.DateOnly, h.Day)
		add(h.GID+"@switchboard", closedPrefix+h.Name, day, time.Time{}, true, "")
	}
	for _, e := range entries {
		switch e.Kind {
		case EntryShift:
			add(fmt.Sprintf("%s-%s@switchboard", e.Ref, e.Start.UTC().Format("20060102")), "Shift: "+e.Title, e.Start, e.End, false, "")
		case EntryPost:
			add(e.ID+"@switchboard", fmt.Sprintf("Post (%s) %s", e.State, e.Title), e.Start, e.Start.Add(15*time.Minute), false, "")
		case EntryReply, EntryFollowUp:
			if !opt.Replies || e.State == Cancelled {
				continue
			}
			title := "Scheduled reply"
			if e.Kind == EntryFollowUp {
				title = "Follow-up"
			}
			if opt.Details {
				title += ": " + e.Title
			}
			add(e.ID+"@switchboard", title, e.Start, e.Start.Add(5*time.Minute), false, "")
		}
	}
	return n, ical.NewEncoder(w).Encode(cal)
}

const closedPrefix = "Closed: "

// ImportHolidays reads the all-day events of an .ics file as holidays (each day of a
// multi-day event); timed events are not closures and are skipped. It returns how many
// days were added.
func (s *Store) ImportHolidays(ctx context.Context, r io.Reader) (int, error) {
	cal, err := ical.NewDecoder(r).Decode()
	if err != nil {
		return 0, fmt.Errorf("reading the calendar file: %w", err)
	}
	n := 0
	for _, ev := range cal.Events() {
		start := ev.Props.Get(ical.PropDateTimeStart)
		if start == nil || start.ValueType() != ical.ValueDate {
			continue
		}
		from, err := start.DateTime(time.UTC)
		if err != nil {
			return n, fmt.Errorf("an event's start: %w", err)
		}
		to := from.AddDate(0, 0, 1)
		if end, err := ev.DateTimeEnd(time.UTC); err == nil && end.After(from) {
			to = end
		}
		name, _ := ev.Props.Text(ical.PropSummary)
		name = strings.TrimPrefix(strings.TrimSpace(name), closedPrefix) // our own export
		for d := from; d.Before(to); d = d.AddDate(0, 0, 1) {
			if _, err := s.AddHoliday(ctx, d.Format(time.DateOnly), strings.TrimSpace(name)); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}
