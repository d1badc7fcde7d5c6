package inboxpane

import (
	"context"
	"fmt"
	"testing"
	"time"

	"switchboard/ui/inboxpane/inboxtest"
	"switchboard/workspace"
	"switchboard/workspace/mail"
)

// writes imports n messages from one person, each its own conversation, ago before now.
func writes(t *testing.T, w *workspace.Workspace, name, email string, n int, ago time.Duration) {
	t.Helper()
	var msgs []mail.Incoming
	for i := range n {
		msgs = append(msgs, inboxtest.Message(fmt.Sprintf("%s-%d-%d@x.example", email, ago/time.Hour, i), "", mail.Address{Name: name, Email: email},
			mail.Address{Email: inboxtest.Brand}, fmt.Sprintf("Question %d from %s", i, name), "Hello?", now.Add(-ago-time.Duration(i)*time.Minute)))
	}
	if _, err := mail.Open(w).ImportLocal(context.Background(), "INBOX", msgs); err != nil {
		t.Fatal(err)
	}
}

func TestMostActiveRanksAndOpensAContact(t *testing.T) {
	h := newHarness(t)
	w := h.workspace("Nordlys", 6)
	writes(t, w, "Åsa Berg", "asa@mail.example", 4, time.Hour)
	writes(t, w, "Jan Novák", "jan@mail.example", 2, 2*time.Hour)
	writes(t, w, "Olga Petrova", "olga@mail.example", 6, 60*24*time.Hour) // only in the 90-day window
	h.load(w)
	h.p.views.list.Select(membersIndex(h.p.views))
	h.drain()
	if !h.p.listSide.Hidden || !h.p.members.content.Visible() {
		t.Fatal("the ranking does not replace the list")
	}
	ranked := func() []string {
		var out []string
		for i, a := range h.p.members.ranking {
			if i > 0 && a.Messages > h.p.members.ranking[i-1].Messages {
				t.Fatalf("ranking out of order: %+v", h.p.members.ranking)
			}
			out = append(out, fmt.Sprintf("%s:%d", a.Email, a.Messages))
		}
		return out
	}
	if got := ranked(); len(got) != 8 || got[0] != "asa@mail.example:4" || got[1] != "jan@mail.example:2" {
		t.Fatalf("30 days: %v, want Åsa (4) then Jan (2), then the six who wrote once", got)
	}
	h.p.members.window.SetSelected("Last 90 days")
	h.drain()
	if got := ranked(); got[0] != "olga@mail.example:6" || got[1] != "asa@mail.example:4" || h.p.members.ranking[0].Open != 6 {
		t.Fatalf("90 days: %v, want Olga (6, all open) first", got)
	}

	h.p.members.list.Select(0)
	h.drain()
	if h.p.listSide.Hidden || h.p.list.Length() != 6 {
		t.Fatalf("choosing Olga shows %d conversations (list hidden %v), want her 6", h.p.list.Length(), h.p.listSide.Hidden)
	}
	for _, r := range h.visible(10) {
		if r.ContactEmail != "olga@mail.example" {
			t.Fatalf("list narrowed to Olga shows %+v", r)
		}
	}
	if h.p.detail.row.ContactEmail != "olga@mail.example" || h.p.detail.side.Hidden || h.p.detail.panel.d.Email != "olga@mail.example" {
		t.Fatalf("open %q, panel hidden %v showing %q: want Olga's latest conversation with her panel",
			h.p.detail.row.ContactEmail, h.p.detail.side.Hidden, h.p.detail.panel.d.Email)
	}
}

// membersIndex is the position of the "most active members" entry.
func membersIndex(v *viewsColumn) int {
	for i, it := range v.items {
		if it.members {
			return i
		}
	}
	return -1
}
