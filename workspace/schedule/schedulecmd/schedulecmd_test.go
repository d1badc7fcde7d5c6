package schedulecmd_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	ical "github.com/emersion/go-ical"

	"switchboard/accounts/imapsync"
	"switchboard/workspace"
	"switchboard/workspace/cmdline"
	"switchboard/workspace/demo"
	"switchboard/workspace/schedule/schedulecmd"
)

type cli struct {
	t   *testing.T
	reg *cmdline.Registry
	env *cmdline.Env
}

func newCLI(t *testing.T) *cli {
	t.Helper()
	root, err := workspace.OpenRoot(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Create(context.Background(), root, imapsync.ImportRaw); err != nil {
		t.Fatal(err)
	}
	if err := root.SaveConfig(workspace.Config{AgentName: "Sofie Holm"}); err != nil {
		t.Fatal(err)
	}
	return &cli{t: t, reg: cmdline.NewRegistry(schedulecmd.Commands()), env: &cmdline.Env{Root: root, WorkspaceRef: demo.Name}}
}

func (c *cli) run(args ...string) (string, error) {
	var out, errOut bytes.Buffer
	c.env.Stdout, c.env.Stderr, c.env.Stdin = &out, &errOut, strings.NewReader("")
	err := c.reg.Run(context.Background(), c.env, args)
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

func TestScheduleListShowsStatesAsTheContractSays(t *testing.T) {
	c := newCLI(t)
	var items []map[string]any
	if err := json.Unmarshal([]byte(c.must("schedule", "list", "--json")), &items); err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || items[0]["state"] != "pending" || items[0]["kind"] != "reply" {
		t.Fatalf("the demo's scheduled reply: %v", items)
	}
	id, conv := items[0]["id"].(string), items[0]["conversation"].(string)
	c.must("schedule", "add", conv, "--follow-up", "--in", "3d", "--text", "Hej {{first_name|där}}, allt bra?")
	c.must("schedule", "cancel", id[:8])
	items = nil
	json.Unmarshal([]byte(c.must("schedule", "list", "--all", "--json")), &items)
	states := map[string]string{}
	for _, it := range items {
		states[it["kind"].(string)] = it["state"].(string)
	}
	if states["reply"] != "cancelled" || states["follow_up"] != "pending" {
		t.Errorf("states after cancel and add: %v", states)
	}
	if _, err := c.run("schedule", "frobnicate"); !errors.Is(err, cmdline.ErrUsage) {
		t.Errorf("an unknown subcommand: %v, want a usage error", err)
	}
	if _, err := c.run("schedule", "add", conv, "--text", "x"); !errors.Is(err, cmdline.ErrUsage) {
		t.Errorf("add without a time: %v, want a usage error", err)
	}
}

func TestCoverageShowsAndChanges(t *testing.T) {
	c := newCLI(t)
	out := c.must("coverage", "--hours", "mon-fri 09:00-12:00,13:00-17:00", "--holiday", "2026-12-31=Nyttårsaften", "--auto-reply-days", "2")
	for _, want := range []string{"mon-fri 09:00-12:00,13:00-17:00", "2026-12-31  Nyttårsaften", "one per sender per 2 days", "Europe/Oslo"} {
		if !strings.Contains(out, want) {
			t.Errorf("coverage lacks %q:\n%s", want, out)
		}
	}
	if _, err := c.run("coverage", "--auto-reply-days", "0"); err == nil {
		t.Error("--auto-reply-days 0 was accepted: one sender could loop with a machine")
	}
	if _, err := c.run("coverage", "--hours", "mon 17:00-09:00"); !errors.Is(err, cmdline.ErrUsage) {
		t.Errorf("hours ending before they start: %v, want a usage error", err)
	}
}

func TestPlanAndExport(t *testing.T) {
	c := newCLI(t)
	var added []map[string]any
	json.Unmarshal([]byte(c.must("plan", "add", "--at", "2026-12-10 10:00", "--channel", "Instagram", "--text", "Julblend", "--status", "awaiting-approval", "--json")), &added)
	if len(added) != 1 || added[0]["status"] != "awaiting approval" {
		t.Fatalf("added %v", added)
	}
	p := added[0]
	out := c.must("plan", "set", p["id"].(string)[:8], "--status", "approved")
	if !strings.Contains(out, "approved") || !strings.Contains(out, "Sofie Holm") {
		t.Errorf("approved post shows no approver:\n%s", out)
	}
	file := filepath.Join(t.TempDir(), "week.ics")
	c.must("schedule", "export", "-o", file, "--weeks", "3")
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cal, err := ical.NewDecoder(f).Decode()
	if err != nil || len(cal.Events()) < 10 {
		t.Fatalf("the exported calendar: %v events, %v", len(cal.Events()), err)
	}
}
