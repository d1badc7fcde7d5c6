package inboxpane

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"switchboard/workspace"
	"switchboard/workspace/inbox"
)

// The divider stays where it is from one conversation to the next, and nothing the
// conversation shows (a subject of 300 characters, the contact panel, tone warnings)
// makes the pane ask for more room than a 1024×700 window has beside the shell.
func TestLayoutKeepsTheDividerAndNeverAsksForMoreRoom(t *testing.T) {
	h := newHarness(t)
	w := h.workspace("Nordlys", 4)
	importMail(t, w, "long@x.example", "Astrid Wide", "astrid@example.se", strings.Repeat("Very long subject about an order ", 10), strings.Repeat("word ", 400))
	addAccount(t, w, "hello@nordlys.example")
	s := h.store(w)
	if err := s.SetTone(context.Background(), inbox.Tone{Formality: "formal", Avoid: []string{"cheap", "unfortunately", "asap", "no problem"}}); err != nil {
		t.Fatal(err)
	}
	h.load(w)
	offset := h.p.split.Offset
	// Room beside the shell's switcher (250 wide) and under its band in a 1024×700 window.
	maxW, maxH := float32(1024-260), float32(700-130)
	for i := 0; i < h.p.rows.len(); i++ {
		h.p.openAt(i)
		h.drain()
		h.p.detail.showContact(true)
		h.p.detail.reply()
		h.drain()
		h.p.detail.composer.body.SetText("Unfortunately it is cheap, no problem, asap. " + strings.Repeat("More text. ", 50))
		min := h.p.Content().MinSize()
		if min.Width > maxW || min.Height > maxH {
			t.Fatalf("conversation %d makes the pane ask for %v, more than %vx%v", i, min, maxW, maxH)
		}
		h.p.detail.showContact(false)
		if h.p.split.Offset != offset {
			t.Fatalf("divider moved from %v to %v on conversation %d", offset, h.p.split.Offset, i)
		}
	}
}

func TestSyncTroubleShowsAboveTheList(t *testing.T) {
	h := newHarness(t)
	w := h.workspace("Nordlys", 2)
	settings := 0
	failing := true
	WithSyncState(func(context.Context, *workspace.Workspace) ([]SyncState, error) {
		if !failing {
			return []SyncState{{Email: "hello@nordlys.example", LastSync: now}}, nil
		}
		return []SyncState{{Email: "hello@nordlys.example", LastSync: now.Add(-26 * time.Hour), Error: "dial tcp: connection refused"}}, nil
	}, func() { settings++ })(h.p)
	h.load(w)
	b := h.p.syncBar
	if b.content.Hidden || !strings.Contains(b.text.Text, "hello@nordlys.example") || !strings.Contains(b.text.Text, "connection refused") ||
		!strings.Contains(b.text.Text, "failing since") || !strings.Contains(b.text.Text, "last synced") {
		t.Fatalf("sync banner %q (hidden %v): want the account, the error, since when and the last sync", b.text.Text, b.content.Hidden)
	}
	failing = false
	h.load(w)
	if !b.content.Hidden {
		t.Fatal("the banner stays after the sync recovered")
	}
}

func TestRowChipsNeverOverlapTheTimeAndAssignee(t *testing.T) {
	h := newHarness(t)
	w := h.workspace("Nordlys", 1)
	h.load(w)
	r, _ := h.p.rows.at(0)
	r.Assignee = "Sofia Lindqvist"
	for _, n := range []string{"wholesale", "refund", "allergy", "vip", "press"} {
		r.Labels = append(r.Labels, inbox.Label{Name: n, Color: "#2F6FDE"})
	}
	v := newRowView()
	v.set(r, true, now, time.Hour, rowMarks{draft: true, loc: time.UTC})
	v.Resize(fyne.NewSize(340, v.MinSize().Height))
	test.WidgetRenderer(v).Layout(v.Size())
	v.line3.Layout.Layout(v.line3.Objects, fyne.NewSize(320, 20))
	when := v.when.Position().X
	for _, o := range v.line3.Objects[:len(v.line3.Objects)-1] {
		if o.Visible() && o.Position().X+o.Size().Width > when {
			t.Fatalf("%T at %v wide %v runs into the time at %v", o, o.Position().X, o.Size().Width, when)
		}
	}
}

// At 1024 points wide the views column folds into a picker above the list, which still
// changes the view.
func TestNarrowPaneFoldsTheViewsIntoAPicker(t *testing.T) {
	h := newHarness(t)
	w := h.workspace("Nordlys", 20)
	h.load(w)
	h.win.Resize(fyne.NewSize(1024-250, 600))
	h.p.body.Refresh()
	bodyLayout{h.p}.Layout(h.p.body.Objects, fyne.NewSize(1024-250, 600))
	if h.p.views.content.Visible() || !h.p.viewPick.Visible() {
		t.Fatalf("narrow: views column shown %v, picker shown %v", h.p.views.content.Visible(), h.p.viewPick.Visible())
	}
	h.p.viewPick.SetSelectedIndex(h.p.views.index(inbox.Query{View: inbox.ViewUnanswered}))
	h.drain()
	if h.p.query.View != inbox.ViewUnanswered {
		t.Fatalf("choosing Unanswered in the picker left the view %v", h.p.query.View)
	}
	bodyLayout{h.p}.Layout(h.p.body.Objects, fyne.NewSize(1280-250, 760))
	if !h.p.views.content.Visible() || h.p.viewPick.Visible() {
		t.Fatal("wide again: the views column did not come back")
	}
}
