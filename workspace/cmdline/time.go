package cmdline

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ParseTime reads an absolute time (RFC 3339, or "2006-01-02 15:04" in loc) or one
// relative to now ("+90m", "+2h", "+3d").
func ParseTime(s string, now time.Time, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if rel, ok := strings.CutPrefix(s, "+"); ok {
		if days, ok := strings.CutSuffix(rel, "d"); ok {
			n, err := strconv.Atoi(days)
			if err == nil && n > 0 {
				return now.Add(time.Duration(n) * 24 * time.Hour), nil
			}
		} else if d, err := time.ParseDuration(rel); err == nil && d > 0 {
			return now.Add(d), nil
		}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("time %q: use 2006-01-02 15:04 (workspace time zone), RFC 3339, or +2h / +3d", s)
}

// ParseSince reads a start time: what ParseTime reads, or a time back from now
// ("-8h", "8h", "-2d", "2d").
func ParseSince(s string, now time.Time, loc *time.Location) (time.Time, error) {
	back := strings.TrimPrefix(strings.TrimSpace(s), "-")
	if t, err := ParseTime("+"+back, now, loc); err == nil && !strings.HasPrefix(back, "+") {
		return now.Add(-t.Sub(now)), nil
	}
	return ParseTime(s, now, loc)
}
