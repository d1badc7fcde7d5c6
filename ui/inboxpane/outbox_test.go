package inboxpane

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/outbox"
)

// refusingMailer is an SMTP server that refuses every recipient.
type refusingMailer struct{}

func (refusingMailer) Compose(o outbox.Outgoing) ([]byte, error) {
	return []byte("Subject: x\r\n\r\n" + o.Text), nil
}
func (refusingMailer) Submit(context.Context, outbox.Submission, func() error) error {
	return &outbox.SendError{Failure: outbox.Permanent, Err: errors.New("550 mailbox unavailable")}
}
func (refusingMailer) FileSent(context.Context, string, []byte) error       { return nil }
func (refusingMailer) InSent(context.Context, string, string) (bool, error) { return false, nil }

func TestOutboxShowsScheduledAndFailedRepliesAndActsOnThem(t *testing.T) {
	h := newHarness(t)
	w := h.workspace("Nordlys", 6)
	addAccount(t, w, "hello@nordlys.example")
	ctx := context.Background()
	s := h.store(w)
	page, _ := s.List(ctx, inbox.Query{Limit: 2})
	later, failing := page.Rows[0], page.Rows[1]
	sunday := time.Date(2026, 3, 15, 9, 0, 0, 0, time.UTC)
	if _, err := h.outbox(w).Queue(ctx, outbox.Reply{ConversationID: later.ID, Body: "See you Sunday", SendAt: sunday}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.outbox(w).Queue(ctx, outbox.Reply{ConversationID: failing.ID, Body: "Refund on its way"}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.outbox(w).SendDue(ctx, refusingMailer{}); err != nil {
		t.Fatal(err)
	}
	h.load(w)

	// Markers in the list and on the conversation.
	for _, tc := range []struct {
		row  inbox.Row
		want string
	}{{later, "Scheduled Sun 09:00"}, {failing, "Failed"}} {
		v := newRowView()
		h.p.updateRow(h.p.selectID(tc.row.ID), v)
		if v.mark.full != tc.want {
			t.Fatalf("row %q marked %q, want %q", tc.row.Subject, v.mark.full, tc.want)
		}
	}
	h.p.openID(later.ID)
	h.drain()
	if h.p.detail.outState.Hidden || !strings.Contains(h.p.detail.outState.Text, "Sun 15 Mar 09:00") {
		t.Fatalf("conversation header says %q about its scheduled reply", h.p.detail.outState.Text)
	}

	// The outbox view, worked with the keyboard.
	h.p.focusList()
	typeKeys(h, "o")
	o := h.p.outView
	if !o.shown() || len(o.items) != 2 || h.win.Canvas().Focused() != o.list {
		t.Fatalf("o shows the outbox %v with %d items, focus %T", o.shown(), len(o.items), h.win.Canvas().Focused())
	}
	pick := func(id int64) {
		for i, it := range o.items {
			if it.ConversationID == id {
				o.list.move(i - o.list.cursor)
			}
		}
	}
	pick(failing.ID)
	if o.sent.Disabled() || o.retry.Disabled() || !o.now.Disabled() {
		t.Fatal("a failed reply must offer Retry and Mark as sent, not Send now")
	}
	typeKeys(h, "m")
	if it := itemOf(t, h, failing.ID); it.State != outbox.Sent {
		t.Fatalf("m left the failed reply %s, want sent", it.State)
	}
	pick(later.ID)
	if o.now.Disabled() || o.when.Disabled() || o.cancel.Disabled() {
		t.Fatal("a scheduled reply must offer a new time, Send now and Cancel")
	}
	typeKeys(h, "t")
	typeKeys(h, "1") // in one hour
	if it := itemOf(t, h, later.ID); !it.SendAt.Equal(now.Add(time.Hour)) {
		t.Fatalf("new time %v, want %v", it.SendAt, now.Add(time.Hour))
	}
	h.p.focusList()
	typeKeys(h, "c")
	if it := itemOf(t, h, later.ID); it.State != outbox.Cancelled {
		t.Fatalf("c left the reply %s, want cancelled", it.State)
	}
	if len(o.items) != 0 {
		t.Fatalf("outbox still lists %d items after both were settled", len(o.items))
	}
	keyOn(h, fyne.KeyEscape)
	if o.shown() || h.win.Canvas().Focused() != h.p.list {
		t.Fatal("Esc did not go back from the outbox to the conversations")
	}
}

func itemOf(t *testing.T, h *harness, conv int64) outbox.Item {
	t.Helper()
	items, err := h.outbox(h.p.ws).List(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if it.ConversationID == conv {
			return it
		}
	}
	t.Fatalf("no outbox item for %d", conv)
	return outbox.Item{}
}
