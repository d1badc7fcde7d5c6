package inbox_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"switchboard/accounts/arrivetest"
	"switchboard/accounts/mailtest"
	"switchboard/workspace/cmdline"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
)

func TestDraftAndReadFromTheCommandLine(t *testing.T) {
	c := newCLI(t)
	c.reg = cmdline.NewRegistry(inbox.Commands(), inbox.DraftCommands())
	a := arrivetest.Arrive(t, c.w, mailtest.Message{From: "asa@example.se", To: "brand@nordlys.example", Subject: "Order"})
	var gid string
	if err := c.w.DB().Read().QueryRow("SELECT gid FROM conversations WHERE id = ?", a.ConversationID).Scan(&gid); err != nil {
		t.Fatal(err)
	}
	c.must("draft", "--conversation", gid, "--text", "Hi Åsa, it ships today.", "--from", "brand@nordlys.example")
	if out := c.must("draft", "--conversation", gid); !strings.Contains(out, "it ships today") {
		t.Fatalf("draft shows %q", out)
	}
	var list []map[string]any
	if err := json.Unmarshal([]byte(c.must("draft", "--list", "--json")), &list); err != nil || len(list) != 1 || list[0]["conversation"] != gid {
		t.Fatalf("draft --list --json: %v %v", list, err)
	}
	if _, err := c.run("draft", "--conversation", gid, "--text", "x", "--from", "care@fjordbikes.example"); err == nil {
		t.Fatal("a draft was kept with another workspace's address")
	}
	c.must("draft", "--conversation", gid, "--discard")
	if _, err := c.run("draft", "--conversation", gid); err == nil {
		t.Fatal("the draft is still there after --discard")
	}
	s := inbox.NewStore(c.w, inboxcore.Options{})
	c.must("read", "--conversation", gid)
	if r, _ := s.Conversation(context.Background(), a.ConversationID); r.Unread != 0 {
		t.Fatalf("after read: %d unread", r.Unread)
	}
	c.must("read", "--conversation", gid, "--unread")
	if r, _ := s.Conversation(context.Background(), a.ConversationID); r.Unread != 1 {
		t.Fatalf("after read --unread: %d unread", r.Unread)
	}
	if _, err := c.run("read"); !errors.Is(err, cmdline.ErrUsage) {
		t.Fatalf("read without --conversation: %v, want a usage mistake", err)
	}
}
