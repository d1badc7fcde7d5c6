package faq

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	"switchboard/workspace/workspacetest"
)

var tricky = []Draft{
	{Question: "Do you ship to Norway, Denmark and Finland?", Phrasings: []string{"Shipping to \"the Nordics\"?", "Frakt till Norge?"},
		Answer: "Hi {{first_name|there}},\n\nyes, we ship to:\n- Norway\n- Denmark, Finland\n\n\"Fast\" shipping: 2–4 days ☕🚚", Tags: []string{"shipping", "nordics"}, Lang: "en", Owner: "Sofia"},
	{Question: "Как оформить возврат?", Answer: "Здравствуйте, {{first_name|друг}}!\nНапишите нам — мы вернём деньги за 14 дней.", Tags: []string{"возврат"}, Lang: "ru"},
	{Question: "=1+1 is a formula?", Answer: "-5 °C keeps beans fresh; @home too.\n+ one more", Tags: []string{"odd"}},
	{Question: "'quoted' question", Answer: "''=already guarded'", Owner: "O'Brien"},
	{Question: "Smí kůň do kavárny?", Answer: "Jen na terase, {{agent}}.", Lang: "cs"},
}

func exportCSV(t *testing.T, s *Store) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := s.ExportCSV(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestCSVRoundTrip(t *testing.T) {
	ctx := context.Background()
	root := workspacetest.Root(t)
	src := NewStore(workspacetest.Open(t, root, "Nordlys Coffee"))
	c := workspacetest.NewClock(time.Date(2024, 11, 5, 8, 30, 15, 123e6, time.UTC))
	src.Now = c.Now
	for _, d := range tricky {
		mustSave(t, src, d)
		c.Advance(time.Hour + 7*time.Millisecond)
	}
	if err := src.RecordUse(ctx, mustList(t, src)[0].ID); err != nil {
		t.Fatal(err)
	}
	data := exportCSV(t, src)
	if !bytes.HasPrefix(data, []byte(bom+"id,question,phrasings,answer,tags,lang,owner,created_at,updated_at,last_reviewed_at\r\n")) {
		t.Errorf("no BOM or header: %q", data[:min(len(data), 120)])
	}
	if !bytes.Contains(data, []byte(`"'=1+1 is a formula?"`)) && !bytes.Contains(data, []byte(`'=1+1 is a formula?`)) {
		t.Errorf("formula not guarded:\n%s", data)
	}

	dst := NewStore(workspacetest.Open(t, root, "Empty"))
	dst.Now = func() time.Time { return time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC) }
	p, err := dst.PreviewCSV(ctx, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if p.Problem != "" || p.Count(Add) != len(tricky) {
		t.Fatalf("preview: %q %+v", p.Problem, p.Rows)
	}
	if countRows(t, dst) != 0 {
		t.Fatal("the preview wrote rows")
	}
	if err := dst.Apply(ctx, p); err != nil {
		t.Fatal(err)
	}
	want, got := mustList(t, src), mustList(t, dst)
	if len(got) != len(want) {
		t.Fatalf("got %d entries, want %d", len(got), len(want))
	}
	for i := range want {
		want[i].Uses = 0 // uses are this workspace's own count, not part of the exchange
		if !equalEntry(got[i], want[i]) {
			t.Errorf("entry %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
	// exporting again gives the same file, and importing it again changes nothing
	if again := exportCSV(t, dst); !bytes.Equal(again, data) {
		t.Errorf("second export differs:\n%s\n---\n%s", again, data)
	}
	p, err = dst.PreviewCSV(ctx, bytes.NewReader(data))
	if err != nil || p.Count(Unchanged) != len(tricky) {
		t.Errorf("re-import: %v %+v", err, p.Rows)
	}
}

func mustList(t *testing.T, s *Store) []Entry {
	t.Helper()
	es, err := s.List(context.Background(), Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return es
}

func TestCSVImportUpdatesAndAdds(t *testing.T) {
	s, c := newStore(t)
	ctx := context.Background()
	ship := mustSave(t, s, Draft{Question: "How long does shipping take?", Answer: "2–4 days.", Tags: []string{"shipping"}})
	keep := mustSave(t, s, Draft{Question: "Opening hours?", Answer: "8–18."})
	gone := mustSave(t, s, Draft{Question: "Old question", Answer: "Old answer."})
	if err := s.Delete(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	c.Advance(time.Hour)
	// as a content manager edits it: columns reordered, some left out, CRLF, no BOM
	file := "question,answer,id\r\n" +
		"How long does shipping take?,\"3–5 days now.\r\nSorry!\",\r\n" + // matched by question
		"Opening hours?,8–18.," + keep.ID + "\r\n" + // unchanged
		"Old question,Back again.," + gone.ID + "\r\n" + // brings back the deleted entry
		"Gift cards?,\"Yes, from 200 kr.\",\r\n" + // new
		"\r\n"
	p, err := s.PreviewCSV(ctx, strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	wantActions := []Action{Update, Unchanged, Add, Add}
	for i, r := range p.Rows {
		if r.Action != wantActions[i] || r.Row != i+2 {
			t.Errorf("row %d: %+v, want %s", i+2, r, wantActions[i])
		}
	}
	if err := s.Apply(ctx, p); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Get(ctx, ship.ID)
	if got.Answer != "3–5 days now.\nSorry!" || !got.UpdatedAt.Equal(c.Now()) || !got.LastReviewedAt.Equal(c.Now()) || got.Tags[0] != "shipping" {
		t.Errorf("updated entry: %+v", got)
	}
	if got, err := s.Get(ctx, gone.ID); err != nil || got.Answer != "Back again." {
		t.Errorf("restored entry: %+v %v", got, err)
	}
	if n := len(mustList(t, s)); n != 4 {
		t.Errorf("%d entries, want 4", n)
	}

	// the FAQ changes between preview and apply: nothing is written
	p, _ = s.PreviewCSV(ctx, strings.NewReader("question,answer\nBrand new?,Yes.\n"))
	mustSave(t, s, Draft{Question: "Brand new?", Answer: "Someone was faster."})
	before := countRows(t, s)
	if err := s.Apply(ctx, p); !errors.Is(err, ErrStalePreview) {
		t.Errorf("stale apply: %v", err)
	}
	if countRows(t, s) != before {
		t.Error("a stale apply wrote rows")
	}
}

func TestCSVImportBrokenFiles(t *testing.T) {
	cp1252, _ := charmap.Windows1252.NewEncoder().String("question,answer\nCafé au lait?,Oui, très bien.\nPlain ASCII?,Yes.\n")
	tests := []struct {
		name    string
		file    string
		problem string   // about the file, "" if none
		reasons []string // per row, "" for a row that would be imported
	}{
		{"wrong columns", "question,antwort,tags\nA?,B,x\nC?,D,y\n", `unknown column "antwort"`,
			[]string{"wrong columns", "wrong columns"}},
		{"windows-1252", cp1252, "Windows-1252",
			[]string{"Windows-1252", "Windows-1252"}},
		{"utf-16", "\xff\xfeq\x00u\x00e\x00s\x00t\x00i\x00o\x00n\x00", "UTF-16", nil},
		{"empty", "", "the file is empty", nil},
		{"rows", "question,answer,lang,created_at\n" +
			"Same?,One,en,\n" +
			"same,Two,en,\n" + // same question after folding
			",No question,en,\n" +
			"No answer?,,en,\n" +
			"Bad var?,Hi {{frist_name}},en,\n" +
			"Bad lang?,x,english,\n" +
			"Bad time?,x,en,yesterday\n" +
			"Short row?,x\n" +
			"Fine?,Yes,sv,\n",
			"", []string{"", "same question as row 2", "the question is empty", "the answer is empty",
				"unknown variable {{frist_name}}", "not a language code", "not a time", "has 2 cells, the header has 4", ""}},
		{"bad quotes", "question,answer\n\"Open?,x\nFine?,Yes\n", "", []string{"not valid CSV"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := newStore(t)
			ctx := context.Background()
			mustSave(t, s, Draft{Question: "Existing?", Answer: "Yes."})
			before := countRows(t, s)
			p, err := s.PreviewCSV(ctx, strings.NewReader(tc.file))
			if err != nil {
				t.Fatal(err)
			}
			if (tc.problem == "") != (p.Problem == "") || !strings.Contains(p.Problem, tc.problem) {
				t.Errorf("file problem %q, want %q", p.Problem, tc.problem)
			}
			if len(p.Rows) != len(tc.reasons) {
				t.Fatalf("%d rows reported, want %d: %+v", len(p.Rows), len(tc.reasons), p.Rows)
			}
			for i, r := range p.Rows {
				want := tc.reasons[i]
				if (want == "") != (r.Action != Reject) || !strings.Contains(r.Reason, want) {
					t.Errorf("row %d: %s %q, want reason containing %q", r.Row, r.Action, r.Reason, want)
				}
			}
			if countRows(t, s) != before {
				t.Error("the preview wrote rows")
			}
			err = s.Apply(ctx, p)
			if p.Problem != "" && err == nil {
				t.Error("Apply of a file with a problem succeeded")
			}
			if err == nil {
				// only the good rows, and nothing of the rejected ones
				if got := countRows(t, s) - before; got != p.Count(Add) {
					t.Errorf("%d rows written, want %d", got, p.Count(Add))
				}
			} else if countRows(t, s) != before {
				t.Error("a refused import wrote rows")
			}
		})
	}
}

func TestMarkdownExport(t *testing.T) {
	s, _ := newStore(t)
	mustSave(t, s, tricky[0])
	var buf bytes.Buffer
	if err := s.ExportMarkdown(context.Background(), &buf, "Nordlys Coffee FAQ"); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	for _, want := range []string{"# Nordlys Coffee FAQ\n", "\n## Do you ship to Norway, Denmark and Finland?\n",
		"Also asked as: Shipping to \"the Nordics\"? · Frakt till Norge?", "tags: nordics, shipping", "owner: Sofia", "- Denmark, Finland\n"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
}
