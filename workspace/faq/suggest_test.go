package faq

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"
)

// pairScores is pairwise precision and recall: of the message pairs put in one group,
// how many truly ask the same; of the pairs that truly ask the same, how many were put
// in one group.
func pairScores(found [][]int, truth []string) (precision, recall float64) {
	group := make([]int, len(truth))
	for i := range group {
		group[i] = -1
	}
	for g, members := range found {
		for _, i := range members {
			group[i] = g
		}
	}
	var tp, foundPairs, truePairs int
	for i := range truth {
		for j := i + 1; j < len(truth); j++ {
			same := truth[i] != "" && truth[i] == truth[j]
			together := group[i] >= 0 && group[i] == group[j]
			if same {
				truePairs++
			}
			if together {
				foundPairs++
				if same {
					tp++
				}
			}
		}
	}
	return float64(tp) / float64(foundPairs), float64(tp) / float64(truePairs)
}

// groupIndexes maps suggestions back to message indexes through their ids.
func groupIndexes(msgs []Inbound, sugg []Suggestion) [][]int {
	idx := map[string]int{}
	for i, m := range msgs {
		idx[m.ID] = i
	}
	var out [][]int
	for _, s := range sugg {
		var g []int
		for _, m := range s.Messages {
			g = append(g, idx[m.ID])
		}
		out = append(out, g)
	}
	return out
}

func TestSuggestFindsKnownGroups(t *testing.T) {
	var sumP, sumR float64
	seeds := []uint64{1, 2, 3, 4, 5}
	for _, seed := range seeds {
		msgs, truth := genInbox(rand.New(rand.NewPCG(seed, 42)), 6)
		sugg := SuggestFor(msgs, nil, SuggestOptions{MinMessages: 2, Max: 1000})
		p, r := pairScores(groupIndexes(msgs, sugg), truth)
		t.Logf("seed %d: %d messages, %d true groups, %d found: pairwise precision %.2f, recall %.2f",
			seed, len(msgs), len(paraphrases), len(sugg), p, r)
		if p < 0.8 || r < 0.8 {
			t.Errorf("seed %d: precision %.2f, recall %.2f; want both ≥ 0.80", seed, p, r)
		}
		sumP, sumR = sumP+p, sumR+r
	}
	t.Logf("mean over %d seeds: pairwise precision %.2f, recall %.2f", len(seeds), sumP/float64(len(seeds)), sumR/float64(len(seeds)))
}

// majority is the true group most of a suggestion's messages belong to, and its share.
func majority(members []int, truth []string) (string, float64) {
	n := map[string]int{}
	best := ""
	for _, i := range members {
		n[truth[i]]++
		if n[truth[i]] > n[best] {
			best = truth[i]
		}
	}
	return best, float64(n[best]) / float64(len(members))
}

func TestSuggestSkipsAnsweredQuestionsAndPrefills(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	mustSave(t, s, Draft{Question: "How do I pause my subscription?", Phrasings: []string{"Can I skip a delivery while on holiday?"}, Answer: "Under Account → Subscription.", Lang: "en"})
	mustSave(t, s, Draft{Question: "Where is my order?", Phrasings: []string{"My order has not arrived"}, Answer: "Track it here.", Lang: "en"})
	msgs, truth := genInbox(rand.New(rand.NewPCG(1, 42)), 6)
	sugg, err := s.Suggest(ctx, msgs, SuggestOptions{Max: 100})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, sg := range sugg {
		members := groupIndexes(msgs, []Suggestion{sg})[0]
		group, share := majority(members, truth)
		seen[group] = true
		if len(members) < 3 {
			t.Errorf("%q: %d messages, fewer than the default minimum 3", sg.Question, len(members))
		}
		if group == "pause/en" || group == "order/en" {
			t.Errorf("suggested %q although an entry answers it", sg.Question)
		}
		if _, lang, _ := strings.Cut(group, "/"); share > 0.5 && sg.Lang != lang {
			t.Errorf("%q: language %q, want %q", sg.Question, sg.Lang, lang)
		}
		found := false
		for _, m := range sg.Messages {
			found = found || strings.Contains(strings.ToLower(m.Text), strings.ToLower(sg.Question))
		}
		if !found || strings.ContainsAny(sg.Question, "\n>") {
			t.Errorf("question %q is not a clean sentence of its messages", sg.Question)
		}
		if d := sg.Draft(); d.Question != sg.Question || d.Lang != sg.Lang || len(d.Phrasings) > maxPhrasings {
			t.Errorf("draft %+v", d)
		}
		t.Logf("%d× %s %q %q", len(sg.Messages), sg.Lang, sg.Question, sg.Phrasings)
	}
	for _, want := range []string{"grinder/en", "pause/sv", "pause/ru", "refund/cs"} {
		if !seen[want] {
			t.Errorf("no suggestion for %s", want)
		}
	}
}

func TestSuggestFromTexts(t *testing.T) {
	texts := []string{
		"Do you ship to Iceland?", "Hi! Can you ship to Iceland?", "Shipping to Iceland possible?",
		"Is the grinder dishwasher safe?", "Hello, what's your returns policy?",
	}
	sugg := SuggestFor(InboundFromTexts(texts), nil, SuggestOptions{})
	if len(sugg) != 1 || len(sugg[0].Messages) != 3 || !strings.Contains(sugg[0].Question, "Iceland") {
		t.Fatalf("got %+v", sugg)
	}
	if sugg[0].Messages[0].ID == "" {
		t.Error("messages from texts have no ids")
	}
}
