package inboxpane

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"switchboard/workspace/inbox"
)

func TestDraftsStayWithTheirConversationAcrossSwitchesAndARestart(t *testing.T) {
	h := newHarness(t)
	w := h.workspace("Nordlys", 10)
	other := h.workspace("Fjord Bikes", 3)
	addAccount(t, w, "hello@nordlys.example")
	h.load(w)
	typeKeys(h, "r")
	first := h.p.detail.row
	typeKeys(h, "Hi Anna, the beans left")
	keyOn(h, fyne.KeyEscape) // back to the list, the draft kept
	typeKeys(h, "j")
	keyOn(h, fyne.KeyReturn)
	second := h.p.detail.row
	if second.ID == first.ID {
		t.Fatal("j and Enter did not open another conversation")
	}
	if c := h.p.detail.composer; c.row.ID == second.ID && c.body.Text != "" {
		t.Fatalf("the second conversation shows the first one's draft %q", c.body.Text)
	}
	// The list marks the conversation with a draft.
	row := newRowView()
	i := h.p.selectID(first.ID)
	h.p.updateRow(i, row)
	if row.mark.full != "Draft" {
		t.Fatalf("row of the conversation with a draft is marked %q, want Draft", row.mark.full)
	}
	typeKeys(h, "k")
	keyOn(h, fyne.KeyReturn)
	if c := h.p.detail.composer; c.row.ID != first.ID || c.body.Text != "Hi Anna, the beans left" {
		t.Fatalf("back on the first conversation the composer holds %q for %d, want the draft", c.body.Text, c.row.ID)
	}
	if h.win.Canvas().Focused() != h.p.list {
		t.Fatal("a restored draft took the keyboard from the list")
	}
	typeKeys(h, "r")
	typeKeys(h, " today.")

	// Another pane and back: the shell loads the Inbox again for the same workspace.
	h.load(w)
	if c := h.p.detail.composer; c.body.Text != "Hi Anna, the beans left today." {
		t.Fatalf("after showing the pane again the draft is %q", c.body.Text)
	}

	// Another workspace and back.
	h.load(other)
	h.load(w)
	h.p.openID(first.ID)
	h.drain()
	if c := h.p.detail.composer; c.body.Text != "Hi Anna, the beans left today." {
		t.Fatalf("after switching workspace and back the draft is %q", c.body.Text)
	}

	// A restart: a new pane over the same workspace.
	p2 := New(WithClock(func() time.Time { return now }))
	h.p = p2
	h.win.SetContent(p2.Content())
	h.load(w)
	p2.openID(first.ID)
	h.drain()
	if c := p2.detail.composer; c.row.ID != first.ID || c.body.Text != "Hi Anna, the beans left today." {
		t.Fatalf("after a restart the draft is %q for %d", c.body.Text, c.row.ID)
	}
	// Sending removes it.
	typeKeys(h, "r")
	test.Tap(p2.detail.composer.send)
	h.drain()
	if _, ok, _ := h.store(w).LoadDraft(context.Background(), first.ID); ok || p2.drafts[first.ID] {
		t.Fatal("the draft is still stored after the reply was sent")
	}
}

func TestStatusMenuUndoAndMovingOn(t *testing.T) {
	h := newHarness(t)
	w := h.workspace("Nordlys", 10)
	h.load(w)
	keyOn(h, fyne.KeyReturn)
	first := h.p.detail.row
	next, _ := h.p.rows.at(1)
	typeKeys(h, "e")
	if h.p.detail.row.ID != next.ID {
		t.Fatalf("after e the open conversation is %d, want the next one %d", h.p.detail.row.ID, next.ID)
	}
	s := h.store(w)
	if r, _ := s.Conversation(context.Background(), first.ID); r.Status != inbox.Resolved {
		t.Fatalf("e left %d %s", first.ID, r.Status)
	}
	if !h.p.undo.showing() {
		t.Fatal("no Undo offered after resolving")
	}
	typeKeys(h, "z")
	if r, _ := s.Conversation(context.Background(), first.ID); r.Status != first.Status {
		t.Fatalf("after z the conversation is %s, want %s again", r.Status, first.Status)
	}
	if h.p.detail.row.ID != first.ID {
		t.Fatalf("after z the open conversation is %d, want the one restored (%d)", h.p.detail.row.ID, first.ID)
	}

	// Every status is on the menu; 6 is Spam.
	typeKeys(h, "m")
	list, ok := h.win.Canvas().Focused().(*choiceList)
	if !ok || len(list.labels) != len(inbox.Statuses) {
		t.Fatalf("m gave the keyboard to %T with %v, want a list of all %d statuses", h.win.Canvas().Focused(), list, len(inbox.Statuses))
	}
	typeKeys(h, "6")
	if r, _ := s.Conversation(context.Background(), first.ID); r.Status != inbox.Spam {
		t.Fatalf("choosing Spam left %s", r.Status)
	}
	if h.win.Canvas().Focused() != h.p.list {
		t.Fatalf("after the menu the focus is %T, want the list", h.win.Canvas().Focused())
	}
	typeKeys(h, "z")
	if r, _ := s.Conversation(context.Background(), first.ID); r.Status != first.Status {
		t.Fatalf("undoing Spam left %s, want %s", r.Status, first.Status)
	}

	// Snooze moves on, and the Undo bar goes by itself.
	var fire func()
	h.p.undo.after = func(_ time.Duration, f func()) { fire = f }
	h.p.openID(first.ID)
	typeKeys(h, "s")
	typeKeys(h, "2")
	if r, _ := s.Conversation(context.Background(), first.ID); r.Status != inbox.Snoozed {
		t.Fatalf("s 2 left %s", r.Status)
	}
	if h.p.detail.row.ID == first.ID {
		t.Fatal("snoozing did not move on to the next conversation")
	}
	fire()
	if h.p.undo.showing() {
		t.Fatal("the Undo bar stays after its time")
	}
}
