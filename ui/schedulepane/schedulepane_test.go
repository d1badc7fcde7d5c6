package schedulepane

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"switchboard/ui/pane"
	"switchboard/ui/pane/panetest"
	"switchboard/workspace"
	"switchboard/workspace/schedule"
)

// setup shows the pane for two workspaces (the open one in Stockholm, another in São
// Paulo) on Monday 7 December 2026, 10:00 in Stockholm; tasks run inline.
func setup(t *testing.T) (*Pane, *schedule.Store) {
	t.Helper()
	panetest.App(t)
	ctx := context.Background()
	root, err := workspace.OpenRoot(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for name, tz := range map[string]string{"Nordlys Coffee": "Europe/Stockholm", "Café Paulista": "America/Sao_Paulo"} {
		if _, err := root.Create(ctx, name, workspace.CreateOptions{TimeZone: tz}); err != nil {
			t.Fatal(err)
		}
	}
	loc, _ := time.LoadLocation("Europe/Stockholm")
	now := time.Date(2026, 12, 7, 10, 0, 0, 0, loc)
	clock := func() time.Time { return now }
	other, err := root.Open(ctx, "Café Paulista")
	if err != nil {
		t.Fatal(err)
	}
	sp := schedule.Open(other, schedule.Options{Now: clock})
	if _, err := sp.AddPost(ctx, schedule.Post{At: now.Add(2 * time.Hour), Channel: "Instagram", Text: "Pão de queijo"}); err != nil {
		t.Fatal(err)
	}
	other.Close()
	w, err := root.Open(ctx, "Nordlys Coffee")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	s := schedule.Open(w, schedule.Options{Agent: "Anna", Now: clock})
	h, _ := schedule.ParseHours("mon-fri 09:00-17:00")
	if err := s.SetHours(ctx, h); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddShift(ctx, schedule.Shift{Staff: "Anna", Weekday: time.Monday, Interval: schedule.Interval{Start: 9 * 60, End: 13 * 60}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddPost(ctx, schedule.Post{At: now.Add(3 * time.Hour), Channel: "Facebook", Text: "Julblend is back", Status: schedule.AwaitingApproval}); err != nil {
		t.Fatal(err)
	}
	p := New(WithClock(clock))
	win := test.NewTempWindow(t, p.Content())
	win.Resize(fyne.NewSize(1280, 800))
	env := pane.Env{Root: root, Workspace: w, Window: win, Agent: "Anna", Go: func(task func(context.Context)) { task(ctx) }}
	if err := p.Load(ctx, env); err != nil {
		t.Fatal(err)
	}
	return p, s
}

// texts collects every label's text under o.
func texts(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			b.WriteString(x.Text + "\n")
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			r := test.WidgetRenderer(x)
			for _, c := range r.Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return b.String()
}

func TestDayShowsTheZoneAndTheDaysItems(t *testing.T) {
	p, _ := setup(t)
	got := texts(p.dayView.content)
	for _, want := range []string{"Monday 7 December 2026", "Europe/Stockholm (CET)", "Open 09:00-17:00", "09:00–13:00", "Anna", "13:00", "Facebook: Julblend is back", "awaiting approval"} {
		if !strings.Contains(got, want) {
			t.Errorf("the day view lacks %q:\n%s", want, got)
		}
	}
}

func TestMyWeekShowsEveryClientInItsOwnZone(t *testing.T) {
	p, _ := setup(t)
	got := texts(p.my.content)
	for _, want := range []string{"Week of Mon 7 Dec 2026", "Instagram: Pão de queijo", "Facebook: Julblend is back"} {
		if !strings.Contains(got, want) {
			t.Errorf("my week lacks %q:\n%s", want, got)
		}
	}
	// São Paulo's post at 13:00 Stockholm time is 09:00 there.
	if !strings.Contains(got, "09:00") {
		t.Errorf("the other client's post is not in its own zone:\n%s", got)
	}
}

func TestCoverageEditorSavesSplitShifts(t *testing.T) {
	p, s := setup(t)
	if got := p.cov.days[time.Monday].Text; got != "09:00-17:00" {
		t.Fatalf("Monday shows %q", got)
	}
	p.cov.days[time.Monday].SetText("09:00-12:00, 13:00-17:00")
	p.cov.saveHours()
	h, err := s.Hours(context.Background())
	if err != nil || len(h[time.Monday]) != 2 {
		t.Fatalf("Monday after saving: %v %v", h[time.Monday], err)
	}
	if !strings.Contains(p.cov.status.Text, "Open now") || !strings.Contains(p.cov.status.Text, "Anna") {
		t.Errorf("status %q: want open now with Anna on shift", p.cov.status.Text)
	}
}
