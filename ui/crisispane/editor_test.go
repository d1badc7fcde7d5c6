package crisispane

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"switchboard/ui/pane"
	"switchboard/ui/pane/panetest"
	"switchboard/workspace"
	"switchboard/workspace/crisis"
	"switchboard/workspace/journal"
	"switchboard/workspace/workspacetest"
)

// editorSetup shows the pane for an empty brand that answers in English and Swedish.
func editorSetup(t *testing.T) (*Pane, fyne.Window, *workspace.Workspace, pane.Env) {
	t.Helper()
	panetest.App(t)
	ctx := context.Background()
	root := workspacetest.Root(t)
	w := workspacetest.Open(t, root, "Fjäll Outdoor")
	if err := w.SetSetting(ctx, crisis.BrandLanguagesSetting, "en, sv"); err != nil {
		t.Fatal(err)
	}
	p := New()
	win := test.NewTempWindow(t, p.Content())
	win.Resize(fyne.NewSize(1280, 800))
	env := pane.Env{Root: root, Workspace: w, Window: win, Agent: "Sofie Holm", Go: func(task func(context.Context)) { task(ctx) }}
	if err := p.Load(ctx, env); err != nil {
		t.Fatal(err)
	}
	return p, win, w, env
}

var ctrlS = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierControl}

func typeIn(f *editField, s string) {
	f.SetText("")
	test.Type(f, s)
}

func visibleText(l *widget.Label) string {
	if !l.Visible() {
		return ""
	}
	return l.Text
}

// A whole playbook written in the window: two languages, three steps reordered, a holding
// statement whose typo is shown and then fixed, a prepared answer and a contact; saved,
// reopened, and everything is there.
func TestWriteAWholePlaybookInTheEditor(t *testing.T) {
	p, win, w, _ := editorSetup(t)
	ctx := context.Background()
	test.Tap(button(p.Content(), "New playbook"))
	e := p.editor
	if e == nil || len(e.langs) != 1 || e.langs[0].code != "en" {
		t.Fatalf("a new playbook should open in the brand's first language: %+v", e)
	}
	if win.Canvas().Focused() != e.name {
		t.Error("the name field does not have the focus in a new playbook")
	}
	typeIn(e.name, "Storm damage to deliveries")
	e.severity.SetSelected("high")
	e.addLang.SetText("sv")
	test.Tap(button(e.content, "Add language"))
	if len(e.langs) != 2 || e.langs[1].code != "sv" {
		t.Fatalf("languages after adding sv: %d", len(e.langs))
	}
	en, sv := e.langs[0], e.langs[1]
	typeIn(en.desc, "Parcels arrive soaked after a storm.")
	typeIn(en.keywords, "wet, soaked, damaged")
	typeIn(en.holding, "Hi {{frist_name}}, we are looking into the damaged parcels.")
	if msg := visibleText(en.holdingProblem); !strings.Contains(msg, "did you mean {{first_name}}") {
		t.Fatalf("the typo in the holding statement is not shown while typing: %q", msg)
	}
	typeIn(sv.desc, "Paket kommer fram blöta efter en storm.")
	typeIn(sv.keywords, "blöt, skadad")
	typeIn(sv.holding, "Hej {{first_name|där}}, vi undersöker de skadade paketen.")

	for _, s := range []crisis.Step{{Text: "Ask for photos of the parcel", Owner: "Community manager"},
		{Text: "Call the carrier", Owner: "Account lead"}, {Text: "Tell the client", Owner: "Account lead"}} {
		test.Tap(button(e.content, "Add step"))
		r := e.steps[len(e.steps)-1]
		if win.Canvas().Focused() != r.text {
			t.Error("a new step does not get the focus")
		}
		typeIn(r.text, s.Text)
		typeIn(r.role, s.Owner)
	}
	// "Tell the client" goes before "Call the carrier"
	test.Tap(e.steps[2].up)
	if e.steps[1].text.Text != "Tell the client" || e.steps[1].num.Text != "2." || !e.steps[0].up.Disabled() || !e.steps[2].down.Disabled() {
		t.Fatalf("moving step 3 up: %q %q", e.steps[1].text.Text, e.steps[1].num.Text)
	}
	test.Tap(button(e.content, "Add question"))
	q := e.answers[0]
	q.language.SetSelected("Swedish (sv)")
	typeIn(q.question, "Får jag pengarna tillbaka?")
	typeIn(q.answer, "Ja, {{first_name|}}: vi ersätter allt som skadats.")
	test.Tap(button(e.content, "Add contact"))
	c := e.contacts[0]
	typeIn(c.name, "Ingrid Berg")
	typeIn(c.role, "Logistics lead")
	typeIn(c.phone, "+46 70 123 45 67")
	typeIn(c.email, "ingrid@fjall.example")
	review := time.Now().AddDate(0, 3, 0).Format(crisis.ReviewDateLayout)
	typeIn(e.review, review)

	// Ctrl+S with the typo still there: nothing saved, the message stays by the field
	e.review.TypedShortcut(ctrlS)
	if p.editor == nil || !en.holdingProblem.Visible() || !strings.Contains(visibleText(e.problems["save"]), "Not saved") {
		t.Fatal("a holding statement with an unknown variable was saved, or the problem was not shown")
	}
	if list, _ := crisis.NewStore(w, crisis.Options{}).Playbooks(ctx); len(list) != 0 {
		t.Fatalf("saved despite the typo: %d playbooks", len(list))
	}
	typeIn(en.holding, "Hi {{first_name|there}},\nwe are looking into the damaged parcels.")
	if en.holdingProblem.Visible() {
		t.Fatalf("the fixed holding statement still shows %q", en.holdingProblem.Text)
	}
	e.severity.TypedShortcut(ctrlS) // from the drop-down as from any field
	if p.editor != nil {
		t.Fatalf("not saved: %q %q", visibleText(e.problems["save"]), visibleText(e.problems["name"]))
	}

	st := crisis.NewStore(w, crisis.Options{})
	pb, err := st.Playbook(ctx, "Storm damage to deliveries")
	if err != nil {
		t.Fatal(err)
	}
	if evs, _ := journal.List(ctx, w.DB().Read(), journal.Filter{Object: pb.ID}); len(evs) != 1 || evs[0].Kind != "playbook.create" {
		t.Errorf("the save is not journaled: %+v", evs)
	}
	if labelWith(p.Content(), "Storm damage to deliveries") == nil || button(p.Content(), "Edit") == nil {
		t.Fatal("after saving, the pane does not show the playbook")
	}

	// reopen: everything typed is there, in order
	test.Tap(button(p.Content(), "Edit"))
	e = p.editor
	if e == nil {
		t.Fatal("Edit did not open the editor")
	}
	if e.name.Text != "Storm damage to deliveries" || e.severity.Selected != "high" || e.review.Text != review {
		t.Errorf("reopened: name %q severity %q review %q", e.name.Text, e.severity.Selected, e.review.Text)
	}
	if len(e.langs) != 2 {
		t.Fatalf("reopened with %d languages", len(e.langs))
	}
	en, sv = e.langs[0], e.langs[1]
	if en.code != "en" || en.desc.Text != "Parcels arrive soaked after a storm." || en.keywords.Text != "wet, soaked, damaged" ||
		en.holding.Text != "Hi {{first_name|there}},\nwe are looking into the damaged parcels." {
		t.Errorf("English reopened: %q %q %q", en.desc.Text, en.keywords.Text, en.holding.Text)
	}
	if sv.code != "sv" || sv.keywords.Text != "blöt, skadad" || !strings.HasPrefix(sv.holding.Text, "Hej {{first_name|där}}") {
		t.Errorf("Swedish reopened: %q %q", sv.keywords.Text, sv.holding.Text)
	}
	var steps []string
	for _, r := range e.steps {
		steps = append(steps, r.text.Text+" / "+r.role.Text)
	}
	if got := strings.Join(steps, "; "); got != "Ask for photos of the parcel / Community manager; Tell the client / Account lead; Call the carrier / Account lead" {
		t.Errorf("steps reopened: %s", got)
	}
	if len(e.answers) != 1 || e.answers[0].selectedLang() != "sv" || e.answers[0].question.Text != "Får jag pengarna tillbaka?" {
		t.Errorf("prepared answers reopened: %d", len(e.answers))
	}
	if len(e.contacts) != 1 || e.contacts[0].email.Text != "ingrid@fjall.example" || e.contacts[0].phone.Text != "+46 70 123 45 67" {
		t.Errorf("contacts reopened: %d", len(e.contacts))
	}
	// nothing changed: Cancel closes without asking
	test.Tap(button(e.content, "Cancel"))
	if p.editor != nil || win.Canvas().Overlays().Top() != nil {
		t.Error("Cancel without changes asked or did not close")
	}
}

// Cancel (and Escape) with something typed asks first; keeping on editing keeps the text,
// discarding leaves the stored playbook as it was.
func TestCancelWithUnsavedChangesAsks(t *testing.T) {
	p, win, w, _ := editorSetup(t)
	ctx := context.Background()
	st := crisis.NewStore(w, crisis.Options{Agent: "Sofie Holm"})
	if _, err := st.SavePlaybook(ctx, crisis.Playbook{Name: "Site down", Severity: "critical",
		Steps: []crisis.Step{{Text: "Check the status page"}}}); err != nil {
		t.Fatal(err)
	}
	if err := p.Load(ctx, p.env); err != nil {
		t.Fatal(err)
	}
	test.Tap(button(p.Content(), "Edit"))
	e := p.editor
	typeIn(e.steps[0].text, "Check the status page and the shop")
	test.Tap(button(e.content, "Cancel"))
	ask := win.Canvas().Overlays().Top()
	if ask == nil || labelWith(ask, "did not save it") == nil {
		t.Fatal("Cancel with unsaved changes did not ask")
	}
	test.Tap(button(ask, "Keep editing"))
	if p.editor != e || e.steps[0].text.Text != "Check the status page and the shop" {
		t.Fatal("keeping on editing lost the edit")
	}
	// a reload under the editor (new mail, the pane shown again) keeps it too
	if err := p.Load(ctx, p.env); err != nil {
		t.Fatal(err)
	}
	if p.editor != e || find(p.Content(), func(f *editField) bool { return f == e.steps[0].text }) == nil {
		t.Fatal("reloading the pane replaced the editor")
	}
	e.steps[0].text.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	ask = win.Canvas().Overlays().Top()
	if ask == nil || button(ask, "Discard") == nil {
		t.Fatal("Escape with unsaved changes did not ask")
	}
	test.Tap(button(ask, "Discard"))
	if p.editor != nil {
		t.Fatal("discarding did not close the editor")
	}
	if pb, _ := st.Playbook(ctx, "Site down"); pb.Steps[0].Text != "Check the status page" {
		t.Errorf("discarded text was saved: %q", pb.Steps[0].Text)
	}
}

// Tab leaves a multi-line field for the next one instead of typing a tab character.
func TestTabMovesOnFromMultiLineFields(t *testing.T) {
	p, win, _, _ := editorSetup(t)
	test.Tap(button(p.Content(), "New playbook"))
	e := p.editor
	h := e.langs[0].holding
	if h.AcceptsTab() || e.langs[0].desc.AcceptsTab() {
		t.Fatal("a multi-line field takes Tab as a character")
	}
	win.Canvas().Focus(h)
	win.Canvas().FocusNext()
	if f := win.Canvas().Focused(); f == h || f == nil {
		t.Fatalf("Tab from the holding statement went to %T", f)
	}
	// a field reached by Tab below the fold is scrolled into view
	win.Resize(fyne.NewSize(1024, 700))
	for range 8 {
		test.Tap(button(e.content, "Add step"))
	}
	e.scroll.ScrollToTop()
	last := e.steps[len(e.steps)-1].role
	win.Canvas().Focus(e.steps[len(e.steps)-1].text)
	win.Canvas().FocusNext()
	if win.Canvas().Focused() != last || e.scroll.Offset.Y == 0 {
		t.Fatalf("Tab to the last step's owner left the form at offset %v", e.scroll.Offset.Y)
	}
	d := fyne.CurrentApp().Driver()
	y := d.AbsolutePositionForObject(last).Y - d.AbsolutePositionForObject(e.scroll).Y
	if y < 0 || y+last.Size().Height > e.scroll.Size().Height {
		t.Errorf("the focused field is at %v in a view %v high", y, e.scroll.Size().Height)
	}
}

// Saving refuses what the store refuses, next to the field: a second playbook with the
// same name, a contact without a way to reach them; deleting asks first.
func TestStoreProblemsShowNextToTheirFieldsAndDeleteAsks(t *testing.T) {
	p, win, w, _ := editorSetup(t)
	ctx := context.Background()
	st := crisis.NewStore(w, crisis.Options{Agent: "Sofie Holm"})
	if _, err := st.SavePlaybook(ctx, crisis.Playbook{Name: "Site down"}); err != nil {
		t.Fatal(err)
	}
	if err := p.Load(ctx, p.env); err != nil {
		t.Fatal(err)
	}
	test.Tap(button(p.Content(), "New playbook"))
	e := p.editor
	typeIn(e.name, "site down")
	test.Tap(button(e.content, "Add contact"))
	typeIn(e.contacts[0].name, "Ola Nordmann")
	test.Tap(button(e.content, "Save"))
	if !strings.Contains(visibleText(e.problems["name"]), "Another playbook is called") {
		t.Errorf("name problem: %q", visibleText(e.problems["name"]))
	}
	if !strings.Contains(visibleText(e.contacts[0].problem), "needs a phone number or an email address") {
		t.Errorf("contact problem: %q", visibleText(e.contacts[0].problem))
	}
	typeIn(e.review, "next tuesday")
	test.Tap(button(e.content, "Save"))
	if !strings.Contains(visibleText(e.problems["review"]), "Write the date as") {
		t.Errorf("review date problem: %q", visibleText(e.problems["review"]))
	}
	if p.editor != e {
		t.Fatal("the editor closed on a refused save")
	}
	test.Tap(button(e.content, "Cancel"))
	test.Tap(button(win.Canvas().Overlays().Top(), "Discard"))

	test.Tap(button(p.Content(), "Edit"))
	test.Tap(button(p.editor.content, "Delete"))
	ask := win.Canvas().Overlays().Top()
	if ask == nil || labelWith(ask, "Delete the playbook “Site down”") == nil {
		t.Fatal("Delete did not ask")
	}
	test.Tap(button(ask, "Delete"))
	if list, _ := st.Playbooks(ctx); len(list) != 0 || p.editor != nil {
		t.Fatalf("after deleting: %d playbooks, editor open %v", len(list), p.editor != nil)
	}
}

// Switching workspace with an edit open: the other workspace never shows it, and coming
// back brings it back with what was typed.
func TestAnEditInProgressStaysWithItsWorkspace(t *testing.T) {
	p, _, w, env := editorSetup(t)
	ctx := context.Background()
	other := workspacetest.Open(t, env.Root, "Lindqvist Bikes")
	st := crisis.NewStore(other, crisis.Options{Agent: "Sofie Holm"})
	if _, err := st.SavePlaybook(ctx, crisis.Playbook{Name: "Recall of a frame"}); err != nil {
		t.Fatal(err)
	}
	test.Tap(button(p.Content(), "New playbook"))
	typeIn(p.editor.name, "Storm damage")
	typed := p.editor

	envB := env
	envB.Workspace = other
	if err := p.Load(ctx, envB); err != nil {
		t.Fatal(err)
	}
	if p.editor != nil || find(p.Content(), func(f *editField) bool { return true }) != nil {
		t.Fatal("the other workspace shows the edit in progress")
	}
	if labelWith(p.Content(), "Recall of a frame") == nil {
		t.Fatal("the other workspace's playbooks are not shown")
	}
	envA := env
	envA.Workspace = w
	if err := p.Load(ctx, envA); err != nil {
		t.Fatal(err)
	}
	if p.editor != typed || p.editor.name.Text != "Storm damage" {
		t.Fatal("coming back lost the edit in progress")
	}
	test.Tap(button(p.editor.content, "Save"))
	if list, _ := st.Playbooks(ctx); len(list) != 1 {
		t.Errorf("the other workspace got %d playbooks", len(list))
	}
	if pb, err := crisis.NewStore(w, crisis.Options{}).Playbook(ctx, "Storm damage"); err != nil || pb.ID == "" {
		t.Errorf("saved where? %v", err)
	}
}

// A typo found in the middle of an incident is fixed from the incident view, and the
// incident then offers the corrected holding statement.
func TestThePlaybookIsEditedDuringAnIncident(t *testing.T) {
	p, _, w, env := editorSetup(t)
	ctx := context.Background()
	st := crisis.NewStore(w, crisis.Options{Agent: "Sofie Holm"})
	if _, err := st.SavePlaybook(ctx, crisis.Playbook{Name: "Site down", Severity: "critical",
		Holding: []crisis.Text{{Lang: "en", Text: "Hi {{first_name|there}}, the shop is dwon."}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.StartIncident(ctx, crisis.Start{Playbook: "Site down", Reason: "502 errors"}); err != nil {
		t.Fatal(err)
	}
	if err := p.Load(ctx, env); err != nil {
		t.Fatal(err)
	}
	test.Tap(button(p.Content(), "Edit the playbook"))
	if p.editor == nil || p.editor.langs[0].holding.Text != "Hi {{first_name|there}}, the shop is dwon." {
		t.Fatal("the incident's playbook did not open in the editor")
	}
	typeIn(p.editor.langs[0].holding, "Hi {{first_name|there}}, the shop is down.")
	p.editor.langs[0].holding.TypedShortcut(ctrlS)
	if p.editor != nil || labelWith(p.Content(), "the shop is down.") == nil || button(p.Content(), "Close incident") == nil {
		t.Fatal("after saving, the incident view does not show the corrected holding statement")
	}
}
