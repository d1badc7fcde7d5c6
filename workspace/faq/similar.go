package faq

import (
	"context"
	"sort"
	"strings"

	"switchboard/workspace/faq/textsim"
)

// Match is an entry that asks much the same question, with a similarity from 0 to 1.
type Match struct {
	ID       string
	Question string
	Score    float64
}

// nearDuplicate is the similarity from which two entries are pointed out as asking the
// same thing; tuned on paraphrases such as "How long does shipping take?" and "When will
// my order arrive, how long is delivery?".
const nearDuplicate = 0.5

// Similar lists live entries other than exceptID whose question and phrasings resemble
// d's, most similar first.
func (s *Store) Similar(ctx context.Context, d Draft, exceptID string) ([]Match, error) {
	all, err := s.List(ctx, Filter{})
	if err != nil {
		return nil, err
	}
	d = d.clean()
	docs := make([][]string, len(all))
	for i, e := range all {
		docs[i] = textsim.Terms(questionText(e.Question, e.Phrasings))
	}
	corpus := textsim.NewCorpus(docs)
	mine := corpus.Vector(textsim.Terms(questionText(d.Question, d.Phrasings)))
	var out []Match
	for i, e := range all {
		if e.ID == exceptID {
			continue
		}
		if sc := textsim.Cosine(mine, corpus.Vector(docs[i])); sc >= nearDuplicate {
			out = append(out, Match{ID: e.ID, Question: e.Question, Score: sc})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	return out, nil
}

func questionText(q string, phrasings []string) string {
	return q + "\n" + strings.Join(phrasings, "\n")
}
