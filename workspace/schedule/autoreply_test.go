package schedule_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"switchboard/workspace/crisis"
	"switchboard/workspace/journal"
	"switchboard/workspace/schedule"
)

// compose stands in for the runner's MIME composer.
func compose(m schedule.AutoReplyMail) ([]byte, error) {
	return fmt.Appendf(nil, "Auto-Submitted: auto-replied\r\nIn-Reply-To: <%s>\r\nSubject: Re: %s\r\n\r\n%s", m.InReplyTo, m.Subject, m.Text), nil
}

func switchOn(t *testing.T, f *fixture, text string) {
	t.Helper()
	on, days := true, 4
	if err := f.sched.SetHours(context.Background(), mustHours(t, "mon-fri 09:00-17:00")); err != nil {
		t.Fatal(err)
	}
	if _, err := f.sched.SetAutoReply(context.Background(), schedule.AutoReplyChange{Enabled: &on, Template: &text, Days: &days}); err != nil {
		t.Fatal(err)
	}
}

func autoRound(t *testing.T, f *fixture) schedule.AutoReport {
	t.Helper()
	rep, err := schedule.Open(f.w, schedule.Options{Runner: true, Now: f.clock.now}).AutoReplies(context.Background(), compose)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.outbox.SendDue(context.Background(), f.sent); err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestOutOfHoursAutoReplyOncePerSender(t *testing.T) {
	loc := stockholm(t)
	sat := time.Date(2026, 12, 5, 20, 0, 0, 0, loc)
	f := newFixture(t, sat)
	ctx := context.Background()
	before := f.deliver("early@example.se", "Already here", sat.Add(-time.Minute))
	switchOn(t, f, "Hej {{first_name|}}! Vi är stängda nu och svarar {{next_open}}.")

	conv := f.deliver("asa@example.se", "Order 1042", sat.Add(time.Minute))
	f.clock.advance(2 * time.Minute)
	if rep := autoRound(t, f); rep.Queued != 1 {
		t.Fatalf("queued %d auto-replies, want 1 (for Åsa, not for the mail already there)", rep.Queued)
	}
	raw := string(f.sent.last().Raw)
	if !strings.Contains(raw, "Auto-Submitted: auto-replied") || !strings.Contains(raw, "måndag 7 december kl. 09:00 (CET)") {
		t.Errorf("the auto-reply:\n%s", raw)
	}
	if st, _ := f.inbox.Conversation(ctx, conv); st.Status == "waiting" {
		t.Error("the auto-reply moved the conversation to Waiting: nobody has answered it yet")
	}
	// Its copy comes back from the Sent folder with the next sync: still nobody answered.
	f.syncSent(conv, "Re: Order 1042", f.clock.now(), true)
	if unanswered(t, f, conv) == 0 {
		t.Error("the auto-reply's copy in Sent counted as an answer: the customer dropped out of Unanswered")
	}
	f.syncSent(conv, "Re: Order 1042", f.clock.now().Add(time.Second), false)
	if unanswered(t, f, conv) != 0 {
		t.Error("a person's reply did not answer the customer")
	}
	if n := count(t, f.w.DB().Read(), journal.Filter{Prefix: "conversation.auto_reply"}); n != 1 {
		t.Errorf("%d auto-replies journaled", n)
	}
	// Åsa writes twice more on Sunday: no second auto-reply within 4 days.
	f.replyIn(conv, "asa@example.se", f.clock.now())
	f.deliver("asa@example.se", "Another question", f.clock.now())
	f.clock.advance(time.Minute)
	if rep := autoRound(t, f); rep.Queued != 0 {
		t.Errorf("a second auto-reply to the same sender: %+v", rep)
	}
	// In business hours nobody is auto-answered.
	f.clock.set(time.Date(2026, 12, 7, 10, 0, 0, 0, loc))
	f.deliver("bo@example.se", "Beans", f.clock.now())
	if rep := autoRound(t, f); rep.Queued != 0 {
		t.Errorf("auto-reply in business hours: %+v", rep)
	}
	if f.sent.count() != 1 {
		t.Errorf("%d messages sent in all, want 1", f.sent.count())
	}
	_ = before
}

func TestFloodHitsTheWorkspaceCap(t *testing.T) {
	loc := stockholm(t)
	sat := time.Date(2026, 12, 5, 20, 0, 0, 0, loc)
	f := newFixture(t, sat)
	switchOn(t, f, "We are closed and will answer {{next_open}}.")
	for i := range 500 {
		f.deliver(fmt.Sprintf("sender%03d@example.com", i), "Hello", sat.Add(time.Duration(i)*time.Second))
	}
	f.clock.advance(10 * time.Minute)
	start := time.Now()
	rep := autoRound(t, f)
	t.Logf("one round over 500 new messages: %v (30 queued and sent, 470 decided)", time.Since(start))
	if rep.Queued != schedule.DefaultAutoReplyCap || f.sent.count() != schedule.DefaultAutoReplyCap {
		t.Errorf("queued %d, sent %d, want the cap of %d", rep.Queued, f.sent.count(), schedule.DefaultAutoReplyCap)
	}
	if rep.Paused == "" {
		t.Error("the cap paused auto-replies without saying so")
	}
	cfg, _ := f.sched.AutoReply(context.Background())
	if cfg.PausedBy == "" {
		t.Error("the pause is not recorded")
	}
	// An hour later auto-replies stay paused until a person switches them on again.
	f.clock.advance(2 * time.Hour)
	f.deliver("late@example.com", "Hello", f.clock.now())
	if rep := autoRound(t, f); rep.Queued != 0 {
		t.Errorf("paused auto-replies answered %d", rep.Queued)
	}
	if n := count(t, f.w.DB().Read(), journal.Filter{Prefix: "workspace.auto_reply_paused"}); n != 1 {
		t.Errorf("pause journaled %d times", n)
	}
}

func TestIncidentHoldsAutoRepliesOrUsesItsHoldingStatement(t *testing.T) {
	loc := stockholm(t)
	sat := time.Date(2026, 12, 5, 20, 0, 0, 0, loc)
	for _, holding := range []string{"", "sv"} {
		f := newFixture(t, sat)
		ctx := context.Background()
		switchOn(t, f, "Hej! Vi svarar {{next_open}}.")
		cr := crisis.NewStore(f.w, crisis.Options{Agent: "Anna", Now: f.clock.now})
		if _, err := cr.SavePlaybook(ctx, crisis.Playbook{Name: "Recall", Holding: []crisis.Text{{Lang: "sv", Text: "Vi känner till problemet med batch 12 och återkommer så snart vi kan."}}}); err != nil {
			t.Fatal(err)
		}
		if _, err := cr.StartIncident(ctx, crisis.Start{Playbook: "Recall", Reason: "recall", HoldingAuto: holding}); err != nil {
			t.Fatal(err)
		}
		f.deliver("asa@example.se", "Batch 12?", sat.Add(time.Minute))
		f.clock.advance(2 * time.Minute)
		rep := autoRound(t, f)
		switch {
		case holding == "" && rep.Queued != 0:
			t.Errorf("an auto-reply went out during an incident without a holding statement")
		case holding != "" && (rep.Queued != 1 || !strings.Contains(string(f.sent.last().Raw), "batch 12")):
			t.Errorf("with the holding statement as auto-reply: %+v", rep)
		}
	}
}

func unanswered(t *testing.T, f *fixture, conv int64) int64 {
	t.Helper()
	var since int64
	if err := f.w.DB().Read().QueryRow("SELECT waiting_since FROM conversations WHERE id = ?", conv).Scan(&since); err != nil {
		t.Fatal(err)
	}
	return since
}
