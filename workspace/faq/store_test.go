package faq

import (
	"context"
	"errors"
	"slices"
	"strings"
	"switchboard/workspace/workspacetest"
	"testing"
	"time"
)

func TestSaveGetAndClean(t *testing.T) {
	s, c := newStore(t)
	ctx := context.Background()
	e := mustSave(t, s, Draft{
		Question:  "  How long does\nshipping take? ",
		Phrasings: []string{"When will my order arrive?", "", "how long does shipping take", "When will my  order arrive?"},
		Answer:    "Hi {{first_name|there}},\r\nusually 2–4 days.\r\n",
		Tags:      []string{"Shipping, orders", "shipping"},
		Lang:      "EN",
		Owner:     " Sofia ",
	})
	want := Entry{ID: e.ID, Question: "How long does shipping take?", Phrasings: []string{"When will my order arrive?"},
		Answer: "Hi {{first_name|there}},\nusually 2–4 days.", Tags: []string{"orders", "shipping"}, Lang: "en", Owner: "Sofia",
		CreatedAt: c.Now(), UpdatedAt: c.Now(), LastReviewedAt: c.Now()}
	got, err := s.Get(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !equalEntry(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	if _, err := s.Get(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing entry: %v", err)
	}
}

func equalEntry(a, b Entry) bool {
	return a.ID == b.ID && a.Question == b.Question && slices.Equal(a.Phrasings, b.Phrasings) && a.Answer == b.Answer &&
		slices.Equal(a.Tags, b.Tags) && a.Lang == b.Lang && a.Owner == b.Owner && a.CreatedAt.Equal(b.CreatedAt) &&
		a.UpdatedAt.Equal(b.UpdatedAt) && a.LastReviewedAt.Equal(b.LastReviewedAt) && a.Uses == b.Uses
}

func TestValidationPerField(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	first := mustSave(t, s, Draft{Question: "Do you ship to Norway?", Answer: "Yes."})
	tests := []struct {
		name  string
		id    string
		draft Draft
		want  map[Field][]string // field → problem codes
	}{
		{"empty", "", Draft{Question: " ", Answer: "\n"}, map[Field][]string{FieldQuestion: {"empty_question"}, FieldAnswer: {"empty_answer"}}},
		{"punctuation only", "", Draft{Question: "???", Answer: "x"}, map[Field][]string{FieldQuestion: {"empty_question"}}},
		{"duplicate, other case and accents", "", Draft{Question: "do you SHIP to nórway", Answer: "x"}, map[Field][]string{FieldQuestion: {"duplicate_question"}}},
		{"same question on itself is fine", first.ID, Draft{Question: "Do you ship to Norway?", Answer: "Ja."}, nil},
		{"variables", "", Draft{Question: "Hej?", Answer: "Hej {{fornamn}}!\n{{ }} {{agent"}, map[Field][]string{FieldAnswer: {"unknown_variable", "empty_variable", "unclosed"}}},
		{"language", "", Draft{Question: "Q", Answer: "A", Lang: "english"}, map[Field][]string{FieldLang: {"bad_lang"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := s.Validate(ctx, tc.id, tc.draft)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("want no problems, got %v", err)
				}
				return
			}
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("want *ValidationError, got %v", err)
			}
			for f, codes := range tc.want {
				var got []string
				for _, p := range ve.For(f) {
					got = append(got, p.Code)
				}
				if !slices.Equal(got, codes) {
					t.Errorf("field %s: got %v, want %v (%v)", f, got, codes, err)
				}
			}
			// Save refuses the same draft and writes nothing.
			before := countRows(t, s)
			if _, err := s.Save(ctx, tc.id, tc.draft); !errors.As(err, &ve) {
				t.Errorf("Save: want *ValidationError, got %v", err)
			}
			if countRows(t, s) != before {
				t.Error("an invalid draft was written")
			}
		})
	}
	err := s.Validate(ctx, "", Draft{Question: "Q", Answer: "Hi {{frist_name}}"})
	if msg := err.Error(); !strings.Contains(msg, "{{frist_name}}") || !strings.Contains(msg, "did you mean {{first_name}}") {
		t.Errorf("message does not name the variable: %s", msg)
	}
}

func TestNearDuplicatesPointedOutOnSave(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	ship := mustSave(t, s, Draft{Question: "How long does shipping take?", Phrasings: []string{"When will my order arrive?"}, Answer: "2–4 days."})
	mustSave(t, s, Draft{Question: "Can I pause my subscription?", Answer: "Yes, under Account."})
	saved, err := s.Save(ctx, "", Draft{Question: "How long does shipping usually take to arrive?", Answer: "About 3 days."})
	if err != nil {
		t.Fatal(err)
	}
	if len(saved.Similar) != 1 || saved.Similar[0].ID != ship.ID {
		t.Errorf("similar: got %+v, want the shipping entry", saved.Similar)
	}
	// editing an entry never reports the entry itself
	again, err := s.Save(ctx, ship.ID, ship.Draft())
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range again.Similar {
		if m.ID == ship.ID {
			t.Error("an entry is reported as its own near-duplicate")
		}
	}
}

func TestSearchIgnoresDiacritics(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	mustSave(t, s, Draft{Question: "Smí kůň do kavárny?", Answer: "Jen na terase.", Lang: "cs"})
	mustSave(t, s, Draft{Question: "Is there a café in Malmö?", Answer: "Yes, at Södergatan 1.", Phrasings: []string{"Where can I drink your coffee?"}})
	mustSave(t, s, Draft{Question: "Как оформить возврат?", Answer: "Напишите нам, {{first_name|друг}}."})
	mustSave(t, s, Draft{Question: "Refunds", Answer: "We refund within **14 days**.", Tags: []string{"money"}})
	tests := []struct {
		query string
		want  []string
	}{
		{"kun", []string{"Smí kůň do kavárny?"}},
		{"KŮŇ", []string{"Smí kůň do kavárny?"}},
		{"cafe", []string{"Is there a café in Malmö?"}},
		{"malmo", []string{"Is there a café in Malmö?"}},
		{"drink", []string{"Is there a café in Malmö?"}},      // a phrasing
		{"sodergatan", []string{"Is there a café in Malmö?"}}, // the answer
		{"возврат", []string{"Как оформить возврат?"}},
		{"ВОЗВР", []string{"Как оформить возврат?"}}, // a prefix
		{"money", []string{"Refunds"}},               // a tag
		{"refund days", []string{"Refunds"}},
		{`"refund" -days*`, []string{"Refunds"}}, // FTS syntax is searched as words, never an error
		{"nothing-like-this", nil},
	}
	for _, tc := range tests {
		got, err := s.List(ctx, Filter{Query: tc.query})
		if err != nil {
			t.Fatalf("%q: %v", tc.query, err)
		}
		if !slices.Equal(questions(got), tc.want) {
			t.Errorf("%q: got %q, want %q", tc.query, questions(got), tc.want)
		}
	}
}

func TestFiltersUsageAndReview(t *testing.T) {
	s, c := newStore(t)
	ctx := context.Background()
	old := mustSave(t, s, Draft{Question: "Opening hours?", Answer: "8–18.", Tags: []string{"cafe"}, Lang: "en"})
	c.Advance(60 * 24 * time.Hour)
	sv := mustSave(t, s, Draft{Question: "Öppettider?", Answer: "8–18.", Tags: []string{"cafe"}, Lang: "sv"})
	grinder := mustSave(t, s, Draft{Question: "Grinder warranty?", Answer: "Two years.", Tags: []string{"warranty"}, Lang: "en"})
	c.Advance(31 * 24 * time.Hour) // old is now 91 days unreviewed, the others 31

	for range 3 {
		if err := s.RecordUse(ctx, grinder.ID); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.RecordUse(ctx, sv.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordUse(ctx, "missing"); !errors.Is(err, ErrNotFound) {
		t.Errorf("RecordUse of a missing entry: %v", err)
	}
	check := func(name string, f Filter, want ...string) {
		t.Helper()
		got, err := s.List(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(questions(got), want) {
			t.Errorf("%s: got %q, want %q", name, questions(got), want)
		}
	}
	check("tag", Filter{Tag: "cafe"}, "Opening hours?", "Öppettider?")
	check("lang", Filter{Lang: "en"}, "Grinder warranty?", "Opening hours?")
	check("most used", Filter{View: ViewMostUsed}, "Grinder warranty?", "Öppettider?")
	check("never used", Filter{View: ViewNeverUsed}, "Opening hours?")
	check("needs review, default 90 days", Filter{NeedsReview: true}, "Opening hours?")
	got, _ := s.Get(ctx, grinder.ID)
	if got.Uses != 3 || got.NeedsReview {
		t.Errorf("grinder: uses %d, needs review %v", got.Uses, got.NeedsReview)
	}

	if err := s.SetReviewDays(ctx, 30); err != nil {
		t.Fatal(err)
	}
	check("needs review, 30 days", Filter{NeedsReview: true}, "Grinder warranty?", "Opening hours?", "Öppettider?")
	if err := s.MarkReviewed(ctx, old.ID); err != nil {
		t.Fatal(err)
	}
	check("after review", Filter{NeedsReview: true, Tag: "cafe"}, "Öppettider?")
	c.Advance(24 * time.Hour)
	if _, err := s.Save(ctx, sv.ID, sv.Draft()); err != nil { // editing counts as reviewing
		t.Fatal(err)
	}
	check("after edit", Filter{NeedsReview: true}, "Grinder warranty?")

	f, err := s.Facets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(f.Tags, []string{"cafe", "warranty"}) || !slices.Equal(f.Langs, []string{"en", "sv"}) {
		t.Errorf("facets: %+v", f)
	}
}

func TestDeleteAndUndo(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	e := mustSave(t, s, Draft{Question: "Allergens?", Answer: "See the list.", Tags: []string{"food"}})
	if err := s.RecordUse(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.List(ctx, Filter{Query: "allergens"}); len(got) != 0 {
		t.Errorf("deleted entry still listed: %v", questions(got))
	}
	if _, err := s.Get(ctx, e.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get of a deleted entry: %v", err)
	}
	if err := s.Restore(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	got, err := s.Get(ctx, e.ID)
	if err != nil || got.Uses != 1 || got.Answer != "See the list." {
		t.Errorf("restored: %+v, %v", got, err)
	}
	if err := s.Restore(ctx, e.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("restoring a live entry: %v", err)
	}

	// a new entry took the question while the old one was deleted: restore says so
	if err := s.Delete(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	mustSave(t, s, Draft{Question: "allergens", Answer: "New list."})
	var ve *ValidationError
	if err := s.Restore(ctx, e.ID); !errors.As(err, &ve) || ve.For(FieldQuestion)[0].Code != "duplicate_question" {
		t.Errorf("restore over a taken question: %v", err)
	}
}

func TestWorkspacesAreIsolated(t *testing.T) {
	root := workspacetest.Root(t)
	ctx := context.Background()
	a := NewStore(workspacetest.Open(t, root, "Nordlys Coffee"))
	b := NewStore(workspacetest.Open(t, root, "Fjord Bikes"))
	ea := mustSave(t, a, Draft{Question: "Grinder warranty?", Answer: "Two years.", Tags: []string{"warranty"}})
	mustSave(t, b, Draft{Question: "Frame warranty?", Answer: "Five years.", Tags: []string{"frames"}})

	for _, tc := range []struct {
		s    *Store
		want string
	}{{a, "Grinder warranty?"}, {b, "Frame warranty?"}} {
		got, err := tc.s.List(ctx, Filter{Query: "warranty"})
		if err != nil || !slices.Equal(questions(got), []string{tc.want}) {
			t.Errorf("got %q (%v), want only %q", questions(got), err, tc.want)
		}
	}
	if _, err := b.Get(ctx, ea.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("workspace B reads A's entry: %v", err)
	}
	if err := b.RecordUse(ctx, ea.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("workspace B counts a use of A's entry: %v", err)
	}
	if err := b.Delete(ctx, ea.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("workspace B deletes A's entry: %v", err)
	}
	// the same question may exist in both
	if _, err := b.Save(ctx, "", Draft{Question: "Grinder warranty?", Answer: "We sell no grinders."}); err != nil {
		t.Errorf("a question of A blocks B: %v", err)
	}
	fa, _ := a.Facets(ctx)
	if !slices.Equal(fa.Tags, []string{"warranty"}) {
		t.Errorf("A's tags: %v", fa.Tags)
	}
}
