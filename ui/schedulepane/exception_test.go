package schedulepane

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace/schedule"
)

// button finds the first button labelled text under o.
func button(o fyne.CanvasObject, text string) *widget.Button {
	switch x := o.(type) {
	case *widget.Button:
		if x.Text == text {
			return x
		}
	case *fyne.Container:
		for _, c := range x.Objects {
			if b := button(c, text); b != nil {
				return b
			}
		}
	}
	return nil
}

func TestShiftExceptionFromTheCoverageEditor(t *testing.T) {
	p, s := setup(t)
	ctx := context.Background()
	// Erik is on a Tuesday shift, so he is someone who can cover Anna's Monday.
	if _, err := s.AddShift(ctx, schedule.Shift{Staff: "Erik", Weekday: time.Tuesday, Interval: schedule.Interval{Start: 9 * 60, End: 13 * 60}}); err != nil {
		t.Fatal(err)
	}
	if err := p.Load(ctx, p.env); err != nil {
		t.Fatal(err)
	}
	open := button(p.cov.shifts, "Exception…")
	if open == nil {
		t.Fatalf("no Exception… button in the shift list:\n%s", texts(p.cov.shifts))
	}
	test.Tap(open) // Anna's Monday shift comes first
	e := p.cov.exception
	if e == nil || !slices.Contains(e.cover.Options, "Erik") {
		t.Fatalf("the dialog does not offer Erik: %v", e)
	}
	if got := e.day.Text; got != "2026-12-07" {
		t.Errorf("the day proposed is %q, want the next Monday 2026-12-07", got)
	}
	if !strings.Contains(texts(p.env.Window.Canvas().Overlays().Top()), "Europe/Stockholm (CET)") {
		t.Error("the dialog does not show the workspace's zone")
	}

	// Mistakes stay in the dialog, which stays open with what was typed.
	for day, want := range map[string]string{"14 Dec": "is not a day like", "2026-12-15": "this shift is on Monday"} {
		e.day.SetText(day)
		test.Tap(e.save)
		if !strings.Contains(e.err.Text, want) {
			t.Errorf("%q: the dialog says %q, want %q", day, e.err.Text, want)
		}
		if p.env.Window.Canvas().Overlays().Top() == nil {
			t.Fatalf("%q: the dialog closed on an error", day)
		}
	}

	e.day.SetText("2026-12-14")
	e.cover.SetSelected("Erik")
	test.Tap(e.save)
	if top := p.env.Window.Canvas().Overlays().Top(); top != nil {
		t.Errorf("the dialog stayed open after saving: %s", texts(top))
	}
	shifts, err := s.Shifts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := shifts[0].Exceptions["2026-12-14"]; shifts[0].Staff != "Anna" || got != "Erik" {
		t.Errorf("the store has %v for %s's shift, want Erik on 2026-12-14", shifts[0].Exceptions, shifts[0].Staff)
	}
	if !strings.Contains(texts(p.cov.shifts), "2026-12-14: Erik") {
		t.Errorf("the shift list does not show the exception:\n%s", texts(p.cov.shifts))
	}
}
