package ui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"

	"switchboard/ui/inboxpane/inboxtest"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/mail"
)

// A Schedule agenda row's "Open in Inbox" brings the Inbox to the front with that
// conversation open.
func TestShowConversationBringsTheInboxWithItOpen(t *testing.T) {
	root, ws := newRoot(t, "Acme Outdoor")
	ctx := context.Background()
	w, err := root.Open(ctx, ws[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Now().Add(-time.Hour)
	var in []mail.Incoming
	for i, subj := range []string{"Tent zip", "Grinder", "Boots"} {
		in = append(in, inboxtest.Message(subj+"@x", "", mail.Address{Name: "Ola", Email: "ola@x.example"},
			mail.Address{Email: inboxtest.Brand}, subj, "Hello", at.Add(time.Duration(i)*time.Minute)))
	}
	if _, err := mail.Open(w).ImportLocal(ctx, "INBOX", in); err != nil {
		t.Fatal(err)
	}
	page, err := inbox.NewStore(w, inboxcore.Options{}).List(ctx, inbox.Query{View: inbox.ViewAll, Search: "Grinder", Limit: 1})
	if err != nil || len(page.Rows) != 1 {
		t.Fatal(page, err)
	}
	w.Close()
	s, _ := startShell(t, root, Options{Pane: "schedule"})
	s.showConversation(page.Rows[0].GID)
	s.work.wait()
	if id := s.panes[s.tabs.SelectedIndex()].ID(); id != "inbox" {
		t.Fatalf("%s is in front, want the Inbox", id)
	}
	find(t, s.win.Content(), func(l *widget.Label) bool { return l.Text == "Grinder" })
}
