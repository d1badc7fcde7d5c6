package inboxpane

import (
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"switchboard/workspace/inbox"
	"switchboard/workspace/mail"
)

func statusName(s inbox.Status) string {
	switch s {
	case inbox.New:
		return lang.L("New")
	case inbox.Open:
		return lang.L("Open")
	case inbox.Waiting:
		return lang.L("Waiting on customer")
	case inbox.Snoozed:
		return lang.L("Snoozed")
	case inbox.Resolved:
		return lang.L("Resolved")
	case inbox.Spam:
		return lang.L("Spam")
	case inbox.Abuse:
		return lang.L("Abuse")
	}
	return string(s)
}

func statusColor(s inbox.Status) color.Color {
	switch s {
	case inbox.New:
		return theme.Color(theme.ColorNamePrimary)
	case inbox.Open:
		return theme.Color(theme.ColorNameForeground)
	case inbox.Spam, inbox.Abuse:
		return theme.Color(theme.ColorNameError)
	}
	return theme.Color(theme.ColorNamePlaceHolder)
}

// waitColor says how a customer's wait compares with the response-time target: fine
// under half of it, a warning up to it, an error beyond.
func waitColor(w, target time.Duration) color.Color {
	switch {
	case target <= 0 || w < target/2:
		return theme.Color(theme.ColorNameSuccess)
	case w < target:
		return theme.Color(theme.ColorNameWarning)
	}
	return theme.Color(theme.ColorNameError)
}

// waitedLabel is a wait as the largest two units: "45m", "3h 20m", "2d 4h".
func waitedLabel(d time.Duration) string {
	m := int(d.Minutes())
	switch {
	case m < 1:
		return lang.L("just now")
	case m < 60:
		return lang.L("{{.M}}m", map[string]any{"M": m})
	case m < 24*60:
		return lang.L("{{.H}}h {{.M}}m", map[string]any{"H": m / 60, "M": m % 60})
	}
	return lang.L("{{.D}}d {{.H}}h", map[string]any{"D": m / (24 * 60), "H": m / 60 % 24})
}

// shortTime is a time of day today, else a date.
func shortTime(t, now time.Time) string {
	t = t.In(now.Location())
	switch {
	case t.IsZero():
		return ""
	case sameDay(t, now):
		return t.Format("15:04")
	case t.Year() == now.Year():
		return t.Format("2 Jan")
	}
	return t.Format("2 Jan 2006")
}

func sameDay(a, b time.Time) bool {
	return a.Year() == b.Year() && a.YearDay() == b.YearDay()
}

// contactLabel is a customer's name as drawn: right-to-left names isolated, so they never
// reorder what is drawn around them, and capped.
func contactLabel(name, email string) string {
	if strings.TrimSpace(name) != "" {
		return mail.IsolateBidi(mail.CapRunes(name, 200))
	}
	if email != "" {
		return email
	}
	return lang.L("Unknown sender")
}

// subjectOrNone is a subject as drawn: capped (a 1 MiB subject took seconds to lay out)
// and bidi-isolated.
func subjectOrNone(s string) string {
	if strings.TrimSpace(s) == "" {
		return lang.L("(no subject)")
	}
	return mail.DisplaySubject(s)
}

// displayWho is "Name <address>" as drawn, the name isolated: an Arabic or Hebrew name
// cannot turn it into "name>addr<".
func displayWho(name, email string) string {
	if strings.TrimSpace(name) == "" {
		return contactLabel(name, email)
	}
	return mail.DisplayAddress(mail.Address{Name: name, Email: email})
}

// oneLine folds line breaks and runs of spaces, for snippets.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// rowState is the status with what it waits for: a snooze's end, a follow-up, an assignee.
func rowState(r inbox.Row, loc *time.Location) string {
	s := statusName(r.Status)
	switch {
	case r.Status == inbox.Snoozed && !r.SnoozeUntil.IsZero():
		s = lang.L("Snoozed until {{.T}}", map[string]any{"T": r.SnoozeUntil.In(loc).Format("Mon 2 Jan 15:04")})
	case r.Status == inbox.Resolved && !r.FollowUpAt.IsZero():
		s = lang.L("Resolved, check back {{.T}}", map[string]any{"T": r.FollowUpAt.In(loc).Format("Mon 2 Jan")})
	}
	if r.Assignee != "" {
		s += " · " + lang.L("assigned to {{.Name}}", map[string]any{"Name": r.Assignee})
	}
	return s
}
