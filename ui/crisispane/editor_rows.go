package crisispane

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"switchboard/workspace/crisis"
)

// langBlock is what the playbook says in one language: when to use it, the words
// customers use, and the holding statement.
type langBlock struct {
	code                    string // cleaned; "" is any language
	desc, keywords, holding *editField
	holdingProblem          *widget.Label
	box                     *fyne.Container
	tab                     *container.TabItem
}

func (e *editor) newLangBlock(code string, pb crisis.Playbook) *langBlock {
	b := &langBlock{code: code, holdingProblem: problemLabel()}
	b.desc = e.multi(2)
	b.desc.SetPlaceHolder(lang.L("e.g. The shop does not load, or payments fail, for several customers at once."))
	b.keywords = e.single()
	b.keywords.SetPlaceHolder(lang.L("e.g. down, error, cannot pay"))
	b.holding = e.multi(5)
	b.holding.SetPlaceHolder(lang.L("e.g. Hi {{.Example}}, we know about the problem and …", map[string]any{"Example": "{{first_name|there}}"}))
	for l, d := range pb.Descriptions {
		if crisis.CleanLang(l) == code {
			b.desc.SetText(d)
		}
	}
	for l, kw := range pb.Keywords {
		if crisis.CleanLang(l) == code {
			b.keywords.SetText(strings.Join(kw, ", "))
		}
	}
	for _, t := range pb.Holding {
		if crisis.CleanLang(t.Lang) == code {
			b.holding.SetText(t.Text)
		}
	}
	b.holding.OnChanged = func(s string) { e.setProblem(b.holdingProblem, templateProblems(s)) }
	e.setProblem(b.holdingProblem, templateProblems(b.holding.Text))

	remove := widget.NewButtonWithIcon(lang.L("Remove {{.Lang}}", map[string]any{"Lang": langName(code)}), theme.ContentRemoveIcon(),
		func() { e.removeLang(b) })
	b.box = container.NewVBox(
		fieldTitle(lang.L("When to use it")), b.desc,
		fieldTitle(lang.L("Trigger keywords (comma-separated)")), b.keywords,
		fieldTitle(lang.L("Holding statement")), b.holding, b.holdingProblem,
		container.NewHBox(remove),
	)
	b.tab = container.NewTabItem(langName(code), b.box)
	return b
}

func (b *langBlock) empty() bool {
	return strings.TrimSpace(b.desc.Text+b.keywords.Text+b.holding.Text) == ""
}

// stepRow is one checklist step with the role that does it.
type stepRow struct {
	num        *widget.Label
	text, role *editField
	up, down   *widget.Button
	problem    *widget.Label
	box        *fyne.Container
}

func (e *editor) newStepRow(s crisis.Step) *stepRow {
	r := &stepRow{num: widget.NewLabel(""), problem: problemLabel()}
	r.text = e.single()
	r.text.SetPlaceHolder(lang.L("e.g. Check the status page"))
	r.text.SetText(s.Text)
	r.role = e.single()
	r.role.SetPlaceHolder(lang.L("e.g. Community manager"))
	r.role.SetText(s.Owner)
	r.up = widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { e.moveStep(r, -1) })
	r.down = widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { e.moveStep(r, +1) })
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { e.removeStep(r) })
	fields := container.New(weighted(3, 1), r.text, r.role)
	r.box = container.NewVBox(container.NewBorder(nil, nil, r.num, container.NewHBox(r.up, r.down, remove), fields), r.problem)
	return r
}

// answerRow is a question nobody wants, in one language, with its prepared answer.
type answerRow struct {
	language         *editSelect
	codes            []string // the language codes of language's options
	question, answer *editField
	problem          *widget.Label
	box              *fyne.Container
}

func (e *editor) newAnswerRow(a crisis.Answer) *answerRow {
	r := &answerRow{problem: problemLabel()}
	r.language = e.newSelect(nil)
	r.question = e.single()
	r.question.SetPlaceHolder(lang.L("e.g. Was my card charged twice?"))
	r.question.SetText(a.Question)
	r.answer = e.multi(3)
	r.answer.SetPlaceHolder(lang.L("The prepared answer (same variables as the holding statement)"))
	r.answer.SetText(a.Answer)
	r.answer.OnChanged = func(s string) { e.setProblem(r.problem, templateProblems(s)) }
	e.setLangOptions(r, crisis.CleanLang(a.Lang))
	e.setProblem(r.problem, templateProblems(a.Answer))
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { e.removeAnswer(r) })
	language := container.NewGridWrap(fyne.NewSize(170, r.language.MinSize().Height), r.language)
	r.box = container.NewVBox(container.NewBorder(nil, nil, language, remove, r.question), r.answer, r.problem, widget.NewSeparator())
	return r
}

func (r *answerRow) empty() bool { return strings.TrimSpace(r.question.Text+r.answer.Text) == "" }

// contactRow is an escalation contact: shown to whoever works the incident, never
// messaged by the app.
type contactRow struct {
	name, role, phone, email *editField
	problem                  *widget.Label
	box                      *fyne.Container
}

func (e *editor) newContactRow(c crisis.Contact) *contactRow {
	r := &contactRow{problem: problemLabel()}
	r.name, r.role, r.phone, r.email = e.single(), e.single(), e.single(), e.single()
	r.name.SetPlaceHolder(lang.L("Name"))
	r.role.SetPlaceHolder(lang.L("Role"))
	r.phone.SetPlaceHolder(lang.L("Phone"))
	r.email.SetPlaceHolder(lang.L("Email"))
	r.name.SetText(c.Name)
	r.role.SetText(c.Role)
	r.phone.SetText(c.Phone)
	r.email.SetText(c.Email)
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { e.removeContact(r) })
	grid := container.New(weighted(1, 1.2, 0.9, 1.5), r.name, r.role, r.phone, r.email)
	r.box = container.NewVBox(container.NewBorder(nil, nil, nil, remove, grid), r.problem)
	return r
}

func (r *contactRow) empty() bool {
	return strings.TrimSpace(r.name.Text+r.role.Text+r.phone.Text+r.email.Text) == ""
}

// langName is how a language code is shown: "Swedish (sv)", or "Any language" for "".
func langName(code string) string {
	if code == "" {
		return lang.L("Any language")
	}
	tag, err := language.Parse(code)
	if name := display.English.Tags().Name(tag); err == nil && name != "" && !strings.EqualFold(name, code) {
		return name + " (" + code + ")"
	}
	return code
}

// caption is a hint under or beside a field: quieter than the field's title.
func caption(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Importance = widget.LowImportance
	return l
}

// fieldTitle names a field, readable at a glance.
func fieldTitle(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func stepNumber(i int) string { return fmt.Sprintf("%d.", i+1) }
