package inbox

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/inbox/inboxtest"
	"switchboard/workspace/journal"
	"switchboard/workspace/schema"
	"switchboard/workspace/sqlitedb"
	"switchboard/workspace/workspacetest"
)

// A workspace made before the journal (schema as of 0006: history in its own table, notes
// signed by name) opens with all of it in the journal: History reads the same changes,
// with the same people, and notes are journal entries too.
func TestWorkspaceFromBeforeTheJournalOpensWithItsHistory(t *testing.T) {
	ctx := context.Background()
	root := workspacetest.Root(t)
	dir := filepath.Join(root.Dir(), "acme")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	old, err := sqlitedb.Open(ctx, filepath.Join(dir, "workspace.db"), schema.Migrations()[:6])
	if err != nil {
		t.Fatal(err)
	}
	ms := func(min int) int64 { return inboxtest.T0.Add(time.Duration(min) * time.Minute).UnixMilli() }
	for _, q := range []string{
		`INSERT INTO workspace (id, name, slug, color, time_zone, created_at, updated_at)
			VALUES ('3f6a0d2e-0000-4000-8000-000000000001', 'Acme', 'acme', '#2F6FDE', 'Europe/Stockholm', 0, 0)`,
		"INSERT INTO contacts (id, email, name, first_seen_at, last_seen_at, messages) VALUES (1, 'asa@example.se', 'Åsa', 0, 0, 1)",
		"INSERT INTO conversations (id, subject, contact_id, created_at, updated_at) VALUES (1, 'Beställning', 1, 0, 0)",
		"INSERT INTO staff (id, name, created_at) VALUES (1, 'Anna', 0), (2, 'Erik', 0)",
		"INSERT INTO labels (id, name, color, created_at) VALUES (1, 'Refund', '#2F6FDE', 0)",
		"INSERT INTO conversation_labels (conversation_id, label_id) VALUES (1, 1)",
		`INSERT INTO history (conversation_id, at, actor, kind, old_value, new_value) VALUES
			(1, ` + itoa(ms(1)) + `, 'Anna', 'status', 'new', 'waiting'),
			(1, ` + itoa(ms(2)) + `, 'Anna', 'label', '', 'Refund'),
			(1, ` + itoa(ms(3)) + `, 'Anna', 'assignee', '', 'Erik'),
			(1, ` + itoa(ms(4)) + `, 'customer', 'status', 'waiting', 'open'),
			(1, ` + itoa(ms(5)) + `, 'Anna', 'status', 'open', 'snoozed'),
			(1, ` + itoa(ms(6)) + `, 'system', 'status', 'snoozed', 'open')`,
		"INSERT INTO notes (conversation_id, author, body, created_at) VALUES (1, 'Anna', 'Called her back.', " + itoa(ms(7)) + ")",
	} {
		if err := old.Write(ctx, func(tx *sql.Tx) error { _, err := tx.ExecContext(ctx, q); return err }); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}

	w, err := root.Open(ctx, "Acme")
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	s := NewStore(w, inboxcore.Options{Agent: "Anna"})
	h, err := s.History(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	want := []Change{
		{Actor: "Anna", Kind: "status", Old: "new", New: "waiting"},
		{Actor: "Anna", Kind: "label", New: "Refund"},
		{Actor: "Anna", Kind: "assignee", New: "Erik"},
		{Actor: "customer", Kind: "status", Old: "waiting", New: "open"},
		{Actor: "Anna", Kind: "status", Old: "open", New: "snoozed"},
		{Actor: "system", Kind: "status", Old: "snoozed", New: "open"},
	}
	if len(h) != len(want) {
		t.Fatalf("history after the upgrade: %+v", h)
	}
	for i, c := range h {
		if c.Actor != want[i].Actor || c.Kind != want[i].Kind || c.Old != want[i].Old || c.New != want[i].New ||
			c.At.UnixMilli() != ms(i+1) {
			t.Errorf("change %d: %+v, want %+v at %d", i, c, want[i], ms(i+1))
		}
	}
	var anna string
	if err := w.DB().Read().QueryRowContext(ctx, "SELECT gid FROM staff WHERE name = 'Anna'").Scan(&anna); err != nil || anna == "" {
		t.Fatalf("Anna's staff id: %q, %v", anna, err)
	}
	if h[0].ActorID != anna {
		t.Errorf("Anna's change is signed %q, not with her staff id %q", h[0].ActorID, anna)
	}
	notes := inboxtest.Entries(t, s.w, journal.Filter{Prefix: "conversation.note"})
	var note struct{ Text string }
	if len(notes) != 1 || notes[0].Actor != anna || notes[0].Decode(&note) != nil || note.Text != "Called her back." {
		t.Fatalf("note entries %+v", notes)
	}
	// And the upgraded workspace goes on journaling: a customer's reply reopens as before.
	if err := s.SetStatus(ctx, 1, Resolved); err != nil {
		t.Fatal(err)
	}
	if h, _ = s.History(ctx, 1); len(h) != 7 || h[6].New != "resolved" {
		t.Fatalf("history after a new change: %+v", h)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
