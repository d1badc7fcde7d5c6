package inbox

import (
	"context"
	"strings"
	"testing"
	"time"

	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/inbox/inboxtest"
	"switchboard/workspace/journal"
)

// Every change a person makes in the Inbox is one journal entry, signed with their staff
// id, on the object it changed.
func TestTriageChangesAreJournaledAsTheAgent(t *testing.T) {
	ctx := context.Background()
	s, c := newStore(t)
	conv, _ := inboxtest.Deliver(t, s.w, "Åsa Berg|asa@example.se", "Beställning", "Hej!", c.t, "")
	row := mustRow(t, s, conv)
	if err := s.SetStatus(ctx, conv, Open); err != nil {
		t.Fatal(err)
	}
	if err := s.Snooze(ctx, conv, c.t.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.Resolve(ctx, conv, 24*time.Hour); err != nil {
		t.Fatal(err)
	}
	erik, err := s.AddStaff(ctx, "Erik Dahl")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Assign(ctx, conv, erik.ID); err != nil {
		t.Fatal(err)
	}
	l, err := s.SaveLabel(ctx, Label{Name: "Refund", Color: "#2F6FDE"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AddLabel(ctx, conv, l.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.AddLabel(ctx, conv, l.ID); err != nil { // already on: nothing to record
		t.Fatal(err)
	}
	if err := s.RemoveLabel(ctx, conv, l.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddNote(ctx, conv, "Called her back."); err != nil {
		t.Fatal(err)
	}

	anna, found, err := findStaff(ctx, s, "Anna")
	if err != nil || !found {
		t.Fatalf("the agent's first change did not add her to the staff: %v", err)
	}
	got := inboxtest.Entries(t, s.w, journal.Filter{Object: row.GID})
	want := []string{"conversation.status", "conversation.status", "conversation.status", "conversation.assignee",
		"conversation.label", "conversation.label", "conversation.note"}
	if strings.Join(inboxtest.Kinds(got), " ") != strings.Join(want, " ") {
		t.Fatalf("journal of the conversation: %v, want %v", inboxtest.Kinds(got), want)
	}
	for _, e := range got {
		if e.Actor != anna {
			t.Fatalf("%s signed by %q, want Anna's staff id %q", e.Kind, e.Actor, anna)
		}
	}
	var a AssigneeChange
	if err := got[3].Decode(&a); err != nil || a.ToName != "Erik Dahl" || a.To == "" || a.From != "" {
		t.Fatalf("assignee entry %s: %v", got[3].Data, err)
	}
	h, err := s.History(ctx, conv)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 6 || h[3].Kind != "assignee" || h[3].New != "Erik Dahl" || h[3].Actor != "Anna" {
		t.Fatalf("history %+v", h)
	}
	// Renaming Erik renames him in the history too: it holds his id, not his name.
	if err := s.RenameStaff(ctx, erik.ID, "Erik D."); err != nil {
		t.Fatal(err)
	}
	if h, _ = s.History(ctx, conv); h[3].New != "Erik D." {
		t.Fatalf("after the rename: %+v", h[3])
	}
	if n := inboxtest.Count(t, s.w, "SELECT count(*) FROM history"); n != 0 {
		t.Fatalf("the old history table got %d rows", n)
	}
	labelKinds := inboxtest.Kinds(inboxtest.Entries(t, s.w, journal.Filter{Prefix: "label."}))
	if strings.Join(labelKinds, " ") != "label.create" {
		t.Fatalf("label entries %v", labelKinds)
	}
}

func findStaff(ctx context.Context, s *Store, name string) (string, bool, error) {
	var gid string
	err := s.db.Read().QueryRowContext(ctx, "SELECT gid FROM staff WHERE name = ?", name).Scan(&gid)
	if err != nil {
		return "", false, nil
	}
	return gid, true, nil
}

// Without "my name" nobody is made up: changes are kept, signed "unnamed", and no staff
// row called "Me" appears.
func TestUnnamedAgentSignsAsUnnamed(t *testing.T) {
	ctx := context.Background()
	named, c := newStore(t)
	s := NewStore(named.w, inboxcore.Options{Now: c.now})
	conv, _ := inboxtest.Deliver(t, s.w, "Jan Novák|jan@example.cz", "Objednávka", "Dobrý den", c.t, "")
	if err := s.SetStatus(ctx, conv, Waiting); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddNote(ctx, conv, "Čekáme na číslo objednávky."); err != nil {
		t.Fatal(err)
	}
	for _, e := range inboxtest.Entries(t, s.w, journal.Filter{}) {
		if e.Actor != journal.Unnamed {
			t.Fatalf("%s signed by %q, want %q", e.Kind, e.Actor, journal.Unnamed)
		}
	}
	if n := inboxtest.Count(t, s.w, "SELECT count(*) FROM staff"); n != 0 {
		t.Fatalf("%d staff rows made up for an agent without a name", n)
	}
	// Nor is a reply signed "Me": {{agent}} waits for a name, a fallback stands in.
	d, err := s.NewDraft(ctx, conv, "Zdraví {{agent}}, {{agent|tým}} {{brand}}")
	if err != nil || len(d.Unresolved) != 1 || d.Unresolved[0] != "agent" || strings.Contains(d.Body, "Me") {
		t.Fatalf("draft %+v, %v", d, err)
	}
}

// Opening the Inbox reads: counts, lists, the Mine view and history add no staff row and
// write no journal entry.
func TestReadsWriteNothing(t *testing.T) {
	ctx := context.Background()
	s, c := newStore(t)
	conv, _ := inboxtest.Deliver(t, s.w, "Åsa Berg|asa@example.se", "Beställning", "Hej!", c.t, "")
	before := inboxtest.Count(t, s.w, "SELECT count(*) FROM journal")
	if _, err := s.Counts(ctx); err != nil {
		t.Fatal(err)
	}
	for _, v := range []View{ViewAll, ViewMine, ViewUnanswered, ViewOverdue} {
		if _, err := s.List(ctx, Query{View: v}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.History(ctx, conv); err != nil {
		t.Fatal(err)
	}
	if n := inboxtest.Count(t, s.w, "SELECT count(*) FROM staff"); n != 0 {
		t.Fatalf("reading added %d staff rows", n)
	}
	if n := inboxtest.Count(t, s.w, "SELECT count(*) FROM journal"); n != before {
		t.Fatalf("reading wrote %d journal entries", n-before)
	}
}

// Staff are renamed and removed by id; someone who still holds conversations stays.
func TestRemoveStaffKeepsOwnersVisible(t *testing.T) {
	ctx := context.Background()
	s, c := newStore(t)
	conv, _ := inboxtest.Deliver(t, s.w, "Åsa Berg|asa@example.se", "Beställning", "Hej!", c.t, "")
	erik, err := s.AddStaff(ctx, "Erik Dahl")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Assign(ctx, conv, erik.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveStaff(ctx, erik.ID); err == nil || !strings.Contains(err.Error(), "assigned 1 conversations") {
		t.Fatalf("removing someone who holds a conversation: %v", err)
	}
	if err := s.Assign(ctx, conv, 0); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveStaff(ctx, erik.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.StaffList(ctx); len(list) != 1 || list[0].Name != "Anna" {
		t.Fatalf("staff after removing Erik: %+v", list)
	}
	if k := inboxtest.Kinds(inboxtest.Entries(t, s.w, journal.Filter{Prefix: "staff."})); strings.Join(k, " ") != "staff.create staff.create staff.delete" {
		t.Fatalf("staff entries %v", k)
	}
	// The history still names him.
	if h, _ := s.History(ctx, conv); len(h) != 2 || h[0].New != "Erik Dahl" || h[1].Old != "Erik Dahl" {
		t.Fatalf("history %+v", h)
	}
}
