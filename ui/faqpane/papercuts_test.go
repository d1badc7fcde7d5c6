package faqpane

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace/faq"
)

func TestEditorFieldsReadAsExamplesAndTabMovesOn(t *testing.T) {
	p, win, _ := setup(t)
	for name, e := range map[string]*widget.Entry{"phrasings": &p.ed.phrasings.Entry, "answer": &p.ed.answer.Entry, "tags": p.ed.tags, "language": p.ed.lang} {
		if !strings.HasPrefix(e.PlaceHolder, "e.g.") {
			t.Errorf("%s placeholder %q does not read as an example", name, e.PlaceHolder)
		}
	}
	win.Canvas().Focus(p.ed.answer)
	if p.ed.answer.AcceptsTab() || p.ed.phrasings.AcceptsTab() {
		t.Fatal("Tab in a multi-line field types a tab instead of moving on")
	}
	win.Canvas().FocusNext()
	if win.Canvas().Focused() == fyne.Focusable(p.ed.answer) {
		t.Fatal("focus did not move on from the answer")
	}
	if entriesLabel(1) != "1 entry" || entriesLabel(3) != "3 entries" {
		t.Fatalf("counts read %q and %q", entriesLabel(1), entriesLabel(3))
	}
}

func TestImportShowsWholeReasonsAndConfirms(t *testing.T) {
	p, win, s := setup(t)
	long := "Where do I find the thing I was looking for when the question is long?"
	csv := "question,answer\n" + long + ",\nBrand new question?,A fine answer.\n"
	prev, err := s.PreviewCSV(context.Background(), strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	p.showPreview(s, "faq.csv", prev)
	d := win.Canvas().Overlays().Top()
	var why *widget.Label
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			if strings.HasPrefix(x.Text, "Row ") {
				why = x
			}
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			if _, isTable := x.(*widget.Table); isTable {
				return
			}
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(d)
	var rejected faq.RowReport
	for _, r := range prev.Rows {
		if r.Action == faq.Reject {
			rejected = r
		}
	}
	if rejected.Reason == "" || why == nil || !strings.Contains(why.Text, rejected.Reason) || why.Wrapping != fyne.TextWrapWord {
		t.Fatalf("the rejected row's reason %q is not shown in full under the table", rejected.Reason)
	}
	test.Tap(buttonIn(t, d, "Import"))
	done := win.Canvas().Overlays().Top()
	if done == nil || done == d {
		t.Fatal("no confirmation after importing")
	}
	found := false
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			found = found || strings.Contains(x.Text, "1 added")
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(done)
	if !found {
		t.Fatal("the import confirmation does not say what was added")
	}
}

func buttonIn(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var b *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Button:
			if x.Text == text {
				b = x
			}
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	if b == nil {
		t.Fatalf("no button %q", text)
	}
	return b
}
