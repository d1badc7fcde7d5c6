package handover

import (
	"context"
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"switchboard/workspace/journal"
)

// Initials turns "Gary Miller" into "G. M.".
func Initials(name string) string {
	var parts []string
	for _, f := range strings.FieldsFunc(name, func(r rune) bool { return unicode.IsSpace(r) || r == '-' || r == ',' || r == '"' }) {
		for _, r := range f {
			if unicode.IsLetter(r) {
				parts = append(parts, string(unicode.ToUpper(r))+".")
				break
			}
		}
	}
	return strings.Join(parts, " ")
}

// DomainOnly keeps an address's domain: "gary@mail.example.net" becomes "…@mail.example.net".
func DomainOnly(email string) string {
	if i := strings.LastIndexByte(email, '@'); i >= 0 {
		return "…" + email[i:]
	}
	return "…"
}

func redactPerson(name, email string) string {
	switch {
	case name != "" && email != "":
		return Initials(name) + " (" + DomainOnly(email) + ")"
	case name != "":
		return Initials(name)
	case email != "":
		return DomainOnly(email)
	}
	return "unknown sender"
}

var emailPattern = regexp.MustCompile(`[\p{L}\p{N}._%+'-]+@([\p{L}\p{N}-]+\.)+[\p{L}\p{N}-]+`)

// redactor scrubs free text (the outgoing person's notes, abuse reasons) of the
// workspace's customers: their addresses and their names as written.
type redactor struct {
	names []string // longest first, so "Gary Miller" goes before "Gary"
	re    *regexp.Regexp
}

func newRedactor(ctx context.Context, q journal.Querier) (*redactor, error) {
	rows, err := q.QueryContext(ctx, "SELECT name FROM contacts WHERE name <> ''")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	seen := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		name = strings.Join(strings.Fields(name), " ")
		seen[name] = true
		// People write "Gary" in a note as often as "Gary Miller".
		if first := strings.Fields(name); len(first) > 1 && len([]rune(first[0])) >= 3 {
			seen[first[0]] = true
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	r := &redactor{}
	for n := range seen {
		r.names = append(r.names, n)
	}
	sort.Slice(r.names, func(i, j int) bool {
		if len(r.names[i]) != len(r.names[j]) {
			return len(r.names[i]) > len(r.names[j])
		}
		return r.names[i] < r.names[j]
	})
	if len(r.names) > 0 {
		quoted := make([]string, len(r.names))
		for i, n := range r.names {
			quoted[i] = regexp.QuoteMeta(n)
		}
		// \b is ASCII-only in Go; letters around a name are checked by hand below.
		r.re = regexp.MustCompile(`(?i)` + strings.Join(quoted, "|"))
	}
	return r, nil
}

// scrub reduces addresses to their domain and customers' names to initials.
func (r *redactor) scrub(text string) string {
	text = emailPattern.ReplaceAllStringFunc(text, DomainOnly)
	if r == nil || r.re == nil {
		return text
	}
	var b strings.Builder
	last := 0
	for _, m := range r.re.FindAllStringIndex(text, -1) {
		if letterAt(text, m[0]-1, true) || letterAt(text, m[1], false) {
			continue // inside a longer word: "Anna" in "Annabel"
		}
		b.WriteString(text[last:m[0]])
		b.WriteString(Initials(text[m[0]:m[1]]))
		last = m[1]
	}
	b.WriteString(text[last:])
	return b.String()
}

func letterAt(s string, i int, before bool) bool {
	if i < 0 || i >= len(s) {
		return false
	}
	var r rune
	if before {
		r = []rune(s[:i+1])[len([]rune(s[:i+1]))-1]
	} else {
		r = []rune(s[i:])[0]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func jsonList(xs []string) string {
	b, _ := json.Marshal(xs)
	return string(b)
}
