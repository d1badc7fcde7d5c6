// Package template is the language of prepared answers: text (Markdown allowed) with
// variables filled in per customer when an answer is inserted into a reply.
//
//	Hi {{first_name|there}}, this is {{agent}} from {{brand}}.
//
// A variable is {{name}} or {{name|fallback}}; the fallback is used when the value is
// empty. Only the names in Known exist: a typo must be caught while the answer is
// written, not after it reached a customer as "Hi {{frist_name}}".
package template

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Variable names an answer may use.
const (
	FirstName = "first_name"
	Name      = "name"
	Agent     = "agent"
	Brand     = "brand"
)

// Known lists the variable names, in the order the editor offers them.
var Known = []string{FirstName, Name, Agent, Brand}

// Pos is a place in the source: 1-based line and column (in characters) and byte offset.
type Pos struct {
	Line, Col, Offset int
}

func (p Pos) String() string { return fmt.Sprintf("line %d, column %d", p.Line, p.Col) }

// Var is one {{...}} in an answer.
type Var struct {
	Name        string
	Fallback    string
	HasFallback bool
	Pos         Pos
	End         int // byte offset just past "}}"
}

// Template is a parsed answer: its source and the variables in it, in order.
type Template struct {
	src  string
	vars []Var
}

// ProblemKind tells the editor which message to show.
type ProblemKind string

const (
	UnknownVariable ProblemKind = "unknown_variable"
	EmptyVariable   ProblemKind = "empty_variable"
	Unclosed        ProblemKind = "unclosed"
)

// Problem is one mistake in an answer's variables.
type Problem struct {
	Kind    ProblemKind
	Name    string // the variable as written, for UnknownVariable
	Suggest string // a known name it was probably meant to be, or ""
	Pos     Pos
}

func (p Problem) Error() string {
	switch p.Kind {
	case UnknownVariable:
		msg := fmt.Sprintf("unknown variable {{%s}} at %s", p.Name, p.Pos)
		if p.Suggest != "" {
			msg += fmt.Sprintf(" (did you mean {{%s}}?)", p.Suggest)
		}
		return msg
	case EmptyVariable:
		return fmt.Sprintf("empty variable {{}} at %s", p.Pos)
	default:
		return fmt.Sprintf("\"{{\" at %s is never closed with \"}}\"", p.Pos)
	}
}

// Problems is every mistake Parse found, in source order.
type Problems []Problem

func (ps Problems) Error() string {
	msgs := make([]string, len(ps))
	for i, p := range ps {
		msgs[i] = p.Error()
	}
	return strings.Join(msgs, "; ")
}

// Parse reads an answer. On mistakes it returns a Problems error listing all of them, so
// the editor can show every one at once.
func Parse(src string) (*Template, error) {
	t := &Template{src: src}
	var probs Problems
	for i := 0; ; {
		start := strings.Index(src[i:], "{{")
		if start < 0 {
			break
		}
		start += i
		end := strings.Index(src[start+2:], "}}")
		if end < 0 {
			probs = append(probs, Problem{Kind: Unclosed, Pos: posOf(src, start)})
			break
		}
		end += start + 2
		v := Var{Pos: posOf(src, start), End: end + 2}
		body := src[start+2 : end]
		name, fallback, has := strings.Cut(body, "|")
		v.Name, v.Fallback, v.HasFallback = strings.TrimSpace(name), strings.TrimSpace(fallback), has
		switch {
		case v.Name == "":
			probs = append(probs, Problem{Kind: EmptyVariable, Pos: v.Pos})
		case !isKnown(v.Name):
			probs = append(probs, Problem{Kind: UnknownVariable, Name: v.Name, Suggest: closest(v.Name), Pos: v.Pos})
		}
		t.vars = append(t.vars, v)
		i = v.End
	}
	if probs != nil {
		return nil, probs
	}
	return t, nil
}

// Check is Parse for validation only: nil when the answer is fine.
func Check(src string) Problems {
	if _, err := Parse(src); err != nil {
		return err.(Problems)
	}
	return nil
}

func posOf(src string, offset int) Pos {
	before := src[:offset]
	line := strings.Count(before, "\n") + 1
	col := utf8.RuneCountInString(before[strings.LastIndex(before, "\n")+1:]) + 1
	return Pos{Line: line, Col: col, Offset: offset}
}

func isKnown(name string) bool {
	for _, k := range Known {
		if k == name {
			return true
		}
	}
	return false
}

// closest is the known name within two edits of name (case ignored), for "did you mean".
func closest(name string) string {
	best, bestD := "", 3
	for _, k := range Known {
		if d := distance(strings.ToLower(name), k); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

// distance is the Levenshtein distance in characters.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}

// UnresolvedError names the variables that had neither a value nor a fallback. A reply
// with one of them must not be sent.
type UnresolvedError struct {
	Vars []Var
}

func (e *UnresolvedError) Error() string {
	names := e.Names()
	for i, n := range names {
		names[i] = "{{" + n + "}}"
	}
	return fmt.Sprintf("no value for %s: fill it in or give it a fallback like {{%s|there}}", strings.Join(names, ", "), e.Vars[0].Name)
}

// Names lists each unresolved variable name once, sorted.
func (e *UnresolvedError) Names() []string {
	seen := map[string]bool{}
	var names []string
	for _, v := range e.Vars {
		if !seen[v.Name] {
			seen[v.Name] = true
			names = append(names, v.Name)
		}
	}
	sort.Strings(names)
	return names
}
