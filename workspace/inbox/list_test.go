package inbox

import (
	"context"
	"database/sql"
	"fmt"
	"switchboard/workspace/inbox/inboxtest"
	"switchboard/workspace/mail"
	"testing"
	"time"
)

func TestViewsCountsLabelsAndSearch(t *testing.T) {
	ctx := context.Background()
	s, c := newStore(t)
	a, _ := inboxtest.Deliver(t, s.w, "Åsa|asa@example.se", "Bönor", "Var är mina bönor?", c.t, "")
	c.advance(time.Minute)
	b, bID := inboxtest.Deliver(t, s.w, "Jan|jan@example.cz", "Kávovar", "Kávovar nefunguje, kůň", c.t, "")
	c.advance(time.Minute)
	inboxtest.Deliver(t, s.w, "Nordlys|brand@nordlys.example", "Re: Kávovar", "Pošleme nový", c.t, bID) // answered
	c.advance(time.Minute)
	sp, _ := inboxtest.Deliver(t, s.w, "Spam|x@spam.example", "WIN", "win", c.t, "")
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
	if !r.Overdue || r.WaitingSince != inboxtest.T0 || r.Assignee != "Anna" || len(r.Labels) != 1 || r.Labels[0].Color != "#C62828" || r.ContactName != "Åsa" {
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
		inboxtest.Deliver(t, s.w, fmt.Sprintf("C%d|c%d@example.com", i, i), fmt.Sprintf("Ärende %d", i), "text", c.t, "")
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
	a, aMsg := inboxtest.Deliver(t, s.w, "Åsa|asa@example.se", "Bönor", "?", c.t, "")
	b, _ := inboxtest.Deliver(t, s.w, "Jan|jan@example.cz", "Kávovar", "?", c.t, "")
	troll, _ := inboxtest.Deliver(t, s.w, "Troll|troll@example.com", "!!!", "!!!", c.t, "")
	check("new mail")
	c.advance(time.Hour)
	_, reply := inboxtest.Deliver(t, s.w, "Nordlys|brand@nordlys.example", "Re: Bönor", "Svar", c.t, aMsg)
	check("our reply")
	if err := s.SetStatus(ctx, a, Waiting); err != nil {
		t.Fatal(err)
	}
	c.advance(time.Hour)
	inboxtest.Deliver(t, s.w, "Åsa|asa@example.se", "Re: Bönor", "Tack, men…", c.t, reply)
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
	// Blocked as workspace/inbox/contacts does (it imports this package): sync then files
	// the contact's mail as Abuse.
	troller := mustRow(t, s, troll).ContactID
	if err := s.db.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE contacts SET abuse_level = 'blocked' WHERE id = ?", troller)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	inboxtest.Deliver(t, s.w, "Troll|troll@example.com", "Igen", "!!!", c.t, "")
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
