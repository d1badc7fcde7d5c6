// Package warning is the crisis early warning: inbound customer messages grouped by
// similarity over a sliding window. "Don't assume it is an isolated incident: often when
// one customer complains, others are experiencing the same thing." When a group reaches
// Config.Count messages within Config.Window, and that is well above how often the same
// topic comes up in ordinary traffic, it is a wave: the app alerts once, shows the group
// and suggests the playbook whose trigger keywords fit best.
//
// Similarity works across languages: beside each message's own stems (textsim), shared
// product names and codes ("NC-2611"), a message gets concept features from a small
// multilingual lexicon of complaints (taste, delivery, damage, money, access,
// subscription) and from every playbook's trigger keywords in every language, so a wave
// arriving in Swedish, Czech and English at once is one wave.
package warning

import (
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"switchboard/workspace/faq/textsim"
)

// Config is when a group becomes a wave.
type Config struct {
	Count  int           `json:"count"`  // this many similar messages...
	Window time.Duration `json:"window"` // ...within this long
}

// DefaultConfig: 8 similar messages within 2 hours.
var DefaultConfig = Config{Count: 8, Window: 2 * time.Hour}

// Message is one inbound customer message.
type Message struct {
	ID             int64     `json:"id"`
	ConversationID int64     `json:"conversation_id"`
	From           string    `json:"from"`
	Subject        string    `json:"subject"`
	Text           string    `json:"-"`
	At             time.Time `json:"received"`
}

// Trigger is a playbook's keywords, all languages together.
type Trigger struct {
	ID       string
	Name     string
	Keywords []string
}

// Wave is a group that crossed the threshold.
type Wave struct {
	Members  []Message `json:"messages"`
	FiredAt  time.Time `json:"fired_at"` // when the Count-th similar message arrived
	Langs    []string  `json:"languages"`
	Topic    []string  `json:"topic"` // the features most members share
	Playbook string    `json:"playbook,omitempty"`
	// PlaybookID is the suggested playbook's id ("" when no playbook's keywords fit).
	PlaybookID string  `json:"playbook_id,omitempty"`
	Score      float64 `json:"score"` // the suggestion's share of members matching its keywords
}

// Conversations are the wave's conversation ids, each once, in arrival order.
func (w Wave) Conversations() []int64 {
	var out []int64
	for _, m := range w.Members {
		if !slices.Contains(out, m.ConversationID) {
			out = append(out, m.ConversationID)
		}
	}
	return out
}

// Tuning, found on the generated traffic in detect_test.go (six languages, 150 messages a
// day): on 4 ordinary weeks 1 false alarm; on 16 injected waves in 2 to 4 languages,
// precision 1.00, recall 1.00, the alert at the 8th wave message (median; at most the
// 9th), about an hour after the wave's first message.
const (
	similarWords  = 0.30               // cosine of two messages' stems: same question, one language
	similarTopics = 0.75               // containment of their concepts and codes: same trouble, any language
	baselineSpan  = 7 * 24 * time.Hour // ordinary traffic is judged against this much history
	burstFactor   = 2.0                // a wave beats the topic's busiest window of the week by this
	coldStart     = 24 * time.Hour     // history needed before Count alone makes a wave
)

var codeRe = regexp.MustCompile(`(?i)\b[a-z]{1,4}-?\d{3,}\b`)

// features are a message's stems, codes and concepts.
func features(text string, triggers []Trigger) []string {
	var out []string
	for _, t := range textsim.Terms(text) {
		if !strings.HasPrefix(t, "~") { // stems only: the 4-grams join unrelated words too easily here
			out = append(out, t)
		}
	}
	for _, c := range codeRe.FindAllString(text, -1) {
		out = append(out, "#"+strings.ToLower(strings.ReplaceAll(c, "-", "")))
	}
	folded := " " + textsim.Fold(text) + " "
	for _, name := range conceptNames {
		for _, p := range concepts[name] {
			if strings.Contains(folded, " "+p) {
				out = append(out, "@"+name)
				break
			}
		}
	}
	for _, tr := range triggers {
		if matches(folded, tr.Keywords) > 0 {
			out = append(out, "@pb:"+tr.ID)
		}
	}
	return out
}

var conceptNames = func() []string {
	var n []string
	for k := range concepts {
		n = append(n, k)
	}
	sort.Strings(n)
	return n
}()

// matches counts the keywords found in folded text (" ...folded... ").
func matches(folded string, keywords []string) int {
	n := 0
	for _, k := range keywords {
		k = textsim.Fold(k)
		if k == "" {
			continue
		}
		if r := []rune(k); len(r) > 6 { // a prefix, so "bitterness" and "bitter" meet
			k = string(r[:len(r)-1])
		}
		if strings.Contains(folded, " "+k) {
			n++
		}
	}
	return n
}

// vec is a sparse vector: feature ids in increasing order with their weights. Sorted
// slices compare by merging, several times faster than maps: the alert compares each
// recent message with a week of others.
type vec []term

type term struct {
	id int32
	w  float64
}

func newVec(m map[int32]float64, unit bool) vec {
	v := make(vec, 0, len(m))
	norm := 0.0
	for id, w := range m {
		v = append(v, term{id, w})
		norm += w * w
	}
	slices.SortFunc(v, func(a, b term) int { return int(a.id - b.id) })
	if unit && norm > 0 {
		norm = math.Sqrt(norm)
		for i := range v {
			v[i].w /= norm
		}
	}
	return v
}

// busiest is the most of times (newest first) within any one window.
func busiest(times []time.Time, window time.Duration) int {
	best, lo := 0, 0
	for hi := range times {
		for times[lo].Sub(times[hi]) > window {
			lo++
		}
		best = max(best, hi-lo+1)
	}
	return best
}

// containment is how much of the smaller topic set (by weight) the other one shares:
// {taste, NC-2611} contains {taste}, so a short "it tastes bitter" joins the batch wave.
func containment(a, b vec) float64 {
	shared := overlap(a, b, func(wa, _ float64) float64 { return wa * wa })
	var wa, wb float64
	for _, t := range a {
		wa += t.w * t.w
	}
	for _, t := range b {
		wb += t.w * t.w
	}
	if wa == 0 || wb == 0 {
		return 0
	}
	return shared / min(wa, wb)
}

func cosine(a, b vec) float64 {
	return overlap(a, b, func(wa, wb float64) float64 { return wa * wb })
}

// overlap sums f(weight in a, weight in b) over the terms a and b share; both are sorted
// by id, so one pass over each finds them.
func overlap(a, b vec, f func(wa, wb float64) float64) float64 {
	s := 0.0
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].id < b[j].id:
			i++
		case a[i].id > b[j].id:
			j++
		default:
			s += f(a[i].w, b[j].w)
			i++
			j++
		}
	}
	return s
}

// Detect finds the waves in msgs (any order). History before the last Window is the
// baseline; waves are reported as they would have fired with messages arriving in order.
func Detect(msgs []Message, cfg Config, triggers []Trigger) []Wave {
	return DetectSince(msgs, cfg, triggers, time.Time{})
}

// DetectSince is Detect for waves starting at or after from: earlier messages are only
// the baseline, which saves comparing every message of a busy week with every other.
func DetectSince(msgs []Message, cfg Config, triggers []Trigger, from time.Time) []Wave {
	if cfg.Count < 2 {
		cfg.Count = 2
	}
	if cfg.Window <= 0 {
		cfg.Window = DefaultConfig.Window
	}
	msgs = slices.Clone(msgs)
	slices.SortStableFunc(msgs, func(a, b Message) int { return a.At.Compare(b.At) })
	feats := make([][]string, len(msgs))
	df := map[string]int{}
	for i, m := range msgs {
		feats[i] = features(m.Subject+"\n"+m.Text, triggers)
		seen := map[string]bool{}
		for _, f := range feats[i] {
			if !seen[f] {
				seen[f] = true
				df[f]++
			}
		}
	}
	n := float64(len(msgs))
	ids := map[string]int32{}
	words := make([]vec, len(msgs))
	topics := make([]vec, len(msgs))
	for i, fs := range feats {
		wm, tm := map[int32]float64{}, map[int32]float64{}
		for _, f := range fs {
			id, ok := ids[f]
			if !ok {
				id = int32(len(ids))
				ids[f] = id
			}
			w := math.Log((n+1)/float64(df[f]+1)) + 1
			if f[0] == '@' || f[0] == '#' {
				if len(msgs) >= 100 && df[f]*7 > len(msgs) {
					continue // a concept one message in seven has ("delivery") tells nothing apart
				}
				tm[id] = w
			} else {
				wm[id] = w // presence, not frequency: a long message is not more about its topic
			}
		}
		words[i], topics[i] = newVec(wm, true), newVec(tm, false)
	}
	// Two messages are about the same thing when their words are close (one language),
	// or when their topics (concepts, codes, playbook keywords) are (any language).
	same := func(i, j int) bool {
		return cosine(words[i], words[j]) >= similarWords || containment(topics[i], topics[j]) >= similarTopics
	}

	type cluster struct {
		members []int
		last    time.Time
		wave    int // index in waves
	}
	var waves []Wave
	var live []*cluster
	inWave := make([]bool, len(msgs))
	for i, m := range msgs {
		if m.At.Before(from) {
			continue
		}
		// A message similar to most members of a wave still going joins it: one wave, one alert.
		joined := false
		for _, g := range live {
			if m.At.Sub(g.last) > cfg.Window {
				continue
			}
			near := 0
			for _, j := range g.members {
				if same(i, j) {
					near++
				}
			}
			if near*3 >= len(g.members) {
				g.members = append(g.members, i)
				g.last = m.At
				waves[g.wave].Members = append(waves[g.wave].Members, m)
				inWave[i], joined = true, true
				break
			}
		}
		if joined {
			continue
		}
		var group []int
		var history []time.Time // similar messages before the window, newest first
		for j := i - 1; j >= 0 && m.At.Sub(msgs[j].At) <= baselineSpan; j-- {
			if !same(i, j) {
				continue
			}
			if m.At.Sub(msgs[j].At) <= cfg.Window {
				if !inWave[j] {
					group = append(group, j)
				}
			} else {
				history = append(history, msgs[j].At)
			}
		}
		if len(group)+1 < cfg.Count {
			continue
		}
		// Ordinary traffic has busy hours: a topic is a wave only when this window beats
		// its busiest window of the past week by burstFactor. With less than a day of
		// history there is no telling a busy hour from a wave, so twice the count is asked.
		if float64(len(group)+1) <= burstFactor*float64(busiest(history, cfg.Window)) {
			continue
		}
		if m.At.Sub(msgs[0].At) < coldStart && len(group)+1 < 2*cfg.Count {
			continue
		}
		// Messages in the window close to the group though not to this one belong too.
		for j := i - 1; j >= 0 && m.At.Sub(msgs[j].At) <= cfg.Window; j-- {
			if inWave[j] || slices.Contains(group, j) {
				continue
			}
			near := 0
			for _, k := range group {
				if same(j, k) {
					near++
				}
			}
			if near*3 >= len(group) {
				group = append(group, j)
			}
		}
		slices.Sort(group)
		group = append(group, i)
		w := Wave{FiredAt: m.At}
		for _, j := range group {
			w.Members = append(w.Members, msgs[j])
			inWave[j] = true
		}
		waves = append(waves, w)
		live = append(live, &cluster{members: group, last: m.At, wave: len(waves) - 1})
	}
	for k := range waves {
		describeWave(&waves[k], triggers)
	}
	return waves
}

// describeWave fills the languages, the topic and the playbook suggestion.
func describeWave(w *Wave, triggers []Trigger) {
	count := map[string]int{}
	langs := map[string]bool{}
	for _, m := range w.Members {
		text := m.Subject + "\n" + m.Text
		if l := textsim.DetectLang(text); l != "" {
			langs[l] = true
		}
		seen := map[string]bool{}
		for _, f := range features(text, nil) {
			if !seen[f] {
				seen[f] = true
				count[f]++
			}
		}
	}
	w.Langs = sortedSet(langs)
	for f, c := range count {
		if c*2 >= len(w.Members) {
			w.Topic = append(w.Topic, f)
		}
	}
	sort.Slice(w.Topic, func(i, j int) bool {
		if count[w.Topic[i]] != count[w.Topic[j]] {
			return count[w.Topic[i]] > count[w.Topic[j]]
		}
		return w.Topic[i] < w.Topic[j]
	})
	if len(w.Topic) > 8 {
		w.Topic = w.Topic[:8]
	}
	best := 0.0
	for _, tr := range triggers {
		hit := 0
		for _, m := range w.Members {
			if matches(" "+textsim.Fold(m.Subject+"\n"+m.Text)+" ", tr.Keywords) > 0 {
				hit++
			}
		}
		if score := float64(hit) / float64(len(w.Members)); score > best {
			best, w.Playbook, w.PlaybookID, w.Score = score, tr.Name, tr.ID, score
		}
	}
}

func sortedSet(m map[string]bool) []string {
	out := []string{}
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
