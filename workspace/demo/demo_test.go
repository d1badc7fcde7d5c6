package demo_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"switchboard/accounts/demotest"
	"switchboard/accounts/imapsync"
	"switchboard/workspace"
	"switchboard/workspace/demo"
	"switchboard/workspace/faq"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/inbox/outbox"
	"switchboard/workspace/mail"
)

// main.go wires the same parser; the demo package cannot import it.

// withDemo creates the demo in a fresh root and runs fn inside it.
func withDemo(t *testing.T, fn func(ctx context.Context, w *workspace.Workspace)) {
	t.Helper()
	_, w := demotest.Open(t)
	fn(context.Background(), w)
}

func TestCreateSeedsOnceAndRecreateReplaces(t *testing.T) {
	ctx := context.Background()
	root, err := workspace.OpenRoot(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	info, err := demo.Create(ctx, root, imapsync.ImportRaw)
	if err != nil {
		t.Fatal(err)
	}
	if info.Name != demo.Name || info.Color != "#0F6E5C" || info.TimeZone != "Europe/Oslo" {
		t.Fatalf("demo created as %+v", info)
	}
	again, err := demo.Create(ctx, root, imapsync.ImportRaw)
	if err != nil || again.ID != info.ID {
		t.Fatalf("second Create = %v, %v; want the existing demo %s", again.ID, err, info.ID)
	}

	var spammed int64
	err = root.Update(ctx, info.ID, func(w *workspace.Workspace) error {
		if ok, err := demo.IsDemo(ctx, w); !ok || err != nil {
			t.Errorf("IsDemo = %v, %v", ok, err)
		}
		tone, ok, err := w.Setting(ctx, "brand.tone")
		if !ok || err != nil || tone == "" {
			t.Errorf("brand.tone = %q, %v, %v", tone, ok, err)
		}
		s := inbox.NewStore(w, inboxcore.Options{Agent: "Tester"})
		page, err := s.List(ctx, inbox.Query{Limit: 1})
		if err != nil || len(page.Rows) == 0 {
			t.Fatalf("demo inbox: %v, %v", page, err)
		}
		spammed = page.Rows[0].ID
		if err := s.SetStatus(ctx, spammed, inbox.Spam); err != nil {
			return err
		}
		return w.SetSetting(ctx, "brand.tone", "changed by the user")
	})
	if err != nil {
		t.Fatal(err)
	}

	fresh, err := demo.Recreate(ctx, root, nil, imapsync.ImportRaw)
	if err != nil {
		t.Fatal(err)
	}
	if fresh.ID == info.ID {
		t.Fatal("Recreate kept the old workspace")
	}
	list, _ := root.List(ctx, true)
	if len(list) != 1 {
		t.Fatalf("after Recreate the root holds %d workspaces, want 1", len(list))
	}
	root.Update(ctx, fresh.ID, func(w *workspace.Workspace) error {
		if tone, _, _ := w.Setting(ctx, "brand.tone"); tone == "changed by the user" {
			t.Error("Recreate kept the old settings")
		}
		counts, err := inbox.NewStore(w, inboxcore.Options{}).Counts(ctx)
		if err != nil || counts.ByStatus[inbox.Spam] != 0 || counts.All < 25 {
			t.Errorf("fresh demo counts %+v, %v; want no spam and all the conversations", counts, err)
		}
		return nil
	})
}

func TestDemoInboxIsTriaged(t *testing.T) {
	withDemo(t, func(ctx context.Context, w *workspace.Workspace) {
		s := inbox.NewStore(w, inboxcore.Options{Agent: "Anna Lind"})
		page, err := s.List(ctx, inbox.Query{Limit: 200})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Rows) < 25 {
			t.Fatalf("%d conversations, want at least 25", len(page.Rows))
		}
		counts, err := s.Counts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range []inbox.Status{inbox.New, inbox.Open, inbox.Waiting, inbox.Snoozed, inbox.Resolved} {
			if counts.ByStatus[st] == 0 {
				t.Errorf("no %s conversation: %v", st, counts.ByStatus)
			}
		}
		if counts.Mine == 0 || counts.Unassigned == 0 || counts.Unanswered == 0 || counts.Overdue == 0 {
			t.Errorf("views look empty: %+v", counts)
		}
		labels, _ := s.Labels(ctx)
		if len(labels) < 5 {
			t.Errorf("%d labels", len(labels))
		}
		for _, l := range labels {
			if counts.ByLabel[l.ID] == 0 {
				t.Errorf("label %q is on no conversation", l.Name)
			}
		}
		var notes int
		for _, r := range page.Rows {
			n, err := s.Notes(ctx, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			notes += len(n)
			// Handled conversations are read, so unread means "nobody has looked".
			if r.Status != inbox.New && r.Unread != 0 {
				t.Errorf("%s conversation %q has %d unread", r.Status, r.Subject, r.Unread)
			}
			if r.Status == inbox.New && r.Unread == 0 {
				t.Errorf("new conversation %q is read", r.Subject)
			}
		}
		if notes < 3 {
			t.Errorf("%d notes", notes)
		}
		out, err := outbox.New(w, inboxcore.Options{}).List(ctx, false)
		if err != nil || len(out) != 1 || out[0].SendAt.Before(out[0].CreatedAt) || !strings.Contains(out[0].Body, "Anna Lind at Nordlys Coffee") {
			t.Errorf("outbox %+v, %v; want one scheduled reply signed by the agent", out, err)
		}
		tone, _ := s.Tone(ctx)
		if strings.Contains(tone.Signature, "{agent}") && !strings.Contains(tone.Signature, "{{agent") {
			t.Errorf("signature %q uses single braces", tone.Signature)
		}
	})
}

func TestDemoMailIsRecentThreadedAndDecoded(t *testing.T) {
	withDemo(t, func(ctx context.Context, w *workspace.Workspace) {
		st := mail.Open(w)
		convs, err := inbox.NewStore(w, inboxcore.Options{}).ListAll(ctx, inbox.Query{}, 200)
		if err != nil {
			t.Fatal(err)
		}
		// Dates are moved at seed time: the newest an hour ago, the oldest about ten days.
		newest, oldest := convs[0].LastMessageAt, convs[len(convs)-1].LastMessageAt
		if age := time.Since(newest); age < 50*time.Minute || age > 70*time.Minute {
			t.Errorf("newest conversation is %v old, want about an hour", age)
		}
		if age := time.Since(oldest); age < 3*24*time.Hour || age > 12*24*time.Hour {
			t.Errorf("oldest conversation is %v old", age)
		}

		var refund, html, photo, auto bool
		for _, c := range convs {
			msgs, err := st.ConversationMessages(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			var ours int
			for _, m := range msgs {
				if m.Outbound {
					ours++
				}
				if m.HTMLOnly {
					html = strings.Contains(m.Body, "NORD-7Q4K-22LM") && !strings.Contains(m.Body, "<b>") && !strings.Contains(m.Body, "track.mailapp")
				}
				for _, a := range m.Attachments {
					photo = photo || a.ContentType == "image/png" && a.Size > 1000
				}
				auto = auto || m.AutoSubmitted
			}
			if c.Subject == "Charged twice for my subscription" {
				refund = len(msgs) == 4 && ours == 2
			}
			if strings.HasPrefix(c.Subject, "Re:") || strings.HasPrefix(c.Subject, "Automatisk") {
				t.Errorf("conversation titled by a reply: %q", c.Subject)
			}
		}
		if !refund || !html || !photo || !auto {
			t.Errorf("refund thread %v, HTML-only as text %v, photo attached %v, auto-reply %v", refund, html, photo, auto)
		}

		for query, want := range map[string]string{
			"předplatné":  "Dárkové předplatné do Česka?", // windows-1250, quoted-printable
			"predplatne":  "Dárkové předplatné do Česka?", // accents ignored
			"Ёлкин":       "Кофе без кофеина?",            // KOI8-R, 8bit, sender's name
			"елкин":       "Кофе без кофеина?",            // ё typed as е, as Russians mostly do
			"турки":       "Кофе без кофеина?",
			"beställning": "Fel kaffe i min beställning",
			"molido":      "Pedido con café molido en vez de en grano",
			"assinatura":  "Cancelar assinatura",
			"NORD-7Q4K":   "Gift card code doesn't work",
		} {
			hits, err := st.Search(ctx, query, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(hits) == 0 || strings.TrimPrefix(hits[len(hits)-1].Subject, "Sv: ") != want {
				t.Errorf("search %q = %+v, want %q", query, hits, want)
			}
		}
		if hits, _ := st.Search(ctx, "NC-2611", 50); len(hits) < 6 {
			t.Errorf("search NC-2611: %d messages, want the broken batch's complaints", len(hits))
		}
	})
}

func TestFAQSuggestionsFindTheBrokenBatch(t *testing.T) {
	withDemo(t, func(ctx context.Context, w *workspace.Workspace) {
		in, err := faq.RecentInbound(ctx, w) // what the FAQ pane's Suggestions tab reads
		if err != nil {
			t.Fatal(err)
		}
		sugs, err := faq.NewStore(w).Suggest(ctx, in, faq.SuggestOptions{})
		if err != nil {
			t.Fatal(err)
		}
		// The broken batch is the loudest question in the demo: it must come first.
		if len(sugs) > 0 {
			s, batch := sugs[0], 0
			for _, m := range s.Messages {
				if strings.Contains(m.Text, "NC-2611") {
					batch++
				}
			}
			if batch >= 5 && strings.Contains(strings.ToLower(s.Question), "batch") {
				return
			}
		}
		t.Errorf("the first suggestion is not the NC-2611 complaints: %+v", sugs)
	})
}

func TestCreateWithoutMailHookFailsAndLeavesNothing(t *testing.T) {
	ctx := context.Background()
	root, _ := workspace.OpenRoot(t.TempDir())
	_, err := demo.Create(ctx, root, nil)
	if err == nil || !strings.Contains(err.Error(), "importer") {
		t.Fatalf("Create without an importer = %v, want an error saying so", err)
	}
	if list, problems := root.List(ctx, true); len(list)+len(problems) != 0 {
		t.Fatalf("a failed seed left %v %v", list, problems)
	}
}

func TestIsDemoFalseForRealWorkspace(t *testing.T) {
	ctx := context.Background()
	root, _ := workspace.OpenRoot(t.TempDir())
	info, err := root.Create(ctx, "Acme", workspace.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	root.Update(ctx, info.ID, func(w *workspace.Workspace) error {
		if ok, err := demo.IsDemo(ctx, w); ok || err != nil {
			t.Errorf("IsDemo(real) = %v, %v", ok, err)
		}
		return nil
	})
}

func TestFailingStepLeavesNoHalfDemo(t *testing.T) {
	ctx := context.Background()
	root, _ := workspace.OpenRoot(t.TempDir())
	saved := demo.Steps
	t.Cleanup(func() { demo.Steps = saved })
	boom := errors.New("boom")
	demo.Steps = append(append([]demo.Step{}, saved...), func(context.Context, *workspace.Workspace, demo.Seed) error { return boom })

	if _, err := demo.Create(ctx, root, imapsync.ImportRaw); !errors.Is(err, boom) {
		t.Fatalf("Create = %v, want the step's error", err)
	}
	if list, problems := root.List(ctx, true); len(list)+len(problems) != 0 {
		t.Fatalf("a failed seed left %v %v", list, problems)
	}
}
