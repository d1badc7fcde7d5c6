package faq

import (
	"context"
	"testing"

	"switchboard/assets"
)

func TestSeedDemo(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	if err := SeedDemo(ctx, s.w, assets.DemoSeed()); err != nil {
		t.Fatal(err)
	}
	all := mustList(t, s)
	if len(all) != 12 {
		t.Fatalf("%d demo entries, want 12", len(all))
	}
	used, _ := s.List(ctx, Filter{View: ViewMostUsed})
	review, _ := s.List(ctx, Filter{NeedsReview: true})
	if len(used) == 0 || used[0].Question != "Where is my order?" || len(review) == 0 {
		t.Errorf("most used %q, needs review %q", questions(used), questions(review))
	}
}
