package inbox

import (
	"context"
	"fmt"
	"testing"
	"time"

	"switchboard/workspace/mail"
)

func TestViewsCountsLabelsAndSearch(t *testing.T) {
	ctx := context.Background()
	s, c := newStore(t)
	a, _ := deliver(t, s, "Åsa|asa@example.se", "Bönor", "Var är mina bönor?", c.t, "")
	c.advance(time.Minute)
	b, bID := deliver(t, s, "Jan|jan@example.cz", "Kávovar", "Kávovar nefunguje, kůň", c.t, "")
	c.advance(time.Minute)
	deliver(t, s, "Nordlys|brand@nordlys.example", "Re: Kávovar", "Pošleme nový", c.t, bID) // answered
	c.advance(time.Minute)
	sp, _ := deliver(t, s, "Spam|x@spam.example", "WIN", "win", c.t, "")
	if err := s.SetStatus(ctx, sp, Spam); err != nil {
		t.Fatal(err)
	}
	me, _ := s.Me(ctx)
	erik, _ := s.AddStaff(ctx, "Erik")
	if err := s.Assign(ctx, a, me.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.Assign(ctx, b, erik.ID); err != nil {
		t.Fatal(err)
	}
	refund, err := s.SaveLabel(ctx, Label{Name: "Refund", Color: "#c62828"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveLabel(ctx, Label{Name: "refund", Color: "#000000"}); err == nil {
		t.Error("a duplicate label name was accepted")
	}
	if err := s.AddLabel(ctx, a, refund.ID); err != nil {
		t.Fatal(err)
	}

	ids := func(q Query) []int64 {
		t.Helper()
		p, err := s.List(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var out []int64
		for _, r := range p.Rows {
			out = append(out, r.ID)
		}
		if p.Total != len(out) {
			t.Fatalf("total %d for %d rows", p.Total, len(out))
		}
		return out
	}
	for name, c := range map[string]struct {
		q    Query
		want []int64
	}{
		"all hides spam":    {Query{}, []int64{b, a}},
		"spam by status":    {Query{Status: Spam}, []int64{sp}},
		"unanswered":        {Query{View: ViewUnanswered}, []int64{a}},
		"mine":              {Query{View: ViewMine}, []int64{a}},
		"unassigned":        {Query{View: ViewUnassigned}, nil},
		"label":             {Query{LabelID: refund.ID}, []int64{a}},
		"search accents":    {Query{Search: "kun"}, []int64{b}},
		"search prefix":     {Query{Search: "bön*"}, []int64{a}},
		"search and status": {Query{Search: "kavovar", Status: Open}, nil},
	} {
		if got := ids(c.q); fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%s: %v, want %v", name, got, c.want)
		}
	}
	if got := ids(Query{View: ViewOverdue}); len(got) != 0 {
		t.Errorf("overdue right away: %v", got)
	}
	c.advance(DefaultResponseTarget)
	if got := ids(Query{View: ViewOverdue}); fmt.Sprint(got) != fmt.Sprint([]int64{a}) {
		t.Errorf("overdue after the target: %v", got)
	}
	r := mustRow(t, s, a)
	if !r.Overdue || r.WaitingSince != t0 || r.Assignee != "Anna" || len(r.Labels) != 1 || r.Labels[0].Color != "#C62828" || r.ContactName != "Åsa" {
		t.Errorf("row %+v", r)
	}
	if err := s.SetResponseTarget(ctx, 24*time.Hour); err != nil {
		t.Fatal(err)
	}
	counts, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if counts.All != 2 || counts.Unanswered != 1 || counts.Alerts != 1 || counts.Overdue != 0 || counts.Mine != 1 ||
		counts.Unassigned != 0 || counts.ByStatus[Spam] != 1 || counts.ByLabel[refund.ID] != 1 {
		t.Errorf("counts %+v", counts)
	}
	h, _ := s.History(ctx, a)
	if len(h) != 2 || h[0].Kind != "assignee" || h[0].New != "Anna" || h[1].Kind != "label" || h[1].New != "Refund" {
		t.Errorf("history %+v", h)
	}
}

func TestKeysetPagingMatchesOffset(t *testing.T) {
	ctx := context.Background()
	s, c := newStore(t)
	for i := range 25 {
		deliver(t, s, fmt.Sprintf("C%d|c%d@example.com", i, i), fmt.Sprintf("Ärende %d", i), "text", c.t, "")
		if i%5 != 0 {
			c.advance(time.Second) // some share a time: the id breaks the tie
		}
	}
	var seek []int64
	var after *Cursor
	for {
		p, err := s.List(ctx, Query{After: after, Limit: 7})
		if err != nil {
			t.Fatal(err)
		}
		if p.Total != 25 {
			t.Fatalf("total %d", p.Total)
		}
		for _, r := range p.Rows {
			seek = append(seek, r.ID)
		}
		if len(p.Rows) < 7 {
			break
		}
		after = p.Rows[len(p.Rows)-1].Cursor()
	}
	all, _ := s.List(ctx, Query{Limit: 100})
	var offset []int64
	for _, r := range all.Rows {
		offset = append(offset, r.ID)
	}
	if fmt.Sprint(seek) != fmt.Sprint(offset) {
		t.Fatalf("keyset %v\noffset %v", seek, offset)
	}
}

func TestNotesAreInternal(t *testing.T) {
	ctx := context.Background()
	s, c := newStore(t)
	conv, _ := deliver(t, s, "A|a@example.com", "Hi", "hi", c.t, "")
	if _, err := s.AddNote(ctx, conv, "  "); err == nil {
		t.Error("empty note accepted")
	}
	if _, err := s.AddNote(ctx, conv, "Kunden är VIP — var extra snäll."); err != nil {
		t.Fatal(err)
	}
	notes, _ := s.Notes(ctx, conv)
	if len(notes) != 1 || notes[0].Author != "Anna" {
		t.Fatalf("notes %+v", notes)
	}
	it, err := s.Queue(ctx, Reply{ConversationID: conv, Body: "Hello"})
	if err != nil {
		t.Fatal(err)
	}
	if it.Body != "Hello" {
		t.Fatalf("a note leaked into the reply: %q", it.Body)
	}
}

// Every view reads its own index (INDEXED BY fails loudly when one no longer fits), pages
// the same with and without the total, and Counts.Total says what List counts.
func TestEveryViewPagesAndCountsAgree(t *testing.T) {
	ctx := context.Background()
	s, c := newStore(t)
	me, _ := s.Me(ctx)
	vip, err := s.SaveLabel(ctx, Label{Name: "VIP", Color: "#7C3AED"})
	if err != nil {
		t.Fatal(err)
	}
	var convs []int64
	for i := range 12 {
		conv, id := deliver(t, s, fmt.Sprintf("K%d|k%d@example.com", i%4, i%4), fmt.Sprintf("Fråga %d", i), "kaffe", c.t, "")
		convs = append(convs, conv)
		c.advance(time.Minute)
		switch i % 4 {
		case 0:
			deliver(t, s, "Nordlys|brand@nordlys.example", "Re", "svar", c.t, id)
		case 1:
			err = s.Assign(ctx, conv, me.ID)
		case 2:
			err = s.AddLabel(ctx, conv, vip.ID)
		case 3:
			err = s.Resolve(ctx, conv, 0)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetStatus(ctx, convs[4], Spam); err != nil {
		t.Fatal(err)
	}
	if err := s.Mute(ctx, mustRow(t, s, convs[5]).ContactID, "shouting"); err != nil {
		t.Fatal(err)
	}
	c.advance(DefaultResponseTarget)
	counts, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if counts.Alerts >= counts.Unanswered || counts.Unassigned+counts.Mine == 0 {
		t.Fatalf("counts %+v: want a muted contact's unanswered mail out of Alerts, and some assigned", counts)
	}
	contact := mustRow(t, s, convs[1]).ContactID
	queries := []Query{{}, {View: ViewUnanswered}, {View: ViewMine}, {View: ViewUnassigned}, {View: ViewOverdue},
		{View: ViewFollowUp}, {Status: Spam}, {Status: Resolved}, {View: ViewMine, Status: Open}, {LabelID: vip.ID},
		{ContactID: contact}, {View: ViewUnanswered, ContactID: contact}, {Search: "kaffe"}, {Search: "kaffe", LabelID: vip.ID}}
	for _, q := range queries {
		q.Limit = 100
		full, err := s.List(ctx, q)
		if err != nil {
			t.Fatalf("%+v: %v", q, err)
		}
		if full.Total != len(full.Rows) {
			t.Errorf("%+v: total %d for %d rows", q, full.Total, len(full.Rows))
		}
		if n, ok := counts.Total(q); ok && n != full.Total {
			t.Errorf("%+v: Counts.Total %d, List %d", q, n, full.Total)
		}
		var paged []int64
		var after *Cursor
		for {
			p, err := s.List(ctx, Query{View: q.View, Status: q.Status, LabelID: q.LabelID, ContactID: q.ContactID,
				Search: q.Search, NoTotal: true, After: after, Limit: 2})
			if err != nil {
				t.Fatalf("%+v paged: %v", q, err)
			}
			if p.Total != -1 {
				t.Fatalf("%+v: NoTotal still counted %d", q, p.Total)
			}
			for _, r := range p.Rows {
				paged = append(paged, r.ID)
			}
			if len(p.Rows) < 2 {
				break
			}
			after = p.Rows[1].Cursor()
		}
		var want []int64
		for _, r := range full.Rows {
			want = append(want, r.ID)
		}
		if fmt.Sprint(paged) != fmt.Sprint(want) {
			t.Errorf("%+v: paged %v, whole %v", q, paged, want)
		}
	}
	if _, ok := counts.Total(Query{Search: "kaffe"}); ok {
		t.Error("Counts.Total claims to know a search's count")
	}
}

// The running counts (schema 0006) agree with a recount after every kind of change: new
// mail, our reply, the customer writing again, triage, a blocked sender, an expunge.
func TestRunningCountsMatchARecount(t *testing.T) {
	ctx := context.Background()
	s, c := newStore(t)
	check := func(step string) {
		t.Helper()
		got, err := s.Counts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := map[Status]int{}
		err = scanPairs(ctx, s.db.Read(), "SELECT status, count(*) FROM conversations WHERE messages > 0 GROUP BY status", func(k string, n int) {
			want[Status(k)] = n
		})
		if err != nil {
			t.Fatal(err)
		}
		var waiting, overdue int
		s.db.Read().QueryRow("SELECT count(*), ifnull(sum(c.waiting_since <= ?), 0) FROM conversations c WHERE c.messages > 0 AND "+unanswered,
			s.sign.NowMs()-DefaultResponseTarget.Milliseconds()).Scan(&waiting, &overdue)
		for _, st := range Statuses {
			if got.ByStatus[st] != want[st] {
				t.Errorf("%s: %s counted %d, recount %d", step, st, got.ByStatus[st], want[st])
			}
		}
		if got.Unanswered != waiting || got.Overdue != overdue {
			t.Errorf("%s: unanswered %d overdue %d, recount %d and %d", step, got.Unanswered, got.Overdue, waiting, overdue)
		}
	}
	a, aMsg := deliver(t, s, "Åsa|asa@example.se", "Bönor", "?", c.t, "")
	b, _ := deliver(t, s, "Jan|jan@example.cz", "Kávovar", "?", c.t, "")
	troll, _ := deliver(t, s, "Troll|troll@example.com", "!!!", "!!!", c.t, "")
	check("new mail")
	c.advance(time.Hour)
	_, reply := deliver(t, s, "Nordlys|brand@nordlys.example", "Re: Bönor", "Svar", c.t, aMsg)
	check("our reply")
	if err := s.SetStatus(ctx, a, Waiting); err != nil {
		t.Fatal(err)
	}
	c.advance(time.Hour)
	deliver(t, s, "Åsa|asa@example.se", "Re: Bönor", "Tack, men…", c.t, reply)
	check("the customer wrote again")
	c.advance(DefaultResponseTarget)
	check("overdue")
	if err := s.Snooze(ctx, b, c.t.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.Resolve(ctx, a, 0); err != nil {
		t.Fatal(err)
	}
	check("triage")
	if err := s.Block(ctx, mustRow(t, s, troll).ContactID, "threats"); err != nil {
		t.Fatal(err)
	}
	deliver(t, s, "Troll|troll@example.com", "Igen", "!!!", c.t, "")
	check("a blocked sender")
	c.advance(2 * time.Hour)
	if _, err := s.Tick(ctx, c.t); err != nil { // the snooze wakes
		t.Fatal(err)
	}
	check("tick")
	store := mail.Open(s.w)
	accts, _ := store.Accounts(ctx)
	inbox, _ := store.EnsureFolder(ctx, accts[0].ID, "INBOX", mail.RoleInbox)
	uids, _ := store.LocalFlags(ctx, inbox.ID)
	var all []uint32
	for uid := range uids {
		all = append(all, uid)
	}
	if err := store.RemoveUIDs(ctx, inbox.ID, all); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Sweep(ctx); err != nil {
		t.Fatal(err)
	}
	check("expunged")
}
