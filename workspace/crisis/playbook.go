package crisis

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"switchboard/workspace/faq/textsim"
	"switchboard/workspace/template"
)

// Severities, mildest first.
var Severities = []string{"low", "medium", "high", "critical"}

// Playbook is what to do when one kind of thing goes wrong for this client.
type Playbook struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Severity string `json:"severity"`
	// Descriptions say when to use it, per language code ("en", "sv"; "" for any).
	Descriptions map[string]string `json:"descriptions,omitempty"`
	// Keywords are the words customers use when this happens, per language; the early
	// warning matches them to suggest this playbook and to join a wave across languages.
	Keywords map[string][]string `json:"keywords,omitempty"`
	Steps    []Step              `json:"steps,omitempty"`
	// Holding is the holding statement per language: a template with the FAQ's variables.
	Holding []Text `json:"holding,omitempty"`
	// Answers are the questions nobody wants to be asked, with their prepared answers.
	Answers []Answer `json:"answers,omitempty"`
	// Contacts are shown to whoever works the incident; nothing ever messages them.
	Contacts    []Contact `json:"contacts,omitempty"`
	ReviewBy    time.Time `json:"review_by,omitzero"`
	NeedsReview bool      `json:"needs_review"`
	CreatedAt   time.Time `json:"created_at,omitzero"`
	UpdatedAt   time.Time `json:"updated_at,omitzero"`
}

// Step is one item of the checklist and the role that does it ("community manager",
// "quality lead").
type Step struct {
	Text  string `json:"text"`
	Owner string `json:"owner,omitempty"`
}

// Text is a template in one language.
type Text struct {
	Lang string `json:"lang"`
	Text string `json:"text"`
}

// Answer is a prepared answer to a question nobody wants.
type Answer struct {
	Lang     string `json:"lang,omitempty"`
	Question string `json:"question"`
	Answer   string `json:"answer"`
}

// Contact is a person to escalate to.
type Contact struct {
	Name  string `json:"name"`
	Role  string `json:"role,omitempty"`
	Phone string `json:"phone,omitempty"`
	Email string `json:"email,omitempty"`
}

// body is the JSON document stored beside the columns.
type body struct {
	Descriptions map[string]string   `json:"descriptions,omitempty"`
	Keywords     map[string][]string `json:"keywords,omitempty"`
	Steps        []Step              `json:"steps,omitempty"`
	Holding      []Text              `json:"holding,omitempty"`
	Answers      []Answer            `json:"answers,omitempty"`
	Contacts     []Contact           `json:"contacts,omitempty"`
}

func (p Playbook) body() body {
	return body{p.Descriptions, p.Keywords, p.Steps, p.Holding, p.Answers, p.Contacts}
}

func (p *Playbook) setBody(b body) {
	p.Descriptions, p.Keywords, p.Steps, p.Holding, p.Answers, p.Contacts = b.Descriptions, b.Keywords, b.Steps, b.Holding, b.Answers, b.Contacts
}

// Problem is one reason a playbook cannot be saved; Field names where (e.g. "holding[1]").
type Problem struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// ValidationError lists every problem at once.
type ValidationError struct{ Problems []Problem }

func (e *ValidationError) Error() string {
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.Field + ": " + p.Message
	}
	return "the playbook cannot be saved: " + strings.Join(msgs, "; ")
}

// clean normalises p the way it is stored.
func (p Playbook) clean() Playbook {
	p.Name = oneLine(p.Name)
	p.Severity = strings.ToLower(strings.TrimSpace(p.Severity))
	if p.Severity == "" {
		p.Severity = "medium"
	}
	kw := map[string][]string{}
	for lang, words := range p.Keywords {
		lang = cleanLang(lang)
		for _, w := range words {
			for _, w := range strings.Split(w, ",") {
				if w = strings.ToLower(oneLine(w)); w != "" && !slices.Contains(kw[lang], w) {
					kw[lang] = append(kw[lang], w)
				}
			}
		}
	}
	p.Keywords = kw
	desc := map[string]string{}
	for lang, d := range p.Descriptions {
		if d = strings.TrimSpace(d); d != "" {
			desc[cleanLang(lang)] = d
		}
	}
	p.Descriptions = desc
	for i := range p.Steps {
		p.Steps[i].Text, p.Steps[i].Owner = oneLine(p.Steps[i].Text), oneLine(p.Steps[i].Owner)
	}
	p.Steps = slices.DeleteFunc(p.Steps, func(s Step) bool { return s.Text == "" })
	for i := range p.Holding {
		p.Holding[i].Lang, p.Holding[i].Text = cleanLang(p.Holding[i].Lang), cleanText(p.Holding[i].Text)
	}
	p.Holding = slices.DeleteFunc(p.Holding, func(t Text) bool { return t.Text == "" })
	for i := range p.Answers {
		a := &p.Answers[i]
		a.Lang, a.Question, a.Answer = cleanLang(a.Lang), oneLine(a.Question), cleanText(a.Answer)
	}
	for i := range p.Contacts {
		c := &p.Contacts[i]
		c.Name, c.Role, c.Phone, c.Email = oneLine(c.Name), oneLine(c.Role), oneLine(c.Phone), oneLine(c.Email)
	}
	return p
}

// problems checks a cleaned playbook on its own (the unique name needs the store).
func (p Playbook) problems() []Problem {
	var ps []Problem
	add := func(field, format string, args ...any) {
		ps = append(ps, Problem{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	if p.Name == "" {
		add("name", "the name is empty")
	}
	if !slices.Contains(Severities, p.Severity) {
		add("severity", "%q is not a severity (%s)", p.Severity, strings.Join(Severities, ", "))
	}
	seen := map[string]bool{}
	for i, t := range p.Holding {
		if seen[t.Lang] {
			add(fmt.Sprintf("holding[%d]", i), "a second holding statement in %q: keep one per language", t.Lang)
		}
		seen[t.Lang] = true
		for _, tp := range template.Check(t.Text) {
			add(fmt.Sprintf("holding[%d]", i), "%s", tp.Error())
		}
	}
	for i, a := range p.Answers {
		if a.Question == "" || a.Answer == "" {
			add(fmt.Sprintf("answers[%d]", i), "a prepared answer needs its question and its answer")
		}
		for _, tp := range template.Check(a.Answer) {
			add(fmt.Sprintf("answers[%d]", i), "%s", tp.Error())
		}
	}
	for i, c := range p.Contacts {
		if c.Name == "" {
			add(fmt.Sprintf("contacts[%d]", i), "an escalation contact needs a name")
		}
		if c.Phone == "" && c.Email == "" {
			add(fmt.Sprintf("contacts[%d]", i), "%s needs a phone number or an email address", c.Name)
		}
	}
	return ps
}

// HoldingFor picks the holding statement in lang, else the one for any language, else
// English, else the first; ok is false when the playbook has none.
func (p Playbook) HoldingFor(lang string) (Text, bool) {
	if len(p.Holding) == 0 {
		return Text{}, false
	}
	lang = cleanLang(lang)
	for _, want := range []string{lang, "", "en"} {
		for _, t := range p.Holding {
			if t.Lang == want {
				return t, true
			}
		}
	}
	return p.Holding[0], true
}

// AllKeywords are the trigger keywords of every language.
func (p Playbook) AllKeywords() []string {
	var out []string
	for _, lang := range sortedKeys(p.Keywords) {
		out = append(out, p.Keywords[lang]...)
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func cleanText(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"))
}

func cleanLang(l string) string {
	return strings.ToLower(strings.ReplaceAll(strings.TrimSpace(l), "_", "-"))
}

// MessageLang guesses a customer message's language, for picking the holding statement.
func MessageLang(text string) string { return textsim.DetectLang(text) }
