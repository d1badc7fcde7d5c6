package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

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

// A new wave while the window is behind others becomes a desktop notification, once; in
// front, the strip is enough.
func TestANewWaveNotifiesOnlyInTheBackground(t *testing.T) {
	root, _ := newRoot(t, "Acme Outdoor")
	s, _ := startShell(t, root, Options{})
	wave := crisisBanner{warning: "Early warning: 8 similar customer messages at once — see Crisis", waveKey: "acme/1"}
	s.lastWave = "acme/0" // a wave was already seen this session
	s.front.in.Store(false)
	test.AssertNotificationSent(t, fyne.NewNotification("Early warning", wave.warning), func() { s.showCrisisBanner(wave) })
	test.AssertNotificationSent(t, nil, func() { s.showCrisisBanner(wave) }) // the same wave: not again
	s.front.in.Store(true)
	test.AssertNotificationSent(t, nil, func() { s.showCrisisBanner(crisisBanner{warning: wave.warning, waveKey: "acme/2"}) })
	if !s.band.crisis.Visible() || !strings.Contains(s.band.crisisText.Text, "8 similar") {
		t.Fatal("the strip does not show the wave")
	}
}
