package inboxpane

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"

	"switchboard/ui/inboxpane/inboxtest"
	"switchboard/workspace/mail"
)

func TestSavingAnAttachmentWritesItsBytesUnderAUniqueSafeName(t *testing.T) {
	h := newHarness(t)
	var gotRaw []byte
	var gotPos int
	pdf := []byte("%PDF-1.7 invoice 1042")
	// Stands in for accounts/mime's AttachmentAt, which main.go passes.
	h.p.extract = func(raw []byte, position int) (string, []byte, error) {
		gotRaw, gotPos = raw, position
		return "faktura 1042.pdf", pdf, nil
	}
	w := h.workspace("Nordlys", 2)
	m := inboxtest.Message("invoice@customer.example", "", mail.Address{Name: "Åsa Berg", Email: "asa@mail.example"},
		mail.Address{Email: inboxtest.Brand}, "Wrong invoice", "See the attached invoice.", now.Add(-time.Minute))
	m.Parsed.Attachments = []mail.AttachmentInfo{{Filename: "logo.png", ContentType: "image/png", Size: 10},
		{Filename: "faktura 1042.pdf", ContentType: "application/pdf", Size: len(pdf)}}
	if _, err := mail.Open(w).ImportLocal(context.Background(), "INBOX", []mail.Incoming{m}); err != nil {
		t.Fatal(err)
	}
	h.load(w)
	h.p.openAt(rowIndex(t, h, "Wrong invoice"))
	h.drain()
	shot(t, h, "inbox-attachment.png")
	msg := h.p.detail.messages[0]
	save := find[*widget.Button](h.p.detail.thread, func(b *widget.Button) bool { return b.Text == "Save…" })
	if len(msg.Attachments) != 2 || save == nil {
		t.Fatalf("attachments %+v, Save button %v: want both listed, each with Save", msg.Attachments, save)
	}

	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "faktura 1042.pdf"), []byte("someone else's"), 0o644); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		h.p.saveAttachment(msg.ID, 1, dir)
		h.drain()
	}
	if gotPos != 1 || !bytes.Contains(gotRaw, []byte("Message-ID: <invoice@customer.example>")) {
		t.Fatalf("extractor got attachment %d of %.60q: want 1 of the invoice's raw message", gotPos, gotRaw)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "faktura 1042.pdf")); string(b) != "someone else's" {
		t.Fatalf("an existing file was overwritten: %q", b)
	}
	for _, name := range []string{"faktura 1042 (2).pdf", "faktura 1042 (3).pdf"} {
		if b, err := os.ReadFile(filepath.Join(dir, name)); err != nil || !bytes.Equal(b, pdf) {
			t.Fatalf("%s: %q %v, want the attachment's bytes", name, b, err)
		}
	}
	if d := h.win.Canvas().Overlays().Top(); d == nil || find[*widget.Label](d, func(l *widget.Label) bool {
		return strings.Contains(l.Text, "faktura 1042 (3).pdf")
	}) == nil {
		t.Fatal("no message saying where the attachment was saved")
	}
}

func rowIndex(t *testing.T, h *harness, subject string) int {
	t.Helper()
	for i, r := range h.visible(h.p.list.Length()) {
		if r.Subject == subject {
			return i
		}
	}
	t.Fatalf("no row %q", subject)
	return -1
}
