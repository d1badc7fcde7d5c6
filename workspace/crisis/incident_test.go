package crisis_test

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"switchboard/workspace/crisis"
	"switchboard/workspace/inbox/outbox"
	"switchboard/workspace/journal"
	"switchboard/workspace/pause"
	"switchboard/workspace/workspacetest"
)

func TestActivationHoldsOnlyThisWorkspacesScheduledReplies(t *testing.T) {
	ctx := context.Background()
	c := &clock{t: t0}
	root := workspacetest.Root(t)
	acme, beta := newBrand(t, root, "Acme", c), newBrand(t, root, "Beta", c)
	if _, err := acme.s.SavePlaybook(ctx, batchPlaybook()); err != nil {
		t.Fatal(err)
	}
	queue := func(b *brand, who string, sendAt time.Time) outbox.Item {
		conv := b.deliver(t, who, who+"@example.com", "Question from "+who, "Hello?", c.now().Add(-time.Hour))
		it, err := b.outbox.Queue(ctx, outbox.Reply{ConversationID: conv, Body: "Answer to " + who, SendAt: sendAt})
		if err != nil {
			t.Fatal(err)
		}
		return it
	}
	later := c.now().Add(2 * time.Hour)
	queue(acme, "acme-later", later)
	queue(beta, "beta-later", later)

	inc, err := acme.s.StartIncident(ctx, crisis.Start{Playbook: "bitter batch", Reason: "seven bitter bags"})
	if err != nil {
		t.Fatal(err)
	}
	if h, on, _ := pause.Active(ctx, acme.w.DB().Read()); !on || h.Incident != inc.ID {
		t.Fatalf("Acme not paused by its incident: %+v %v", h, on)
	}
	if _, on, _ := pause.Active(ctx, beta.w.DB().Read()); on {
		t.Fatal("Beta paused by Acme's incident")
	}
	queue(acme, "acme-now", time.Time{}) // a reply written and sent now was seen: it goes
	c.advance(3 * time.Hour)             // both "later" replies are due now

	m := &recorder{}
	if _, err := acme.outbox.SendDue(ctx, m); err != nil {
		t.Fatal(err)
	}
	if got := m.take(); len(got) != 1 || !strings.HasPrefix(got[0], "acme-now@") {
		t.Fatalf("Acme sent %v during its incident, want only the reply sent now", got)
	}
	if _, err := beta.outbox.SendDue(ctx, m); err != nil {
		t.Fatal(err)
	}
	if got := m.take(); len(got) != 1 || !strings.HasPrefix(got[0], "beta-later@") {
		t.Fatalf("Beta sent %v, want its scheduled reply: another brand's incident holds nothing here", got)
	}

	// Resuming holds what fell due for review; nothing goes out unseen.
	c.advance(time.Hour)
	if _, err := acme.s.SetState(ctx, crisis.Resolved, "fixed"); err != nil {
		t.Fatal(err)
	}
	if _, on, _ := pause.Active(ctx, acme.w.DB().Read()); on {
		t.Fatal("still paused after resolving")
	}
	if _, err := acme.outbox.SendDue(ctx, m); err != nil {
		t.Fatal(err)
	}
	if got := m.take(); len(got) != 0 {
		t.Fatalf("resuming sent %v unseen", got)
	}
	due, err := acme.s.Due(ctx)
	if err != nil || len(due) != 1 || !strings.Contains(due[0].Title, "acme-later") || !due[0].DueAt.Equal(later.Truncate(time.Millisecond)) {
		t.Fatalf("held for review: %+v %v, want the one scheduled reply", due, err)
	}
	if err := acme.s.Decide(ctx, due[0].Kind, due[0].Ref, crisis.DecideSend, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if _, err := acme.outbox.SendDue(ctx, m); err != nil {
		t.Fatal(err)
	}
	if got := m.take(); len(got) != 1 || !strings.HasPrefix(got[0], "acme-later@") {
		t.Fatalf("after Send: %v", got)
	}
	if due, _ := acme.s.Due(ctx); len(due) != 0 {
		t.Fatalf("still held: %+v", due)
	}
}

func TestRescheduleAndCancelHeldReplies(t *testing.T) {
	ctx := context.Background()
	c := &clock{t: t0}
	acme := newBrand(t, workspacetest.Root(t), "Acme", c)
	acme.s.SavePlaybook(ctx, batchPlaybook())
	var items []outbox.Item
	for _, who := range []string{"one", "two"} {
		conv := acme.deliver(t, who, who+"@example.com", "Q "+who, "?", c.now())
		it, err := acme.outbox.Queue(ctx, outbox.Reply{ConversationID: conv, Body: "A", SendAt: c.now().Add(30 * time.Minute)})
		if err != nil {
			t.Fatal(err)
		}
		items = append(items, it)
	}
	if _, err := acme.s.StartIncident(ctx, crisis.Start{Playbook: "Bitter batch", Reason: "r"}); err != nil {
		t.Fatal(err)
	}
	c.advance(time.Hour)
	if _, err := acme.s.Close(ctx, "done"); err != nil {
		t.Fatal(err)
	}
	due, _ := acme.s.Due(ctx)
	if len(due) != 2 {
		t.Fatalf("held %d, want 2", len(due))
	}
	tomorrow := c.now().Add(24 * time.Hour)
	if err := acme.s.Decide(ctx, "outbox", due[0].Ref, crisis.DecideReschedule, tomorrow); err != nil {
		t.Fatal(err)
	}
	if err := acme.s.Decide(ctx, "outbox", due[1].Ref, crisis.DecideCancel, time.Time{}); err != nil {
		t.Fatal(err)
	}
	out, _ := acme.outbox.List(ctx, true)
	states := map[string]bool{}
	for _, it := range out {
		states[string(it.State)+"@"+it.SendAt.Format(time.RFC3339)] = true
	}
	if !states["queued@"+tomorrow.UTC().Truncate(time.Second).Format(time.RFC3339)] || len(out) != 2 {
		t.Fatalf("outbox after decisions: %v", states)
	}
	if err := acme.s.Decide(ctx, "outbox", due[1].Ref, crisis.DecideSend, time.Time{}); !errors.Is(err, crisis.ErrNotFound) {
		t.Fatalf("deciding twice: %v", err)
	}
	// Each reply's own history says what became of it, signed by the person who decided.
	for i, kind := range []string{"outbox.rescheduled", "outbox.cancelled"} {
		list, _ := journal.List(ctx, acme.w.DB().Read(), journal.Filter{Object: due[i].Ref, Prefix: kind})
		if len(list) != 1 || list[0].Actor == journal.System || list[0].Actor == journal.Runner {
			t.Errorf("%s on the reply: %+v, want one entry signed by a person", kind, list)
		}
	}
}

func TestTimelineAndReportListEveryActionInOrder(t *testing.T) {
	ctx := context.Background()
	c := &clock{t: t0}
	acme := newBrand(t, workspacetest.Root(t), "Acme", c)
	if _, err := acme.s.SavePlaybook(ctx, batchPlaybook()); err != nil {
		t.Fatal(err)
	}
	chloe := acme.deliver(t, "Chloe Bennett", "chloe@example.com", "Bitter coffee", "My coffee is bitter.", c.now().Add(-time.Hour))
	karl := acme.deliver(t, "Karl Ekström", "karl@example.se", "Besk smak", "Hej! Kaffet smakar beskt och surt, är det något fel på rosten?", c.now().Add(-30*time.Minute))
	step := func(d time.Duration) { c.advance(d) }

	if _, err := acme.s.StartIncident(ctx, crisis.Start{Playbook: "Bitter batch", Reason: "two bitter bags", HoldingAuto: "en",
		Conversations: []int64{chloe}}); err != nil {
		t.Fatal(err)
	}
	if txt, ok, err := crisis.HoldingAutoReply(ctx, acme.w); err != nil || !ok || txt.Lang != "en" {
		t.Fatalf("holding auto-reply: %+v %v %v", txt, ok, err)
	}
	step(time.Minute)
	if _, err := acme.s.LinkConversations(ctx, karl, chloe); err != nil { // chloe twice: recorded once
		t.Fatal(err)
	}
	offers, err := acme.s.Offers(ctx, karl)
	if err != nil || len(offers) != 3 || offers[0].Kind != "holding" || offers[0].Lang != "sv" || !strings.Contains(offers[0].Draft.Body, "Hej Karl") {
		t.Fatalf("offers for Karl: %+v %v, want the Swedish holding statement first, filled in", offers, err)
	}
	step(time.Minute)
	acme.s.SetStep(ctx, 1, true)
	step(time.Minute)
	drafts, err := acme.s.PreviewHolding(ctx)
	if err != nil || len(drafts) != 2 {
		t.Fatalf("preview: %+v %v", drafts, err)
	}
	res, err := acme.s.QueueHolding(ctx, drafts)
	if err != nil || res[0].State != "queued" || res[1].State != "queued" {
		t.Fatalf("reply to all linked: %+v %v", res, err)
	}
	step(time.Minute)
	acme.s.AddNote(ctx, "Quality lead confirms the roast ran long")
	step(time.Minute)
	acme.s.SetState(ctx, crisis.Identified, "roast profile")
	step(time.Hour)
	inc, err := acme.s.Close(ctx, "Roast fixed; bags replaced.")
	if err != nil {
		t.Fatal(err)
	}
	if _, open, _ := acme.s.Active(ctx); open {
		t.Fatal("still open after Close")
	}
	if _, ok, _ := crisis.HoldingAutoReply(ctx, acme.w); ok {
		t.Fatal("the holding auto-reply outlived the incident")
	}

	events, err := acme.s.Timeline(ctx, inc)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, e := range events {
		kinds = append(kinds, e.Kind)
		if e.Actor != "Anna" {
			t.Errorf("%s by %q, want Anna", e.Kind, e.Actor)
		}
	}
	want := []string{"incident.start", "incident.link", "incident.link", "incident.step", "incident.statement", "incident.statement",
		"incident.note", "incident.state", "incident.state", "incident.resolve", "incident.close"}
	if !slices.Equal(kinds, want) {
		t.Fatalf("timeline:\n%v\nwant\n%v", kinds, want)
	}
	rep, err := acme.s.Report(ctx, inc)
	if err != nil {
		t.Fatal(err)
	}
	md := rep.Markdown()
	last := -1
	for _, e := range events {
		i := strings.Index(md, e.Text)
		if i < 0 || i < last {
			t.Fatalf("the report lists %q out of order or not at all:\n%s", e.Text, md)
		}
		last = i
	}
	for _, s := range []string{"Roast fixed; bags replaced.", "Besk smak", "1 of 2 steps done", "Resolution time: 1 h 05 min"} {
		if !strings.Contains(md, s) {
			t.Errorf("report lacks %q:\n%s", s, md)
		}
	}
	var pdf bytes.Buffer
	if err := rep.PDF(&pdf); err != nil {
		t.Fatal(err)
	}
	checkPDF(t, pdf.Bytes())

	// Every change is journaled with the incident as its object.
	entries, _ := journal.List(ctx, acme.w.DB().Read(), journal.Filter{Object: inc.ID})
	if len(entries) != len(want) {
		t.Fatalf("journal has %d entries for the incident, want %d", len(entries), len(want))
	}
	all, _ := journal.List(ctx, acme.w.DB().Read(), journal.Filter{})
	for _, e := range all {
		if _, ok := journal.Kinds[e.Kind]; !ok {
			t.Errorf("kind %q is written but not in journal.Kinds, the contract", e.Kind)
		}
	}
}

// checkPDF checks the document's structure: header, one page object per page, a
// cross-reference table whose offsets point at objects, the embedded font, and the end.
func checkPDF(t *testing.T, b []byte) {
	t.Helper()
	s := string(b)
	if !strings.HasPrefix(s, "%PDF-1.") || !strings.HasSuffix(strings.TrimSpace(s), "%%EOF") {
		t.Fatal("not a complete PDF")
	}
	if n := strings.Count(s, "/Type /Page\n") + strings.Count(s, "/Type /Page "); n < 1 {
		t.Fatalf("%d pages", n)
	}
	if !strings.Contains(s, "/FontFile2") || !strings.Contains(s, "/CIDFontType2") {
		t.Fatal("the Unicode font is not embedded: Czech and Russian text would not print")
	}
	i := strings.LastIndex(s, "startxref")
	var off int
	if _, err := fmtSscan(s[i+len("startxref"):], &off); err != nil || off <= 0 || off >= len(b) || !strings.HasPrefix(s[off:], "xref") {
		t.Fatalf("startxref %d does not point at the cross-reference table", off)
	}
}

func TestOneIncidentAtATimeAndAReasonIsRequired(t *testing.T) {
	ctx := context.Background()
	c := &clock{t: t0}
	acme := newBrand(t, workspacetest.Root(t), "Acme", c)
	acme.s.SavePlaybook(ctx, batchPlaybook())
	if _, err := acme.s.StartIncident(ctx, crisis.Start{Playbook: "Bitter batch", Reason: "  "}); err == nil {
		t.Fatal("started without a reason")
	}
	if _, err := acme.s.StartIncident(ctx, crisis.Start{Playbook: "Bitter batch", Reason: "r"}); err != nil {
		t.Fatal(err)
	}
	if _, err := acme.s.StartIncident(ctx, crisis.Start{Playbook: "Bitter batch", Reason: "r2"}); !errors.Is(err, crisis.ErrIncidentOpen) {
		t.Fatalf("second incident: %v", err)
	}
}

func TestPlaybookValidationAndReview(t *testing.T) {
	ctx := context.Background()
	c := &clock{t: t0}
	acme := newBrand(t, workspacetest.Root(t), "Acme", c)
	p := batchPlaybook()
	p.Holding = append(p.Holding, crisis.Text{Lang: "cs", Text: "Dobrý den {{frist_name}}"})
	p.Contacts = append(p.Contacts, crisis.Contact{Name: "Nobody"})
	_, err := acme.s.SavePlaybook(ctx, p)
	var ve *crisis.ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) != 2 || !strings.Contains(err.Error(), "did you mean {{first_name}}") {
		t.Fatalf("want the typo and the unreachable contact: %v", err)
	}
	saved, err := acme.s.SavePlaybook(ctx, batchPlaybook())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := acme.s.SavePlaybook(ctx, batchPlaybook()); err == nil {
		t.Fatal("two playbooks with one name")
	}
	c.advance(time.Duration(crisis.DefaultReviewDays+1) * 24 * time.Hour)
	got, _ := acme.s.Playbook(ctx, saved.ID)
	if !got.NeedsReview {
		t.Fatal("an old playbook does not say it needs review")
	}
	if err := acme.s.MarkReviewed(ctx, saved.Name); err != nil {
		t.Fatal(err)
	}
	if got, _ := acme.s.Playbook(ctx, saved.ID); got.NeedsReview {
		t.Fatal("still needs review after review")
	}
}
