package inboxpane

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"switchboard/workspace"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/mail"
)

func TestWithoutMyNameTheFallbackSignsAndTheFirstSendAsks(t *testing.T) {
	h := newHarness(t)
	w := h.workspace("Nordlys", 4)
	addAccount(t, w, "hello@nordlys.example")
	if err := h.store(w).SetTone(context.Background(), inbox.Tone{Avoid: []string{"thanks!"}}); err != nil {
		t.Fatal(err)
	}
	env := h.env(w)
	env.Agent = ""
	if err := h.p.Load(context.Background(), env); err != nil {
		t.Fatal(err)
	}
	h.drain()
	typeKeys(h, "r")
	c := h.p.detail.composer
	c.body.SetText("Thanks!\n{{agent|The Nordlys team}}")
	if got, err := c.render(); err != nil || !strings.HasSuffix(got, "The Nordlys team") {
		t.Fatalf("rendered %q (%v), want the fallback The Nordlys team, not Me", got, err)
	}
	test.Tap(c.send)
	h.drain()
	if items, _ := h.outbox(w).List(context.Background(), false); len(items) != 0 {
		t.Fatal("the first send went out without asking for my name")
	}
	if h.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no question for my name on the first send")
	}
	typeKeys(h, "Sofia Lind")
	keyOn(h, fyne.KeyReturn)
	// The tone check comes next: "Thanks!" is on the brand's list of phrases to avoid.
	top := h.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("giving my name closed the tone check that follows it")
	}
	typeKeys(h, "2") // Send anyway

	items, err := h.outbox(w).List(context.Background(), false)
	if err != nil || len(items) != 1 || !strings.HasSuffix(strings.TrimSpace(items[0].Body), "Sofia Lind") {
		t.Fatalf("after giving my name the outbox holds %+v (%v), want one reply signed Sofia Lind", items, err)
	}
	if cfg, _ := h.root.Config(); cfg.AgentName != "Sofia Lind" {
		t.Fatalf("my name stored as %q", cfg.AgentName)
	}
}

func TestOpeningReadsAndUMarksUnreadAndResolvedHasNoTimer(t *testing.T) {
	h := newHarness(t)
	w := h.workspace("Nordlys", 6)
	h.load(w)
	s := h.store(w)
	r := rowWhere(t, h, func(r inbox.Row) bool { return r.Unread > 0 })
	h.p.openID(r.ID)
	h.drain()
	if got, _ := s.Conversation(context.Background(), r.ID); got.Unread != 0 {
		t.Fatalf("opened conversation still has %d unread", got.Unread)
	}
	typeKeys(h, "u")
	if got, _ := s.Conversation(context.Background(), r.ID); got.Unread == 0 {
		t.Fatal("u did not mark the conversation unread")
	}
	waiting := rowWhere(t, h, func(r inbox.Row) bool { return !r.WaitingSince.IsZero() })
	waiting.Status = inbox.Resolved
	v := newRowView()
	v.set(waiting, true, now, time.Hour, rowMarks{loc: time.UTC})
	if v.waited.full != "" {
		t.Fatalf("a resolved conversation shows the wait %q", v.waited.full)
	}
}

// deliverTo stores a customer's message as synced into account a's INBOX and returns the
// conversation's id.
func deliverTo(t *testing.T, w *workspace.Workspace, a mail.Account, from, subject string) int64 {
	t.Helper()
	ctx := context.Background()
	store := mail.Open(w)
	f, err := store.EnsureFolder(ctx, a.ID, "INBOX", mail.RoleInbox)
	if err != nil {
		t.Fatal(err)
	}
	id := fmt.Sprintf("%s-%d@example.se", a.ID[:8], time.Now().UnixNano())
	p := &mail.Parsed{MessageID: id, Subject: subject, SubjectKey: strings.ToLower(subject),
		From: mail.Address{Name: "Greta", Email: from}, To: []mail.Address{{Email: a.Email}}, Date: now.Add(-time.Minute),
		Text: "Hello", Snippet: "Hello"}
	raw := fmt.Appendf(nil, "Message-ID: <%s>\r\nSubject: %s\r\n\r\nHello\r\n", id, subject)
	if _, err := store.Ingest(ctx, f.ID, []mail.Incoming{{UID: 1, ReceivedAt: now, Raw: raw, Parsed: p}}, 2); err != nil {
		t.Fatal(err)
	}
	page, err := inbox.NewStore(w, inboxcore.Options{}).List(ctx, inbox.Query{Search: subject, Limit: 1})
	if err != nil || len(page.Rows) == 0 {
		t.Fatalf("delivered conversation not found: %v", err)
	}
	return page.Rows[0].ID
}

func TestComposerSendsFromTheReceivingAccountOrOneChosenOfTheSameWorkspace(t *testing.T) {
	h := newHarness(t)
	w := h.workspace("Nordlys", 2)
	other := h.workspace("Fjord Bikes", 1)
	addAccount(t, other, "care@fjordbikes.example")
	addAccount(t, w, "hello@nordlys.example")
	imap, _ := mail.ParseEndpoint("imap.example.com:993", mail.TLS)
	orders, err := mail.Open(w).AddAccount(context.Background(), mail.Account{Email: "orders@nordlys.example", IMAP: imap, SMTP: imap})
	if err != nil {
		t.Fatal(err)
	}
	conv := deliverTo(t, w, orders, "greta@example.se", "Wholesale order 7781")
	h.load(w)
	h.p.openID(conv)
	typeKeys(h, "r")
	c := h.p.detail.composer
	if !strings.Contains(c.from.Selected, "orders@nordlys.example") {
		t.Fatalf("From shows %q, want the receiving account orders@nordlys.example", c.from.Selected)
	}
	if len(c.from.Options) != 2 || strings.Contains(strings.Join(c.from.Options, " "), "fjordbikes") {
		t.Fatalf("From offers %v: want this workspace's two accounts only", c.from.Options)
	}
	for i, o := range c.from.Options {
		if strings.Contains(o, "hello@") {
			c.from.SetSelectedIndex(i)
		}
	}
	typeKeys(h, "We can do that.")
	test.Tap(c.send)
	h.drain()
	items, _ := h.outbox(w).List(context.Background(), false)
	if len(items) != 1 || items[0].From.Email != "hello@nordlys.example" {
		t.Fatalf("outbox %+v, want one reply from the chosen hello@nordlys.example", items)
	}
}

func TestTimesArePickedAndShownInTheWorkspacesZone(t *testing.T) {
	h := newHarness(t)
	w := h.workspace("Nordlys", 4)
	if err := w.SetTimeZone(context.Background(), "America/New_York"); err != nil {
		t.Fatal(err)
	}
	h.load(w)
	keyOn(h, fyne.KeyReturn)
	first := h.p.detail.row
	typeKeys(h, "s")
	list := h.win.Canvas().Focused().(*choiceList)
	ny, _ := time.LoadLocation("America/New_York")
	tomorrow := morning(now.In(ny), 1)
	if !strings.Contains(list.labels[1], tomorrow.Format("Mon 2 Jan 15:04")) || !strings.Contains(list.labels[1], "09:00") {
		t.Fatalf("snooze offers %q, want tomorrow 09:00 New York time", list.labels[1])
	}
	typeKeys(h, "2")
	r, _ := h.store(w).Conversation(context.Background(), first.ID)
	if !r.SnoozeUntil.Equal(tomorrow) {
		t.Fatalf("snoozed until %v, want %v (09:00 in the client's zone)", r.SnoozeUntil, tomorrow)
	}
	if got := rowState(r, ny); !strings.Contains(got, "09:00") {
		t.Fatalf("header says %q, want the snooze time in New York time", got)
	}
}
