package inbox

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/journal"
)

// Two machines that replay the same journal reach the same state: a copy of a workspace
// taken before any triage, given only the journal's entries (no mail, no rules), ends with
// the same status, assignee and labels on every conversation, including the changes the
// runner (a snooze waking) and sync (a customer's reply reopening, a blocked contact's
// mail filed as Abuse) made.
func TestReplayingTheJournalReachesTheSameState(t *testing.T) {
	ctx := context.Background()
	s, c := newStore(t)
	a, firstA := deliver(t, s, "Åsa Berg|asa@example.se", "Beställning", "Hej!", c.t, "")
	b, firstB := deliver(t, s, "Jan Novák|jan@example.cz", "Objednávka", "Dobrý den", c.t, "")
	d, _ := deliver(t, s, "Ana Souza|ana@example.br", "Pedido", "Olá", c.t, "")
	copyDB := snapshot(t, s)

	step := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	c.advance(time.Hour)
	erik, err := s.AddStaff(ctx, "Erik Dahl")
	step(err)
	refund, err := s.SaveLabel(ctx, Label{Name: "Refund", Color: "#2F6FDE"})
	step(err)
	vip, err := s.SaveLabel(ctx, Label{Name: "VIP", Color: "#C2410C"})
	step(err)
	step(s.AddLabel(ctx, a, refund.ID))
	step(s.AddLabel(ctx, a, vip.ID))
	step(s.AddLabel(ctx, b, vip.ID))
	step(s.RemoveLabel(ctx, a, vip.ID))
	_, err = s.SaveLabel(ctx, Label{ID: refund.ID, Name: "Refunds", Color: "#15803D"})
	step(err)
	step(s.Assign(ctx, a, erik.ID))
	me, err := s.Me(ctx)
	step(err)
	step(s.Assign(ctx, b, me.ID))
	step(s.Assign(ctx, b, 0))
	step(s.Assign(ctx, d, me.ID))
	step(s.SetStatus(ctx, a, Waiting))
	step(s.Snooze(ctx, b, c.t.Add(time.Hour)))
	step(s.Resolve(ctx, d, 0))
	c.advance(2 * time.Hour)
	_, err = s.Tick(ctx, c.t) // the runner wakes b
	step(err)
	deliver(t, s, "Åsa Berg|asa@example.se", "Re: Beställning", "Och?", c.t, firstA) // sync reopens a
	step(s.Block(ctx, mustRow(t, s, b).ContactID, "threats"))
	c.advance(time.Minute)
	deliver(t, s, "Jan Novák|jan@example.cz", "Re: Objednávka", "!!!", c.t, firstB) // sync files b as Abuse

	list := entries(t, s, journal.Filter{})
	if err := replay(ctx, copyDB, list); err != nil {
		t.Fatal(err)
	}
	want, got := triageState(t, s.db.Read()), triageState(t, copyDB)
	if len(want) != 3 {
		t.Fatalf("state of the original: %v", want)
	}
	for gid, w := range want {
		if got[gid] != w {
			t.Errorf("conversation %s: replayed %q, original %q", gid, got[gid], w)
		}
	}
	// The scenario did what it says, so the comparison covers the runner's and sync's entries.
	if ra, rb, rd := mustRow(t, s, a), mustRow(t, s, b), mustRow(t, s, d); ra.Status != Open || ra.Assignee != "Erik Dahl" ||
		len(ra.Labels) != 1 || rb.Status != Abuse || rb.Assignee != "" || rd.Status != Resolved || rd.Assignee != "Anna" {
		t.Fatalf("the original ended as %+v\n%+v\n%+v", ra, rb, rd)
	}
}

// snapshot copies the workspace's database as it is now and opens the copy.
func snapshot(t *testing.T, s *Store) *sql.DB {
	t.Helper()
	path := filepath.Join(t.TempDir(), "copy.db")
	src, err := sql.Open("sqlite", "file:"+s.db.Path())
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
