package faq

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"switchboard/workspace/faq/textsim"
	"switchboard/workspace/template"
)

// Entry is one question with its approved answer.
type Entry struct {
	ID             string    `json:"id"`
	Question       string    `json:"question"`
	Phrasings      []string  `json:"phrasings"` // other ways customers ask the same
	Answer         string    `json:"answer"`    // a template, Markdown allowed
	Tags           []string  `json:"tags"`
	Lang           string    `json:"lang"` // "en", "sv", "pt-br", or "" when mixed
	Owner          string    `json:"owner"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
	LastReviewedAt time.Time `json:"last_reviewed_at"`
	Uses           int       `json:"uses"`
	NeedsReview    bool      `json:"needs_review"` // not reviewed for the workspace's review period
}

// Draft is what the user edits: an Entry without its bookkeeping.
type Draft struct {
	Question  string
	Phrasings []string
	Answer    string
	Tags      []string
	Lang      string
	Owner     string
}

// Draft returns the editable part of e.
func (e Entry) Draft() Draft {
	return Draft{Question: e.Question, Phrasings: e.Phrasings, Answer: e.Answer, Tags: e.Tags, Lang: e.Lang, Owner: e.Owner}
}

// Field names a part of an entry that a Problem is about.
type Field string

const (
	FieldQuestion  Field = "question"
	FieldPhrasings Field = "phrasings"
	FieldAnswer    Field = "answer"
	FieldTags      Field = "tags"
	FieldLang      Field = "lang"
)

// Problem is one reason an entry cannot be saved, tied to the field it is about so the
// editor shows it there. Code and Args let the UI translate it; Message is English.
type Problem struct {
	Field   Field
	Code    string         // "empty_question", "duplicate_question", "unknown_variable", ...
	Args    map[string]any // values the message refers to
	Message string
}

func (p Problem) Error() string { return p.Message }

// ValidationError lists every problem of a draft at once.
type ValidationError struct {
	Problems []Problem
}

func (e *ValidationError) Error() string {
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = string(p.Field) + ": " + p.Message
	}
	return strings.Join(msgs, "; ")
}

// For lists the problems of one field.
func (e *ValidationError) For(f Field) []Problem {
	var out []Problem
	for _, p := range e.Problems {
		if p.Field == f {
			out = append(out, p)
		}
	}
	return out
}

var langRe = regexp.MustCompile(`^[a-z]{2,3}(-[a-z0-9]{2,8})?$`)

// clean normalises a draft the way it is stored: questions and phrasings on one line with
// single spaces, answer with \n line ends, tags lowercase, sorted and unique.
func (d Draft) clean() Draft {
	d.Question = oneLine(d.Question)
	var phr []string
	seen := map[string]bool{questionKey(d.Question): true}
	for _, p := range d.Phrasings {
		p = oneLine(p)
		if k := questionKey(p); p != "" && !seen[k] {
			seen[k] = true
			phr = append(phr, p)
		}
	}
	d.Phrasings = phr
	d.Answer = strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(d.Answer, "\r\n", "\n"), "\r", "\n"))
	var tags []string
	for _, t := range d.Tags {
		for _, t := range strings.Split(t, ",") {
			if t = strings.ToLower(oneLine(t)); t != "" && !slices.Contains(tags, t) {
				tags = append(tags, t)
			}
		}
	}
	slices.Sort(tags)
	d.Tags = tags
	d.Lang = strings.ToLower(strings.ReplaceAll(strings.TrimSpace(d.Lang), "_", "-"))
	d.Owner = oneLine(d.Owner)
	return d
}

// problems checks a cleaned draft on its own; the duplicate check needs the store.
func (d Draft) problems() []Problem {
	var ps []Problem
	if questionKey(d.Question) == "" { // also "???": a question needs words
		ps = append(ps, Problem{Field: FieldQuestion, Code: "empty_question", Message: "the question is empty"})
	}
	if d.Answer == "" {
		ps = append(ps, Problem{Field: FieldAnswer, Code: "empty_answer", Message: "the answer is empty"})
	}
	for _, tp := range template.Check(d.Answer) {
		ps = append(ps, Problem{Field: FieldAnswer, Code: string(tp.Kind), Message: tp.Error(),
			Args: map[string]any{"Name": tp.Name, "Suggest": tp.Suggest, "Line": tp.Pos.Line, "Col": tp.Pos.Col}})
	}
	if d.Lang != "" && !langRe.MatchString(d.Lang) {
		ps = append(ps, Problem{Field: FieldLang, Code: "bad_lang", Args: map[string]any{"Lang": d.Lang},
			Message: fmt.Sprintf("%q is not a language code such as en, sv or pt-br", d.Lang)})
	}
	return ps
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// questionKey is what makes two questions the same: "Do you ship to Norway?" and
// "do you ship to norway" are one question.
func questionKey(q string) string { return textsim.Fold(q) }
