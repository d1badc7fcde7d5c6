package crosscopy_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/crisis"
	"switchboard/workspace/crosscopy"
	"switchboard/workspace/faq"
	"switchboard/workspace/handover/handovertest"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/workspacetest"
)

func count(t *testing.T, w *workspace.Workspace, query string) int {
	t.Helper()
	var n int
	if err := w.DB().Read().QueryRow(query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestCopyFAQEntriesShowsAPreviewThenCopiesOnlyThem(t *testing.T) {
	ctx := context.Background()
	root := workspacetest.Root(t)
	from := workspacetest.Open(t, root, "Nordlys Coffee")
	handovertest.Seed(t, from)
	to := workspacetest.Open(t, root, "Fjell Bakery")
	src := faq.NewStore(from)
	keep, err := src.Save(ctx, "", faq.Draft{Question: "Can I get a refund?", Answer: "Yes, within 30 days of delivery.", Tags: []string{"refund"}})
	if err != nil {
		t.Fatal(err)
	}
	clash, err := src.Save(ctx, "", faq.Draft{Question: "What are your opening hours?", Answer: "Nordlys: 8 to 18."})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := src.Save(ctx, "", faq.Draft{Question: "Not chosen", Answer: "Stays home."}); err != nil {
		t.Fatal(err)
	}
	if _, err := faq.NewStore(to).Save(ctx, "", faq.Draft{Question: "What are your opening hours?", Answer: "Fjell: 6 to 14."}); err != nil {
		t.Fatal(err)
	}

	plan, err := crosscopy.PlanFAQ(ctx, from, to, []string{keep.Entry.ID[:8], clash.Entry.ID})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range plan.Lines {
		got = append(got, l.Action+" "+l.What)
	}
	want := []string{"add Can I get a refund?", "update What are your opening hours?"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("preview %q, want %q (the same question updates the target's entry, as a CSV import does)", got, want)
	}
	if n := count(t, to, "SELECT count(*) FROM faq_entries WHERE answer = 'Fjell: 6 to 14.'"); n != 1 {
		t.Fatalf("the preview wrote: the target's own answer is gone")
	}
	if err := crosscopy.Apply(ctx, plan, to, "Anna Lind", time.Now()); err != nil {
		t.Fatal(err)
	}
	copied, err := faq.NewStore(to).Get(ctx, keep.Entry.ID)
	if err != nil || copied.Answer != "Yes, within 30 days of delivery." {
		t.Errorf("copied entry %+v, %v", copied, err)
	}
	if n := count(t, to, "SELECT count(*) FROM faq_entries WHERE deleted_at IS NULL"); n != 2 {
		t.Errorf("the target has %d entries after adding one and updating one: want 2", n)
	}
	if n := count(t, to, "SELECT count(*) FROM faq_entries WHERE question = 'Not chosen'"); n != 0 {
		t.Error("an entry that was not chosen crossed")
	}
	for _, q := range []string{"SELECT count(*) FROM conversations", "SELECT count(*) FROM messages", "SELECT count(*) FROM contacts",
		"SELECT count(*) FROM handover_notes", "SELECT count(*) FROM accounts"} {
		if n := count(t, to, q); n != 0 {
			t.Errorf("%s in the target: %d; nothing but the chosen entries may cross", q, n)
		}
	}
	if n := count(t, to, "SELECT count(*) FROM journal WHERE kind = 'workspace.copied_in'"); n != 1 {
		t.Errorf("%d journal entries for the copy, want 1", n)
	}
	again, err := crosscopy.PlanFAQ(ctx, from, to, []string{keep.Entry.ID})
	if err != nil || again.Changes() != 0 {
		t.Errorf("copying the same entry again would change %d (%v); want it unchanged", again.Changes(), err)
	}
	if _, err := crosscopy.PlanFAQ(ctx, from, to, []string{"no-such-id"}); err == nil {
		t.Error("an unknown id was accepted")
	}
	if _, err := crosscopy.PlanFAQ(ctx, from, from, []string{keep.Entry.ID}); err == nil {
		t.Error("copying a workspace into itself was accepted")
	}
}

func TestCopyVoiceRulesReplacesTheTargetsAfterAPreview(t *testing.T) {
	ctx := context.Background()
	root := workspacetest.Root(t)
	from := workspacetest.Open(t, root, "Nordlys Coffee")
	to := workspacetest.Open(t, root, "Fjell Bakery")
	tone := inbox.Tone{Formality: "informal", Guidance: "Warm and brief.", SignAs: "brand", Signature: "The {{brand}} team", Avoid: []string{"kindly", "as per"}}
	if err := inbox.NewStore(from, inboxcore.Options{}).SetTone(ctx, tone); err != nil {
		t.Fatal(err)
	}
	plan, err := crosscopy.PlanVoice(ctx, from, to)
	if err != nil {
		t.Fatal(err)
	}
	if plan.Changes() != 5 {
		t.Errorf("preview %+v: want all five voice rules replaced", plan.Lines)
	}
	if err := crosscopy.Apply(ctx, plan, to, "Anna Lind", time.Now()); err != nil {
		t.Fatal(err)
	}
	got, err := inbox.NewStore(to, inboxcore.Options{}).Tone(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sig, _ := got.SignatureText()
	if got.Guidance != tone.Guidance || strings.Join(got.Avoid, ",") != "kindly,as per" || sig != "The Fjell Bakery team" {
		t.Errorf("target voice %+v, signature %q: want the source's rules, signed by the target's brand", got, sig)
	}
}

func TestCopyPlaybooksAddsOrReplacesByName(t *testing.T) {
	ctx := context.Background()
	root := workspacetest.Root(t)
	from := workspacetest.Open(t, root, "Nordlys Coffee")
	to := workspacetest.Open(t, root, "Fjell Bakery")
	src := crisis.NewStore(from, crisis.Options{Agent: "Anna Lind"})
	for _, pb := range []crisis.Playbook{
		{Name: "Carrier delays", Severity: "medium", Steps: []crisis.Step{{Text: "Ask the carrier for a date"}}},
		{Name: "Quality problem", Severity: "high", Steps: []crisis.Step{{Text: "Confirm the batch"}, {Text: "Tell the roastery"}}},
		{Name: "Not chosen", Severity: "low", Steps: []crisis.Step{{Text: "Stays home"}}},
	} {
		if _, err := src.SavePlaybook(ctx, pb); err != nil {
			t.Fatal(err)
		}
	}
	dst := crisis.NewStore(to, crisis.Options{Agent: "Erik Dahl"})
	if _, err := dst.SavePlaybook(ctx, crisis.Playbook{Name: "quality problem", Severity: "low", Steps: []crisis.Step{{Text: "Old step"}}}); err != nil {
		t.Fatal(err)
	}
	plan, err := crosscopy.PlanPlaybooks(ctx, from, to, []string{"Carrier delays", "Quality problem"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range plan.Lines {
		got = append(got, l.Action+" "+l.What)
	}
	if strings.Join(got, "|") != "add Carrier delays|replace Quality problem" {
		t.Errorf("preview %q", got)
	}
	if err := crosscopy.Apply(ctx, plan, to, "Erik Dahl", time.Now()); err != nil {
		t.Fatal(err)
	}
	list, err := dst.Playbooks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range list {
		names = append(names, fmt.Sprintf("%s/%s/%d", p.Name, p.Severity, len(p.Steps)))
	}
	if strings.Join(names, "|") != "Carrier delays/medium/1|Quality problem/high/2" {
		t.Errorf("target playbooks %q: want the copy added and the same-named one replaced, nothing else", names)
	}
}
