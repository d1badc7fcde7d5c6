package outbox

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"switchboard/workspace/inbox/inboxtest"
	"switchboard/workspace/journal"
)

// fakeMailer accepts or fails every submission as told; nothing leaves the machine.
type fakeMailer struct{ err error }

func (m *fakeMailer) Compose(o Outgoing) ([]byte, error) {
	return []byte("Subject: " + o.Subject + "\r\n\r\n" + o.Text), nil
}
func (m *fakeMailer) Submit(_ context.Context, _ Submission, beforeData func() error) error {
	if err := beforeData(); err != nil {
		return err
	}
	return m.err
}
func (m *fakeMailer) FileSent(context.Context, string, []byte) error       { return nil }
func (m *fakeMailer) InSent(context.Context, string, string) (bool, error) { return false, nil }

// A reply's way out is journaled step by step on the outbox item: what a person did
// (queue, cancel, retry, reschedule, mark sent) under their id, what sending did under
// the runner's, and the conversation waiting on the customer once it went.
func TestOutboxStepsAreJournaled(t *testing.T) {
	ctx := context.Background()
	s, c := inboxtest.Store(t, New)
	conv, _ := inboxtest.Deliver(t, s.w, "Åsa Berg|asa@example.se", "Beställning", "Hej!", c.Now(), "")
	it, err := s.Queue(ctx, Reply{ConversationID: conv, Body: "Hej Åsa, den skickas i dag."})
	if err != nil {
		t.Fatal(err)
	}
	if it.GID == "" || it.ConversationGID != inboxtest.Must(t, s.conv.Conversation, conv).GID {
		t.Fatalf("queued item %+v has no global ids", it)
	}
	step := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	step(s.Cancel(ctx, it.ID))
	step(s.Retry(ctx, it.ID))
	step(s.Reschedule(ctx, it.ID, c.Now().Add(time.Hour)))
	if _, err := s.SendDue(ctx, &fakeMailer{}); err != nil { // not due yet
		t.Fatal(err)
	}
	c.Advance(time.Hour)
	if _, err := s.SendDue(ctx, &fakeMailer{}); err != nil {
		t.Fatal(err)
	}
	got := inboxtest.Entries(t, s.w, journal.Filter{Object: it.GID})
	want := "outbox.queued outbox.cancelled outbox.retried outbox.rescheduled outbox.submitting outbox.sent outbox.filed"
	if strings.Join(inboxtest.Kinds(got), " ") != want {
		t.Fatalf("outbox entries %v\nwant %s", inboxtest.Kinds(got), want)
	}
	var anna string // Anna's staff id, the actor of what she did
	if err := s.db.Read().QueryRowContext(ctx, "SELECT gid FROM staff WHERE name = ?", "Anna").Scan(&anna); err != nil {
		t.Fatal(err)
	}
	for i, e := range got {
		if wantActor := map[bool]string{true: anna, false: journal.Runner}[i < 4]; e.Actor != wantActor {
			t.Errorf("%s signed %q, want %q", e.Kind, e.Actor, wantActor)
		}
	}
	var q QueuedReply
	if err := got[0].Decode(&q); err != nil || q.Body != "Hej Åsa, den skickas i dag." || q.To[0].Email != "asa@example.se" {
		t.Fatalf("queued entry %s: %v", got[0].Data, err)
	}
	waiting := inboxtest.Entries(t, s.w, journal.Filter{Object: it.ConversationGID, Prefix: "conversation.status"})
	if len(waiting) != 1 || waiting[0].Actor != journal.Runner {
		t.Fatalf("conversation entries after sending: %+v", waiting)
	}

	// A temporary failure waits for another try; a lost answer is uncertain until a
	// person says it went.
	it2, err := s.Queue(ctx, Reply{ConversationID: conv, Body: "En sak till."})
	step(err)
	_, err = s.SendDue(ctx, &fakeMailer{err: &SendError{Failure: Temporary, Err: errors.New("421 try later")}})
	step(err)
	c.Advance(time.Hour)
	_, err = s.SendDue(ctx, &fakeMailer{err: &SendError{Failure: Unknown, Err: errors.New("connection reset after DATA")}})
	step(err)
	step(s.MarkSent(ctx, it2.ID))
	got = inboxtest.Entries(t, s.w, journal.Filter{Object: it2.GID})
	want = "outbox.queued outbox.submitting outbox.retrying outbox.submitting outbox.uncertain outbox.marked_sent"
	if strings.Join(inboxtest.Kinds(got), " ") != want {
		t.Fatalf("outbox entries %v\nwant %s", inboxtest.Kinds(got), want)
	}
	var retry Change
	if err := got[2].Decode(&retry); err != nil || retry.From != Submitting || retry.To != Queued || !strings.Contains(retry.Error, "421") {
		t.Fatalf("retrying entry %s: %v", got[2].Data, err)
	}
	if got[5].Actor != anna {
		t.Fatalf("marked sent by %q, want Anna", got[5].Actor)
	}
}
