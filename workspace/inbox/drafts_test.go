package inbox

import (
	"context"
	"switchboard/workspace/inbox/inboxtest"
	"testing"
)

func TestDraftsAreKeptPerConversationUntilDeleted(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	ids := []int64{}
	for _, who := range []string{"Anna|anna@example.se", "Erik|erik@example.se"} {
		c, _ := inboxtest.Deliver(t, s.w, who, "Order", "Where is it?", inboxtest.T0, "")
		ids = append(ids, c)
	}
	if err := s.SaveDraft(ctx, SavedDraft{ConversationID: ids[0], Body: "Hi Anna, your order", AccountID: "acc"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveDraft(ctx, SavedDraft{ConversationID: ids[1], Body: "  \n"}); err != nil {
		t.Fatal(err)
	}
	d, ok, err := s.LoadDraft(ctx, ids[0])
	if err != nil || !ok || d.Body != "Hi Anna, your order" || d.AccountID != "acc" {
		t.Fatalf("draft of %d: %+v %v %v, want the saved text and account", ids[0], d, ok, err)
	}
	set, err := s.DraftConversations(ctx)
	if err != nil || len(set) != 1 || !set[ids[0]] {
		t.Fatalf("conversations with drafts %v (%v), want only %d: a blank body is no draft", set, err, ids[0])
	}
	if err := s.SaveDraft(ctx, SavedDraft{ConversationID: ids[0], Body: "Hi Anna, your order left today"}); err != nil {
		t.Fatal(err)
	}
	if d, _, _ := s.LoadDraft(ctx, ids[0]); d.Body != "Hi Anna, your order left today" {
		t.Fatalf("draft after a second save %q, want the newer text", d.Body)
	}
	if err := s.DeleteDraft(ctx, ids[0]); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.LoadDraft(ctx, ids[0]); ok {
		t.Fatal("draft still there after DeleteDraft")
	}
	if err := s.SaveDraft(ctx, SavedDraft{ConversationID: 999999, Body: "x"}); err == nil {
		t.Fatal("a draft for a conversation this workspace does not have was saved")
	}
}

func TestMarkReadAndUnreadChangeTheUnreadCount(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	conv, _ := inboxtest.Deliver(t, s.w, "Anna|anna@example.se", "Order", "Where is it?", inboxtest.T0, "")
	if r := mustRow(t, s, conv); r.Unread != 1 {
		t.Fatalf("a new message counts %d unread, want 1", r.Unread)
	}
	if err := s.MarkRead(ctx, conv); err != nil {
		t.Fatal(err)
	}
	if r := mustRow(t, s, conv); r.Unread != 0 {
		t.Fatalf("after MarkRead %d unread, want 0", r.Unread)
	}
	if err := s.MarkUnread(ctx, conv); err != nil {
		t.Fatal(err)
	}
	if r := mustRow(t, s, conv); r.Unread != 1 {
		t.Fatalf("after MarkUnread %d unread, want 1", r.Unread)
	}
}
