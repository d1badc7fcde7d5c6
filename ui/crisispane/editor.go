package crisispane

import (
	"regexp"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace/crisis"
)

// editor writes a whole playbook in the window: everything `playbook export` holds. It
// replaces the pane's body while open and survives the pane reloading under it (new mail,
// another pane shown and back), so nothing typed is lost; only Save and a confirmed
// Cancel close it.
type editor struct {
	p        *Pane
	orig     crisis.Playbook // as opened; zero ID for a new one
	baseline string          // the fields as opened, to tell whether anything changed
	review0  string          // the review date as opened: a passed one may stay (saving renews it)
	brand    []string        // the brand's languages, offered when one is added
	saving   bool

	name, review *editField
	severity     *editSelect
	problems     map[string]*widget.Label // name, severity, review, steps
	langs        []*langBlock
	steps        []*stepRow
	answers      []*answerRow
	contacts     []*contactRow

	langTabs                       *container.AppTabs
	stepBox, answerBox, contactBox *fyne.Container
	addLang                        *editSelectEntry
	noLangs                        *widget.Label
	scroll                         *container.Scroll
	content                        fyne.CanvasObject
}

func (e *editor) single() *editField {
	f := newEditField(false, e.save, e.cancel)
	f.onFocus = func(f *editField) { e.scrollTo(f) }
	return f
}

func (e *editor) multi(rows int) *editField {
	f := newEditField(true, e.save, e.cancel)
	f.onFocus = func(f *editField) { e.scrollTo(f) }
	f.SetMinRowsVisible(rows)
	return f
}

// scrollTo scrolls the form so that o, and the message under it, can be seen.
func (e *editor) scrollTo(o fyne.CanvasObject) {
	app := fyne.CurrentApp()
	if e.scroll == nil || app == nil || !o.Visible() {
		return
	}
	d := app.Driver()
	top := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(e.scroll).Y + e.scroll.Offset.Y
	bottom := top + o.Size().Height + 40 // room for the message under the field
	view := e.scroll.Size().Height
	switch {
	case top < e.scroll.Offset.Y:
		e.scroll.ScrollToOffset(fyne.NewPos(0, max(top-8, 0)))
	case bottom > e.scroll.Offset.Y+view:
		e.scroll.ScrollToOffset(fyne.NewPos(0, min(bottom-view, top-8)))
	}
}

// newEditor opens pb (zero for a new playbook) for editing. brand are the brand's languages.
func newEditor(p *Pane, pb crisis.Playbook, brand []string) *editor {
	e := &editor{p: p, orig: pb, brand: brand, problems: map[string]*widget.Label{}}
	for _, k := range []string{"name", "severity", "review", "steps", "save"} {
		e.problems[k] = problemLabel()
	}
	e.name = e.single()
	e.name.SetPlaceHolder(lang.L("e.g. Website or shop down"))
	e.name.SetText(pb.Name)
	e.severity = e.newSelect(crisis.Severities)
	e.severity.SetSelected(pb.Severity)
	if pb.Severity == "" {
		e.severity.SetSelected("medium")
	}
	e.review = e.single()
	e.review.SetPlaceHolder(p.now().In(p.location()).AddDate(0, 0, crisis.DefaultReviewDays).Format(crisis.ReviewDateLayout))
	if !pb.ReviewBy.IsZero() {
		e.review.SetText(pb.ReviewBy.In(p.location()).Format(crisis.ReviewDateLayout))
	}
	e.review0 = e.review.Text

	e.langTabs = container.NewAppTabs()
	e.stepBox, e.answerBox, e.contactBox = container.NewVBox(), container.NewVBox(), container.NewVBox()
	langs := pb.Languages()
	if len(langs) == 0 && pb.ID == "" && len(brand) > 0 {
		langs = brand[:1] // a new playbook starts in the brand's first language
	}
	for _, l := range langs {
		e.langs = append(e.langs, e.newLangBlock(l, pb))
	}
	for _, s := range pb.Steps {
		e.steps = append(e.steps, e.newStepRow(s))
	}
	for _, a := range pb.Answers {
		e.answers = append(e.answers, e.newAnswerRow(a))
	}
	for _, c := range pb.Contacts {
		e.contacts = append(e.contacts, e.newContactRow(c))
	}
	e.noLangs = caption(lang.L("Add the languages this playbook speaks:"))
	e.addLang = e.newSelectEntry()
	e.addLang.OnSubmitted = e.addLanguage
	e.addLang.SetPlaceHolder(lang.L("Language code, e.g. sv"))
	e.relist()
	for _, l := range brand { // open on the brand's main language, not the first in the alphabet
		if i := slices.IndexFunc(e.langs, func(b *langBlock) bool { return b.code == l }); i >= 0 {
			e.langTabs.Select(e.langs[i].tab)
			break
		}
	}

	title := lang.L("New playbook")
	if pb.ID != "" {
		title = lang.L("Edit playbook “{{.Name}}”", map[string]any{"Name": pb.Name})
	}
	head := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	top := container.New(weighted(3, 1, 1),
		labelled(lang.L("Name"), e.name, e.problems["name"]),
		labelled(lang.L("Severity"), e.severity, e.problems["severity"]),
		labelled(lang.L("Review by"), e.review, e.problems["review"]))
	vars := caption(lang.L("Variables: {{.Vars}}; with a fallback: {{.Example}}", map[string]any{
		"Vars": "{{first_name}} {{name}} {{agent}} {{brand}}", "Example": "{{first_name|there}}"}))
	vars.Truncation = fyne.TextTruncateEllipsis
	addLang := widget.NewButtonWithIcon(lang.L("Add language"), theme.ContentAddIcon(), func() { e.addLanguage(e.addLang.Text) })
	addStep := widget.NewButtonWithIcon(lang.L("Add step"), theme.ContentAddIcon(), func() { e.addStep(crisis.Step{}) })
	addAnswer := widget.NewButtonWithIcon(lang.L("Add question"), theme.ContentAddIcon(), func() { e.addAnswer() })
	addContact := widget.NewButtonWithIcon(lang.L("Add contact"), theme.ContentAddIcon(), func() { e.addContact() })
	form := container.NewVBox(
		head, top,
		widget.NewSeparator(),
		container.NewBorder(nil, nil, fieldTitle(lang.L("Languages")),
			container.NewHBox(container.NewGridWrap(fyne.NewSize(200, e.addLang.MinSize().Height), e.addLang), addLang)),
		vars, e.noLangs,
		e.langTabs,
		heading(lang.L("Checklist")), e.stepBox, e.problems["steps"], container.NewHBox(addStep),
		heading(lang.L("The questions nobody wants")), e.answerBox, container.NewHBox(addAnswer),
		heading(lang.L("Escalation contacts (never messaged automatically)")), e.contactBox, container.NewHBox(addContact),
	)
	save := widget.NewButtonWithIcon(lang.L("Save (Ctrl+S)"), theme.DocumentSaveIcon(), e.save)
	save.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.L("Cancel (Esc)"), theme.CancelIcon(), e.cancel)
	buttons := container.NewHBox(save, cancel, layout.NewSpacer())
	if pb.ID != "" {
		del := widget.NewButtonWithIcon(lang.L("Delete…"), theme.DeleteIcon(), e.confirmDelete)
		del.Importance = widget.DangerImportance
		buttons.Add(del)
	}
	e.scroll = container.NewVScroll(container.NewPadded(form))
	e.content = container.NewBorder(nil, container.NewVBox(e.problems["save"], container.NewPadded(buttons)), nil, nil, e.scroll)
	e.baseline = e.fingerprint()
	return e
}

func labelled(title string, field fyne.CanvasObject, problem *widget.Label) fyne.CanvasObject {
	return container.NewVBox(fieldTitle(title), field, problem)
}

func heading(s string) fyne.CanvasObject {
	return container.NewVBox(widget.NewSeparator(), widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
}

// relist puts the rows into their boxes again after one was added, removed or moved.
func (e *editor) relist() {
	var current *container.TabItem
	if sel := e.langTabs.Selected(); sel != nil && slices.ContainsFunc(e.langs, func(b *langBlock) bool { return b.tab == sel }) {
		current = sel
	}
	items := make([]*container.TabItem, len(e.langs))
	for i, b := range e.langs {
		items[i] = b.tab
	}
	e.langTabs.SetItems(items)
	if current != nil {
		e.langTabs.Select(current)
	}
	e.noLangs.Hidden = len(e.langs) > 0
	e.stepBox.Objects = nil
	for i, r := range e.steps {
		r.num.SetText(stepNumber(i))
		r.up.Enable()
		r.down.Enable()
		if i == 0 {
			r.up.Disable()
		}
		if i == len(e.steps)-1 {
			r.down.Disable()
		}
		e.stepBox.Add(r.box)
	}
	e.answerBox.Objects = nil
	for _, r := range e.answers {
		e.setLangOptions(r, r.selectedLang())
		e.answerBox.Add(r.box)
	}
	e.contactBox.Objects = nil
	for _, r := range e.contacts {
		e.contactBox.Add(r.box)
	}
	var offer []string
	for _, l := range e.brand {
		if !slices.ContainsFunc(e.langs, func(b *langBlock) bool { return b.code == l }) {
			offer = append(offer, l)
		}
	}
	e.addLang.SetOptions(offer)
	for _, c := range []*fyne.Container{e.stepBox, e.answerBox, e.contactBox} {
		c.Refresh()
	}
	e.relayout()
}

// relayout makes room for rows and messages shown or hidden: containers do not lay out
// again when a child's visibility changes.
func (e *editor) relayout() {
	if e.scroll != nil {
		e.scroll.Content.Refresh()
		e.scroll.Refresh()
	}
}

func (e *editor) setProblem(l *widget.Label, msgs []string) {
	if len(msgs) == 0 {
		if l.Visible() {
			l.Hide()
			e.relayout()
		}
		return
	}
	l.SetText(strings.Join(msgs, "\n"))
	if !l.Visible() {
		l.Show()
		e.relayout()
	}
}

// setLangOptions offers the playbook's languages to a prepared answer, keeping its own
// even when that language has no block (yet).
func (e *editor) setLangOptions(r *answerRow, current string) {
	r.codes = nil
	for _, b := range e.langs {
		r.codes = append(r.codes, b.code)
	}
	if !slices.Contains(r.codes, current) {
		r.codes = append(r.codes, current)
	}
	opts := make([]string, len(r.codes))
	for i, c := range r.codes {
		opts[i] = langName(c)
	}
	r.language.SetOptions(opts)
	r.language.SetSelectedIndex(slices.Index(r.codes, current))
}

func (r *answerRow) selectedLang() string {
	if i := r.language.SelectedIndex(); i >= 0 && i < len(r.codes) {
		return r.codes[i]
	}
	return ""
}

var langCode = regexp.MustCompile(`^[a-z]{2,3}(-[a-z0-9]{2,8})?$`)

func (e *editor) addLanguage(code string) {
	code = crisis.CleanLang(code)
	switch {
	case !langCode.MatchString(code):
		dialog.ShowInformation(lang.L("Add language"),
			lang.L("“{{.Lang}}” is not a language code such as en, sv or pt-br.", map[string]any{"Lang": code}), e.p.env.Window)
		return
	case slices.ContainsFunc(e.langs, func(b *langBlock) bool { return b.code == code }):
		return
	}
	b := e.newLangBlock(code, crisis.Playbook{})
	e.langs = append(e.langs, b)
	e.addLang.SetText("")
	e.relist()
	e.langTabs.Select(b.tab)
	e.focus(b.desc)
}

// removeLang drops a language with everything written in it, after asking when
// something was.
func (e *editor) removeLang(b *langBlock) {
	n := 0
	for _, r := range e.answers {
		if r.selectedLang() == b.code && !r.empty() {
			n++
		}
	}
	remove := func() {
		e.langs = slices.DeleteFunc(e.langs, func(x *langBlock) bool { return x == b })
		e.answers = slices.DeleteFunc(e.answers, func(r *answerRow) bool { return r.selectedLang() == b.code })
		e.relist()
	}
	if b.empty() && n == 0 {
		remove()
		return
	}
	d := dialog.NewConfirm(lang.L("Remove language"),
		lang.L("Remove {{.Lang}} with its description, keywords, holding statement and {{.N}} prepared answer(s)? Nothing is saved until you save the playbook.",
			map[string]any{"Lang": langName(b.code), "N": n}),
		func(ok bool) {
			if ok {
				remove()
			}
		}, e.p.env.Window)
	d.SetConfirmText(lang.L("Remove"))
	d.Show()
}

func (e *editor) addStep(s crisis.Step) {
	r := e.newStepRow(s)
	e.steps = append(e.steps, r)
	e.relist()
	e.focus(r.text)
}

func (e *editor) moveStep(r *stepRow, by int) {
	i := slices.Index(e.steps, r)
	j := i + by
	if i < 0 || j < 0 || j >= len(e.steps) {
		return
	}
	e.steps[i], e.steps[j] = e.steps[j], e.steps[i]
	e.relist()
}

func (e *editor) removeStep(r *stepRow) {
	e.steps = slices.DeleteFunc(e.steps, func(x *stepRow) bool { return x == r })
	e.relist()
}

func (e *editor) addAnswer() {
	l := ""
	if len(e.langs) > 0 {
		l = e.langs[0].code
	}
	r := e.newAnswerRow(crisis.Answer{Lang: l})
	e.answers = append(e.answers, r)
	e.relist()
	e.focus(r.question)
}

func (e *editor) removeAnswer(r *answerRow) {
	e.answers = slices.DeleteFunc(e.answers, func(x *answerRow) bool { return x == r })
	e.relist()
}

func (e *editor) addContact() {
	r := e.newContactRow(crisis.Contact{})
	e.contacts = append(e.contacts, r)
	e.relist()
	e.focus(r.name)
}

func (e *editor) removeContact(r *contactRow) {
	e.contacts = slices.DeleteFunc(e.contacts, func(x *contactRow) bool { return x == r })
	e.relist()
}

func (e *editor) focus(f fyne.Focusable) {
	if w := e.p.env.Window; w != nil {
		w.Canvas().Focus(f)
	}
}

// location is the workspace's zone, for the review date.
func (p *Pane) location() *time.Location {
	if p.env.Workspace != nil {
		return p.env.Workspace.Info().Location()
	}
	return time.Local
}
