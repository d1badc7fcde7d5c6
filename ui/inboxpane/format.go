package inboxpane

import (
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"switchboard/ui/fields"
)

// statuses in the order the views list shows them.
var statuses = []string{"new", "open", "waiting", "snoozed", "resolved", "spam", "abuse"}

func statusName(s string) string {
	switch s {
	case "new":
		return lang.L("New")
	case "open":
		return lang.L("Open")
	case "waiting":
		return lang.L("Waiting on customer")
	case "snoozed":
		return lang.L("Snoozed")
	case "resolved":
		return lang.L("Resolved")
	case "spam":
		return lang.L("Spam")
	case "abuse":
		return lang.L("Abuse")
	}
	return s
}

func statusColor(s string) color.Color {
	switch s {
	case "new":
		return theme.Color(theme.ColorNamePrimary)
	case "open":
		return theme.Color(theme.ColorNameForeground)
	case "spam", "abuse":
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

func contactLabel(name, email string) string {
	if strings.TrimSpace(name) != "" {
		return name
	}
	if email != "" {
		return email
	}
	return lang.L("Unknown sender")
}

func subjectOrNone(s string) string {
	if strings.TrimSpace(s) == "" {
		return lang.L("(no subject)")
	}
	return s
}

// oneLine folds line breaks and runs of spaces, for snippets.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func onColor(c color.Color) color.Color { return fields.OnColor(c) }
