package faq

import (
	"context"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"switchboard/workspace/faq/textsim"
)

// Inbound is a message a customer sent, as the suggestions need it. The Inbox's message
// store provides them; InboundFromTexts makes them from plain texts.
type Inbound struct {
	ID   string
	Text string
	At   time.Time
}

// InboundFromTexts wraps texts (pasted questions, a test corpus) as Inbound, numbered from 1.
func InboundFromTexts(texts []string) []Inbound {
	out := make([]Inbound, len(texts))
	for i, t := range texts {
		out[i] = Inbound{ID: strconv.Itoa(i + 1), Text: t}
	}
	return out
}

// Suggestion is a question customers keep asking that no entry answers.
type Suggestion struct {
	Question  string    // the most typical wording, to prefill a new entry
	Phrasings []string  // other wordings seen, for the entry's phrasings
	Lang      string    // guessed, "" if unsure
	Messages  []Inbound // the messages asking it, newest first
}

// Draft prefills a new entry from the suggestion.
func (s Suggestion) Draft() Draft {
	return Draft{Question: s.Question, Phrasings: s.Phrasings, Lang: s.Lang}
}

// SuggestOptions tune Suggest; zero values take the defaults.
type SuggestOptions struct {
	MinMessages int // smallest group worth suggesting; default 3
	Max         int // at most this many suggestions; default 10
}

// Thresholds tuned on the generated inbox of the tests (six languages, typos, small
// talk): pairwise precision and recall both stay above 0.8 across seeds.
const (
	linkSimilarity = 0.2 // two messages are neighbours
	joinSimilarity = 0.5 // two groups ask the same
	answeredBy     = 0.4 // an entry answers a group
	maxPhrasings   = 3
	sameWording    = 0.7 // two sentences of a group are one wording
)

// Suggest loads the workspace's entries and runs SuggestFor.
func (s *Store) Suggest(ctx context.Context, inbound []Inbound, opt SuggestOptions) ([]Suggestion, error) {
	entries, err := s.List(ctx, Filter{})
	if err != nil {
		return nil, err
	}
	return SuggestFor(inbound, entries, opt), nil
}

// SuggestFor groups inbound messages that ask the same question (TF-IDF cosine over
// folded, stopword-free, stemmed words), drops groups an entry's question or phrasings
// already match, and returns the biggest groups first.
func SuggestFor(inbound []Inbound, entries []Entry, opt SuggestOptions) []Suggestion {
	if opt.MinMessages <= 0 {
		opt.MinMessages = 3
	}
	if opt.Max <= 0 {
		opt.Max = 10
	}
	docs := make([][]string, 0, len(inbound)+len(entries))
	for _, m := range inbound {
		docs = append(docs, focusTerms(customerText(m.Text)))
	}
	var entryDocs [][]string
	for _, e := range entries {
		for _, q := range append([]string{e.Question}, e.Phrasings...) {
			entryDocs = append(entryDocs, textsim.Terms(q))
		}
	}
	corpus := textsim.NewCorpus(append(docs, entryDocs...))
	vs := make([]textsim.Vector, len(inbound))
	for i, d := range docs {
		vs[i] = corpus.Vector(d)
	}
	entryVs := make([]textsim.Vector, len(entryDocs))
	for i, d := range entryDocs {
		entryVs[i] = corpus.Vector(d)
	}
	var out []Suggestion
	for _, members := range textsim.Group(vs, linkSimilarity, joinSimilarity) {
		if len(members) < opt.MinMessages || len(out) == opt.Max {
			break // groups come biggest first
		}
		cent := textsim.Centroid(pick(vs, members))
		if answered(cent, entryVs) {
			continue
		}
		out = append(out, describe(inbound, members, cent, corpus))
	}
	return out
}

func pick(vs []textsim.Vector, idx []int) []textsim.Vector {
	out := make([]textsim.Vector, len(idx))
	for k, i := range idx {
		out[k] = vs[i]
	}
	return out
}

func answered(cent textsim.Vector, entries []textsim.Vector) bool {
	for _, e := range entries {
		if textsim.Cosine(cent, e) >= answeredBy {
			return true
		}
	}
	return false
}

// describe picks, from each member, the sentence closest to the group's centre (a
// question mark counts in its favour): the best one is the suggested question, the next
// distinct ones its phrasings.
func describe(inbound []Inbound, members []int, cent textsim.Vector, corpus *textsim.Corpus) Suggestion {
	type cand struct {
		text  string
		score float64
	}
	var cands []cand
	s := Suggestion{}
	for _, i := range members {
		s.Messages = append(s.Messages, inbound[i])
		best := cand{score: -1}
		for _, sent := range sentences(customerText(inbound[i].Text)) {
			if refRe.MatchString(sent) {
				continue
			}
			sent = trimGreeting(sent)
			sc := textsim.Cosine(cent, corpus.Vector(textsim.Terms(sent)))
			if strings.HasSuffix(sent, "?") {
				sc += 0.1
			}
			if sc > best.score {
				best = cand{sent, sc}
			}
		}
		if best.text != "" {
			cands = append(cands, best)
		}
	}
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].score > cands[b].score })
	var chosen []textsim.Vector
	for _, c := range cands {
		v := corpus.Vector(textsim.Terms(c.text))
		if slices.ContainsFunc(chosen, func(o textsim.Vector) bool { return textsim.Cosine(v, o) >= sameWording }) {
			continue // the same words again, maybe with a typo
		}
		chosen = append(chosen, v)
		if s.Question == "" {
			s.Question = c.text
		} else if len(s.Phrasings) < maxPhrasings {
			s.Phrasings = append(s.Phrasings, c.text)
		}
	}
	s.Lang = textsim.DetectLang(s.Question + " " + strings.Join(s.Phrasings, " "))
	sort.SliceStable(s.Messages, func(a, b int) bool { return s.Messages[a].At.After(s.Messages[b].At) })
	return s
}

var (
	urlRe      = regexp.MustCompile(`(?i)\b(?:https?://|www\.)\S+|\S+@\S+\.\S+`)
	sentenceRe = regexp.MustCompile(`[^.!?\n]+[.!?]*`)
	refRe      = regexp.MustCompile(`\d{4,}`) // "Order number 48213." is no question
	// The line a mail program puts above a quoted reply, in the languages we serve.
	attributionRe = regexp.MustCompile(`(?i)(^|[\s,])(wrote|skrev|napsal|napsala|napsal\(a\)|escribió|escreveu|написал|написала|написал\(а\))(\s.{0,120})?:$`)
)

// customerText is the part of a message the customer wrote: quoted lines, the signature
// and addresses removed, and at most the first 1,000 characters (the question comes first).
func customerText(text string) string {
	var keep []string
	for _, line := range strings.Split(text, "\n") {
		t := strings.TrimSpace(line)
		if t == "--" || t == "-- " {
			break
		}
		if strings.HasPrefix(t, ">") {
			continue
		}
		if attributionRe.MatchString(t) {
			break // "On Monday, Erik wrote:" starts the quoted mail we answered
		}
		keep = append(keep, line)
	}
	s := urlRe.ReplaceAllString(strings.Join(keep, "\n"), " ")
	if utf8.RuneCountInString(s) > 1000 {
		s = string([]rune(s)[:1000])
	}
	return s
}

// focusTerms are a message's terms with its questions counted thrice: "Where is my
// order?" is what a mail is about, not the "I've been a customer for years." around it.
func focusTerms(text string) []string {
	var out []string
	for _, sent := range sentences(text) {
		terms := textsim.Terms(sent)
		out = append(out, terms...)
		if strings.HasSuffix(sent, "?") {
			out = append(out, terms...)
			out = append(out, terms...)
		}
	}
	return out
}

// trimGreeting drops a leading "Hi," or "Hej hej," (words that are all stopwords before
// a comma) from a sentence.
func trimGreeting(sent string) string {
	for {
		head, rest, ok := strings.Cut(sent, ",")
		rest = strings.TrimSpace(rest)
		if !ok || rest == "" || len(textsim.Terms(head)) > 0 {
			return sent
		}
		r, n := utf8.DecodeRuneInString(rest)
		sent = string(unicode.ToUpper(r)) + rest[n:]
	}
}

func sentences(text string) []string {
	var out []string
	for _, s := range sentenceRe.FindAllString(text, -1) {
		if s = oneLine(s); utf8.RuneCountInString(s) > 3 {
			out = append(out, s)
		}
	}
	return out
}
