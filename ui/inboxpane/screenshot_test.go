package inboxpane

import (
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"switchboard/workspace/faq"
	"switchboard/workspace/inbox"
)

// TestBusyInboxRenders draws the list, an open conversation with a note, and the composer
// with an FAQ answer and a tone finding. With INBOX_SCREENSHOTS=DIR it writes them there as
// PNGs to look at; either way each must have been drawn.
func TestBusyInboxRenders(t *testing.T) {
	h := newHarness(t)
	w := h.workspace("Nordlys Coffee", 300)
	ctx := context.Background()
	s := h.store(w)
	if err := w.SetSetting(ctx, inbox.SettingAvoid, "unfortunately"); err != nil {
		t.Fatal(err)
	}
	page, err := s.List(ctx, inbox.Query{Limit: 40})
	if err != nil {
		t.Fatal(err)
	}
	refund, err := s.SaveLabel(ctx, inbox.Label{Name: "Refund", Color: "#C2410C"})
	if err != nil {
		t.Fatal(err)
	}
	vip, err := s.SaveLabel(ctx, inbox.Label{Name: "VIP", Color: "#7C3AED"})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range page.Rows {
		switch i % 5 {
		case 1:
			err = s.AddLabel(ctx, r.ID, refund.ID)
		case 2:
			err = s.AddLabel(ctx, r.ID, vip.ID)
		case 3:
			err = s.SetStatus(ctx, r.ID, inbox.Open)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.AddNote(ctx, page.Rows[0].ID, "Lars approved a replacement bag; ship with tomorrow's batch."); err != nil {
		t.Fatal(err)
	}
	entry, err := faq.NewStore(w).Save(ctx, "", faq.Draft{Question: "Damaged package", Lang: "en",
		Answer: "Hi {{first_name}},\n\nUnfortunately the bag was torn. A new one is on its way today."})
	if err != nil {
		t.Fatal(err)
	}
	h.load(w)
	shot(t, h, "inbox-list.png")
	h.p.showMembers(true)
	h.drain()
	shot(t, h, "inbox-members.png")
	h.p.showMembers(false)
	h.p.openAt(0)
	h.drain()
	shot(t, h, "inbox-conversation.png")
	contact := page.Rows[0].ContactID
	if _, err := h.contacts(w).AddNote(ctx, contact, "Regular since 2019; prefers email over phone."); err != nil {
		t.Fatal(err)
	}
	for _, tag := range []string{"subscriber", "wholesale"} {
		if err := h.contacts(w).Tag(ctx, contact, tag); err != nil {
			t.Fatal(err)
		}
	}
	if err := h.contacts(w).Mute(ctx, contact, "Sends the same complaint hourly"); err != nil {
		t.Fatal(err)
	}
	h.p.detail.showContact(true)
	h.drain()
	shot(t, h, "inbox-contact.png")
	h.p.detail.showContact(false)
	h.p.detail.reply()
	h.drain()
	h.p.detail.composer.insertAnswer(entry.Entry)
	h.drain()
	shot(t, h, "inbox-composer.png")
	if len(h.p.detail.composer.findings) == 0 {
		t.Fatal("the avoided word was not pointed out")
	}
}

func shot(t *testing.T, h *harness, name string) {
	t.Helper()
	img := h.win.Canvas().Capture()
	if uniform(img) {
		t.Fatalf("%s: nothing drawn", name)
	}
	dir := os.Getenv("INBOX_SCREENSHOTS")
	if dir == "" {
		return
	}
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

func uniform(img image.Image) bool {
	b := img.Bounds()
	first := img.At(b.Min.X, b.Min.Y)
	for y := b.Min.Y; y < b.Max.Y; y += 5 {
		for x := b.Min.X; x < b.Max.X; x += 5 {
			if img.At(x, y) != first {
				return false
			}
		}
	}
	return true
}

// ShowEnv opens the newest conversation, the composer and the contact panel within Load
// itself: the binary's --screenshot is taken before any task queued during Load runs.
func TestShowEnvOpensWithinLoad(t *testing.T) {
	t.Setenv(ShowEnv, "composer")
	h := newHarness(t)
	w := h.workspace("Nordlys", 4)
	addAccount(t, w, "hello@nordlys.example")
	env := h.env(w)
	env.Go = func(func(context.Context)) {} // nothing queued may be needed for the picture
	if err := h.p.Load(context.Background(), env); err != nil {
		t.Fatal(err)
	}
	first, _ := h.p.rows.at(0)
	c := h.p.detail.composer
	if h.p.detail.row.ID != first.ID || len(h.p.detail.messages) == 0 || c.row.ID != first.ID ||
		!strings.Contains(c.from.Selected, "hello@nordlys.example") {
		t.Fatalf("open %d with %d messages, composer for %d from %q: want the newest conversation, its mail and a reply from the account",
			h.p.detail.row.ID, len(h.p.detail.messages), c.row.ID, c.from.Selected)
	}
}
