package contacts

import (
	"context"
	"strings"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxtest"
	"testing"
	"time"
)

func TestGradedAbuseHandling(t *testing.T) {
	ctx := context.Background()
	s, c := inboxtest.Store(t, New)
	conv, first := inboxtest.Deliver(t, s.w, "Troll|troll@example.com", "Ni är värdelösa", "...", c.Now(), "")
	contact := inboxtest.Must(t, s.conv.Conversation, conv).ContactID
	if err := s.Block(ctx, contact, ""); err == nil {
		t.Error("a step without a reason was accepted")
	}
	d, err := s.Warn(ctx, contact, conv, "insults staff")
	if err != nil || !strings.Contains(d.Body, "respectful") || !strings.Contains(d.Body, "Nordlys Coffee") {
		t.Fatalf("warning draft %q %v", d.Body, err)
	}
	if err := s.Mute(ctx, contact, "keeps going"); err != nil {
		t.Fatal(err)
	}
	counts, _ := s.conv.Counts(ctx)
	if counts.Unanswered != 1 || counts.Alerts != 0 || !inboxtest.Must(t, s.conv.Conversation, conv).Muted {
		t.Fatalf("muted: counts %+v", counts)
	}
	if err := s.Block(ctx, contact, "threats"); err != nil {
		t.Fatal(err)
	}
	c.Advance(time.Hour)
	later, _ := inboxtest.Deliver(t, s.w, "Troll|troll@example.com", "Igen", "!!!", c.Now(), "")
	inboxtest.Deliver(t, s.w, "Troll|troll@example.com", "Re: Ni är värdelösa", "...", c.Now(), first)
	for _, id := range []int64{later, conv} {
		if r := inboxtest.Must(t, s.conv.Conversation, id); r.Status != inbox.Abuse {
			t.Errorf("conversation %d from a blocked contact is %s", id, r.Status)
		}
	}
	var messages int
	s.db.Read().QueryRow("SELECT count(*) FROM messages WHERE from_email = 'troll@example.com'").Scan(&messages)
	if messages != 3 {
		t.Fatalf("%d messages kept, want 3: blocked mail is never deleted", messages)
	}
	if err := s.Lift(ctx, contact, "apologised"); err != nil {
		t.Fatal(err)
	}
	detail, err := s.Get(ctx, contact)
	if err != nil {
		t.Fatal(err)
	}
	if detail.Abuse != AbuseMuted || len(detail.Actions) != 4 || detail.Actions[3].Action != "unblock" ||
		detail.Actions[0].Actor != "Anna" || detail.Actions[0].Reason != "insults staff" || len(detail.Conversations) != 2 {
		t.Fatalf("contact %+v", detail)
	}
	s.Lift(ctx, contact, "fine now")
	if d, _ := s.Get(ctx, contact); d.Abuse != AbuseWarned {
		t.Fatalf("after lifting the mute: %q", d.Abuse)
	}
}

func TestContactNotesTagsAndMostActive(t *testing.T) {
	ctx := context.Background()
	s, c := inboxtest.Store(t, New)
	for range 3 {
		inboxtest.Deliver(t, s.w, "Åsa|asa@example.se", "Fråga", "?", c.Now(), "")
	}
	conv, _ := inboxtest.Deliver(t, s.w, "Jan|jan@example.cz", "Dotaz", "?", c.Now(), "")
	old := c.Now().Add(-60 * 24 * time.Hour)
	for range 5 {
		inboxtest.Deliver(t, s.w, "Jan|jan@example.cz", "Starý dotaz", "?", old, "")
	}
	c.Advance(time.Hour)
	top30, err := s.MostActive(ctx, 30, 10)
	if err != nil || len(top30) != 2 || top30[0].Email != "asa@example.se" || top30[0].Messages != 3 || top30[0].Open != 1 {
		t.Fatalf("30 days: %+v %v", top30, err)
	}
	top90, _ := s.MostActive(ctx, 90, 10)
	if top90[0].Email != "jan@example.cz" || top90[0].Messages != 6 {
		t.Fatalf("90 days: %+v", top90)
	}
	jan := inboxtest.Must(t, s.conv.Conversation, conv).ContactID
	if _, err := s.AddNote(ctx, jan, "Prefers Czech."); err != nil {
		t.Fatal(err)
	}
	if err := s.Tag(ctx, jan, " Wholesale "); err != nil {
		t.Fatal(err)
	}
	d, _ := s.Get(ctx, jan)
	if len(d.Notes) != 1 || strings.Join(d.Tags, ",") != "wholesale" || d.Messages != 6 || d.Open != 2 {
		t.Fatalf("contact %+v", d)
	}
	if err := s.Untag(ctx, jan, "wholesale"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, 9999); err == nil {
		t.Error("unknown contact found")
	}
}
func TestSendWarningQueuesThenRecords(t *testing.T) {
	ctx := context.Background()
	s, c := inboxtest.Store(t, New)
	conv, _ := inboxtest.Deliver(t, s.w, "Troll|troll@example.com", "Ni är värdelösa", "...", c.Now(), "")
	other, _ := inboxtest.Deliver(t, s.w, "Åsa|asa@example.se", "Fråga", "?", c.Now(), "")
	contact := inboxtest.Must(t, s.conv.Conversation, conv).ContactID
	if _, err := s.SendWarning(ctx, contact, other, "insults"); err == nil {
		t.Fatal("a warning was queued in someone else's conversation")
	}
	if d, _ := s.Get(ctx, contact); len(d.Actions) != 0 {
		t.Fatalf("a refused warning was recorded: %+v", d.Actions)
	}
	item, err := s.SendWarning(ctx, contact, conv, "insults")
	if err != nil || item.ConversationID != conv || !strings.Contains(item.Body, "respectful") {
		t.Fatalf("queued %+v, %v", item, err)
	}
	if d, _ := s.Get(ctx, contact); d.Abuse != AbuseWarned || len(d.Actions) != 1 || d.Actions[0].Reason != "insults" {
		t.Fatalf("contact after the warning %+v", d)
	}
}
