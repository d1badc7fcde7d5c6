package faq

import (
	"context"
	"strings"
	"testing"

	"switchboard/workspace/journal"
)

// Adding, editing, deleting, restoring and importing FAQ entries are journal entries on
// the entry's id; counting a use is not (the reply's own entry is the event).
func TestFAQChangesAreJournaled(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	e := mustSave(t, s, Draft{Question: "Opening hours?", Answer: "8–18."})
	if _, err := s.Save(ctx, e.ID, Draft{Question: "Opening hours?", Answer: "8–17."}); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordUse(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.Restore(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	p, err := s.PreviewCSV(ctx, strings.NewReader("question,answer\r\nGift cards?,\"Yes, from 200 kr.\"\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Apply(ctx, p); err != nil {
		t.Fatal(err)
	}
	list, err := journal.List(ctx, s.w.DB().Read(), journal.Filter{Prefix: "faq."})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, en := range list {
		got = append(got, en.Kind)
	}
	if strings.Join(got, " ") != "faq.create faq.edit faq.delete faq.restore faq.create" {
		t.Fatalf("faq entries %v", got)
	}
	var edit struct{ Answer string }
	if err := list[1].Decode(&edit); err != nil || list[1].Object != e.ID || edit.Answer != "8–17." {
		t.Fatalf("edit entry %+v: %v", list[1], err)
	}
	var imported struct {
		Question  string `json:"question"`
		ImportRow int    `json:"import_row"`
	}
	if err := list[4].Decode(&imported); err != nil || imported.Question != "Gift cards?" || imported.ImportRow != 2 {
		t.Fatalf("imported entry %s: %v", list[4].Data, err)
	}
}
