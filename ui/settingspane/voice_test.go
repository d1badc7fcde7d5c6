package settingspane

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"switchboard/ui/pane"
	"switchboard/ui/pane/panetest"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/workspacetest"
)

func TestVoiceAndRulesAreSetUpInSettings(t *testing.T) {
	panetest.App(t)
	w := workspacetest.Open(t, workspacetest.Root(t), "Fjord Bikes")
	p := New(Actions{Changed: func() {}, SetAgent: func(string) {}}, nil)
	win := test.NewTempWindow(t, p.Content())
	win.Resize(fyne.NewSize(1024, 700))
	env := pane.Env{Workspace: w, Window: win, Agent: "Sofia", Go: func(task func(context.Context)) { task(context.Background()) }}
	if err := p.Load(context.Background(), env); err != nil {
		t.Fatal(err)
	}
	v := p.voice
	if v.target.Text != "240" || !strings.Contains(v.warning.Text, "friendly place") {
		t.Fatalf("a new brand shows target %q and warning %q: want the defaults to start from", v.target.Text, v.warning.Text)
	}
	v.formality.SetSelectedIndex(1) // formal
	v.avoid.SetText("unfortunately\ncheap")
	v.signature.SetText("Best regards,\n{{agent}} at {{brand}}")
	v.target.SetText("90")
	v.warning.SetText("Hello {{first_name|there}}, please keep it friendly.\n{{brand}}")
	v.try.SetText("Unfortunately the cheap one is gone")
	if !strings.Contains(strings.ToLower(v.findings.Text), "unfortunately") || !strings.Contains(v.findings.Text, "cheap") {
		t.Fatalf("tone check preview says %q, want both phrases pointed out", v.findings.Text)
	}
	test.Tap(buttonNamed(t, v.content, "Save voice and rules"))
	s := inbox.NewStore(w, inboxcore.Options{Agent: "Sofia"})
	tone, _ := s.Tone(context.Background())
	target, _ := s.ResponseTarget(context.Background())
	warn, _, _ := w.Setting(context.Background(), inbox.SettingWarnTemplate)
	if tone.Formality != "formal" || len(tone.Avoid) != 2 || !strings.Contains(tone.Signature, "Best regards") ||
		target != 90*time.Minute || !strings.Contains(warn, "keep it friendly") {
		t.Fatalf("saved tone %+v, target %v, warning %q", tone, target, warn)
	}
	v.newLabel.SetText("Wholesale")
	v.newLabel.OnSubmitted("Wholesale")
	v.newStaff.OnSubmitted("Erik Berg")
	labels, _ := s.Labels(context.Background())
	staff, _ := s.StaffList(context.Background())
	// Sofia is on the staff too: her first change (the save) signed the journal as her.
	hasErik := slices.ContainsFunc(staff, func(st inbox.Staff) bool { return st.Name == "Erik Berg" })
	if len(labels) != 1 || labels[0].Name != "Wholesale" || !hasErik {
		t.Fatalf("labels %+v, staff %+v after adding one of each", labels, staff)
	}
	if len(v.labels.Objects) != 1 || len(v.staff.Objects) != len(staff) {
		t.Fatalf("the section lists %d labels and %d staff, want 1 and %d", len(v.labels.Objects), len(v.staff.Objects), len(staff))
	}
}

func buttonNamed(t *testing.T, o fyne.CanvasObject, text string) fyne.Tappable {
	t.Helper()
	var found fyne.Tappable
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case fyne.Widget:
			if b, ok := w.(*widget.Button); ok && b.Text == text {
				found = b
			}
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}
