package textsim

import (
	"slices"
	"testing"
)

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Smí KŮŇ do kavárny?":   "smi kun do kavarny",
		"Café — Malmö, Øresund": "cafe malmo oresund",
		"  Доставка   ЗАКАЗА!":  "доставка заказа",
		"¿Dónde está?":          "donde esta",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTermsJoinInflections(t *testing.T) {
	stems := func(s string) []string {
		var out []string
		for _, t := range Terms(s) {
			if t[0] != '~' {
				out = append(out, t)
			}
		}
		return out
	}
	for _, pair := range [][2]string{
		{"refunds", "refunded"}, {"objednávka", "objednávku"}, {"доставка", "доставки"}, {"beställningen", "beställning"},
	} {
		if a, b := stems(pair[0]), stems(pair[1]); !slices.Equal(a, b) || len(a) != 1 {
			t.Errorf("%q → %v, %q → %v", pair[0], a, pair[1], b)
		}
	}
	if got := stems("Hi, where is my order 48213? Thanks in advance!"); !slices.Equal(got, []string{"order"}) {
		t.Errorf("stopwords and numbers kept: %v", got)
	}
}

func TestDetectLang(t *testing.T) {
	for in, want := range map[string]string{
		"Where is my order? It has not arrived.":       "en",
		"Var är min beställning? Den har inte kommit":  "sv",
		"Jak dlouhá je záruka na mlýnek?":              "cs",
		"¿Dónde está mi pedido? Todavía no ha llegado": "es",
		"Os doces têm nozes? Não sei.":                 "pt",
		"Как приостановить подписку?":                  "ru",
		"12345": "",
	} {
		if got := DetectLang(in); got != want {
			t.Errorf("DetectLang(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGroupKeepsTopicsApart(t *testing.T) {
	docs := []string{"pause my subscription", "pause subscription please", "how to pause the subscription",
		"grinder warranty", "warranty on the grinder", "is the grinder under warranty", "gift cards"}
	var terms [][]string
	for _, d := range docs {
		terms = append(terms, Terms(d))
	}
	c := NewCorpus(terms)
	var vs []Vector
	for _, t := range terms {
		vs = append(vs, c.Vector(t))
	}
	groups := Group(vs, 0.2, 0.5)
	if len(groups) != 2 || len(groups[0]) != 3 || len(groups[1]) != 3 {
		t.Fatalf("groups %v", groups)
	}
	for _, g := range groups {
		slices.Sort(g)
		if !slices.Equal(g, []int{0, 1, 2}) && !slices.Equal(g, []int{3, 4, 5}) {
			t.Errorf("mixed group %v", g)
		}
	}
}
