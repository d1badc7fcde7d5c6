package inbox_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/inbox/inboxtest"
	"switchboard/workspace/journal"
)

// These tests need a contact step (mute, block) beside triage: workspace/inbox/contacts
// imports this package, so they are an external test of it.

// Every view reads its own index (INDEXED BY fails loudly when one no longer fits), pages
// the same with and without the total, and Counts.Total says what List counts.
func TestEveryViewPagesAndCountsAgree(t *testing.T) {
	ctx := context.Background()
	s, c := newStore(t)
	me, _ := s.Me(ctx)
	vip, err := s.SaveLabel(ctx, inbox.Label{Name: "VIP", Color: "#7C3AED"})
	if err != nil {
		t.Fatal(err)
	}
	var convs []int64
	for i := range 12 {
		conv, id := inboxtest.Deliver(t, s.Workspace(), fmt.Sprintf("K%d|k%d@example.com", i%4, i%4), fmt.Sprintf("Fråga %d", i), "kaffe", c.Now(), "")
		convs = append(convs, conv)
		c.Advance(time.Minute)
		switch i % 4 {
		case 0:
			inboxtest.Deliver(t, s.Workspace(), "Nordlys|brand@nordlys.example", "Re", "svar", c.Now(), id)
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
	if err := s.SetStatus(ctx, convs[4], inbox.Spam); err != nil {
		t.Fatal(err)
	}
	if err := s.contacts.Mute(ctx, mustRow(t, s, convs[5]).ContactID, "shouting"); err != nil {
		t.Fatal(err)
	}
	c.Advance(inbox.DefaultResponseTarget)
	counts, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if counts.Alerts >= counts.Unanswered || counts.Unassigned+counts.Mine == 0 {
		t.Fatalf("counts %+v: want a muted contact's unanswered mail out of Alerts, and some assigned", counts)
	}
	contact := mustRow(t, s, convs[1]).ContactID
	queries := []inbox.Query{{}, {View: inbox.ViewUnanswered}, {View: inbox.ViewMine}, {View: inbox.ViewUnassigned}, {View: inbox.ViewOverdue},
		{View: inbox.ViewFollowUp}, {Status: inbox.Spam}, {Status: inbox.Resolved}, {View: inbox.ViewMine, Status: inbox.Open}, {LabelID: vip.ID},
		{ContactID: contact}, {View: inbox.ViewUnanswered, ContactID: contact}, {Search: "kaffe"}, {Search: "kaffe", LabelID: vip.ID}}
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
		var after *inbox.Cursor
		for {
			p, err := s.List(ctx, inbox.Query{View: q.View, Status: q.Status, LabelID: q.LabelID, ContactID: q.ContactID,
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
	if _, ok := counts.Total(inbox.Query{Search: "kaffe"}); ok {
		t.Error("Counts.Total claims to know a search's count")
	}
}

// Two machines that replay the same journal reach the same state: a copy of a workspace
// taken before any triage, given only the journal's entries (no mail, no rules), ends with
// the same status, assignee and labels on every conversation, including the changes the
// runner (a snooze waking) and sync (a customer's reply reopening, a blocked contact's
// mail filed as inbox.Abuse) made.
func TestReplayingTheJournalReachesTheSameState(t *testing.T) {
	ctx := context.Background()
	s, c := newStore(t)
	a, firstA := inboxtest.Deliver(t, s.Workspace(), "Åsa Berg|asa@example.se", "Beställning", "Hej!", c.Now(), "")
	b, firstB := inboxtest.Deliver(t, s.Workspace(), "Jan Novák|jan@example.cz", "Objednávka", "Dobrý den", c.Now(), "")
	d, _ := inboxtest.Deliver(t, s.Workspace(), "Ana Souza|ana@example.br", "Pedido", "Olá", c.Now(), "")
	copyDB := snapshot(t, s.Workspace())

	step := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	c.Advance(time.Hour)
	erik, err := s.AddStaff(ctx, "Erik Dahl")
	step(err)
	refund, err := s.SaveLabel(ctx, inbox.Label{Name: "Refund", Color: "#2F6FDE"})
	step(err)
	vip, err := s.SaveLabel(ctx, inbox.Label{Name: "VIP", Color: "#C2410C"})
	step(err)
	step(s.AddLabel(ctx, a, refund.ID))
	step(s.AddLabel(ctx, a, vip.ID))
	step(s.AddLabel(ctx, b, vip.ID))
	step(s.RemoveLabel(ctx, a, vip.ID))
	_, err = s.SaveLabel(ctx, inbox.Label{ID: refund.ID, Name: "Refunds", Color: "#15803D"})
	step(err)
	step(s.Assign(ctx, a, erik.ID))
	me, err := s.Me(ctx)
	step(err)
	step(s.Assign(ctx, b, me.ID))
	step(s.Assign(ctx, b, 0))
	step(s.Assign(ctx, d, me.ID))
	step(s.SetStatus(ctx, a, inbox.Waiting))
	step(s.Snooze(ctx, b, c.Now().Add(time.Hour)))
	step(s.Resolve(ctx, d, 0))
	c.Advance(2 * time.Hour)
	_, err = s.Tick(ctx, c.Now()) // the runner wakes b
	step(err)
	inboxtest.Deliver(t, s.Workspace(), "Åsa Berg|asa@example.se", "Re: Beställning", "Och?", c.Now(), firstA) // sync reopens a
	step(s.contacts.Block(ctx, mustRow(t, s, b).ContactID, "threats"))
	c.Advance(time.Minute)
	inboxtest.Deliver(t, s.Workspace(), "Jan Novák|jan@example.cz", "Re: Objednávka", "!!!", c.Now(), firstB) // sync files b as inbox.Abuse

	list := inboxtest.Entries(t, s.Workspace(), journal.Filter{})
	if err := replay(ctx, copyDB, list); err != nil {
		t.Fatal(err)
	}
	want, got := triageState(t, s.Workspace().DB().Read()), triageState(t, copyDB)
	if len(want) != 3 {
		t.Fatalf("state of the original: %v", want)
	}
	for gid, w := range want {
		if got[gid] != w {
			t.Errorf("conversation %s: replayed %q, original %q", gid, got[gid], w)
		}
	}
	// The scenario did what it says, so the comparison covers the runner's and sync's entries.
	if ra, rb, rd := mustRow(t, s, a), mustRow(t, s, b), mustRow(t, s, d); ra.Status != inbox.Open || ra.Assignee != "Erik Dahl" ||
		len(ra.Labels) != 1 || rb.Status != inbox.Abuse || rb.Assignee != "" || rd.Status != inbox.Resolved || rd.Assignee != "Anna" {
		t.Fatalf("the original ended as %+v\n%+v\n%+v", ra, rb, rd)
	}
}

// snapshot copies the workspace's database as it is now and opens the copy.
func snapshot(t *testing.T, w *workspace.Workspace) *sql.DB {
	t.Helper()
	path := filepath.Join(t.TempDir(), "copy.db")
	src, err := sql.Open("sqlite", "file:"+w.DB().Path())
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if _, err := src.Exec("VACUUM INTO ?", path); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db
}

// replay applies the entries that decide status, assignee and labels, by global id only.
func replay(ctx context.Context, db *sql.DB, list []journal.Entry) error {
	for _, e := range list {
		var v struct {
			Name, Color, From, To, Label string
			Until                        time.Time
			FollowUpAt                   time.Time `json:"follow_up_at"`
		}
		if err := e.Decode(&v); err != nil {
			return err
		}
		var q string
		var args []any
		switch e.Kind {
		case "staff.create":
			q, args = "INSERT INTO staff (name, created_at, gid) VALUES (?, ?, ?)", []any{v.Name, e.At.UnixMilli(), e.Object}
		case "staff.rename":
			q, args = "UPDATE staff SET name = ? WHERE gid = ?", []any{v.To, e.Object}
		case "label.create":
			q, args = "INSERT INTO labels (name, color, created_at, gid) VALUES (?, ?, ?, ?)", []any{v.Name, v.Color, e.At.UnixMilli(), e.Object}
		case "label.rename":
			q, args = "UPDATE labels SET name = ? WHERE gid = ?", []any{v.To, e.Object}
		case "label.color":
			q, args = "UPDATE labels SET color = ? WHERE gid = ?", []any{v.To, e.Object}
		case "label.delete":
			q, args = "DELETE FROM labels WHERE gid = ?", []any{e.Object}
		case "conversation.status":
			q, args = "UPDATE conversations SET status = ?, snooze_until = ?, follow_up_at = ? WHERE gid = ?",
				[]any{v.To, inboxcore.ToMs(v.Until), inboxcore.ToMs(v.FollowUpAt), e.Object}
		case "conversation.assignee":
			q, args = "UPDATE conversations SET assignee_id = (SELECT id FROM staff WHERE gid = ?) WHERE gid = ?", []any{v.To, e.Object}
		case "conversation.label":
			q = `INSERT OR IGNORE INTO conversation_labels (conversation_id, label_id)
				SELECT c.id, l.id FROM conversations c, labels l WHERE c.gid = ? AND l.gid = ?`
			if v.To == "" {
				q = `DELETE FROM conversation_labels WHERE conversation_id = (SELECT id FROM conversations WHERE gid = ?)
					AND label_id = (SELECT id FROM labels WHERE gid = ?)`
			}
			args = []any{e.Object, v.Label}
		default:
			continue
		}
		if _, err := db.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("replaying %s %s: %w", e.Kind, e.Data, err)
		}
	}
	return nil
}

// triageState is each conversation's status, assignee (staff gid) and labels (gids).
func triageState(t *testing.T, db *sql.DB) map[string]string {
	t.Helper()
	rows, err := db.Query(`SELECT c.gid, c.status, ifnull(st.gid, ''),
		ifnull((SELECT group_concat(l.gid) FROM conversation_labels cl JOIN labels l ON l.id = cl.label_id WHERE cl.conversation_id = c.id), '')
		FROM conversations c LEFT JOIN staff st ON st.id = c.assignee_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	state := map[string]string{}
	for rows.Next() {
		var gid, status, assignee, labels string
		if err := rows.Scan(&gid, &status, &assignee, &labels); err != nil {
			t.Fatal(err)
		}
		ls := strings.Split(labels, ",")
		sort.Strings(ls)
		state[gid] = status + " " + assignee + " [" + strings.Join(ls, " ") + "]"
	}
	return state
}

// Arriving mail's effects are sync's entries: a customer's reply reopening, a blocked
// contact's mail filed as inbox.Abuse.
func TestMailEffectsAreJournaledAsSync(t *testing.T) {
	ctx := context.Background()
	s, c := newStore(t)
	conv, first := inboxtest.Deliver(t, s.Workspace(), "Åsa Berg|asa@example.se", "Beställning", "Hej!", c.Now(), "")
	c.Advance(time.Hour)
	if err := s.SetStatus(ctx, conv, inbox.Waiting); err != nil {
		t.Fatal(err)
	}
	c.Advance(time.Hour)
	inboxtest.Deliver(t, s.Workspace(), "Åsa Berg|asa@example.se", "Re: Beställning", "Och?", c.Now(), first)
	row := mustRow(t, s, conv)
	if err := s.contacts.Block(ctx, row.ContactID, "threats"); err != nil {
		t.Fatal(err)
	}
	c.Advance(time.Hour)
	inboxtest.Deliver(t, s.Workspace(), "Åsa Berg|asa@example.se", "Re: Beställning", "!!!", c.Now(), first)
	if row = mustRow(t, s, conv); row.Status != inbox.Abuse {
		t.Fatalf("status %s after a blocked contact wrote, want abuse", row.Status)
	}
	got := inboxtest.Entries(t, s.Workspace(), journal.Filter{Object: row.GID, Actor: journal.Sync})
	if len(got) != 2 {
		t.Fatalf("sync's entries %v", inboxtest.Kinds(got))
	}
	var reopen, abuse inbox.StatusChange
	if err := errors.Join(got[0].Decode(&reopen), got[1].Decode(&abuse)); err != nil {
		t.Fatal(err)
	}
	if reopen != (inbox.StatusChange{From: inbox.Waiting, To: inbox.Open, Cause: "customer_wrote"}) || !got[0].At.Equal(inboxtest.T0.Add(2*time.Hour)) {
		t.Fatalf("reopen entry %+v at %v", reopen, got[0].At)
	}
	if abuse.From != inbox.Open || abuse.To != inbox.Abuse || abuse.Cause != "blocked_contact" {
		t.Fatalf("abuse entry %+v", abuse)
	}
	blocks := inboxtest.Entries(t, s.Workspace(), journal.Filter{Prefix: "contact.abuse"})
	if len(blocks) != 1 {
		t.Fatalf("contact entries %v", inboxtest.Kinds(blocks))
	}
	h, _ := s.History(ctx, conv)
	if last := h[len(h)-1]; last.Actor != "system" || last.New != string(inbox.Abuse) {
		t.Fatalf("history %+v", h)
	}
}
