package warning_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"switchboard/accounts/demotest"
	"switchboard/workspace"
	"switchboard/workspace/cmdline"
	"switchboard/workspace/crisis"
	"switchboard/workspace/crisis/warning"
	"switchboard/workspace/workspacetest"
)

func run(t *testing.T, root *workspace.Root, ws string, args ...string) (string, error) {
	t.Helper()
	reg := cmdline.NewRegistry(crisis.Commands(), warning.Commands())
	var out, errOut bytes.Buffer
	err := reg.Run(context.Background(), &cmdline.Env{Root: root, WorkspaceRef: ws, Stdout: &out, Stderr: &errOut}, args)
	return out.String(), err
}

func must(t *testing.T, root *workspace.Root, ws string, args ...string) string {
	t.Helper()
	out, err := run(t, root, ws, args...)
	if err != nil {
		t.Fatalf("%v: %v", args, err)
	}
	return out
}

type alert struct {
	Playbook string
	Messages []struct {
		From, Subject  string
		Received       string
		ConversationID string `json:"conversation_id"`
	}
}

// The demo's bitter-batch complaints (seven, in English and Swedish) are one wave, its
// playbook is suggested, and starting the incident from it takes the wave off the list.
func TestTheDemoWaveIsFlaggedWithItsPlaybook(t *testing.T) {
	root, w := demotest.Open(t)
	name := w.Info().Name
	w.Close() // the commands open it themselves
	var alerts []alert
	if err := json.Unmarshal([]byte(must(t, root, name, "alerts", "--json")), &alerts); err != nil {
		t.Fatal(err)
	}
	if len(alerts) != 1 || alerts[0].Playbook != "Quality problem with a roast batch" || len(alerts[0].Messages) != 7 {
		t.Fatalf("alerts: %+v", alerts)
	}
	subjects := ""
	for _, m := range alerts[0].Messages {
		if m.From == "" || m.Received == "" {
			t.Fatalf("a message without sender or time: %+v", m)
		}
		subjects += m.Subject + "\n"
	}
	if !strings.Contains(subjects, "Bitter smak på Midnight Sun") || !strings.Contains(subjects, "Sour coffee from the latest bag") {
		t.Fatalf("the wave misses the Swedish or the 'sour' message:\n%s", subjects)
	}
	var ids []string
	for _, m := range alerts[0].Messages {
		ids = append(ids, m.ConversationID)
	}
	must(t, root, name, "incident", "start", "--playbook", alerts[0].Playbook, "--reason", "wave", "--conversation", strings.Join(ids, ","))
	if out := must(t, root, name, "alerts", "--json"); strings.TrimSpace(out) != "[]" {
		t.Fatalf("the wave is still listed after the incident took it: %s", out)
	}
}

func TestCommandLineContract(t *testing.T) {
	root := workspacetest.Root(t)
	workspacetest.Open(t, root, "Acme").Close()
	if out := must(t, root, "Acme", "alerts", "--json"); strings.TrimSpace(out) != "[]" {
		t.Fatalf("alerts --json with no mail: %q, want []", out)
	}
	must(t, root, "Acme", "playbook", "add", "--name", "Site down", "--keywords", "down,error", "--severity", "critical")
	if out := must(t, root, "Acme", "playbook", "list"); !strings.Contains(out, "Site down") || !strings.Contains(out, "critical") {
		t.Fatalf("list: %s", out)
	}
	if out := must(t, root, "Acme", "playbook", "show", "--name", "site down"); !strings.Contains(out, "Keywords [any]: down, error") {
		t.Fatalf("show: %s", out)
	}
	export := must(t, root, "Acme", "playbook", "export")
	file := filepath.Join(t.TempDir(), "pb.json")
	os.WriteFile(file, []byte(strings.Replace(export, `"critical"`, `"high"`, 1)), 0o644)
	must(t, root, "Acme", "playbook", "import", file)
	if out := must(t, root, "Acme", "playbook", "list"); !strings.Contains(out, "high") {
		t.Fatalf("import did not replace by name: %s", out)
	}
	if _, err := run(t, root, "Acme", "playbook", "add", "--name", "X", "--severity", "apocalyptic"); !errors.Is(err, cmdline.ErrUsage) {
		t.Fatalf("bad severity: %v", err)
	}
	must(t, root, "Acme", "incident", "start", "--playbook", "Site down", "--reason", "checkout fails")
	must(t, root, "Acme", "incident", "state", "identified")
	if _, err := run(t, root, "Acme", "incident", "state", "panicking"); err == nil {
		t.Fatal("an unknown state was accepted")
	}
	must(t, root, "Acme", "incident", "close", "--summary", "fixed")
	log := must(t, root, "Acme", "incident", "log")
	for _, s := range []string{"Incident started", "identified", "Incident closed: fixed"} {
		if !strings.Contains(log, s) {
			t.Fatalf("log lacks %q:\n%s", s, log)
		}
	}
	pdf := filepath.Join(t.TempDir(), "r.pdf")
	must(t, root, "Acme", "incident", "report", "--pdf", pdf)
	if b, err := os.ReadFile(pdf); err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("report --pdf: %v", err)
	}
	if _, err := run(t, root, "Acme", "incident", "frobnicate"); !errors.Is(err, cmdline.ErrUsage) {
		t.Fatalf("unknown subcommand: %v", err)
	}
}
