package inboxpane

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"switchboard/ui/inboxpane/inboxtest"
	"switchboard/workspace"
	"switchboard/workspace/crisis"
	"switchboard/workspace/inbox"
	"switchboard/workspace/mail"
	"switchboard/workspace/schedule"
)

// stockholm is the zone of the tests' brand: now (12:00 UTC, a Tuesday) is 13:00 there.
var stockholm, _ = time.LoadLocation("Europe/Stockholm")

// brandIn is an empty workspace in Stockholm with business hours and the pane's clock.
func (h *harness) brandIn(name, hours string) (*workspace.Workspace, *schedule.Store) {
	h.t.Helper()
	ctx := context.Background()
	if _, err := h.root.Create(ctx, name, workspace.CreateOptions{Color: "#0F6E5C", TimeZone: "Europe/Stockholm"}); err != nil {
		h.t.Fatal(err)
	}
	w, err := h.root.Open(ctx, name)
	if err != nil {
		h.t.Fatal(err)
	}
	h.t.Cleanup(func() { w.Close() })
	s := schedule.Open(w, schedule.Options{Agent: "Sofia", Now: func() time.Time { return now }})
	hh, err := schedule.ParseHours(hours)
	if err != nil {
		h.t.Fatal(err)
	}
	if err := s.SetHours(ctx, hh); err != nil {
		h.t.Fatal(err)
	}
	return w, s
}

// arrive stores a customer's message written at the given time.
func arrive(t *testing.T, w *workspace.Workspace, id, name, email, subject, body string, at time.Time) {
	t.Helper()
	m := inboxtest.Message(id, "", mail.Address{Name: name, Email: email}, mail.Address{Email: inboxtest.Brand}, subject, body, at)
	if _, err := mail.Open(w).ImportLocal(context.Background(), "INBOX", []mail.Incoming{m}); err != nil {
		t.Fatal(err)
	}
}

func TestInboxShowsWhoIsOnShiftAndTheNextOpeningInTheWorkspacesZone(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	w, s := h.brandIn("Nordlys", "mon-fri 09:00-17:00")
	if _, err := s.AddShift(ctx, schedule.Shift{Staff: "Anna", Weekday: time.Tuesday, Interval: schedule.Interval{Start: 9 * 60, End: 14 * 60}}); err != nil {
		t.Fatal(err)
	}
	arrive(t, w, "a1@x", "Ola", "ola@x.example", "Beans", "Hello", now.Add(-time.Hour))
	h.load(w)
	if got := h.p.hoursBar.shift.Text; h.p.hoursBar.content.Hidden || got != "On shift: Anna" {
		t.Fatalf("status line %q (hidden %v), want On shift: Anna", got, h.p.hoursBar.content.Hidden)
	}

	// Closed at 13:00 Stockholm time: it says when it opens, on the brand's clock (14:00,
	// which is 13:00 UTC).
	closed, _ := h.brandIn("Fjord", "mon-fri 14:00-17:00")
	arrive(t, closed, "b1@x", "Per", "per@x.example", "Bikes", "Hello", now.Add(-time.Hour))
	h.load(closed)
	if got := h.p.hoursBar.shift.Text; got != "Closed · opens 14:00" {
		t.Fatalf("status line %q, want Closed · opens 14:00", got)
	}
}

func TestOverdueAndTheWaitingTimerCountBusinessHours(t *testing.T) {
	h := newHarness(t)
	w, _ := h.brandIn("Nordlys", "mon-fri 10:00-17:00")
	// Monday 20:00 in Stockholm: 17 hours ago on the wall clock, 3 open hours ago (Tuesday
	// 10:00 to 13:00), under the 4-hour target.
	at := time.Date(2026, 3, 9, 20, 0, 0, 0, stockholm)
	arrive(t, w, "a1@x", "Ola", "ola@x.example", "Evening question", "Hello", at)
	h.load(w)
	c, err := h.p.store.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if c.Overdue != 0 {
		t.Fatalf("%d overdue: a message 3 business hours old is not over a 4-hour target", c.Overdue)
	}
	h.p.setQuery(inbox.Query{View: inbox.ViewOverdue})
	h.drain()
	if n := h.p.list.Length(); n != 0 {
		t.Fatalf("the Overdue view lists %d", n)
	}
	h.p.setQuery(inbox.Query{View: inbox.ViewAll})
	h.drain()
	row := find(h.p.list, func(v *rowView) bool { return v.subject.full == "Evening question" })
	if row == nil {
		t.Fatal("the row is not drawn")
	}
	if got := row.waited.full; got != "3h 0m" {
		t.Fatalf("the timer says %q, want 3h 0m (business hours, not the 17 on the wall clock)", got)
	}
}

func TestHeldRepliesAreAnnouncedWithAWayToTheSchedule(t *testing.T) {
	h := newHarness(t)
	var shown string
	h.p.showPane = func(id string) { shown = id }
	ctx := context.Background()
	w, _ := h.brandIn("Nordlys", "")
	addAccount(t, w, "hello@nordlys.example")
	arrive(t, w, "a1@x", "Ola", "ola@x.example", "Beans", "Hello", now.Add(-3*time.Hour))
	conv := h.store(w)
	list, err := conv.List(ctx, inbox.Query{View: inbox.ViewAll, Limit: 1})
	if err != nil || len(list.Rows) != 1 {
		t.Fatal(list, err)
	}
	// Scheduled two hours ago for one hour ago; the app was closed: held for review.
	earlier := schedule.Open(w, schedule.Options{Agent: "Sofia", Now: func() time.Time { return now.Add(-2 * time.Hour) }})
	if _, err := earlier.ScheduleReply(ctx, list.Rows[0].ID, "We will send them", now.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := schedule.Open(w, schedule.Options{Now: func() time.Time { return now }}).Due(ctx); err != nil {
		t.Fatal(err)
	}
	h.load(w)
	b := h.p.hoursBar
	if b.heldRow.Hidden || !strings.Contains(b.held.Text, "1 scheduled items held for review") {
		t.Fatalf("held notice %q (hidden %v)", b.held.Text, b.heldRow.Hidden)
	}
	test.Tap(b.review)
	if shown != "schedule" {
		t.Fatalf("Review in Schedule showed %q", shown)
	}
}

func TestShowConversationOpensItByGlobalID(t *testing.T) {
	h := newHarness(t)
	w := h.workspace("Nordlys", 30)
	h.load(w)
	r, ok := h.p.rows.at(20)
	if !ok {
		t.Fatal("row 20 not loaded")
	}
	h.p.ShowConversation(r.GID)
	h.load(w) // the shell shows the Inbox, which loads it
	if h.p.detail.row.ID != r.ID || h.p.cursor != 20 {
		t.Fatalf("opened %d with the cursor on %d, want %d on row 20", h.p.detail.row.ID, h.p.cursor, r.ID)
	}
	h.load(w)
	if h.p.detail.row.ID != r.ID {
		t.Fatal("a later load lost the conversation")
	}
}

func TestLinkToIncidentAndHoldingStatementsInTheComposer(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	w := h.workspace("Nordlys", 3)
	h.load(w)
	h.p.openAt(0)
	if !h.p.detail.link.row.Hidden {
		t.Fatal("Link to incident shows with no incident open")
	}
	cs := crisis.NewStore(w, crisis.Options{Agent: "Sofia", Now: func() time.Time { return now }})
	if _, err := cs.SavePlaybook(ctx, crisis.Playbook{Name: "Bitter batch", Severity: "high",
		Descriptions: map[string]string{"en": "A batch tastes wrong"},
		Steps:        []crisis.Step{{Text: "Confirm the batch", Owner: "Community manager"}},
		Holding:      []crisis.Text{{Lang: "en", Text: "Hi {{first_name|there}}, we are looking into the batch."}},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := cs.StartIncident(ctx, crisis.Start{Playbook: "Bitter batch", Reason: "bitter bags"}); err != nil {
		t.Fatal(err)
	}
	h.load(w)
	r := h.p.detail.row
	btn := h.p.detail.link.btn
	if h.p.detail.link.row.Hidden || btn.Disabled() || btn.Text != "Link to incident" {
		t.Fatalf("button %q hidden %v disabled %v, want Link to incident", btn.Text, h.p.detail.link.row.Hidden, btn.Disabled())
	}
	test.Tap(btn)
	h.drain()
	if linked, ok, _ := cs.LinkedIncident(ctx, r.ID); !ok || linked.ID == "" {
		t.Fatal("the conversation was not linked to the incident")
	}
	if !btn.Disabled() || btn.Text != "Linked to incident" {
		t.Fatalf("after linking the button says %q (disabled %v)", btn.Text, btn.Disabled())
	}

	h.p.detail.reply()
	h.drain()
	c := h.p.detail.composer
	if c.offers.content.Hidden || len(c.offers.buttons.Objects) == 0 {
		t.Fatal("the composer offers no holding statement for a linked conversation")
	}
	first := c.offers.buttons.Objects[0].(*widget.Button)
	test.Tap(first)
	name := strings.Fields(r.ContactName)
	want := "Hi there, we are looking into the batch."
	if len(name) > 0 {
		want = "Hi " + name[0] + ", we are looking into the batch."
	}
	if !strings.HasPrefix(c.body.Text, want) {
		t.Fatalf("the statement filled %q, want it to start %q", c.body.Text, want)
	}
	if !c.offers.content.Hidden {
		t.Fatal("the offers still take room from the reply once one is chosen")
	}
	c.body.SetText("")
	if c.offers.content.Hidden {
		t.Fatal("emptying the reply does not offer the statements again")
	}

	// Another, unlinked conversation offers nothing.
	h.p.openAt(1)
	h.p.detail.reply()
	h.drain()
	if !c.offers.content.Hidden {
		t.Fatal("an unlinked conversation offers the incident's statements")
	}
}

func TestLongSubjectsAndRightToLeftNamesAreDrawnSafely(t *testing.T) {
	h := newHarness(t)
	w := h.workspace("Nordlys", 0)
	huge := strings.Repeat("Refund ", 1<<20/7)
	arrive(t, w, "big@x", "Ola", "ola@x.example", huge, strings.Repeat("body ", 1<<20/5), now.Add(-time.Minute))
	arrive(t, w, "rtl@x", "مريم", "maryam@x.example", "طلب", "مرحبا", now.Add(-2*time.Minute))
	start := time.Now()
	h.load(w)
	big := rowWhere(t, h, func(r inbox.Row) bool { return r.ContactEmail == "ola@x.example" })
	h.p.openID(big.ID)
	h.drain()
	if took := time.Since(start); took > 5*time.Second {
		t.Fatalf("opening a 1 MiB subject took %v", took)
	}
	if n := len([]rune(h.p.detail.subject.Text)); n > mail.MaxDisplaySubjectRunes+1 {
		t.Fatalf("the header draws a %d-rune subject", n)
	}
	if n := len([]rune(threadText(h.p.detail.thread))); n > maxBodyRunes+5000 {
		t.Fatalf("the thread draws %d runes of a 1 MiB body", n)
	}

	rtl := rowWhere(t, h, func(r inbox.Row) bool { return r.ContactEmail == "maryam@x.example" })
	h.p.openID(rtl.ID)
	h.drain()
	if got, want := h.p.detail.who.Text, "\u2068مريم\u2069 <maryam@x.example>"; got != want {
		t.Fatalf("header %q, want the name isolated before its address %q", got, want)
	}
	h.p.detail.reply()
	h.drain()
	if got := h.p.detail.composer.to.Text; !strings.Contains(got, "\u2068مريم\u2069 <maryam@x.example>") {
		t.Fatalf("Reply to line %q does not isolate the name", got)
	}
}
