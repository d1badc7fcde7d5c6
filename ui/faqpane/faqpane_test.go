package faqpane

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"switchboard/assets"
	"switchboard/ui/pane"
	"switchboard/ui/pane/panetest"
	"switchboard/workspace"
	"switchboard/workspace/faq"
)

// setup shows the pane for a demo-seeded workspace in a test window; tasks run inline.
func setup(t *testing.T) (*Pane, fyne.Window, *faq.Store) {
	t.Helper()
	panetest.App(t)
	ctx := context.Background()
	root, err := workspace.OpenRoot(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := root.Create(ctx, "Nordlys Coffee", workspace.CreateOptions{TimeZone: "Europe/Stockholm"}); err != nil {
		t.Fatal(err)
	}
	w, err := root.Open(ctx, "Nordlys Coffee")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	if err := faq.SeedDemo(ctx, w, assets.DemoSeed()); err != nil {
		t.Fatal(err)
	}
	p := New()
	win := test.NewTempWindow(t, p.Content())
	win.Resize(fyne.NewSize(1200, 800))
	env := pane.Env{Root: root, Workspace: w, Window: win, Agent: "Sofia",
		Go: func(task func(context.Context)) { task(ctx) }}
	if err := p.Load(ctx, env); err != nil {
		t.Fatal(err)
	}
	return p, win, faq.NewStore(w)
}

func TestSearchFiltersTheList(t *testing.T) {
	p, _, _ := setup(t)
	if n := p.list.Length(); n != 12 {
		t.Fatalf("%d rows, want the 12 demo entries", n)
	}
	test.Type(p.search, "zzzq")
	if n := p.list.Length(); n != 0 {
		t.Errorf("nonsense search: %d rows", n)
	}
	p.search.SetText("")
	test.Type(p.search, "grinder")
	if n := p.list.Length(); n != 1 || p.entries[0].Question != "Is the Nordlys grinder covered by a warranty?" {
		t.Errorf("search grinder: %d rows %v", n, p.entries)
	}
	// an edit in progress survives the list reloading under it
	p.list.Select(0)
	p.ed.answer.SetText("Unsaved words")
	p.search.SetText("")
	if p.ed.answer.Text != "Unsaved words" {
		t.Errorf("reloading the list replaced the edit in progress: %q", p.ed.answer.Text)
	}
	p.review.SetChecked(true)
	for _, e := range p.entries {
		if !e.NeedsReview {
			t.Errorf("%q listed under needs review", e.Question)
		}
	}
	if len(p.entries) == 0 {
		t.Error("needs review shows nothing")
	}
	p.review.SetChecked(false)
	p.use.SetSelectedIndex(1)
	if p.entries[0].Question != "Where is my order?" {
		t.Errorf("most used first: %q", p.entries[0].Question)
	}
}

func TestValidationShowsNextToTheField(t *testing.T) {
	p, _, s := setup(t)
	before, _ := s.List(context.Background(), faq.Filter{})
	p.ed.show(faq.Entry{})
	test.Type(p.ed.answer, "Hi {{frist_name}}!")
	// shown while typing, before saving
	if l := p.ed.problems[faq.FieldAnswer]; !l.Visible() || !strings.Contains(l.Text, "{{frist_name}}") || !strings.Contains(l.Text, "{{first_name}}") {
		t.Errorf("answer problem: visible %v %q", l.Visible(), l.Text)
	}
	test.Tap(p.ed.save)
	if l := p.ed.problems[faq.FieldQuestion]; !l.Visible() || l.Text != "Write the question." {
		t.Errorf("question problem: visible %v %q", l.Visible(), l.Text)
	}
	test.Type(p.ed.question, "where is my ORDER")
	p.ed.answer.SetText("Hi {{first_name|there}}!")
	test.Tap(p.ed.save)
	if l := p.ed.problems[faq.FieldQuestion]; !l.Visible() || !strings.Contains(l.Text, "Another entry already has this question") {
		t.Errorf("duplicate: visible %v %q", l.Visible(), l.Text)
	}
	if p.ed.problems[faq.FieldAnswer].Visible() {
		t.Error("a fixed answer still shows its problem")
	}
	after, _ := s.List(context.Background(), faq.Filter{})
	if len(after) != len(before) {
		t.Error("an invalid entry was saved")
	}
	if !strings.HasPrefix(p.ed.preview.Text, "Hi Alex!") {
		t.Errorf("preview %q", p.ed.preview.Text)
	}
}

func TestDeleteAndUndo(t *testing.T) {
	p, _, _ := setup(t)
	p.list.Select(0)
	q := p.ed.current.Question
	if q == "" {
		t.Fatal("selecting a row opened nothing")
	}
	test.Tap(p.ed.del)
	if p.list.Length() != 11 || !p.undoBar.Visible() || !strings.Contains(p.undoLabel.Text, q) {
		t.Fatalf("after delete: %d rows, undo visible %v %q", p.list.Length(), p.undoBar.Visible(), p.undoLabel.Text)
	}
	test.Tap(p.undoBar.Objects[1].(interface{ fyne.Tappable }).(fyne.Tappable))
	if p.list.Length() != 12 || p.undoBar.Visible() || p.ed.current.Question != q {
		t.Errorf("after undo: %d rows, undo visible %v, editor %q", p.list.Length(), p.undoBar.Visible(), p.ed.current.Question)
	}
}

func TestSuggestionsPrefillTheEditor(t *testing.T) {
	p, _, _ := setup(t)
	p.sugg.paste.SetText("Do you ship to Iceland?\n\nHi! Can you ship to Iceland?\n\nShipping to Iceland, possible?\n\nWhere is my order?")
	p.sugg.refresh()
	if len(p.sugg.items) != 1 {
		t.Fatalf("suggestions: %+v", p.sugg.items)
	}
	p.sugg.create(p.sugg.items[0])
	if !strings.Contains(p.ed.question.Text, "Iceland") || p.ed.current.ID != "" || p.tabs.SelectedIndex() != 0 {
		t.Errorf("editor: %q (id %q), tab %d", p.ed.question.Text, p.ed.current.ID, p.tabs.SelectedIndex())
	}
}

// TestScreenshot renders the pane so it can be looked at: set FAQPANE_PNG=path.
func TestScreenshot(t *testing.T) {
	p, win, _ := setup(t)
	p.list.Select(1)
	img := win.Canvas().Capture()
	if img.Bounds().Dx() < 1000 {
		t.Fatalf("capture is %v", img.Bounds())
	}
	out := os.Getenv("FAQPANE_PNG")
	if out == "" {
		out = filepath.Join(t.TempDir(), "faqpane.png")
	}
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}
