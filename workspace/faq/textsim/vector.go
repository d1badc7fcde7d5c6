package textsim

import (
	"math"
	"sort"
)

// Vector is a unit-length TF-IDF vector: term → weight.
type Vector map[string]float64

// Cosine is the similarity of two unit vectors, 0 (nothing shared) to 1 (same terms).
func Cosine(a, b Vector) float64 {
	if len(b) < len(a) {
		a, b = b, a
	}
	s := 0.0
	for t, w := range a {
		s += w * b[t]
	}
	return s
}

// Corpus holds document frequencies, so a word every message uses ("order" in a shop's
// inbox) weighs less than one that sets a question apart ("grinder").
type Corpus struct {
	df map[string]int
	n  int
}

// NewCorpus counts the terms of docs (each doc a list of terms, as from Terms).
func NewCorpus(docs [][]string) *Corpus {
	c := &Corpus{df: map[string]int{}, n: len(docs)}
	for _, d := range docs {
		seen := map[string]bool{}
		for _, t := range d {
			if !seen[t] {
				seen[t] = true
				c.df[t]++
			}
		}
	}
	return c
}

// Vector weighs terms by sublinear term frequency and smoothed inverse document frequency.
// Terms the corpus never saw weigh as if seen once.
func (c *Corpus) Vector(terms []string) Vector {
	tf := map[string]int{}
	for _, t := range terms {
		tf[t]++
	}
	v := Vector{}
	norm := 0.0
	for t, n := range tf {
		w := (1 + math.Log(float64(n))) * math.Log(float64(c.n+1)/float64(c.df[t]+1)+1)
		v[t] = w
		norm += w * w
	}
	norm = math.Sqrt(norm)
	for t := range v {
		v[t] /= norm
	}
	return v
}

// Centroid is the normalised mean of vs.
func Centroid(vs []Vector) Vector {
	c := Vector{}
	for _, v := range vs {
		for t, w := range v {
			c[t] += w
		}
	}
	norm := 0.0
	for _, w := range c {
		norm += w * w
	}
	norm = math.Sqrt(norm)
	for t := range c {
		c[t] /= norm
	}
	return c
}

// Group clusters vectors and returns the groups as indexes into vs, biggest first;
// vectors that join no one are left out. Two vectors at least link similar are
// neighbours; two groups whose centroids are at least join similar become one.
//
// It seeds groups at the vectors with the most neighbours (the typical wording of a
// question rather than an odd one) and gathers their unassigned neighbours, joins groups
// that ask the same in other words, then moves each vector to the group whose centroid
// it is closest to. Unlike joining every pair above a threshold, one ambiguous message
// cannot chain two topics together.
func Group(vs []Vector, link, join float64) [][]int {
	neigh := neighbours(vs, link)
	order := make([]int, len(vs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return len(neigh[order[a]]) > len(neigh[order[b]]) })
	assigned := make([]int, len(vs))
	for i := range assigned {
		assigned[i] = -1
	}
	var groups [][]int
	for _, seed := range order {
		if assigned[seed] >= 0 || len(neigh[seed]) == 0 {
			continue
		}
		g := len(groups)
		members := []int{seed}
		assigned[seed] = g
		for _, j := range neigh[seed] {
			if assigned[j] < 0 {
				assigned[j] = g
				members = append(members, j)
			}
		}
		groups = append(groups, members)
	}
	groups = refine(vs, merge(vs, groups, join), link)
	sort.SliceStable(groups, func(a, b int) bool { return len(groups[a]) > len(groups[b]) })
	return groups
}

// neighbours lists, per vector, the others at least threshold similar. Only pairs that
// share a term are compared, through an inverted index.
func neighbours(vs []Vector, threshold float64) [][]int {
	index := map[string][]int{}
	for i, v := range vs {
		for t := range v {
			index[t] = append(index[t], i)
		}
	}
	out := make([][]int, len(vs))
	for i, v := range vs {
		seen := map[int]bool{i: true}
		for t := range v {
			for _, j := range index[t] {
				if seen[j] {
					continue
				}
				seen[j] = true
				if Cosine(v, vs[j]) >= threshold {
					out[i] = append(out[i], j)
				}
			}
		}
		sort.Ints(out[i])
	}
	return out
}

// refine moves each vector to the group whose centroid is nearest (if near enough), a
// few rounds, and drops groups left with one member.
func refine(vs []Vector, groups [][]int, threshold float64) [][]int {
	for round := 0; round < 3; round++ {
		cents := make([]Vector, len(groups))
		for g, members := range groups {
			cents[g] = centroidOf(vs, members)
		}
		next := make([][]int, len(groups))
		for i, v := range vs {
			best, bestSim := -1, threshold
			for g, c := range cents {
				if s := Cosine(v, c); s >= bestSim {
					best, bestSim = g, s
				}
			}
			if best >= 0 {
				next[best] = append(next[best], i)
			}
		}
		groups = groups[:0]
		for _, members := range next {
			if len(members) > 1 {
				groups = append(groups, members)
			}
		}
	}
	return groups
}

func centroidOf(vs []Vector, members []int) Vector {
	sel := make([]Vector, len(members))
	for k, i := range members {
		sel[k] = vs[i]
	}
	return Centroid(sel)
}

// merge joins groups whose centroids are threshold similar: a question asked in two
// wordings often seeds two groups that belong together.
func merge(vs []Vector, groups [][]int, threshold float64) [][]int {
	for {
		cents := make([]Vector, len(groups))
		for g, members := range groups {
			cents[g] = centroidOf(vs, members)
		}
		bi, bj, best := -1, -1, threshold
		for i := range groups {
			for j := i + 1; j < len(groups); j++ {
				if s := Cosine(cents[i], cents[j]); s >= best {
					bi, bj, best = i, j, s
				}
			}
		}
		if bi < 0 {
			return groups
		}
		groups[bi] = append(groups[bi], groups[bj]...)
		groups = append(groups[:bj], groups[bj+1:]...)
	}
}
