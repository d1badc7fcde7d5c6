package schedule_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"switchboard/workspace/crisis"
	"switchboard/workspace/inbox/outbox"
	"switchboard/workspace/journal"
	"switchboard/workspace/schedule"
)

func TestScheduledReplyGoesOutOnceWhenDue(t *testing.T) {
	loc := stockholm(t)
	f := newFixture(t, time.Date(2026, 12, 4, 16, 0, 0, 0, loc)) // a Friday
	ctx := context.Background()
	conv := f.deliver("asa@example.se", "Order 1042", f.clock.now())
	monday := time.Date(2026, 12, 7, 9, 0, 0, 0, loc)
	it, err := f.sched.ScheduleReply(ctx, conv, "Hej {{first_name|där}}, paketet är på väg.", monday)
	if err != nil {
		t.Fatal(err)
	}
	if it.State != schedule.Pending || !it.Due.Equal(monday) {
		t.Fatalf("scheduled: %+v", it)
	}
	// The runner looks every minute over the weekend: nothing goes before Monday 9:00.
	for f.clock.now().Before(monday) {
		f.round()
		f.clock.advance(6 * time.Hour)
	}
	if f.sent.count() != 0 {
		t.Fatalf("%d sent before Monday 9:00", f.sent.count())
	}
	f.clock.set(monday.Add(30 * time.Second))
	f.round()
	f.clock.advance(time.Minute)
	f.round()
	if f.sent.count() != 1 {
		t.Fatalf("sent %d times, want once", f.sent.count())
	}
	got, _ := f.sched.Item(ctx, it.ID)
	if got.State != schedule.Sent {
		t.Errorf("state after sending %q, want sent", got.State)
	}
}

func TestItemsMissedWhileClosedAreHeldForReview(t *testing.T) {
	loc := stockholm(t)
	f := newFixture(t, time.Date(2026, 12, 4, 16, 0, 0, 0, loc))
	ctx := context.Background()
	conv := f.deliver("asa@example.se", "Order 1042", f.clock.now())
	reply, err := f.sched.ScheduleReply(ctx, conv, "Paketet är på väg.", time.Date(2026, 12, 5, 10, 0, 0, 0, loc))
	if err != nil {
		t.Fatal(err)
	}
	other := f.deliver("bo@example.se", "Grinder", f.clock.now())
	fu, err := f.sched.AddFollowUp(ctx, schedule.FollowUp{ConversationID: other, Body: "Fungerar kvarnen nu?", At: time.Date(2026, 12, 5, 11, 0, 0, 0, loc)})
	if err != nil {
		t.Fatal(err)
	}
	// The app was closed all Saturday; the customer wrote again meanwhile.
	f.replyIn(conv, "asa@example.se", time.Date(2026, 12, 5, 14, 0, 0, 0, loc))
	f.clock.set(time.Date(2026, 12, 7, 8, 0, 0, 0, loc))
	due, _ := f.round()
	if f.sent.count() != 0 {
		t.Fatalf("%d stale items went out unseen", f.sent.count())
	}
	if due.Held != 2 {
		t.Errorf("held %d, want 2", due.Held)
	}
	held, err := schedule.HeldForReview(ctx, f.w, f.clock.now())
	if err != nil || len(held) != 2 {
		t.Fatalf("held for review: %+v, %v", held, err)
	}
	for _, h := range held {
		if h.State != schedule.Held || h.Reason != schedule.HeldMissed {
			t.Errorf("%s: state %q reason %q", h.Kind, h.State, h.Reason)
		}
		if (h.ID == reply.ID) != h.CustomerWroteSince {
			t.Errorf("%s: customer wrote since = %v", h.Kind, h.CustomerWroteSince)
		}
	}
	// Review: send the follow-up now, reschedule the reply.
	if err := f.sched.SendNow(ctx, fu.ID); err != nil {
		t.Fatal(err)
	}
	tue := time.Date(2026, 12, 8, 9, 0, 0, 0, loc)
	if err := f.sched.Reschedule(ctx, reply.ID, tue); err != nil {
		t.Fatal(err)
	}
	f.round()
	if f.sent.count() != 1 {
		t.Fatalf("after review %d sent, want the follow-up only", f.sent.count())
	}
	f.clock.set(tue)
	f.round()
	if f.sent.count() != 2 {
		t.Errorf("rescheduled reply not sent at its new time (%d sent)", f.sent.count())
	}
	kindsKnown(t, f)
	if n := count(t, f.w.DB().Read(), journal.Filter{Object: reply.ID, Prefix: "outbox."}); n < 3 {
		t.Errorf("the reply's journal has %d entries, want scheduled, held, rescheduled", n)
	}
}

func TestCrisisPauseHoldsScheduledWorkForReview(t *testing.T) {
	loc := stockholm(t)
	f := newFixture(t, time.Date(2026, 12, 7, 8, 0, 0, 0, loc))
	ctx := context.Background()
	conv := f.deliver("asa@example.se", "Order 1042", f.clock.now())
	reply, err := f.sched.ScheduleReply(ctx, conv, "Paketet är på väg.", time.Date(2026, 12, 7, 9, 0, 0, 0, loc))
	if err != nil {
		t.Fatal(err)
	}
	other := f.deliver("bo@example.se", "Grinder", f.clock.now())
	fu, err := f.sched.AddFollowUp(ctx, schedule.FollowUp{ConversationID: other, Body: "Fungerar kvarnen?", At: time.Date(2026, 12, 7, 9, 30, 0, 0, loc)})
	if err != nil {
		t.Fatal(err)
	}
	cr := crisis.NewStore(f.w, crisis.Options{Agent: "Anna", Now: f.clock.now})
	if _, err := cr.SavePlaybook(ctx, crisis.Playbook{Name: "Product recall"}); err != nil {
		t.Fatal(err)
	}
	if _, err := cr.StartIncident(ctx, crisis.Start{Playbook: "Product recall", Reason: "a batch of beans is recalled"}); err != nil {
		t.Fatal(err)
	}
	items, _ := f.sched.Items(ctx, schedule.Filter{})
	for _, it := range items {
		if it.State != schedule.Paused {
			t.Errorf("%s during the incident: %q, want paused", it.Kind, it.State)
		}
	}
	// Both fall due during the incident: nothing goes out, and send now is refused.
	for _, at := range []time.Time{time.Date(2026, 12, 7, 9, 0, 30, 0, loc), time.Date(2026, 12, 7, 9, 30, 30, 0, loc)} {
		f.clock.set(at)
		f.round()
	}
	if f.sent.count() != 0 {
		t.Fatalf("%d sent during the pause", f.sent.count())
	}
	if err := f.sched.SendNow(ctx, reply.ID); err == nil {
		t.Error("send now was accepted during the pause")
	}
	// Resolved: both are listed for review, in Crisis's list and in the schedule's.
	f.clock.set(time.Date(2026, 12, 7, 11, 0, 0, 0, loc))
	if _, err := cr.SetState(ctx, crisis.Resolved, ""); err != nil {
		t.Fatal(err)
	}
	due, err := cr.Due(ctx)
	if err != nil || len(due) != 2 {
		t.Fatalf("Crisis's review list: %+v %v", due, err)
	}
	f.round()
	if f.sent.count() != 0 {
		t.Fatal("what fell due during the pause went out without review")
	}
	held, _ := schedule.HeldForReview(ctx, f.w, f.clock.now())
	if len(held) != 2 {
		t.Fatalf("held after the incident: %+v", held)
	}
	// Reviewed here: the reply goes now, the follow-up is cancelled; Crisis's list agrees.
	if err := f.sched.SendNow(ctx, reply.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.sched.Cancel(ctx, fu.ID); err != nil {
		t.Fatal(err)
	}
	f.round()
	f.clock.advance(time.Minute)
	f.round()
	if got, _ := f.sched.Item(ctx, reply.ID); got.State != schedule.Sent || f.sent.count() != 1 {
		t.Errorf("released reply: state %q, %d sent, want sent once", got.State, f.sent.count())
	}
	if got, _ := f.sched.Item(ctx, fu.ID); got.State != schedule.Cancelled {
		t.Errorf("follow-up after cancel: %q", got.State)
	}
	kindsKnown(t, f)
	if due, _ := cr.Due(ctx); len(due) != 0 {
		t.Errorf("Crisis still lists %+v", due)
	}
}

func TestFollowUpStopsWhenTheCustomerWritesFirst(t *testing.T) {
	loc := stockholm(t)
	f := newFixture(t, time.Date(2026, 12, 1, 10, 0, 0, 0, loc))
	ctx := context.Background()
	conv := f.deliver("asa@example.se", "Broken grinder", f.clock.now())
	steps, err := f.sched.AddSequence(ctx, conv, "Hej {{first_name|där}}, fungerar kvarnen nu?", nil)
	if err != nil || len(steps) != 3 {
		t.Fatalf("sequence: %v %v", steps, err)
	}
	if d := steps[2].Due.Sub(steps[0].Due); d != 6*24*time.Hour {
		t.Errorf("steps +1 and +7 are %v apart", d)
	}
	other := f.deliver("bo@example.se", "Beans", f.clock.now())
	regardless, err := f.sched.AddFollowUp(ctx, schedule.FollowUp{ConversationID: other, Body: "Här är kvittot.", At: f.clock.now().Add(48 * time.Hour), Regardless: true})
	if err != nil {
		t.Fatal(err)
	}
	// Step 1 goes out on day 1.
	f.clock.set(steps[0].Due)
	f.round()
	if f.sent.count() != 1 {
		t.Fatalf("step 1: %d sent", f.sent.count())
	}
	// The customer answers on day 2, and so does the other one: the sequence stops, the
	// "send regardless" follow-up does not.
	f.replyIn(conv, "asa@example.se", steps[0].Due.Add(20*time.Hour))
	f.replyIn(other, "bo@example.se", steps[0].Due.Add(20*time.Hour))
	f.clock.set(steps[0].Due.Add(21 * time.Hour))
	due, _ := f.round()
	if due.Stopped != 2 {
		t.Errorf("stopped %d steps, want 2", due.Stopped)
	}
	f.clock.set(regardless.Due)
	f.round()
	for _, s := range steps[1:] {
		f.clock.set(s.Due)
		f.round()
	}
	if f.sent.count() != 2 {
		t.Errorf("%d sent, want step 1 and the send-regardless follow-up", f.sent.count())
	}
	notes, err := f.inbox.Notes(ctx, conv)
	if err != nil || len(notes) != 1 || !strings.Contains(notes[0].Body, "stopped") {
		t.Errorf("the conversation should say the sequence stopped: %+v %v", notes, err)
	}
	kindsKnown(t, f)
	if n := count(t, f.w.DB().Read(), journal.Filter{Prefix: "follow_up.cancelled"}); n != 2 {
		t.Errorf("%d cancellations journaled, want 2", n)
	}
}

// kindsKnown checks that every kind the schedule and the Inbox wrote is in the contract
// (journal.Kinds); Crisis's own kinds are Crisis's to list.
func kindsKnown(t *testing.T, f *fixture) {
	t.Helper()
	list, err := journal.List(context.Background(), f.w.DB().Read(), journal.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range list {
		if strings.HasPrefix(e.Kind, "incident.") || strings.HasPrefix(e.Kind, "playbook.") {
			continue
		}
		if _, ok := journal.Kinds[e.Kind]; !ok {
			t.Errorf("journal kind %q (by %s) is not in journal.Kinds", e.Kind, e.Actor)
		}
	}
}

func count(t *testing.T, q journal.Querier, f journal.Filter) int {
	t.Helper()
	list, err := journal.List(context.Background(), q, f)
	if err != nil {
		t.Fatal(err)
	}
	return len(list)
}

var _ = outbox.Sent
