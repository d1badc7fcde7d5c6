package schedule

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Interval is a span of one local day, in minutes after local midnight: 09:00-12:30 is
// {540, 750}. End 1440 is the end of the day.
type Interval struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

func (iv Interval) String() string { return clockText(iv.Start) + "-" + clockText(iv.End) }

func clockText(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }

// Hours are the business hours of each weekday (time.Sunday .. time.Saturday), several
// intervals a day for split shifts, sorted and not overlapping.
type Hours [7][]Interval

// Empty tells whether no hours are set at all.
func (h Hours) Empty() bool {
	for _, d := range h {
		if len(d) > 0 {
			return false
		}
	}
	return true
}

// Coverage is when the brand answers: business hours in the workspace's zone, minus
// holidays. It is the business-hours clock of the response target and of Overdue:
//
// The rule (also in the README): the clock of a customer's message starts when it
// arrives (the time the Inbox counts it unanswered from) and runs only inside business
// hours, never on a holiday. It stops at the first reply a person sends in that
// conversation: a message that went out from the outbox to the customer. Internal notes,
// status changes, labels and out-of-hours auto-replies are not replies. A conversation is
// Overdue when its clock has run longer than the response target (default 4 hours), so a
// message arriving Friday 16:30 with hours 09:00-17:00 and a 4-hour target becomes
// Overdue on Monday at 12:30, not on Friday at 20:30. With no business hours set, the
// clock is the wall clock (every hour counts).
type Coverage struct {
	Loc      *time.Location
	Hours    Hours
	Holidays map[string]string // "2026-12-24" -> name
}

// civil is a calendar day in the coverage's zone.
type civil struct {
	y int
	m time.Month
	d int
}

func dayOf(t time.Time, loc *time.Location) civil {
	y, m, d := t.In(loc).Date()
	return civil{y, m, d}
}

func (c civil) String() string { return fmt.Sprintf("%04d-%02d-%02d", c.y, c.m, c.d) }

// add moves by whole days through the calendar, never by 24 hours, so a day of 23 or 25
// hours (DST) is still one day.
func (c civil) add(n int) civil {
	t := time.Date(c.y, c.m, c.d+n, 12, 0, 0, 0, time.UTC)
	return civil{t.Year(), t.Month(), t.Day()}
}

func (c civil) weekday() time.Weekday {
	return time.Date(c.y, c.m, c.d, 12, 0, 0, 0, time.UTC).Weekday()
}

// at is the instant of minute m of day c in loc. Where a DST jump skips that minute Go
// moves it forward by the jump, so an interval that starts inside the gap opens when the
// clocks show it again.
func (c civil) at(m int, loc *time.Location) time.Time {
	t := time.Date(c.y, c.m, c.d, 0, m, 0, 0, loc)
	wall := time.Date(c.y, c.m, c.d, 0, m, 0, 0, time.UTC)
	got := t.In(loc)
	if got.Year() == wall.Year() && got.YearDay() == wall.YearDay() && got.Hour() == wall.Hour() && got.Minute() == wall.Minute() {
		return t
	}
	// The minute falls in a gap (Go then may pick either offset, even the day before, as
	// São Paulo's midnight jump shows): read it with the offset in force before the gap.
	_, before := t.Add(-12 * time.Hour).Zone()
	return wall.Add(-time.Duration(before) * time.Second).In(loc)
}

func (cv Coverage) loc() *time.Location {
	if cv.Loc == nil {
		return time.UTC
	}
	return cv.Loc
}

// Defined tells whether any business hours are set.
func (cv Coverage) Defined() bool { return !cv.Hours.Empty() }

// Holiday returns the holiday's name and true when day (in the zone) is one.
func (cv Coverage) Holiday(t time.Time) (string, bool) {
	name, ok := cv.Holidays[dayOf(t, cv.loc()).String()]
	return name, ok
}

// periods are the open spans of one day, as instants.
func (cv Coverage) periods(c civil) [][2]time.Time {
	if _, closed := cv.Holidays[c.String()]; closed {
		return nil
	}
	var out [][2]time.Time
	for _, iv := range cv.Hours[c.weekday()] {
		s, e := c.at(iv.Start, cv.loc()), c.at(iv.End, cv.loc())
		if e.After(s) {
			out = append(out, [2]time.Time{s, e})
		}
	}
	return out
}

// searchDays bounds every walk through the calendar: a year of holidays is closed.
const searchDays = 400

// Open tells whether t is inside business hours. With no hours set it is always open.
func (cv Coverage) Open(t time.Time) bool {
	if !cv.Defined() {
		return true
	}
	for _, p := range cv.periods(dayOf(t, cv.loc())) {
		if !t.Before(p[0]) && t.Before(p[1]) {
			return true
		}
	}
	return false
}

// NextOpening is t when open, else the start of the next open span; false when nothing
// opens within a year (every day a holiday, or no hours at all).
func (cv Coverage) NextOpening(t time.Time) (time.Time, bool) {
	if !cv.Defined() {
		return t, false
	}
	c := dayOf(t, cv.loc())
	for i := 0; i < searchDays; i++ {
		for _, p := range cv.periods(c.add(i)) {
			if !t.Before(p[0]) && t.Before(p[1]) {
				return t, true
			}
			if p[0].After(t) {
				return p[0], true
			}
		}
	}
	return time.Time{}, false
}

// Elapsed is the business time between from and to.
func (cv Coverage) Elapsed(from, to time.Time) time.Duration {
	if !to.After(from) {
		return 0
	}
	if !cv.Defined() {
		return to.Sub(from)
	}
	var sum time.Duration
	last := dayOf(to, cv.loc())
	for c := dayOf(from, cv.loc()); ; c = c.add(1) {
		for _, p := range cv.periods(c) {
			s, e := later(p[0], from), earlier(p[1], to)
			if e.After(s) {
				sum += e.Sub(s)
			}
		}
		if c == last {
			return sum
		}
	}
}

// OverdueBefore is the cutoff of the Overdue rule: a customer message waiting since
// before it has waited longer than target in business time at now. The zero time when no
// cutoff exists within a year (nothing can be overdue yet).
func (cv Coverage) OverdueBefore(now time.Time, target time.Duration) time.Time {
	if !cv.Defined() {
		return now.Add(-target)
	}
	left := target
	c := dayOf(now, cv.loc())
	for i := 0; i < searchDays; i++ {
		ps := cv.periods(c.add(-i))
		for j := len(ps) - 1; j >= 0; j-- {
			s, e := ps[j][0], earlier(ps[j][1], now)
			if !e.After(s) {
				continue
			}
			if span := e.Sub(s); span >= left {
				return e.Add(-left)
			} else {
				left -= span
			}
		}
	}
	return time.Time{}
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

var weekdayNames = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// ParseHours reads hours as people write them: "mon-fri 09:00-12:00,13:00-17:00; sat
// 10:00-14:00". Days not named are closed. "closed" or "" is no hours at all.
func ParseHours(s string) (Hours, error) {
	var h Hours
	s = strings.TrimSpace(strings.ToLower(s))
	if s == "" || s == "closed" || s == "none" {
		return h, nil
	}
	for _, part := range strings.Split(s, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		days, spans, ok := strings.Cut(part, " ")
		if !ok {
			return h, fmt.Errorf("hours %q: write days then times, e.g. \"mon-fri 09:00-17:00\"", part)
		}
		ds, err := parseDays(days)
		if err != nil {
			return h, err
		}
		for _, sp := range strings.Split(spans, ",") {
			iv, err := ParseInterval(strings.TrimSpace(sp))
			if err != nil {
				return h, err
			}
			for _, d := range ds {
				h[d] = append(h[d], iv)
			}
		}
	}
	for d := range h {
		sort.Slice(h[d], func(i, j int) bool { return h[d][i].Start < h[d][j].Start })
		for i := 1; i < len(h[d]); i++ {
			if h[d][i].Start < h[d][i-1].End {
				return h, fmt.Errorf("hours on %s overlap: %s and %s", weekdayNames[d], h[d][i-1], h[d][i])
			}
		}
	}
	return h, nil
}

func parseDays(s string) ([]int, error) {
	var out []int
	for _, part := range strings.Split(s, ",") {
		a, b, isRange := strings.Cut(part, "-")
		from, err := weekdayIndex(a)
		if err != nil {
			return nil, err
		}
		to := from
		if isRange {
			if to, err = weekdayIndex(b); err != nil {
				return nil, err
			}
		}
		for d := from; ; d = (d + 1) % 7 {
			out = append(out, d)
			if d == to {
				break
			}
		}
	}
	return out, nil
}

func weekdayIndex(s string) (int, error) {
	s = strings.TrimSpace(s)
	for i, n := range weekdayNames {
		if len(s) >= 3 && strings.HasPrefix(s, n) {
			return i, nil
		}
	}
	return 0, fmt.Errorf("%q is not a weekday: use mon, tue, wed, thu, fri, sat or sun", s)
}

// ParseInterval reads "09:00-17:00" ("24:00" is the end of the day).
func ParseInterval(s string) (Interval, error) {
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		return Interval{}, fmt.Errorf("%q is not a time span like 09:00-17:00", s)
	}
	start, err1 := parseClock(a)
	end, err2 := parseClock(b)
	switch {
	case err1 != nil:
		return Interval{}, err1
	case err2 != nil:
		return Interval{}, err2
	case end <= start:
		return Interval{}, fmt.Errorf("%q ends before it starts (a night shift is two spans: 22:00-24:00 and 00:00-06:00 the next day)", s)
	case start >= 1440:
		return Interval{}, fmt.Errorf("%q starts after the end of the day", s)
	}
	return Interval{start, end}, nil
}

func parseClock(s string) (int, error) {
	s = strings.TrimSpace(s)
	h, m, _ := strings.Cut(s, ":")
	hh, err1 := strconv.Atoi(h)
	mm := 0
	var err2 error
	if m != "" {
		mm, err2 = strconv.Atoi(m)
	}
	if err1 != nil || err2 != nil || hh < 0 || hh > 24 || mm < 0 || mm > 59 || hh == 24 && mm != 0 {
		return 0, fmt.Errorf("%q is not a time of day like 09:00", s)
	}
	return hh*60 + mm, nil
}

// String writes hours back in ParseHours' form, one weekday group per "; ", Monday first.
func (h Hours) String() string {
	var parts []string
	order := []int{1, 2, 3, 4, 5, 6, 0}
	for i := 0; i < len(order); {
		d := order[i]
		j := i + 1
		for j < len(order) && sameIntervals(h[order[j]], h[d]) {
			j++
		}
		if len(h[d]) > 0 {
			days := weekdayNames[d]
			if j-i > 1 {
				days += "-" + weekdayNames[order[j-1]]
			}
			var spans []string
			for _, iv := range h[d] {
				spans = append(spans, iv.String())
			}
			parts = append(parts, days+" "+strings.Join(spans, ","))
		}
		i = j
	}
	if len(parts) == 0 {
		return "closed"
	}
	return strings.Join(parts, "; ")
}

func sameIntervals(a, b []Interval) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
