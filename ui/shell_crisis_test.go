package ui

import (
	"context"
	"strings"
	"testing"

	"switchboard/workspace/crisis"
)

// The incident shows across the window for its workspace only, whatever pane is open.
func TestIncidentStripShowsForItsWorkspaceOnly(t *testing.T) {
	root, ws := newRoot(t, "Acme Outdoor", "Bettany Books")
	ctx := context.Background()
	w, err := root.Open(ctx, ws[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	st := crisis.NewStore(w, crisis.Options{Agent: "Anna"})
	if _, err := st.SavePlaybook(ctx, crisis.Playbook{Name: "Site down", Severity: "critical"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.StartIncident(ctx, crisis.Start{Playbook: "Site down", Reason: "checkout fails"}); err != nil {
		t.Fatal(err)
	}
	w.Close()

	s, _ := startShell(t, root, Options{Workspace: ws[0].ID, Pane: "inbox"})
	if !s.band.crisis.Visible() || !strings.Contains(s.band.crisisText.Text, "Site down") ||
		!strings.Contains(s.band.crisisText.Text, "scheduled sends paused") {
		t.Fatalf("strip %v %q, want the incident", s.band.crisis.Visible(), s.band.crisisText.Text)
	}
	s.switcher.list.Select(1)
	s.work.wait()
	if s.band.crisis.Visible() {
		t.Fatalf("Bettany Books shows Acme's incident: %q", s.band.crisisText.Text)
	}
}
