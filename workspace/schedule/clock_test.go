package schedule_test

import (
	"testing"
	"time"

	"switchboard/workspace/schedule"
)

func TestHoursReadAndWrittenAsPeopleWriteThem(t *testing.T) {
	h := mustHours(t, "mon-fri 09:00-12:00,13:00-17:00; sat 10:00-14:00")
	if got := len(h[time.Monday]); got != 2 {
		t.Fatalf("Monday has %d intervals, want the split shift's 2", got)
	}
	if h[time.Sunday] != nil {
		t.Errorf("Sunday is open: %v", h[time.Sunday])
	}
	if got, want := h.String(), "mon-fri 09:00-12:00,13:00-17:00; sat 10:00-14:00"; got != want {
		t.Errorf("written back as %q, want %q", got, want)
	}
	for _, bad := range []string{"mon 09:00-08:00", "mon 09:00-12:00,11:00-13:00", "funday 09:00-10:00", "mon 9-25:00"} {
		if _, err := schedule.ParseHours(bad); err == nil {
			t.Errorf("%q was accepted", bad)
		}
	}
}

func TestOverdueCountsOnlyBusinessHours(t *testing.T) {
	loc := stockholm(t)
	cv := schedule.Coverage{Loc: loc, Hours: mustHours(t, "mon-fri 09:00-17:00")}
	friday := time.Date(2026, 11, 27, 16, 30, 0, 0, loc)
	// Four business hours after Friday 16:30 is Monday 12:30: half an hour on Friday,
	// three and a half on Monday.
	mondayNoon := time.Date(2026, 11, 30, 12, 30, 0, 0, loc)
	if got := cv.Elapsed(friday, mondayNoon); got != 4*time.Hour {
		t.Errorf("elapsed Friday 16:30 to Monday 12:30 = %v, want 4h", got)
	}
	cut := cv.OverdueBefore(mondayNoon.Add(time.Minute), 4*time.Hour)
	if !cut.After(friday) || cut.After(friday.Add(2*time.Minute)) {
		t.Errorf("Monday 12:31: cutoff %v, want just after Friday 16:30 so that message is overdue", cut.In(loc))
	}
	if cut := cv.OverdueBefore(mondayNoon.Add(-time.Minute), 4*time.Hour); !cut.Before(friday) {
		t.Errorf("Monday 12:29: cutoff %v is after Friday 16:30: overdue too early", cut.In(loc))
	}
}

func TestClockAcrossDST(t *testing.T) {
	loc := stockholm(t)
	night := schedule.Coverage{Loc: loc, Hours: mustHours(t, "sun 01:00-04:00")}
	spring := time.Date(2026, 3, 29, 0, 0, 0, 0, loc) // 02:00 -> 03:00
	if got := night.Elapsed(spring, spring.Add(24*time.Hour)); got != 2*time.Hour {
		t.Errorf("Stockholm, spring forward: 01:00-04:00 lasts %v, want 2h", got)
	}
	autumn := time.Date(2026, 10, 25, 0, 0, 0, 0, loc) // 03:00 -> 02:00
	if got := night.Elapsed(autumn, autumn.Add(26*time.Hour)); got != 4*time.Hour {
		t.Errorf("Stockholm, fall back: 01:00-04:00 lasts %v, want 4h", got)
	}

	// São Paulo's clocks jumped at midnight (2018-11-04 00:00 -> 01:00): that Sunday has
	// no midnight, and Monday's 09:00 is still 09:00.
	sp, err := time.LoadLocation("America/Sao_Paulo")
	if err != nil {
		t.Fatal(err)
	}
	weekdays := schedule.Coverage{Loc: sp, Hours: mustHours(t, "mon-fri 09:00-17:00; sun 00:00-12:00")}
	sat := time.Date(2018, 11, 3, 20, 0, 0, 0, sp)
	next, ok := weekdays.NextOpening(sat)
	want := time.Date(2018, 11, 4, 1, 0, 0, 0, sp) // the first instant of that Sunday
	if !ok || !next.Equal(want) {
		t.Errorf("São Paulo: next opening after Saturday evening = %v, want %v", next, want)
	}
	if got := weekdays.Elapsed(sat, time.Date(2018, 11, 4, 13, 0, 0, 0, sp)); got != 11*time.Hour {
		t.Errorf("São Paulo: the short Sunday's 00:00-12:00 counts %v, want 11h", got)
	}
	mon, _ := weekdays.NextOpening(time.Date(2018, 11, 4, 12, 0, 0, 0, sp))
	if h, m, _ := mon.In(sp).Clock(); h != 9 || m != 0 || mon.In(sp).Weekday() != time.Monday {
		t.Errorf("São Paulo: Monday opens at %v", mon.In(sp))
	}

	// A holiday on the DST day is closed all of it, and the clock resumes on Monday.
	hol := schedule.Coverage{Loc: loc, Hours: mustHours(t, "mon-sun 10:00-14:00"), Holidays: map[string]string{"2026-03-29": "Påskdagen"}}
	next, _ = hol.NextOpening(time.Date(2026, 3, 28, 15, 0, 0, 0, loc))
	if want := time.Date(2026, 3, 30, 10, 0, 0, 0, loc); !next.Equal(want) {
		t.Errorf("holiday on the DST day: next opening %v, want %v", next.In(loc), want)
	}
	if hol.Open(time.Date(2026, 3, 29, 11, 0, 0, 0, loc)) {
		t.Error("open at 11:00 on a holiday")
	}
	if got := hol.Elapsed(time.Date(2026, 3, 28, 13, 0, 0, 0, loc), time.Date(2026, 3, 30, 11, 0, 0, 0, loc)); got != 2*time.Hour {
		t.Errorf("Saturday 13:00 to Monday 11:00 over the holiday counts %v, want 2h", got)
	}
}

func TestNoHoursMeansTheWallClock(t *testing.T) {
	cv := schedule.Coverage{Loc: time.UTC}
	now := time.Date(2026, 1, 1, 3, 0, 0, 0, time.UTC)
	if !cv.Open(now) || cv.Elapsed(now.Add(-5*time.Hour), now) != 5*time.Hour {
		t.Error("with no hours set every hour should count")
	}
}

func TestNextOpenInTheBrandsLanguage(t *testing.T) {
	loc := stockholm(t)
	mon := time.Date(2026, 11, 30, 9, 0, 0, 0, loc)
	for lang, want := range map[string]string{
		"en": "Monday 30 November at 09:00 (CET)",
		"sv": "måndag 30 november kl. 09:00 (CET)",
		"cs": "v pondělí 30. listopadu v 9:00 (CET)",
		"es": "el lunes 30 de noviembre a las 9:00 (CET)",
		"pt": "segunda-feira, 30 de novembro, às 9h00 (CET)",
		"ru": "в понедельник, 30 ноября, в 9:00 (CET)",
	} {
		if got := schedule.NextOpenText(mon, loc, lang); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
}
