package inbox

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestGradedAbuseHandling(t *testing.T) {
	ctx := context.Background()
	s, c := newStore(t)
	conv, first := deliver(t, s, "Troll|troll@example.com", "Ni är värdelösa", "...", c.t, "")
	contact := mustRow(t, s, conv).ContactID
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
	counts, _ := s.Counts(ctx)
	if counts.Unanswered != 1 || counts.Alerts != 0 || !mustRow(t, s, conv).Muted {
		t.Fatalf("muted: counts %+v", counts)
	}
	if err := s.Block(ctx, contact, "threats"); err != nil {
		t.Fatal(err)
	}
	c.advance(time.Hour)
	later, _ := deliver(t, s, "Troll|troll@example.com", "Igen", "!!!", c.t, "")
	deliver(t, s, "Troll|troll@example.com", "Re: Ni är värdelösa", "...", c.t, first)
	for _, id := range []int64{later, conv} {
		if r := mustRow(t, s, id); r.Status != Abuse {
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
	detail, err := s.Contact(ctx, contact)
	if err != nil {
		t.Fatal(err)
	}
	if detail.Abuse != AbuseMuted || len(detail.Actions) != 4 || detail.Actions[3].Action != "unblock" ||
		detail.Actions[0].Actor != "Anna" || detail.Actions[0].Reason != "insults staff" || len(detail.Conversations) != 2 {
		t.Fatalf("contact %+v", detail)
	}
	s.Lift(ctx, contact, "fine now")
	if d, _ := s.Contact(ctx, contact); d.Abuse != AbuseWarned {
		t.Fatalf("after lifting the mute: %q", d.Abuse)
	}
}

func TestContactNotesTagsAndMostActive(t *testing.T) {
	ctx := context.Background()
	s, c := newStore(t)
	for range 3 {
		deliver(t, s, "Åsa|asa@example.se", "Fråga", "?", c.t, "")
	}
	conv, _ := deliver(t, s, "Jan|jan@example.cz", "Dotaz", "?", c.t, "")
	old := c.t.Add(-60 * 24 * time.Hour)
	for range 5 {
		deliver(t, s, "Jan|jan@example.cz", "Starý dotaz", "?", old, "")
	}
	c.advance(time.Hour)
	top30, err := s.MostActive(ctx, 30, 10)
	if err != nil || len(top30) != 2 || top30[0].Email != "asa@example.se" || top30[0].Messages != 3 || top30[0].Open != 1 {
		t.Fatalf("30 days: %+v %v", top30, err)
	}
	top90, _ := s.MostActive(ctx, 90, 10)
	if top90[0].Email != "jan@example.cz" || top90[0].Messages != 6 {
		t.Fatalf("90 days: %+v", top90)
	}
	jan := mustRow(t, s, conv).ContactID
	if _, err := s.AddContactNote(ctx, jan, "Prefers Czech."); err != nil {
		t.Fatal(err)
	}
	if err := s.TagContact(ctx, jan, " Wholesale "); err != nil {
		t.Fatal(err)
	}
	d, _ := s.Contact(ctx, jan)
	if len(d.Notes) != 1 || strings.Join(d.Tags, ",") != "wholesale" || d.Messages != 6 || d.Open != 2 {
		t.Fatalf("contact %+v", d)
	}
	if err := s.UntagContact(ctx, jan, "wholesale"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Contact(ctx, 9999); err == nil {
		t.Error("unknown contact found")
	}
}

func TestSeedDemo(t *testing.T) {
	ctx := context.Background()
	s, c := newStore(t)
	for _, n := range []string{"Åsa", "Jan", "Olga", "Ana", "Pedro", "Erik", "Maja", "Lars"} {
		deliver(t, s, n+"|"+strings.ToLower(n)+"@example.com", "Hej från "+n, "text", c.t, "")
		c.advance(time.Minute)
	}
	if err := SeedDemo(ctx, s.w); err != nil {
		t.Fatal(err)
	}
	counts, _ := s.Counts(ctx)
	labels, _ := s.Labels(ctx)
	items, _ := s.Outbox(ctx, false)
	if len(labels) != 5 || counts.ByStatus[Snoozed] != 1 || counts.ByStatus[Waiting] != 1 || counts.ByStatus[Resolved] != 2 || len(items) != 1 {
		t.Fatalf("counts %+v labels %d outbox %d", counts, len(labels), len(items))
	}
}

func TestSendWarningQueuesThenRecords(t *testing.T) {
	ctx := context.Background()
	s, c := newStore(t)
	conv, _ := deliver(t, s, "Troll|troll@example.com", "Ni är värdelösa", "...", c.t, "")
	other, _ := deliver(t, s, "Åsa|asa@example.se", "Fråga", "?", c.t, "")
	contact := mustRow(t, s, conv).ContactID
	if _, err := s.SendWarning(ctx, contact, other, "insults"); err == nil {
		t.Fatal("a warning was queued in someone else's conversation")
	}
	if d, _ := s.Contact(ctx, contact); len(d.Actions) != 0 {
		t.Fatalf("a refused warning was recorded: %+v", d.Actions)
	}
	item, err := s.SendWarning(ctx, contact, conv, "insults")
	if err != nil || item.ConversationID != conv || !strings.Contains(item.Body, "respectful") {
		t.Fatalf("queued %+v, %v", item, err)
	}
	if d, _ := s.Contact(ctx, contact); d.Abuse != AbuseWarned || len(d.Actions) != 1 || d.Actions[0].Reason != "insults" {
		t.Fatalf("contact after the warning %+v", d)
	}
}
