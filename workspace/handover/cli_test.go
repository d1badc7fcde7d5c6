package handover_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"switchboard/accounts/demotest"
	"switchboard/workspace"
	"switchboard/workspace/clientpkg"
	"switchboard/workspace/cmdline"
	"switchboard/workspace/crosscopy"
	"switchboard/workspace/handover"
)

// sb runs the handover, export, import and copy commands as the command line does.
func sb(t *testing.T, root *workspace.Root, ws string, args ...string) (string, string, error) {
	t.Helper()
	reg := cmdline.NewRegistry(handover.Commands(), clientpkg.Commands(nil), crosscopy.Commands())
	var out, errOut bytes.Buffer
	err := reg.Run(context.Background(), &cmdline.Env{Root: root, WorkspaceRef: ws, Stdout: &out, Stderr: &errOut}, args)
	return out.String(), errOut.String(), err
}

// The demo, made offline as a new user makes it, hands over a shift with something in
// every part that matters: Anna's note, who waits, what is promised, what happened.
func TestDemoShiftNoteIsMeaningfulOffline(t *testing.T) {
	root, w := demotest.Open(t)
	name := w.Info().Name
	if err := root.SaveConfig(workspace.Config{AgentName: "Anna Lind"}); err != nil {
		t.Fatal(err)
	}
	w.Close() // the command opens it, as from a terminal
	out, _, err := sb(t, root, name, "handover")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Shift note: Nordlys Coffee (demo)", "handed over by Anna Lind", "Batch NC-2611",
		"## Waiting for an answer", "overdue", "### Within 24 hours", "scheduled reply goes out", "## Incidents", "Gary Whitfield"} {
		if !strings.Contains(out, want) {
			t.Errorf("the demo's shift note lacks %q:\n%s", want, out)
		}
	}
	// "Since the start of my shift": Anna's first change, seven hours ago, less a margin.
	if !strings.Contains(out, "## At a glance") || strings.Contains(out, "No handover notes") {
		t.Errorf("the demo's shift does not start with Anna's changes:\n%s", out[:min(len(out), 600)])
	}
}

func TestHandoverCommand(t *testing.T) {
	root, w := demotest.Open(t)
	name := w.Info().Name
	w.Close()
	dir := t.TempDir()

	if _, _, err := sb(t, root, name, "handover", "note", "Call Mikkel back at 10."); err != nil {
		t.Fatal(err)
	}
	notes, _, err := sb(t, root, name, "handover", "notes", "--json")
	if err != nil || !strings.Contains(notes, "Call Mikkel back at 10.") {
		t.Fatalf("notes --json: %s %v", notes, err)
	}
	for _, f := range []struct{ file, starts string }{{"note.md", "# Shift note"}, {"note.html", "<!DOCTYPE html>"}, {"note.pdf", "%PDF-"}} {
		path := filepath.Join(dir, f.file)
		if _, _, err := sb(t, root, name, "handover", "--since", "8h", "-o", path); err != nil {
			t.Fatalf("-o %s: %v", f.file, err)
		}
		b, err := os.ReadFile(path)
		if err != nil || !bytes.HasPrefix(b, []byte(f.starts)) {
			t.Errorf("%s starts %q (%v): the format follows the extension", f.file, b[:min(len(b), 20)], err)
		}
	}
	red, _, err := sb(t, root, name, "handover", "--since", "3d", "--redact", "--format", "md")
	if err != nil || strings.Contains(red, "gary.whitfield@") || strings.Contains(red, "Gary Whitfield") || !strings.Contains(red, "G. W.") {
		t.Errorf("--redact kept a name or an address (%v):\n%s", err, red)
	}
	js, _, err := sb(t, root, name, "handover", "--json", "--since", "3d")
	if err != nil || !strings.Contains(js, `"id": "unanswered"`) || !strings.Contains(js, `"urgent": true`) {
		t.Errorf("--json (%v):\n%.400s", err, js)
	}
	html, _, err := sb(t, root, name, "handover", "--format", "html", "--since", "2026-01-01 09:00")
	if err != nil || !strings.Contains(html, "&lt;") || strings.Contains(html, "<gary") {
		t.Errorf("HTML does not escape customers' text (%v)", err)
	}
	for _, args := range [][]string{
		{"handover", "--format", "doc"},
		{"handover", "--since", "yesterday-ish"},
		{"handover", "--format", "pdf"}, // a PDF needs -o
		{"handover", "note"},
		{"handover", "surprise"},
		{"export"},
		{"import"},
		{"copy", "--from", name, "faq", "x"},
	} {
		if _, _, err := sb(t, root, name, args...); !errors.Is(err, cmdline.ErrUsage) {
			t.Errorf("switchboard %s: %v, want a usage error (exit 2)", strings.Join(args, " "), err)
		}
	}

	pkg := filepath.Join(dir, "demo.zip")
	out, _, err := sb(t, root, name, "export", "-o", pkg)
	if err != nil || !strings.Contains(out, "no passwords") {
		t.Fatalf("export: %s %v", out, err)
	}
	if _, _, err := sb(t, root, "", "import", pkg); !errors.Is(err, workspace.ErrExists) {
		t.Errorf("importing under a name already here: %v, want ErrExists asking for --name", err)
	}
	out, _, err = sb(t, root, "", "import", pkg, "--name", "Nordlys (agency copy)")
	if err != nil || !strings.Contains(out, "passwords") {
		t.Fatalf("import: %s %v", out, err)
	}
	if _, err := root.Find(context.Background(), "Nordlys (agency copy)"); err != nil {
		t.Error(err)
	}
}
