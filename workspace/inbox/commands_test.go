package inbox_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"switchboard/accounts/arrivetest"
	"switchboard/accounts/mailtest"
	"switchboard/workspace"
	"switchboard/workspace/cmdline"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/contacts"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/inbox/outbox"
	"switchboard/workspace/mail"
	"switchboard/workspace/workspacetest"
)

// cli runs the Inbox's commands as `switchboard --workspace "Nordlys Coffee" ...` does.
type cli struct {
	t    *testing.T
	reg  *cmdline.Registry
	root *workspace.Root
	w    *workspace.Workspace
}

var errNoServer = errors.New("no mail server in this test")

func newCLI(t *testing.T) *cli {
	t.Helper()
	root := workspacetest.Root(t)
	if err := root.SaveConfig(workspace.Config{AgentName: "Anna"}); err != nil {
		t.Fatal(err)
	}
	w := workspacetest.Open(t, root, "Nordlys Coffee")
	if _, err := mail.Open(w).AddAccount(context.Background(), mail.Account{Email: "brand@nordlys.example", DisplayName: "Nordlys Coffee",
		IMAP: mail.Endpoint{Host: "127.0.0.1", Port: 143, Security: mail.Plain},
		SMTP: mail.Endpoint{Host: "127.0.0.1", Port: 25, Security: mail.Plain}}); err != nil {
		t.Fatal(err)
	}
	noServer := func(context.Context, *workspace.Workspace) (outbox.Mailer, error) { return nil, errNoServer }
	return &cli{t: t, reg: cmdline.NewRegistry(inbox.Commands(), outbox.Commands(noServer), contacts.Commands(noServer)), root: root, w: w}
}

// run returns what the command printed, or its error.
func (c *cli) run(args ...string) (string, error) {
	var out, errOut bytes.Buffer
	cmd, ok := c.reg.Lookup(args[0])
	if !ok {
		c.t.Fatalf("no command %q", args[0])
	}
	// On the test's own handle: the workspace is locked to one opener at a time.
	err := cmd.RunIn(context.Background(), &cmdline.Env{Root: c.root, WorkspaceRef: "Nordlys Coffee", Stdin: strings.NewReader(""),
		Stdout: &out, Stderr: &errOut}, c.w, args[1:])
	return out.String(), err
}

func (c *cli) must(args ...string) string {
	c.t.Helper()
	out, err := c.run(args...)
	if err != nil {
		c.t.Fatalf("%s: %v", strings.Join(args, " "), err)
	}
	return out
}

func (c *cli) conversations(args ...string) []map[string]any {
	c.t.Helper()
	var list []map[string]any
	if err := json.Unmarshal([]byte(c.must(append([]string{"conversations", "--json"}, args...)...)), &list); err != nil {
		c.t.Fatal(err)
	}
	return list
}

func (c *cli) conversation(gid string) map[string]any {
	c.t.Helper()
	for _, m := range c.conversations() {
		if m["id"] == gid {
			return m
		}
	}
	c.t.Fatalf("conversation %s is not listed", gid)
	return nil
}

func TestTriageFromTheCommandLine(t *testing.T) {
	c := newCLI(t)
	asa := arrivetest.Arrive(t, c.w, mailtest.Message{From: "Åsa Berg <asa@example.se>", To: "brand@nordlys.example",
		Subject: "Var är min beställning?", Date: time.Now().Add(-2 * time.Hour)})
	arrivetest.Arrive(t, c.w, mailtest.Message{From: "spam@example.net", To: "brand@nordlys.example", Subject: "Win big", Date: time.Now().Add(-time.Hour)})
	conv := asa.ConversationGID

	if _, err := c.run("assign", "--conversation", conv, "Maja"); !errors.Is(err, inboxcore.ErrNotFound) {
		t.Errorf("assign to someone not on the staff: %v, want not found (a typo must not add a colleague)", err)
	}
	c.must("staff", "add", "Maja Lind")
	c.must("assign", "--conversation", conv, "maja lind")
	c.must("label", "--conversation", conv, "add", "Delivery")
	c.must("label", "--conversation", conv, "add", "VIP")
	c.must("label", "--conversation", conv, "remove", "vip")
	c.must("note", "--conversation", conv, "--text", "Tracking number sent by phone")

	got := c.conversation(conv)
	if got["assignee"] != "Maja Lind" || got["status"] != "new" || got["unread"] != float64(1) {
		t.Errorf("conversations --json: %v; want assigned to Maja Lind, new, one unread", got)
	}
	if labels, _ := got["labels"].([]any); len(labels) != 1 || labels[0] != "Delivery" {
		t.Errorf("labels %v, want [Delivery]", got["labels"])
	}
	notes, _ := inbox.NewStore(c.w, inboxcore.Options{}).Notes(context.Background(), asa.ConversationID)
	if len(notes) != 1 || notes[0].Author != "Anna" {
		t.Errorf("notes %+v, want Anna's one note", notes)
	}

	// Every conversation, Spam too, unless --limit says how many.
	spamID := c.conversations("--limit", "1")[0]["id"].(string)
	s := inbox.NewStore(c.w, inboxcore.Options{})
	spam, _ := s.ConversationID(context.Background(), spamID)
	if err := s.SetStatus(context.Background(), spam, inbox.Spam); err != nil {
		t.Fatal(err)
	}
	if all := c.conversations(); len(all) != 2 {
		t.Errorf("conversations lists %d, want both (Spam included)", len(all))
	}
	if one := c.conversations("--limit", "1"); len(one) != 1 || one[0]["id"] != spamID {
		t.Errorf("--limit 1: %v, want the most recent", one)
	}
	if mine := c.conversations("--view", "unassigned"); len(mine) != 0 {
		t.Errorf("--view unassigned: %v, want none (one assigned, one spam)", mine)
	}

	c.must("assign", "--conversation", conv, "nobody")
	if got := c.conversation(conv); got["assignee"] != "" {
		t.Errorf("after assign nobody: assignee %v", got["assignee"])
	}
	c.must("assign", "--conversation", conv, "Maja Lind")
	if _, err := c.run("staff", "remove", "Maja Lind"); err == nil || c.conversation(conv)["assignee"] != "Maja Lind" {
		t.Errorf("staff remove of someone with a conversation: %v; want it refused and the conversation still hers", err)
	}
	c.must("assign", "--conversation", conv, "nobody")
	c.must("staff", "remove", "Maja Lind")
	if out := c.must("staff", "list"); strings.Contains(out, "Maja Lind") {
		t.Errorf("staff list after remove: %q", out)
	}

	if _, err := c.run("labels", "remove", "Delivery"); err == nil {
		t.Error("removing a label in use without --yes went ahead")
	}
	c.must("labels", "rename", "Delivery", "Shipping")
	if labels, _ := c.conversation(conv)["labels"].([]any); len(labels) != 1 || labels[0] != "Shipping" {
		t.Errorf("after rename: %v", labels)
	}
	c.must("labels", "remove", "Shipping", "--yes")
	if out := c.must("labels", "list"); strings.Contains(out, "Shipping") {
		t.Errorf("labels list after remove: %q", out)
	}
}

func TestOutboxActionsFromTheCommandLine(t *testing.T) {
	c := newCLI(t)
	ctx := context.Background()
	a := arrivetest.Arrive(t, c.w, mailtest.Message{From: "asa@example.se", To: "brand@nordlys.example", Subject: "Order"})
	s := outbox.New(c.w, inboxcore.Options{Agent: "Anna"})
	it, err := s.Queue(ctx, outbox.Reply{ConversationID: a.ConversationID, Body: "It ships today.", SendAt: time.Now().Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	var gid string
	if err := c.w.DB().Read().QueryRow("SELECT gid FROM outbox WHERE id = ?", it.ID).Scan(&gid); err != nil {
		t.Fatal(err)
	}
	loc := c.w.Info().Location()
	c.must("outbox", "reschedule", gid, "2031-05-04 09:30")
	if it, _ = s.Item(ctx, it.ID); !it.NextAttemptAt.Equal(time.Date(2031, 5, 4, 9, 30, 0, 0, loc)) || it.State != outbox.Queued {
		t.Errorf("rescheduled to %v (%s), want 2031-05-04 09:30 in the workspace's zone", it.NextAttemptAt.In(loc), it.State)
	}
	if _, err := c.run("outbox", "mark-sent", gid); err == nil {
		t.Error("a queued reply was marked as sent")
	}
	c.must("outbox", "cancel", gid)
	if it, _ = s.Item(ctx, it.ID); it.State != outbox.Cancelled {
		t.Errorf("after cancel: %s", it.State)
	}
	if _, err := c.run("outbox", "retry", "1"); err == nil { // "1" exists in every workspace
		t.Error("a local number was taken as an outbox id")
	}
	c.must("outbox", "retry", gid)
	if it, _ = s.Item(ctx, it.ID); it.State != outbox.Queued {
		t.Errorf("after retry: %s", it.State)
	}
	if _, err := c.run("outbox", "retry", "no-such-item"); !errors.Is(err, inboxcore.ErrNotFound) {
		t.Errorf("retry of an unknown item: %v", err)
	}
}

func TestVoiceFromTheCommandLine(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	sig := filepath.Join(dir, "sig.txt")
	warn := filepath.Join(dir, "warn.txt")
	os.WriteFile(sig, []byte("Warm regards,\n{{agent|The team}} at {{brand}}\n"), 0o600)
	os.WriteFile(warn, []byte("Hi {{first_name|there}}, please keep it friendly.\n"), 0o600)
	c.must("voice", "--formal", "--avoid", "no problem", "--avoid", "ASAP", "--target", "2h", "--signature-file", sig, "--warning-file", warn)
	c.must("voice", "--unavoid", "asap")

	var v map[string]any
	if err := json.Unmarshal([]byte(c.must("voice", "--json")), &v); err != nil {
		t.Fatal(err)
	}
	if v["formality"] != "formal" || v["response_target_minutes"] != float64(120) || !strings.Contains(v["signature"].(string), "{{brand}}") ||
		!strings.HasPrefix(v["warning_template"].(string), "Hi {{first_name") {
		t.Errorf("voice --json: %v", v)
	}
	if avoid, _ := v["avoid"].([]any); len(avoid) != 1 || avoid[0] != "no problem" {
		t.Errorf("avoid %v, want [no problem]", v["avoid"])
	}
	if out := c.must("voice"); !strings.Contains(out, "Response target: 2h0m0s") {
		t.Errorf("voice shows %q", out)
	}
	// A broken template changes nothing.
	os.WriteFile(warn, []byte("Hi {{first_nmae}}"), 0o600)
	if _, err := c.run("voice", "--informal", "--warning-file", warn); err == nil {
		t.Error("a warning template with an unknown variable was accepted")
	}
	if out := c.must("voice"); !strings.Contains(out, "Form of address: formal") {
		t.Errorf("a refused change changed the voice: %q", out)
	}
}

func TestContactStepsFromTheCommandLine(t *testing.T) {
	c := newCLI(t)
	ctx := context.Background()
	a := arrivetest.Arrive(t, c.w, mailtest.Message{From: "Troll Tobbe <tobbe@example.se>", To: "brand@nordlys.example", Subject: "Your coffee is awful"})
	c.must("contact", "tobbe@example.se", "--tag", "Repeat", "--tag", "press", "--untag", "press", "--note", "Writes every week")
	s := contacts.New(c.w, inboxcore.Options{})
	id, _ := s.ByEmail(ctx, "Tobbe@Example.se")
	d, err := s.Get(ctx, id)
	if err != nil || len(d.Tags) != 1 || d.Tags[0] != "repeat" || len(d.Notes) != 1 {
		t.Fatalf("contact %+v %v; want tag repeat and one note", d, err)
	}

	// warn without --yes shows the warning and does nothing else.
	out := c.must("contact", "tobbe@example.se", "warn", "--reason", "insults staff")
	if !strings.Contains(out, "Hello Troll,") || !strings.Contains(out, "--yes") {
		t.Errorf("warn preview: %q; want the filled-in template and how to send it", out)
	}
	if d, _ = s.Get(ctx, id); d.Abuse != contacts.AbuseNone || len(d.Actions) != 0 {
		t.Errorf("the preview recorded a step: %+v", d.Actions)
	}
	// With --yes it is recorded and queued; with no server it waits in the outbox.
	if _, err := c.run("contact", "tobbe@example.se", "warn", "--reason", "insults staff", "--yes", "--conversation", a.ConversationGID); !errors.Is(err, errNoServer) {
		t.Errorf("warn --yes without a server: %v", err)
	}
	items, _ := outbox.New(c.w, inboxcore.Options{}).List(ctx, false)
	if d, _ = s.Get(ctx, id); d.Abuse != contacts.AbuseWarned || len(items) != 1 || !strings.Contains(items[0].Body, "friendly place") {
		t.Errorf("after warn --yes: %s, outbox %+v", d.Abuse, items)
	}
	c.must("contact", "tobbe@example.se", "block", "--reason", "threats")
	c.must("contact", "tobbe@example.se", "lift", "--reason", "apologised")
	if d, _ = s.Get(ctx, id); d.Abuse != contacts.AbuseMuted {
		t.Errorf("block then lift: %s, want muted", d.Abuse)
	}
	if _, err := c.run("contact", "nobody@example.se", "--tag", "x"); !errors.Is(err, inboxcore.ErrNotFound) {
		t.Errorf("an unknown address: %v", err)
	}
}
