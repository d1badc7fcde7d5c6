package journal_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"switchboard/workspace/journal"
	"switchboard/workspace/workspacetest"
)

func TestWriteThenListInOrder(t *testing.T) {
	ctx := context.Background()
	w := workspacetest.Open(t, workspacetest.Root(t), "Acme")
	t0 := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	conv := journal.NewID()
	err := w.DB().Write(ctx, func(tx *sql.Tx) error {
		if _, err := journal.Write(ctx, tx, t0, "staff-1", conv, "conversation.status", journal.Change{From: "new", To: "open"}); err != nil {
			return err
		}
		_, err := journal.Write(ctx, tx, t0.Add(time.Minute), journal.Runner, conv, "conversation.status", journal.Change{From: "open", To: "resolved"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := journal.List(ctx, w.DB().Read(), journal.Filter{Object: conv})
	if err != nil || len(got) != 2 {
		t.Fatalf("list: %v %+v", err, got)
	}
	var c journal.Change
	if err := got[1].Decode(&c); err != nil || c.To != "resolved" || got[1].Actor != journal.Runner || !got[0].At.Equal(t0) {
		t.Fatalf("entries read back wrong: %+v (%v)", got, err)
	}
	if got[0].ID == got[1].ID || len(got[0].ID) != 36 {
		t.Fatalf("ids not unique UUIDs: %q %q", got[0].ID, got[1].ID)
	}
	if later, _ := journal.List(ctx, w.DB().Read(), journal.Filter{Since: t0.Add(30 * time.Second)}); len(later) != 1 {
		t.Fatalf("since: %+v", later)
	}
}

func TestAnEntryNeedsActorObjectAndKind(t *testing.T) {
	ctx := context.Background()
	w := workspacetest.Open(t, workspacetest.Root(t), "Acme")
	for _, c := range [][3]string{{"", "o", "a.b"}, {"a", "", "a.b"}, {"a", "o", "status"}} {
		err := w.DB().Write(ctx, func(tx *sql.Tx) error {
			_, err := journal.Write(ctx, tx, time.Now(), c[0], c[1], c[2], nil)
			return err
		})
		if err == nil {
			t.Errorf("%q was written", c)
		}
	}
}
