package schedule_test

import (
	"bytes"
	"context"
	"sort"
	"strings"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"

	"switchboard/workspace/schedule"
)

func TestCalendarExportParsesBackWithTheSameEvents(t *testing.T) {
	loc := stockholm(t)
	f := newFixture(t, time.Date(2026, 12, 1, 8, 0, 0, 0, loc))
	ctx := context.Background()
	if _, err := f.sched.AddHoliday(ctx, "2026-12-24", "Julafton"); err != nil {
		t.Fatal(err)
	}
	anna, err := f.sched.AddShift(ctx, schedule.Shift{Staff: "Anna", Weekday: time.Monday, Interval: schedule.Interval{Start: 9 * 60, End: 13 * 60}})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.sched.SetException(ctx, anna.GID, "2026-12-14", "Erik"); err != nil {
		t.Fatal(err)
	}
	post, err := f.sched.AddPost(ctx, schedule.Post{At: time.Date(2026, 12, 3, 10, 0, 0, 0, loc), Channel: "Instagram", Text: "Julblend is back"})
	if err != nil {
		t.Fatal(err)
	}
	conv := f.deliver("asa@example.se", "Order 1042 for Åsa", f.clock.now())
	if _, err := f.sched.ScheduleReply(ctx, conv, "On its way", time.Date(2026, 12, 7, 9, 0, 0, 0, loc)); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	n, err := f.sched.Export(ctx, &buf, schedule.ExportOptions{From: f.clock.now(), To: f.clock.now().AddDate(0, 0, 21), Replies: true})
	if err != nil {
		t.Fatal(err)
	}
	cal, err := ical.NewDecoder(&buf).Decode()
	if err != nil {
		t.Fatalf("the exported file does not parse: %v", err)
	}
	type ev struct{ summary, start string }
	var got []ev
	for _, e := range cal.Events() {
		s, _ := e.Props.Text(ical.PropSummary)
		st, err := e.DateTimeStart(loc)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, ev{s, st.In(loc).Format("2006-01-02 15:04")})
	}
	sort.Slice(got, func(i, j int) bool { return got[i].start+got[i].summary < got[j].start+got[j].summary })
	want := []ev{
		{"Post (draft) Instagram: Julblend is back", "2026-12-03 10:00"},
		{"Scheduled reply", "2026-12-07 09:00"},
		{"Shift: Anna", "2026-12-07 09:00"},
		{"Shift: Erik", "2026-12-14 09:00"},
		{"Shift: Anna", "2026-12-21 09:00"},
		{"Closed: Julafton", "2026-12-24 00:00"},
	}
	if len(got) != n || len(got) != len(want) {
		t.Fatalf("%d events written, %d read back: %v", n, len(got), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("event %d: %v, want %v", i, got[i], want[i])
		}
	}
	if strings.Contains(buf.String(), "Åsa") || strings.Contains(buf.String(), "asa@example.se") {
		t.Error("customer details in a calendar exported without them")
	}
	_ = post

	// The holiday file imports back as a holiday.
	var out bytes.Buffer
	f.sched.Export(ctx, &out, schedule.ExportOptions{From: f.clock.now(), To: f.clock.now()})
	g := newFixture(t, f.clock.now())
	if n, err := g.sched.ImportHolidays(ctx, &out); err != nil || n != 1 {
		t.Fatalf("imported %d holidays: %v", n, err)
	}
	hs, _ := g.sched.Holidays(ctx)
	if len(hs) != 1 || hs[0].Day != "2026-12-24" || hs[0].Name != "Julafton" {
		t.Errorf("imported %+v", hs)
	}
}
