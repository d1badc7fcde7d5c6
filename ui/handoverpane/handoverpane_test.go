package handoverpane

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"switchboard/ui/pane"
	"switchboard/ui/pane/panetest"
	"switchboard/workspace/handover"
	"switchboard/workspace/handover/handovertest"
	"switchboard/workspace/workspacetest"
)

// setup shows the pane over the fixed shift of handovertest, at its end; tasks run inline.
func setup(t *testing.T) (*Pane, fyne.Window, pane.Env) {
	t.Helper()
	panetest.App(t)
	ctx := context.Background()
	root := workspacetest.Root(t)
	w := workspacetest.Open(t, root, "Nordlys Coffee")
	handovertest.Seed(t, w)
	p := New()
	p.now = func() time.Time { return handovertest.Now }
	win := test.NewTempWindow(t, p.Content())
	win.Resize(fyne.NewSize(1100, 760))
	p.sinceSel.SetSelectedIndex(1) // 8 hours ago: the fixed shift, whatever Anna's journal says
	env := pane.Env{Root: root, Workspace: w, Window: win, Agent: "Anna Lind", Go: func(task func(context.Context)) { task(ctx) }}
	if err := p.Load(ctx, env); err != nil {
		t.Fatal(err)
	}
	return p, win, env
}

func shown(p *Pane) string {
	var b strings.Builder
	for _, s := range p.view.Segments {
		if t, ok := s.(*widget.TextSegment); ok {
			b.WriteString(t.Text)
			b.WriteString("\n")
		}
	}
	return b.String()
}

func TestPaneShowsTheShiftNote(t *testing.T) {
	p, _, _ := setup(t)
	text := shown(p)
	for _, want := range []string{"Shift note: Nordlys Coffee", "Notes for whoever takes over", "Gary Miller calls back tomorrow",
		"Waiting for an answer (oldest first)", "Within 24 hours", "Rune Dahlberg <rune@example.org> muted"} {
		if !strings.Contains(text, want) {
			t.Errorf("the pane does not show %q:\n%s", want, text)
		}
	}
}

func TestRedactSwitchRebuildsTheNoteWithoutNames(t *testing.T) {
	p, _, _ := setup(t)
	test.Tap(p.redactCk)
	text := shown(p)
	if strings.Contains(text, "Gary Miller") || strings.Contains(text, "rune@example.org") || !strings.Contains(text, "G. M.") {
		t.Errorf("redacted view still names customers:\n%s", text)
	}
	if !strings.Contains(text, "Redacted:") {
		t.Error("the redacted view does not say it is redacted")
	}
}

func TestAddedNoteAppearsInTheNoteAndCopyPutsMarkdownOnTheClipboard(t *testing.T) {
	p, _, env := setup(t)
	test.Type(p.entry, "Erik covers the wholesale call.")
	p.now = func() time.Time { return handovertest.Now.Add(-10 * time.Minute) } // written during the shift
	test.Tap(findButton(t, p.content, "Add to the note"))
	p.now = func() time.Time { return handovertest.Now }
	if err := p.Load(context.Background(), env); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(shown(p), "Erik covers the wholesale call.") || p.entry.Text != "" {
		t.Errorf("the added note is not in the shift note (entry %q):\n%s", p.entry.Text, shown(p))
	}
	test.Tap(findButton(t, p.content, "Copy"))
	clip := fyne.CurrentApp().Clipboard().Content()
	if !strings.HasPrefix(clip, "# Shift note: Nordlys Coffee") || !strings.Contains(clip, "Erik covers the wholesale call.") {
		t.Errorf("clipboard %q: want the note as Markdown", clip[:min(len(clip), 80)])
	}
	notes, err := handover.Notes(context.Background(), env.Workspace.DB().Read(), handovertest.Start, handovertest.Now)
	if err != nil || len(notes) != 2 || notes[1].Author != "Anna Lind" {
		t.Errorf("stored notes %+v, %v: want the added one signed by Anna Lind", notes, err)
	}
}

func findButton(t *testing.T, o fyne.CanvasObject, label string) *widget.Button {
	t.Helper()
	for _, obj := range test.LaidOutObjects(o) {
		if b, ok := obj.(*widget.Button); ok && b.Text == label {
			return b
		}
	}
	t.Fatalf("no button %q", label)
	return nil
}

// "A time I choose…" asks for a start in the workspace's zone and rebuilds the note from it.
func TestChosenStartTime(t *testing.T) {
	p, win, _ := setup(t)
	p.sinceSel.SetSelectedIndex(len(p.windows) - 1)
	form := win.Canvas().Overlays().Top()
	if form == nil {
		t.Fatal("no dialog asks for the time")
	}
	var entry *widget.Entry
	for _, o := range test.LaidOutObjects(form) {
		if e, ok := o.(*widget.Entry); ok {
			entry = e
		}
	}
	test.Type(entry, "2026-03-03 16:00") // Stockholm: 15:00 UTC
	test.Tap(findButton(t, form, "Show"))
	if want := time.Date(2026, 3, 3, 15, 0, 0, 0, time.UTC); !p.note.Since.Equal(want) {
		t.Errorf("note since %v, want %v", p.note.Since, want)
	}
	if text := shown(p); !strings.Contains(text, "1 answered, 0 resolved") { // the morning's resolve is before 16:00
		t.Errorf("the note from 16:00 still lists the morning, or lost the afternoon:\n%s", text)
	}
}

// A sub-heading ("Within 24 hours", a playbook's name) stands on a line of its own.
func TestGroupHeadingsEndTheirLine(t *testing.T) {
	p, _, _ := setup(t)
	for i, seg := range p.view.Segments {
		ts, ok := seg.(*widget.TextSegment)
		if ok && (ts.Text == "Within 24 hours" || strings.HasPrefix(ts.Text, "Quality problem with a roast batch")) && ts.Inline() {
			t.Errorf("segment %d %q runs on into the next line", i, ts.Text)
		}
	}
}
