package inbox

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/journal"
	"switchboard/workspace/workspacetest"
)

func entries(t testing.TB, s *Store, f journal.Filter) []journal.Entry {
	t.Helper()
	list, err := journal.List(context.Background(), s.db.Read(), f)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range list {
		if _, ok := journal.Kinds[e.Kind]; !ok {
			t.Errorf("kind %q is written but not in journal.Kinds, the contract", e.Kind)
		}
	}
	return list
}

func kinds(list []journal.Entry) []string {
	k := make([]string, len(list))
	for i, e := range list {
		k[i] = e.Kind
	}
	return k
}

// Every change a person makes in the Inbox is one journal entry, signed with their staff
// id, on the object it changed.
func TestTriageChangesAreJournaledAsTheAgent(t *testing.T) {
	ctx := context.Background()
	s, c := newStore(t)
	conv, _ := deliver(t, s, "Åsa Berg|asa@example.se", "Beställning", "Hej!", c.t, "")
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
	got := entries(t, s, journal.Filter{Object: row.GID})
	want := []string{"conversation.status", "conversation.status", "conversation.status", "conversation.assignee",
		"conversation.label", "conversation.label", "conversation.note"}
	if strings.Join(kinds(got), " ") != strings.Join(want, " ") {
		t.Fatalf("journal of the conversation: %v, want %v", kinds(got), want)
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
	if n := countRows(t, s, "SELECT count(*) FROM history"); n != 0 {
		t.Fatalf("the old history table got %d rows", n)
	}
	labelKinds := kinds(entries(t, s, journal.Filter{Prefix: "label."}))
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

func countRows(t testing.TB, s *Store, q string, args ...any) int {
	t.Helper()
	var n int
	if err := s.db.Read().QueryRowContext(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// Without "my name" nobody is made up: changes are kept, signed "unnamed", and no staff
// row called "Me" appears.
func TestUnnamedAgentSignsAsUnnamed(t *testing.T) {
	ctx := context.Background()
	named, c := newStore(t)
	s := NewStore(named.w, inboxcore.Options{Now: c.now})
	conv, _ := deliver(t, s, "Jan Novák|jan@example.cz", "Objednávka", "Dobrý den", c.t, "")
	if err := s.SetStatus(ctx, conv, Waiting); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddNote(ctx, conv, "Čekáme na číslo objednávky."); err != nil {
		t.Fatal(err)
	}
	for _, e := range entries(t, s, journal.Filter{}) {
		if e.Actor != journal.Unnamed {
			t.Fatalf("%s signed by %q, want %q", e.Kind, e.Actor, journal.Unnamed)
		}
	}
	if n := countRows(t, s, "SELECT count(*) FROM staff"); n != 0 {
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
	conv, _ := deliver(t, s, "Åsa Berg|asa@example.se", "Beställning", "Hej!", c.t, "")
	before := countRows(t, s, "SELECT count(*) FROM journal")
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
	if n := countRows(t, s, "SELECT count(*) FROM staff"); n != 0 {
		t.Fatalf("reading added %d staff rows", n)
	}
	if n := countRows(t, s, "SELECT count(*) FROM journal"); n != before {
		t.Fatalf("reading wrote %d journal entries", n-before)
	}
}

// Arriving mail's effects are sync's entries: a customer's reply reopening, a blocked
// contact's mail filed as Abuse.
func TestMailEffectsAreJournaledAsSync(t *testing.T) {
	ctx := context.Background()
	s, c := newStore(t)
	conv, first := deliver(t, s, "Åsa Berg|asa@example.se", "Beställning", "Hej!", c.t, "")
	c.advance(time.Hour)
	if err := s.SetStatus(ctx, conv, Waiting); err != nil {
		t.Fatal(err)
	}
	c.advance(time.Hour)
	deliver(t, s, "Åsa Berg|asa@example.se", "Re: Beställning", "Och?", c.t, first)
	row := mustRow(t, s, conv)
	if err := s.Block(ctx, row.ContactID, "threats"); err != nil {
		t.Fatal(err)
	}
	c.advance(time.Hour)
	deliver(t, s, "Åsa Berg|asa@example.se", "Re: Beställning", "!!!", c.t, first)
	if row = mustRow(t, s, conv); row.Status != Abuse {
		t.Fatalf("status %s after a blocked contact wrote, want abuse", row.Status)
	}
	got := entries(t, s, journal.Filter{Object: row.GID, Actor: journal.Sync})
	if len(got) != 2 {
		t.Fatalf("sync's entries %v", kinds(got))
	}
	var reopen, abuse StatusChange
	if err := errors.Join(got[0].Decode(&reopen), got[1].Decode(&abuse)); err != nil {
		t.Fatal(err)
	}
	if reopen != (StatusChange{From: Waiting, To: Open, Cause: "customer_wrote"}) || !got[0].At.Equal(t0.Add(2*time.Hour)) {
		t.Fatalf("reopen entry %+v at %v", reopen, got[0].At)
	}
	if abuse.From != Open || abuse.To != Abuse || abuse.Cause != "blocked_contact" {
		t.Fatalf("abuse entry %+v", abuse)
	}
	blocks := entries(t, s, journal.Filter{Prefix: "contact.abuse"})
	if len(blocks) != 1 {
		t.Fatalf("contact entries %v", kinds(blocks))
	}
	h, _ := s.History(ctx, conv)
	if last := h[len(h)-1]; last.Actor != "system" || last.New != string(Abuse) {
		t.Fatalf("history %+v", h)
	}
}

// A conversation id of one workspace is refused in another by name, for reply and
// status, and neither workspace changes.
func TestAnotherWorkspacesConversationIsRefusedByName(t *testing.T) {
	ctx := context.Background()
	root := workspacetest.Root(t)
	stores := map[string]*Store{}
	convs := map[string]int64{}
	for _, name := range []string{"Acme", "Beta"} {
		w := workspacetest.Open(t, root, name)
		addAccount(t, w, "help@"+strings.ToLower(name)+".example")
		stores[name] = NewStore(w, inboxcore.Options{Agent: "Anna"})
		convs[name], _ = deliver(t, stores[name], "Kim|kim@example.com", "Order", "Hello", t0, "")
	}
	acme := mustRow(t, stores["Acme"], convs["Acme"])
	beta := stores["Beta"]
	mailer := func(context.Context, *workspace.Workspace) (Mailer, error) {
		t.Error("a mailer was asked for: the reply got as far as sending")
		return nil, errors.New("no")
	}
	body := t.TempDir() + "/reply.txt"
	writeFile(t, body, "Your order ships today.")
	for _, args := range [][]string{
		{"--conversation", acme.GID, "resolved"},
		{"--conversation", "1", "resolved"},
	} {
		var out, errOut bytes.Buffer
		err := RunStatusCLI(ctx, beta.w, args, nil, &out, &errOut)
		if err == nil || !strings.Contains(err.Error(), "not") {
			t.Fatalf("status %v in Beta: %v", args, err)
		}
		if args[1] == acme.GID && !strings.Contains(err.Error(), `belongs to workspace "Acme", not "Beta"`) {
			t.Fatalf("status: %v; want it to name both workspaces", err)
		}
	}
	var out, errOut bytes.Buffer
	err := ReplyCLI(mailer)(ctx, beta.w, []string{"--conversation", acme.GID, "--body-file", body}, nil, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), `belongs to workspace "Acme", not "Beta"`) {
		t.Fatalf("reply in Beta with Acme's conversation: %v", err)
	}
	for name, s := range stores {
		if r := mustRow(t, s, convs[name]); r.Status != New {
			t.Fatalf("%s's conversation is %s", name, r.Status)
		}
		if n := countRows(t, s, "SELECT count(*) FROM outbox"); n != 0 {
			t.Fatalf("%s's outbox has %d replies", name, n)
		}
		if n := countRows(t, s, "SELECT count(*) FROM journal WHERE kind NOT LIKE 'account.%'"); n != 0 {
			t.Fatalf("%s's journal has %d entries", name, n)
		}
	}
	// The right workspace takes its own id.
	if err := RunStatusCLI(ctx, stores["Acme"].w, []string{"--conversation", acme.GID, "resolved"}, nil, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if r := mustRow(t, stores["Acme"], convs["Acme"]); r.Status != Resolved {
		t.Fatalf("Acme's conversation is %s after status in Acme", r.Status)
	}
}

// Staff are renamed and removed by id; someone who still holds conversations stays.
func TestRemoveStaffKeepsOwnersVisible(t *testing.T) {
	ctx := context.Background()
	s, c := newStore(t)
	conv, _ := deliver(t, s, "Åsa Berg|asa@example.se", "Beställning", "Hej!", c.t, "")
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
	if k := kinds(entries(t, s, journal.Filter{Prefix: "staff."})); strings.Join(k, " ") != "staff.create staff.create staff.delete" {
		t.Fatalf("staff entries %v", k)
	}
	// The history still names him.
	if h, _ := s.History(ctx, conv); len(h) != 2 || h[0].New != "Erik Dahl" || h[1].Old != "Erik Dahl" {
		t.Fatalf("history %+v", h)
	}
}

// An outbox item's id of another workspace is refused by name too.
func TestAnotherWorkspacesOutboxItemIsRefusedByName(t *testing.T) {
	ctx := context.Background()
	root := workspacetest.Root(t)
	acme, beta := workspacetest.Open(t, root, "Acme"), workspacetest.Open(t, root, "Beta")
	addAccount(t, acme, "help@acme.example")
	s := NewStore(acme, inboxcore.Options{Agent: "Anna"})
	conv, _ := deliver(t, s, "Kim|kim@example.com", "Order", "Hello", t0, "")
	it, err := s.Queue(ctx, Reply{ConversationID: conv, Body: "On its way."})
	if err != nil {
		t.Fatal(err)
	}
	if id, err := s.OutboxID(ctx, it.GID); err != nil || id != it.ID {
		t.Fatalf("own item: %d, %v", id, err)
	}
	_, err = NewStore(beta, inboxcore.Options{}).OutboxID(ctx, it.GID)
	if !errors.Is(err, inboxcore.ErrNotFound) || !strings.Contains(err.Error(), `belongs to workspace "Acme", not "Beta"`) {
		t.Fatalf("Acme's item in Beta: %v", err)
	}
}
