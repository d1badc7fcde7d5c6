package faq

import (
	"math/rand/v2"
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
	for _, seed := range []uint64{1, 2, 3, 4, 5} {
		msgs, truth := genInbox(rand.New(rand.NewPCG(seed, 42)), 6)
		sugg := SuggestFor(msgs, nil, SuggestOptions{MinMessages: 2, Max: 1000})
		p, r := pairScores(groupIndexes(msgs, sugg), truth)
		t.Logf("seed %d: %d messages, %d true groups, %d found: pairwise precision %.2f, recall %.2f",
			seed, len(msgs), len(paraphrases), len(sugg), p, r)
		if p < 0.8 || r < 0.8 {
			t.Errorf("seed %d: precision %.2f, recall %.2f; want both ≥ 0.80", seed, p, r)
		}
	}
}
