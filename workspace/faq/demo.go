package faq

import (
	"context"
	"fmt"
	"io/fs"

	"switchboard/workspace"
)

// demoUses gives the demo's "most used" view something to show.
var demoUses = map[string]int{"Where is my order?": 41, "How long does shipping take?": 27, "How do I pause my subscription?": 12, "Can I get a refund?": 5}

// SeedDemo fills w's FAQ from faq.csv in seed (the demo folder of assets), through the
// same import a user runs, so the demo file is checked like any other.
func SeedDemo(ctx context.Context, w *workspace.Workspace, seed fs.FS) error {
	f, err := seed.Open("faq.csv")
	if err != nil {
		return err
	}
	defer f.Close()
	s := NewStore(w)
	p, err := s.PreviewCSV(ctx, f)
	if err != nil {
		return err
	}
	if n := p.Count(Reject); n > 0 {
		return fmt.Errorf("demo FAQ: %d rows rejected: %+v", n, p.Rows)
	}
	if err := s.Apply(ctx, p); err != nil {
		return err
	}
	entries, err := s.List(ctx, Filter{})
	if err != nil {
		return err
	}
	for _, e := range entries {
		for range demoUses[e.Question] {
			if err := s.RecordUse(ctx, e.ID); err != nil {
				return err
			}
		}
	}
	return nil
}
