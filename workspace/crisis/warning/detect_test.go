package warning

import (
	"slices"
	"testing"
	"time"
)

var monday = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)

// measure runs Detect on generated traffic and scores it against the injected waves: a
// fired wave is right when most of its members come from one injected wave.
func measure(t *testing.T, tr traffic, cfg Config) (falseAlarms, hits int, delays []time.Duration, before []int) {
	t.Helper()
	detected := map[int]bool{}
	for _, w := range Detect(tr.msgs, cfg, nil) {
		count := map[int]int{}
		for _, m := range w.Members {
			count[tr.waves[m.ID]]++
		}
		best, bestN := 0, 0
		for k, n := range count {
			if k > 0 && n > bestN {
				best, bestN = k, n
			}
		}
		if best == 0 || bestN*2 < len(w.Members) || detected[best] {
			falseAlarms++
			t.Logf("false alarm at %s: %d members, topic %v, languages %v", w.FiredAt.Format("Mon 15:04"), len(w.Members), w.Topic, w.Langs)
			for _, m := range w.Members {
				t.Logf("    %s %s", m.At.Format("15:04"), m.Subject)
			}
			continue
		}
		detected[best] = true
		t.Logf("wave %d found: %d members, %v, %v", best, len(w.Members), w.Topic, w.Langs)
		hits++
		delays = append(delays, w.FiredAt.Sub(tr.start[best-1]))
		n := 0
		for _, m := range tr.msgs {
			if tr.waves[m.ID] == best && !m.At.After(w.FiredAt) {
				n++
			}
		}
		before = append(before, n)
	}
	return
}

func TestOrdinaryWeekRaisesNoAlarm(t *testing.T) {
	g := newGen(1)
	g.week(monday, 7, 150)
	if fa, _, _, _ := measure(t, g.t, DefaultConfig); fa > 0 {
		t.Fatalf("%d alarms on a week of ordinary traffic", fa)
	}
}

// The false-alarm rate over four more generated weeks: at most one, i.e. one a month.
// (Measured: one, ten messages in two hours on a Friday afternoon, nine of them refund
// questions in five languages, where that week's busiest two hours had four.)
func TestFalseAlarmRateOnOrdinaryTraffic(t *testing.T) {
	total, msgs := 0, 0
	for seed := uint64(1); seed <= 4; seed++ { // four different weeks
		g := newGen(seed * 101)
		g.week(monday, 7, 150)
		fa, _, _, _ := measure(t, g.t, DefaultConfig)
		total += fa
		msgs += len(g.t.msgs)
	}
	t.Logf("ordinary traffic: %d messages over 4 generated weeks in %v: %d false alarms", msgs, langs, total)
	if total > 1 {
		t.Fatalf("%d alarms on four weeks of ordinary traffic, want at most one", total)
	}
}

func TestWavesAcrossLanguagesFireOnceInTime(t *testing.T) {
	var falseAlarms, hits, injected int
	var delays []time.Duration
	var before []int
	for seed := uint64(1); seed <= 4; seed++ {
		g := newGen(seed)
		g.week(monday, 7, 150)
		g.wave("taste", []string{"sv", "cs", "en", "es"}, monday.Add(2*24*time.Hour+10*time.Hour), 14, 90*time.Minute)
		g.wave("login", []string{"ru", "pt", "en"}, monday.Add(3*24*time.Hour+15*time.Hour), 12, 80*time.Minute)
		g.wave("charged", []string{"es", "pt", "sv", "cs"}, monday.Add(4*24*time.Hour+9*time.Hour), 12, 100*time.Minute)
		g.wave("damaged", []string{"en", "ru", "cs"}, monday.Add(5*24*time.Hour+20*time.Hour), 12, 110*time.Minute)
		injected += 4
		fa, h, d, b := measure(t, g.t, DefaultConfig)
		falseAlarms += fa
		hits += h
		delays = append(delays, d...)
		before = append(before, b...)
	}
	precision := float64(hits) / float64(max(hits+falseAlarms, 1))
	recall := float64(hits) / float64(injected)
	slices.Sort(delays)
	slices.Sort(before)
	t.Logf("injected waves: %d; detected %d; false alarms %d; precision %.2f, recall %.2f", injected, hits, falseAlarms, precision, recall)
	if len(delays) > 0 {
		t.Logf("time to alert after the wave's first message: median %s, slowest %s; wave messages arrived by then: median %d, most %d",
			delays[len(delays)/2], delays[len(delays)-1], before[len(before)/2], before[len(before)-1])
	}
	if recall < 0.85 || precision < 0.85 {
		t.Fatalf("precision %.2f, recall %.2f: the warning misses waves or cries wolf", precision, recall)
	}
	if before[len(before)-1] > 9 {
		t.Fatalf("a wave was flagged only after %d of its messages: the warning must come before the tenth", before[len(before)-1])
	}
}

func TestAWaveIsOneGroupAcrossLanguages(t *testing.T) {
	g := newGen(9)
	g.week(monday, 7, 150)
	start := monday.Add(6*24*time.Hour + 10*time.Hour)
	g.wave("taste", []string{"sv", "cs", "en", "ru", "pt", "es"}, start, 10, 60*time.Minute)
	waves := Detect(g.t.msgs, DefaultConfig, []Trigger{{ID: "pb1", Name: "Bitter batch", Keywords: []string{"bitter", "besk", "hořká", "amargo", "горький"}},
		{ID: "pb2", Name: "Parcels damaged", Keywords: []string{"damaged", "crushed"}}})
	if len(waves) != 1 {
		t.Fatalf("%d waves, want 1: %+v", len(waves), waves)
	}
	// Looking only at the last hours (as the alert does) finds the same wave.
	recent := DetectSince(g.t.msgs, DefaultConfig, nil, start.Add(-6*time.Hour))
	if len(recent) != 1 || len(recent[0].Members) != len(waves[0].Members) || !recent[0].FiredAt.Equal(waves[0].FiredAt) {
		t.Fatalf("DetectSince: %d waves, want the same one", len(recent))
	}
	w := waves[0]
	if len(w.Members) < 10 || len(w.Langs) < 4 {
		t.Fatalf("the wave has %d members in %v, want all 10 in most of the six languages", len(w.Members), w.Langs)
	}
	if w.Playbook != "Bitter batch" {
		t.Fatalf("suggested %q, want Bitter batch", w.Playbook)
	}
	var wave []Message
	for _, m := range g.t.msgs {
		if g.t.waves[m.ID] == 1 {
			wave = append(wave, m)
		}
	}
	slices.SortFunc(wave, func(a, b Message) int { return a.At.Compare(b.At) })
	if w.FiredAt.After(wave[8].At) {
		t.Fatalf("fired at %s, after the 9th message of the wave (%s)", w.FiredAt, wave[8].At)
	}
	for _, m := range wave {
		if !slices.ContainsFunc(w.Members, func(x Message) bool { return x.ID == m.ID }) {
			t.Fatalf("the wave lacks %q", m.Subject)
		}
	}
}
