package crisis_test

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

	"switchboard/workspace"
	"switchboard/workspace/cmdline"
	"switchboard/workspace/crisis"
	"switchboard/workspace/journal"
	"switchboard/workspace/workspacetest"
)

func runCLI(root *workspace.Root, ws string, args ...string) (string, error) {
	reg := cmdline.NewRegistry(crisis.Commands())
	var out, errOut bytes.Buffer
	err := reg.Run(context.Background(), &cmdline.Env{Root: root, WorkspaceRef: ws, Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut}, args)
	return out.String(), err
}

// Everything the editor writes can be written by command, one change at a time, each
// validated and journaled like a Save in the window.
func TestPlaybookEditedPieceByPieceByCommand(t *testing.T) {
	root := workspacetest.Root(t)
	workspacetest.Open(t, root, "Fjäll Outdoor").Close() // the commands open it themselves
	ws := "Fjäll Outdoor"
	must := func(args ...string) string {
		t.Helper()
		out, err := runCLI(root, ws, args...)
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		return out
	}
	svFile := filepath.Join(t.TempDir(), "sv.txt")
	if err := os.WriteFile(svFile, []byte("Hej {{first_name|där}},\nvi undersöker det nu."), 0o644); err != nil {
		t.Fatal(err)
	}
	changes := []([]string){
		{"playbook", "add", "--name", "Site down", "--severity", "high"},
		{"playbook", "edit", "--name", "Site down", "--lang", "en", "--keywords", "down, 502", "--description", "The shop does not load",
			"--holding", "Hi {{first_name|there}}, the shop is down and we are on it."},
		{"playbook", "edit", "--name", "Site down", "--lang", "sv", "--keywords", "nere", "--holding-file", svFile},
		{"playbook", "edit", "--name", "Site down", "--lang", "nb", "--keywords", "nede"},
		{"playbook", "step", "add", "--name", "Site down", "--text", "Check the status page", "--owner", "Community manager"},
		{"playbook", "step", "add", "--name", "Site down", "--text", "Call the web agency", "--owner", "Account lead"},
		{"playbook", "step", "add", "--name", "Site down", "--text", "Post on social media"},
		{"playbook", "step", "move", "--name", "Site down", "3", "up"},        // status, post, call
		{"playbook", "step", "move", "--name", "Site down", "1", "--to", "3"}, // post, call, status
		{"playbook", "step", "set", "--name", "Site down", "1", "--owner", "Social lead"},
		{"playbook", "step", "add", "--name", "Site down", "--text", "Tell the client", "--at", "1"}, // tell, post, call, status
		{"playbook", "step", "remove", "--name", "Site down", "4"},
		{"playbook", "answer", "add", "--name", "Site down", "--lang", "en", "--question", "Was my card charged?", "--answer", "No, {{first_name|}}."},
		{"playbook", "answer", "set", "--name", "Site down", "1", "--question", "Was my card charged twice?"},
		{"playbook", "contact", "add", "--name", "Site down", "--contact", "Ola Nordmann", "--role", "Web agency", "--phone", "+47 22 00 00 00"},
		{"playbook", "contact", "set", "--name", "Site down", "1", "--email", "ola@agency.example"},
		{"playbook", "edit", "--name", "Site down", "--review-date", "2099-06-01", "--remove-lang", "nb"},
		{"playbook", "edit", "--name", "Site down", "--rename", "Shop down", "--severity", "critical"},
	}
	for _, c := range changes {
		must(c...)
	}
	var list []crisis.Playbook
	if err := json.Unmarshal([]byte(must("playbook", "export", "--name", "Shop down")), &list); err != nil || len(list) != 1 {
		t.Fatalf("export: %v %d", err, len(list))
	}
	p := list[0]
	stockholm, _ := time.LoadLocation("Europe/Stockholm")
	if p.Severity != "critical" || p.ReviewBy.In(stockholm).Format("2006-01-02 15:04") != "2099-06-01 00:00" {
		t.Errorf("severity %q review %v", p.Severity, p.ReviewBy)
	}
	if got := strings.Join(p.Languages(), ","); got != "en,sv" {
		t.Errorf("languages %s, want en,sv (nb removed)", got)
	}
	if h, _ := p.HoldingFor("sv"); !strings.HasPrefix(h.Text, "Hej {{first_name|där}},\nvi") {
		t.Errorf("Swedish holding statement from the file: %q", h.Text)
	}
	var steps []string
	for _, s := range p.Steps {
		steps = append(steps, s.Text+"/"+s.Owner)
	}
	if got := strings.Join(steps, "; "); got != "Tell the client/; Post on social media/Social lead; Call the web agency/Account lead" {
		t.Errorf("steps: %s", got)
	}
	if len(p.Answers) != 1 || p.Answers[0].Question != "Was my card charged twice?" || p.Answers[0].Lang != "en" {
		t.Errorf("answers: %+v", p.Answers)
	}
	if len(p.Contacts) != 1 || p.Contacts[0].Email != "ola@agency.example" || p.Contacts[0].Phone != "+47 22 00 00 00" {
		t.Errorf("contacts: %+v", p.Contacts)
	}
	if show := must("playbook", "show", "--name", "Shop down"); !strings.Contains(show, "1. Q [en]: Was my card charged twice?") ||
		!strings.Contains(show, "1. Ola Nordmann, Web agency") || !strings.Contains(show, "Review by 2099-06-01") {
		t.Errorf("show does not number answers and contacts or lacks the review date:\n%s", show)
	}

	// refused changes leave the playbook as it was and say why
	before := must("playbook", "export", "--name", "Shop down")
	for _, c := range []struct {
		args  []string
		usage bool
		says  string
	}{
		{[]string{"edit", "--lang", "en", "--holding", "Hi {{frist_name}}"}, false, "did you mean {{first_name}}"},
		{[]string{"contact", "add", "--contact", "Nobody"}, false, "needs a phone number or an email address"},
		{[]string{"edit", "--review-date", "next week"}, true, "is not a date"},
		{[]string{"step", "remove", "9"}, true, "the playbook has 3"},
		{[]string{"step", "move", "1", "sideways"}, true, "up, down or --to"},
		{[]string{"edit", "--lang", "en"}, true, "needs something to change"},
		{[]string{"step", "add"}, true, "needs --text"},
	} {
		args := append([]string{"playbook", c.args[0]}, c.args[1:]...)
		args = append(args, "--name", "Shop down")
		_, err := runCLI(root, ws, args...)
		if err == nil || errors.Is(err, cmdline.ErrUsage) != c.usage || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%v: %v (usage error: %v), want one saying %q", c.args, err, errors.Is(err, cmdline.ErrUsage), c.says)
		}
	}
	if after := must("playbook", "export", "--name", "Shop down"); after != before {
		t.Error("a refused change altered the playbook")
	}

	w, err := root.Open(context.Background(), ws)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	entries, err := journal.List(context.Background(), w.DB().Read(), journal.Filter{Object: p.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(changes) || entries[0].Kind != "playbook.create" || entries[len(entries)-1].Kind != "playbook.update" {
		t.Fatalf("%d journal entries for %d changes", len(entries), len(changes))
	}
	// each update says what it changed
	for i, want := range map[int]string{
		1:  "descriptions,keywords,holding", // edit --lang en
		7:  "steps",                         // step move
		16: "review_by,keywords",            // --review-date, --remove-lang nb
		17: "name,severity",                 // --rename, --severity
	} {
		var data struct{ Changed []string }
		if err := json.Unmarshal(entries[i].Data, &data); err != nil || strings.Join(data.Changed, ",") != want {
			t.Errorf("%v: journaled as changing %v, want %s (%v)", changes[i][1:4], data.Changed, want, err)
		}
	}
}
