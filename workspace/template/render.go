package template

import (
	"strings"
	"unicode"
)

// Values are what a reply knows about its customer, agent and brand, keyed by variable name.
type Values map[string]string

// NewValues fills the variables for one reply. first_name comes from the contact's name:
// its first word, or the part after the comma in "Lindqvist, Anna". A name that is an
// address (anna@example.com) gives no first name, so the fallback is used instead.
func NewValues(contactName, agent, brand string) Values {
	contactName = strings.Join(strings.Fields(contactName), " ")
	if strings.Contains(contactName, "@") {
		contactName = ""
	}
	first := contactName
	if last, given, ok := strings.Cut(contactName, ","); ok && strings.TrimSpace(given) != "" && strings.TrimSpace(last) != "" {
		first = strings.TrimSpace(given)
	}
	first, _, _ = strings.Cut(first, " ")
	return Values{FirstName: first, Name: contactName, Agent: strings.TrimSpace(agent), Brand: strings.TrimSpace(brand)}
}

// Execute fills the variables. A variable whose value is empty (or only spaces) takes its
// fallback; with no fallback either, Execute returns an *UnresolvedError naming all of them.
func (t *Template) Execute(v Values) (string, error) {
	var b strings.Builder
	var unresolved []Var
	last := 0
	for _, x := range t.vars {
		b.WriteString(t.src[last:x.Pos.Offset])
		last = x.End
		val := strings.TrimFunc(v[x.Name], unicode.IsSpace)
		switch {
		case val != "":
			b.WriteString(val)
		case x.HasFallback:
			b.WriteString(x.Fallback)
		default:
			unresolved = append(unresolved, x)
		}
	}
	b.WriteString(t.src[last:])
	if unresolved != nil {
		return "", &UnresolvedError{Vars: unresolved}
	}
	return b.String(), nil
}

// Render parses src and fills its variables, keeping any Markdown.
func Render(src string, v Values) (string, error) {
	t, err := Parse(src)
	if err != nil {
		return "", err
	}
	return t.Execute(v)
}

// RenderText is the answer as it will be sent in a plain-text reply: Markdown turned into
// plain text first (so a customer's name is never mistaken for Markdown), then filled in.
func RenderText(src string, v Values) (string, error) {
	if _, err := Parse(src); err != nil {
		return "", err // positions refer to what the user wrote, not to the plain text
	}
	return Render(Plain(src), v)
}
