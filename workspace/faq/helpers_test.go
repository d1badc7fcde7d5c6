package faq

import (
	"context"
	"testing"
	"time"

	"switchboard/workspace/workspacetest"
)

func newStore(t *testing.T) (*Store, *workspacetest.Clock) {
	t.Helper()
	s := NewStore(workspacetest.Open(t, workspacetest.Root(t), "Nordlys Coffee"))
	c := workspacetest.NewClock(time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC))
	s.Now = c.Now
	return s, c
}

func mustSave(t *testing.T, s *Store, d Draft) Entry {
	t.Helper()
	saved, err := s.Save(context.Background(), "", d)
	if err != nil {
		t.Fatalf("saving %q: %v", d.Question, err)
	}
	return saved.Entry
}

func questions(es []Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Question)
	}
	return out
}

func countRows(t *testing.T, s *Store) int {
	t.Helper()
	var n int
	if err := s.w.DB().Read().QueryRow("SELECT count(*) FROM faq_entries").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
