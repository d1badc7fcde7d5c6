package handover

import (
	"fmt"
	"strings"
	"time"
)

// when is a time as the next person reads it: in the workspace's zone, with the weekday.
func (s *Source) when(t time.Time) string { return t.In(s.Loc).Format("Mon 2 Jan 15:04") }

// Ago is how long ago (or, negative, how far ahead) something is, in words.
func Ago(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	d = d.Round(time.Minute)
	days, hours, mins := int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour), int(d%time.Hour/time.Minute)
	switch {
	case days > 0 && hours > 0:
		return fmt.Sprintf("%d d %d h", days, hours)
	case days > 0:
		return fmt.Sprintf("%d d", days)
	case hours > 0 && mins > 0:
		return fmt.Sprintf("%d h %d min", hours, mins)
	case hours > 0:
		return fmt.Sprintf("%d h", hours)
	default:
		return fmt.Sprintf("%d min", mins)
	}
}

// person names a customer: "Name <address>", or under redaction "N. N. (…@domain)".
func (s *Source) person(name, email string) string {
	if s.Redact {
		return redactPerson(name, email)
	}
	switch {
	case name != "" && email != "":
		return name + " <" + email + ">"
	case name != "":
		return name
	case email != "":
		return email
	}
	return "unknown sender"
}

// subject is a conversation's subject, left out under redaction (it is message text).
func (s *Source) subject(c conv) string {
	if s.Redact {
		return "Conversation"
	}
	if strings.TrimSpace(c.Subject) == "" {
		return "(no subject)"
	}
	return "“" + c.Subject + "”"
}

// detail is a quoted text under an item; nothing under redaction.
func (s *Source) detail(text string) string {
	if s.Redact {
		return ""
	}
	text = strings.Join(strings.Fields(text), " ")
	if r := []rune(text); len(r) > 200 {
		text = string(r[:199]) + "…"
	}
	return text
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
