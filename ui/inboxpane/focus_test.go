package inboxpane

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"switchboard/workspace/faq"
)

// keyOn presses a key wherever the keyboard is, as a user does.
func keyOn(h *harness, k fyne.KeyName) {
	h.t.Helper()
	f := h.win.Canvas().Focused()
	if f == nil {
		h.t.Fatalf("key %s pressed with nothing focused", k)
	}
	f.TypedKey(&fyne.KeyEvent{Name: k})
	h.drain()
}

// typeKeys types text key by key wherever the keyboard is at that moment, as the window
// driver delivers keys (test.TypeOnCanvas goes to the canvas's own handler instead), and
// runs what each key queued.
func typeKeys(h *harness, text string) {
	h.t.Helper()
	for _, r := range text {
		if f := h.win.Canvas().Focused(); f != nil {
			f.TypedRune(r)
		} else if on := h.win.Canvas().OnTypedRune(); on != nil {
			on(r)
		}
		h.drain()
	}
}

func TestReplyTakesTheKeyboardAndLettersNeverRunShortcuts(t *testing.T) {
	h := newHarness(t)
	w := h.workspace("Nordlys", 10)
	addAccount(t, w, "hello@nordlys.example")
	h.load(w)
	if h.win.Canvas().Focused() != h.p.list {
		t.Fatalf("focus on opening the Inbox is %T, want the conversation list so j, k and r work", h.win.Canvas().Focused())
	}
	typeKeys(h, "jr")
	c := h.p.detail.composer
	opened := h.p.detail.row
	if h.win.Canvas().Focused() != c.body {
		t.Fatalf("after r the focus is %T, want the reply box", h.win.Canvas().Focused())
	}
	if name := contactLabel(opened.ContactName, opened.ContactEmail); !strings.Contains(c.brand.full, name) {
		t.Fatalf("composer heading %q does not name the customer %q", c.brand.full, name)
	}
	cursor := h.p.cursor
	typeKeys(h, "jaa, sure")
	if c.body.Text != "jaa, sure" {
		t.Fatalf("reply box holds %q after typing, want %q", c.body.Text, "jaa, sure")
	}
	if h.p.cursor != cursor || h.p.detail.row.ID != opened.ID || h.win.Canvas().Overlays().Top() != nil {
		t.Fatalf("typing ran shortcuts: cursor %d→%d, open %d→%d, dialog %v", cursor, h.p.cursor, opened.ID, h.p.detail.row.ID,
			h.win.Canvas().Overlays().Top() != nil)
	}
	test.Tap(c.discard)
	h.drain()
	if h.win.Canvas().Focused() != h.p.list {
		t.Fatalf("after Discard the focus is %T, want the list", h.win.Canvas().Focused())
	}
	if c.body.Text != "" || c.row.ID != 0 {
		t.Fatalf("after Discard the composer keeps %q for %d", c.body.Text, c.row.ID)
	}
	typeKeys(h, "j")
	if h.p.cursor != cursor+1 {
		t.Fatalf("j after Discard moved the cursor to %d, want %d: the keys must reach the list", h.p.cursor, cursor+1)
	}
	if c.body.Text != "" {
		t.Fatalf("a key after Discard landed in the hidden reply box: %q", c.body.Text)
	}
	if !h.p.undo.showing() {
		t.Fatal("no Undo offered after discarding a draft")
	}
}

func TestNoteAndSearchKeepTheirLettersAndEscapeReturnsToTheList(t *testing.T) {
	h := newHarness(t)
	w := h.workspace("Nordlys", 10)
	h.load(w)
	keyOn(h, fyne.KeyReturn)
	typeKeys(h, "n")
	if h.win.Canvas().Focused() != h.p.detail.note {
		t.Fatalf("n put the focus on %T, want the note field", h.win.Canvas().Focused())
	}
	cursor := h.p.cursor
	typeKeys(h, "ask Erik")
	if h.p.detail.note.Text != "ask Erik" || h.p.cursor != cursor {
		t.Fatalf("note %q, cursor %d→%d: letters in a field must stay text", h.p.detail.note.Text, cursor, h.p.cursor)
	}
	keyOn(h, fyne.KeyEscape)
	if h.win.Canvas().Focused() != h.p.list {
		t.Fatalf("Esc in the note left the focus on %T", h.win.Canvas().Focused())
	}
	typeKeys(h, "/")
	if h.win.Canvas().Focused() != h.p.find {
		t.Fatalf("/ put the focus on %T, want the search box", h.win.Canvas().Focused())
	}
	typeKeys(h, "order")
	keyOn(h, fyne.KeyDown)
	if h.win.Canvas().Focused() != h.p.list || h.p.query.Search != "order" {
		t.Fatalf("Down in the search: focus %T, search %q; want the list showing what was found", h.win.Canvas().Focused(), h.p.query.Search)
	}
	typeKeys(h, "/")
	keyOn(h, fyne.KeyEscape)
	if h.win.Canvas().Focused() != h.p.list {
		t.Fatalf("Esc in the search left the focus on %T", h.win.Canvas().Focused())
	}
	if !h.p.listFrame.Shown() {
		t.Fatal("the focused list shows no focus line")
	}
	typeKeys(h, "?")
	if h.win.Canvas().Overlays().Top() == nil {
		t.Fatal("? showed no sheet of shortcuts")
	}
}

func TestCtrlEnterSendsFromTheReplyBox(t *testing.T) {
	h := newHarness(t)
	w := h.workspace("Nordlys", 5)
	addAccount(t, w, "hello@nordlys.example")
	h.load(w)
	typeKeys(h, "r")
	typeKeys(h, "On its way today.")
	id := h.p.detail.row.ID
	h.win.Canvas().Focused().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierControl})
	h.drain()
	items, err := h.outbox(w).List(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || items[0].ConversationID != id || !strings.Contains(items[0].Body, "On its way today.") {
		t.Fatalf("outbox after Ctrl+Enter: %+v, want the reply to %d", items, id)
	}
	if h.win.Canvas().Focused() != h.p.list {
		t.Fatalf("after sending the focus is %T, want the list", h.win.Canvas().Focused())
	}
}

func TestToolbarButtonsSayWhatTheyDo(t *testing.T) {
	h := newHarness(t)
	w := h.workspace("Nordlys", 3)
	h.load(w)
	keyOn(h, fyne.KeyReturn)
	for _, o := range h.p.detail.toolbar.Objects {
		b, ok := o.(*tipButton)
		if !ok || b.Tip == "" {
			t.Fatalf("toolbar button %v has no tip", o)
		}
	}
	b := h.p.detail.toolbar.Objects[1].(*tipButton)
	b.MouseIn(&desktop.MouseEvent{})
	if !h.p.tips.in.Visible() || !strings.Contains(h.p.tips.text.Text, "(e)") {
		t.Fatalf("pointer on the e button shows %q (visible %v), want what e does", h.p.tips.text.Text, h.p.tips.in.Visible())
	}
	b.MouseOut()
	if h.p.tips.in.Visible() {
		t.Fatal("the tip stays after the pointer left")
	}
}

func TestFAQPickerWorksFromTheKeyboard(t *testing.T) {
	h := newHarness(t)
	w := h.workspace("Nordlys", 3)
	addAccount(t, w, "hello@nordlys.example")
	if _, err := faq.NewStore(w).Save(context.Background(), "", faq.Draft{Question: "Do you ship to Iceland?",
		Answer: "Yes, we ship to Iceland in 5 days.", Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	h.load(w)
	typeKeys(h, "r")
	c := h.p.detail.composer
	h.win.Canvas().Focused().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyI, Modifier: fyne.KeyModifierControl})
	h.drain()
	if _, ok := h.win.Canvas().Focused().(*keyEntry); !ok {
		t.Fatalf("Ctrl+I put the focus on %T, want the FAQ search", h.win.Canvas().Focused())
	}
	typeKeys(h, "iceland")
	keyOn(h, fyne.KeyDown)
	if _, ok := h.win.Canvas().Focused().(*choiceList); !ok {
		t.Fatalf("Down from the FAQ search put the focus on %T, want the answers", h.win.Canvas().Focused())
	}
	keyOn(h, fyne.KeyReturn)
	if !strings.Contains(c.body.Text, "we ship to Iceland") || h.win.Canvas().Focused() != c.body {
		t.Fatalf("after Enter the reply holds %q and the focus is %T", c.body.Text, h.win.Canvas().Focused())
	}
}
