package inboxpane

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace"
	"switchboard/workspace/faq"
	"switchboard/workspace/inbox"
	"switchboard/workspace/mail"
)

func TestListShowsRowsAndFetchesPagesOnDemand(t *testing.T) {
	h := newHarness(t)
	w := h.workspace("Nordlys", 450)
	h.load(w)
	if n := h.p.list.Length(); n != 450 {
		t.Fatalf("list length %d, want 450", n)
	}
	rows := h.visible(pageSize + 1)
	if len(rows) != pageSize {
		t.Fatalf("%d rows loaded before scrolling, want the first page of %d", len(rows), pageSize)
	}
	if rows[0].Subject == "" || rows[0].ContactName == "" || !rows[0].LastMessageAt.After(rows[1].LastMessageAt) {
		t.Fatalf("first rows %+v / %+v: want the newest conversation first, with contact and subject", rows[0], rows[1])
	}
	h.p.list.ScrollTo(420)
	h.drain()
	if _, ok := h.p.rows.at(420); !ok {
		t.Fatal("row 420 not fetched after scrolling to it")
	}
	if len(h.p.rows.pages) > maxPages {
		t.Fatalf("%d pages held, want at most %d", len(h.p.rows.pages), maxPages)
	}
}

func TestViewsChangeTheListAndShowCounts(t *testing.T) {
	h := newHarness(t)
	w := h.workspace("Nordlys", 90)
	ctx := context.Background()
	s := h.store(w)
	first, err := s.List(ctx, inbox.Query{Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Resolve(ctx, first.Rows[0].ID, 0); err != nil {
		t.Fatal(err)
	}
	h.load(w)
	counts, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if counts.Unanswered == 0 || counts.Unanswered == 90 {
		t.Fatalf("generated inbox has %d unanswered of 90: want some answered, some not", counts.Unanswered)
	}
	h.p.views.list.Select(h.p.views.index(inbox.Query{View: inbox.ViewUnanswered}))
	h.drain()
	if n := h.p.list.Length(); n != counts.Unanswered {
		t.Fatalf("Unanswered view shows %d rows, count says %d", n, counts.Unanswered)
	}
	for _, r := range h.visible(n(h)) {
		if r.WaitingSince.IsZero() {
			t.Fatalf("row %d (%s) in Unanswered has nobody waiting", r.ID, r.Subject)
		}
	}
	if got := h.p.views.items[h.p.views.index(inbox.Query{View: inbox.ViewUnanswered})].count; got != counts.Unanswered {
		t.Fatalf("views column shows %d unanswered, want %d", got, counts.Unanswered)
	}

	h.p.views.list.Select(h.p.views.index(inbox.Query{Status: inbox.Resolved}))
	h.drain()
	if rows := h.visible(10); len(rows) != 1 || rows[0].ID != first.Rows[0].ID {
		t.Fatalf("Resolved view shows %+v, want only conversation %d", rows, first.Rows[0].ID)
	}

	// Resolving from the keyboard moves the counts.
	h.p.views.list.Select(h.p.views.index(inbox.Query{View: inbox.ViewAll}))
	h.drain()
	h.win.Canvas().Focus(h.p.list)
	test.Type(h.p.list, "j") // first row: already resolved; the second is not
	test.Type(h.p.list, "j")
	test.Type(h.p.list, "e")
	h.drain()
	if got := h.p.views.items[h.p.views.index(inbox.Query{Status: inbox.Resolved})].count; got != 2 {
		t.Fatalf("Resolved count %d after pressing e, want 2", got)
	}
}

func n(h *harness) int { return h.p.list.Length() }

func TestKeyboardMovesAndOpens(t *testing.T) {
	h := newHarness(t)
	w := h.workspace("Nordlys", 30)
	h.load(w)
	h.win.Canvas().Focus(h.p.list)
	test.Type(h.p.list, "jjjk")
	if h.p.cursor != 1 {
		t.Fatalf("cursor %d after j j j k, want 1", h.p.cursor)
	}
	if h.p.detail.row.ID != 0 {
		t.Fatal("moving with j/k opened a conversation; only Enter should")
	}
	h.p.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.drain()
	want, _ := h.p.rows.at(1)
	if h.p.detail.row.ID != want.ID || h.p.detail.subject.Text != want.Subject {
		t.Fatalf("Enter opened %d %q, want %d %q", h.p.detail.row.ID, h.p.detail.subject.Text, want.ID, want.Subject)
	}
	if len(h.p.detail.messages) == 0 {
		t.Fatal("the opened conversation shows no messages")
	}
}

// Replying with "then resolve and check back" changes the open conversation behind the
// composer; its header must say so without reopening it.
func TestOpenConversationHeaderFollowsAReply(t *testing.T) {
	h := newHarness(t)
	w := h.workspace("Nordlys", 30)
	addAccount(t, w, "help@nordlys.example")
	h.load(w)
	row := rowWhere(t, h, func(r inbox.Row) bool { return r.Status == inbox.New && r.ContactName != "" })
	h.p.detail.open(row)
	h.p.detail.reply()
	h.drain()
	c := h.p.detail.composer
	c.body.SetText("Thanks, we are on it.")
	c.then.SetSelectedIndex(2) // resolve, check back in 3 days
	c.queue(time.Time{})
	h.drain()
	if got := h.p.detail.status.Text; !strings.HasPrefix(got, statusName(inbox.Resolved)) {
		t.Fatalf("after replying and resolving, the open conversation's header says %q", got)
	}
}

// A client with no mail yet is told where mail comes from, not how to move with j and k.
func TestEmptyWorkspaceSaysWhatToDo(t *testing.T) {
	h := newHarness(t)
	h.load(h.workspace("Bettany Books", 0))
	if got := h.p.detail.hint.Text; !strings.Contains(got, "Settings") {
		t.Fatalf("empty workspace hint %q does not point to Settings", got)
	}
	h.load(h.workspace("Nordlys", 3))
	if got := h.p.detail.hint.Text; got != hintChoose() {
		t.Fatalf("with mail the hint is %q", got)
	}
}

func TestConversationShowsMessagesNotesAndHistory(t *testing.T) {
	h := newHarness(t)
	w := h.workspace("Nordlys", 6) // conversation 0 has our reply
	h.load(w)
	row, _ := h.p.rows.at(0)
	ctx := context.Background()
	s := h.store(w)
	if _, err := s.AddNote(ctx, row.ID, "Refund approved by Lars, do not promise a date"); err != nil {
		t.Fatal(err)
	}
	h.p.openAt(0)
	h.drain()
	h.p.detail.note.SetText("Called the customer")
	h.p.detail.note.OnSubmitted("Called the customer")
	h.drain()
	test.Type(h.p.list, "a")
	h.drain()
	if err := s.Assign(ctx, row.ID, mustMe(t, s)); err != nil {
		t.Fatal(err)
	}
	h.p.reload()
	h.p.detail.refresh()
	h.drain()

	text := threadText(h.p.detail.thread)
	for _, want := range []string{"Thanks for writing", "Refund approved by Lars", "Called the customer",
		"Internal note by Sofia · never sent", "Sofia assigned it to Sofia"} {
		if !strings.Contains(text, want) {
			t.Errorf("conversation view lacks %q:\n%s", want, text)
		}
	}
	if len(h.p.detail.messages) != 2 || !h.p.detail.messages[1].Outbound {
		t.Fatalf("messages %+v: want the customer's and then our reply", h.p.detail.messages)
	}
}

func mustMe(t *testing.T, s *inbox.Store) int64 {
	me, err := s.Me(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return me.ID
}

// threadText is every label's text in the thread, in order.
func threadText(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			b.WriteString(x.Text + "\n")
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return b.String()
}

func TestComposerFillsFAQVariablesAndBlocksOnUnresolved(t *testing.T) {
	h := newHarness(t)
	w := h.workspace("Nordlys", 3)
	importMail(t, w, "anon@x.example", "", "noname@mail.example", "Question", "Do you ship to Iceland?")
	ctx := context.Background()
	entry, err := faq.NewStore(w).Save(ctx, "", faq.Draft{Question: "Do you ship to Iceland?",
		Answer: "Hi {{first_name}},\n\nYes, we ship to **Iceland** in 5 days.\n\n{{agent}} at {{brand}}", Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	h.load(w)
	c := h.p.detail.composer

	// A customer with a name: every variable is filled.
	named := rowWhere(t, h, func(r inbox.Row) bool { return r.ContactName != "" })
	h.p.detail.open(named)
	h.p.detail.reply()
	h.drain()
	c.insertAnswer(entry.Entry)
	h.drain()
	first := strings.Fields(named.ContactName)[0]
	if want := "Hi " + first + ",\n\nYes, we ship to Iceland in 5 days.\n\nSofia at Nordlys"; c.body.Text != want {
		t.Fatalf("inserted %q, want %q", c.body.Text, want)
	}

	// A customer known only by address: {{first_name}} stays and blocks sending.
	anon := rowWhere(t, h, func(r inbox.Row) bool { return r.ContactEmail == "noname@mail.example" })
	h.p.detail.open(anon)
	h.p.detail.reply()
	h.drain()
	c.insertAnswer(entry.Entry)
	h.drain()
	if !strings.HasPrefix(c.body.Text, "Hi {{first_name}},") {
		t.Fatalf("unresolved variable not kept visible: %q", c.body.Text)
	}
	if !c.send.Disabled() || c.problems.Hidden || !strings.Contains(c.problems.Text, "{{first_name}}") {
		t.Fatalf("send enabled=%v, problems %q: an unresolved variable must block sending and be named",
			!c.send.Disabled(), c.problems.Text)
	}
	c.body.SetText(strings.Replace(c.body.Text, "{{first_name}}", "{{first_name|there}}", 1))
	if strings.Contains(c.problems.Text, "{{first_name}}") {
		t.Fatalf("a fallback did not clear the problem: %q", c.problems.Text)
	}
}

func rowWhere(t *testing.T, h *harness, ok func(inbox.Row) bool) inbox.Row {
	t.Helper()
	for _, r := range h.visible(h.p.list.Length()) {
		if ok(r) {
			return r
		}
	}
	t.Fatal("no such row")
	return inbox.Row{}
}

func addAccount(t *testing.T, w *workspace.Workspace, email string) {
	t.Helper()
	imap, _ := mail.ParseEndpoint("imap.example.com:993", mail.TLS)
	smtp, _ := mail.ParseEndpoint("smtp.example.com:465", mail.TLS)
	if _, err := mail.Open(w).AddAccount(context.Background(), mail.Account{Email: email, IMAP: imap, SMTP: smtp}); err != nil {
		t.Fatal(err)
	}
}

func TestFromIsOnlyThisWorkspacesAccount(t *testing.T) {
	h := newHarness(t)
	a := h.workspace("Nordlys", 3)
	b := h.workspace("Fjord Bikes", 3)
	addAccount(t, a, "hello@nordlys.example")
	addAccount(t, b, "care@fjordbikes.example")
	for _, tc := range []struct {
		w          *workspace.Workspace
		want, not  string
		brandTitle string
	}{{a, "hello@nordlys.example", "fjordbikes", "Nordlys"}, {b, "care@fjordbikes.example", "nordlys", "Fjord Bikes"}} {
		h.load(tc.w)
		h.p.openAt(0)
		h.p.detail.reply()
		h.drain()
		c := h.p.detail.composer
		if !strings.Contains(c.from.Selected, tc.want) || strings.Contains(c.from.Selected, tc.not) {
			t.Fatalf("From %q in %s, want only %s", c.from.Selected, tc.brandTitle, tc.want)
		}
		if !strings.Contains(c.brand.full, tc.brandTitle) {
			t.Fatalf("composer brand %q, want %s", c.brand.full, tc.brandTitle)
		}
	}
}

func TestSwitchingWorkspacesNeverShowsThePreviousOnesConversations(t *testing.T) {
	h := newHarness(t)
	a := h.workspace("Nordlys", 120)
	b := h.workspace("Fjord Bikes", 5)
	importMail(t, a, "secret@a.example", "Only In A", "only@a.example", "Confidential A matter", "Nordlys only")
	h.load(a)
	h.p.find.SetText("Confidential")
	h.p.setSearch("Confidential")
	h.drain()
	if h.p.list.Length() != 1 {
		t.Fatalf("search in A found %d, want 1", h.p.list.Length())
	}
	h.p.openAt(0)
	h.p.list.ScrollTo(110) // queue a page of A that must not land in B
	h.load(b)
	aIDs := map[string]bool{}
	for _, r := range h.visible(200) {
		if strings.HasSuffix(r.ContactEmail, "@a.example") || r.Subject == "Confidential A matter" {
			t.Fatalf("workspace B shows A's conversation %+v", r)
		}
		aIDs[r.ContactEmail] = true
	}
	if h.p.list.Length() != 5 || h.p.find.Text != "" || h.p.detail.row.ID != 0 {
		t.Fatalf("after the switch: %d rows, search %q, open %d: want B's 5, no search, nothing open",
			h.p.list.Length(), h.p.find.Text, h.p.detail.row.ID)
	}
}
