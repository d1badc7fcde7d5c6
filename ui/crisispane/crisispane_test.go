package crisispane

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"switchboard/accounts/demotest"
	"switchboard/ui/pane"
	"switchboard/ui/pane/panetest"
	"switchboard/workspace/crisis"
	"switchboard/workspace/pause"
)

// find is the first object under o of type T that matches.
func find[T fyne.CanvasObject](o fyne.CanvasObject, match func(T) bool) T {
	var zero T
	if x, ok := o.(T); ok && match(x) {
		return x
	}
	var kids []fyne.CanvasObject
	switch x := o.(type) {
	case *fyne.Container:
		kids = x.Objects
	case fyne.Widget:
		kids = test.WidgetRenderer(x).Objects()
	}
	for _, k := range kids {
		if f := find(k, match); any(f) != any(zero) {
			return f
		}
	}
	return zero
}

func button(o fyne.CanvasObject, prefix string) *widget.Button {
	return find(o, func(b *widget.Button) bool { return strings.HasPrefix(b.Text, prefix) })
}

func labelWith(o fyne.CanvasObject, part string) *widget.Label {
	return find(o, func(l *widget.Label) bool { return strings.Contains(l.Text, part) })
}

// From the demo's warning to a worked incident, as a user clicks through it.
func TestWarningToIncidentThroughThePane(t *testing.T) {
	panetest.App(t)
	ctx := context.Background()
	root, w := demotest.Open(t)
	changed := 0
	p := New(WithChanged(func() { changed++ }))
	win := test.NewTempWindow(t, p.Content())
	win.Resize(fyne.NewSize(1200, 800))
	env := pane.Env{Root: root, Workspace: w, Window: win, Agent: "Sofie Holm", Go: func(task func(context.Context)) { task(ctx) }}
	if err := p.Load(ctx, env); err != nil {
		t.Fatal(err)
	}
	if labelWith(p.Content(), "tom.hughes@example.net") == nil {
		t.Fatal("the warning's group is not shown")
	}
	start := button(p.Content(), "Start “Quality problem with a roast batch”")
	if start == nil {
		t.Fatal("no one-click start from the warning with the suggested playbook")
	}
	test.Tap(start)
	form := win.Canvas().Overlays().Top()
	if form == nil || labelWith(form, "7 conversations will be linked") == nil {
		t.Fatal("the confirmation does not say what will be linked")
	}
	confirm := button(form, "Start incident")
	test.Tap(confirm) // no reason yet: the form refuses
	if _, open, _ := crisis.ActiveIncident(ctx, w); open {
		t.Fatal("started without a reason")
	}
	reason := find(form, func(e *widget.Entry) bool { return e.PlaceHolder != "" && strings.HasPrefix(e.PlaceHolder, "Why now") })
	test.Type(reason, "seven bitter bags of NC-2611")
	test.Tap(confirm)

	inc, open, err := crisis.ActiveIncident(ctx, w)
	if err != nil || !open || len(inc.Links) != 7 || inc.Reason != "seven bitter bags of NC-2611" {
		t.Fatalf("incident: %+v %v %v", inc, open, err)
	}
	if _, on, _ := pause.Active(ctx, w.DB().Read()); !on {
		t.Fatal("scheduled work not paused")
	}
	if changed == 0 {
		t.Fatal("the shell was not told to redraw the banner")
	}
	if labelWith(p.Content(), "0 of 6 steps done") != nil || find(p.Content(), func(b *widget.ProgressBar) bool { return true }) == nil {
		t.Fatal("no checklist progress in the incident view")
	}
	check := find(p.Content(), func(c *widget.Check) bool { return !c.Checked })
	test.TapAt(check, fyne.NewPos(check.Size().Width/2, check.Size().Height/2)) // where the box is drawn
	if inc, _, _ := crisis.ActiveIncident(ctx, w); !inc.Steps[0].Done() {
		t.Fatal("ticking the first step did not record it")
	}
	if labelWith(p.Content(), "Step 1 done") == nil {
		t.Fatal("the timeline does not show the step")
	}
	if labelWith(p.Content(), "Ingrid Solberg") == nil {
		t.Fatal("escalation contacts are not shown")
	}
}
