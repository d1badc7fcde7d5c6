package inboxpane

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/contacts"
)

func TestContactPanelShowsHistoryNotesTagsAndRecordsSteps(t *testing.T) {
	h := newHarness(t)
	w := h.workspace("Nordlys", 5)
	addAccount(t, w, "hello@nordlys.example")
	importMail(t, w, "t1@troll.example", "Troll Tomsson", "troll@troll.example", "You are useless", "Worst coffee ever.")
	ctx := context.Background()
	s := h.store(w)
	h.load(w)
	row := rowWhere(t, h, func(r inbox.Row) bool { return r.ContactEmail == "troll@troll.example" })
	if _, err := h.contacts(w).AddNote(ctx, row.ContactID, "Posted our baristas' names on a forum."); err != nil {
		t.Fatal(err)
	}
	h.p.detail.open(row)
	test.Tap(h.p.detail.person)
	h.drain()
	c := h.p.detail.panel
	c.tag.SetText("Forum")
	c.tag.OnSubmitted("Forum")
	h.drain()
	text := threadText(c.body)
	for _, want := range []string{"Troll Tomsson", "troll@troll.example", "messages: 1", "Open conversations: 1 of 1",
		"Posted our baristas' names on a forum.", "No steps taken."} {
		if !strings.Contains(text, want) {
			t.Errorf("contact panel lacks %q:\n%s", want, text)
		}
	}
	if len(c.tags.Objects) != 1 || c.tags.Objects[0].(*widget.Button).Text != "forum" {
		t.Errorf("tags %v, want the one added", c.tags.Objects)
	}
	if len(c.convs.Objects) != 1 || find(c.convs, func(*linkLine) bool { return true }) == nil {
		t.Errorf("conversations %v, want the one", c.convs.Objects)
	}

	// Warn: a reason is asked for, the template goes to the outbox, the step is shown.
	stepWithReason(t, h, c.warn, "Send warning", "insulted a barista")
	items, err := h.outbox(w).List(ctx, false)
	if err != nil || len(items) != 1 || !strings.Contains(items[0].Body, "respectful") || items[0].ConversationID != row.ID {
		t.Fatalf("outbox after warning %+v %v", items, err)
	}
	// Block: who and why are recorded and shown; later mail is filed as Abuse, and kept.
	stepWithReason(t, h, c.block, "Block", "threatened staff")
	if c.d.Abuse != contacts.AbuseBlocked {
		t.Fatalf("level %q after Block", c.d.Abuse)
	}
	text = threadText(c.body)
	for _, want := range []string{"Blocked by Sofia", "Why: threatened staff", "Warned by Sofia", "Why: insulted a barista", "filed as Abuse"} {
		if !strings.Contains(text, want) {
			t.Errorf("contact panel lacks %q after blocking:\n%s", want, text)
		}
	}
	if !c.block.Disabled() || c.lift.Disabled() {
		t.Error("a blocked contact can be blocked again, or the block cannot be lifted")
	}
	importMail(t, w, "t2@troll.example", "Troll Tomsson", "troll@troll.example", "Again", "I will find you.")
	h.p.reload()
	h.drain()
	if got := h.p.views.items[h.p.views.index(inbox.Query{Status: inbox.Abuse})].count; got != 1 {
		t.Fatalf("Abuse count %d after a blocked contact wrote, want 1", got)
	}
	later, err := s.List(ctx, inbox.Query{ContactID: row.ContactID})
	if err != nil || len(later.Rows) != 2 || later.Rows[0].Subject != "Again" || later.Rows[0].Status != inbox.Abuse {
		t.Fatalf("the blocked contact's conversations %+v %v: want the new one kept, as Abuse", later.Rows, err)
	}

	// Lift: the block becomes a mute, recorded too.
	stepWithReason(t, h, c.lift, "Lift", "apologised by phone")
	if c.d.Abuse != contacts.AbuseMuted || !strings.Contains(threadText(c.body), "Block lifted by Sofia") {
		t.Fatalf("after lifting: %q\n%s", c.d.Abuse, threadText(c.body))
	}
}

// stepWithReason taps an abuse step, checks that it cannot go ahead without a reason, types
// one and confirms.
func stepWithReason(t *testing.T, h *harness, b *widget.Button, confirm, reason string) {
	t.Helper()
	test.Tap(b)
	h.drain()
	d := h.win.Canvas().Overlays().Top()
	if d == nil {
		t.Fatal("no dialog asking why")
	}
	if confirm == "Send warning" && find(d, func(l *widget.Label) bool { return strings.Contains(l.Text, "keep the conversation respectful") }) == nil {
		t.Fatal("the warning is not shown before it is sent")
	}
	entry := find[*widget.Entry](d, func(*widget.Entry) bool { return true })
	ok := find[*widget.Button](d, func(x *widget.Button) bool { return x.Text == confirm })
	if entry == nil || ok == nil {
		t.Fatalf("dialog without a reason field or a %q button", confirm)
	}
	if !ok.Disabled() {
		t.Fatalf("%q can be pressed without a reason", confirm)
	}
	test.Type(entry, reason)
	test.Tap(ok)
	h.drain()
}

// find is the first widget of type T under o that matches.
func find[T fyne.CanvasObject](o fyne.CanvasObject, match func(T) bool) T {
	var zero T
	if x, ok := o.(T); ok && match(x) {
		return x
	}
	var kids []fyne.CanvasObject
	switch x := o.(type) {
	case *fyne.Container:
		kids = x.Objects
	case fyne.Widget:
		kids = test.WidgetRenderer(x).Objects()
	}
	for _, k := range kids {
		if f := find(k, match); any(f) != any(zero) {
			return f
		}
	}
	return zero
}
