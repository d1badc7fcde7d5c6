package faqpane

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/ui/fields"
	"switchboard/workspace/faq"
	"switchboard/workspace/template"
)

// editor is the right-hand side: one entry's fields, their problems and the preview.
type editor struct {
	p       *Pane
	current faq.Entry

	question, tags, lang, owner *widget.Entry
	// Multi-line fields where Tab moves on, as in every other field of the form.
	phrasings, answer      *fields.TextArea
	problems               map[faq.Field]*widget.Label
	similar, info, preview *widget.Label
	save, del, reviewed    *widget.Button
	scroll                 *container.Scroll
	content                fyne.CanvasObject
}

func newEditor(p *Pane) *editor {
	e := &editor{p: p, problems: map[faq.Field]*widget.Label{}}
	e.question = widget.NewEntry()
	e.phrasings = fields.NewTextArea()
	e.phrasings.Wrapping = fyne.TextWrapOff
	e.phrasings.SetMinRowsVisible(2)
	// Placeholders start with "e.g.": bare examples were taken for values already filled in.
	e.phrasings.SetPlaceHolder(lang.L("e.g. Where is my parcel? — other ways customers ask it, one per line"))
	e.answer = fields.NewTextArea()
	e.answer.SetMinRowsVisible(6)
	e.answer.SetPlaceHolder(lang.L("e.g. Hi {{.Example}}, … (Markdown allowed)", map[string]any{"Example": "{{first_name|there}}"}))
	e.answer.OnChanged = func(string) { e.live() }
	e.tags = widget.NewEntry()
	e.tags.SetPlaceHolder(lang.L("e.g. shipping, orders"))
	e.lang = widget.NewEntry()
	e.lang.SetPlaceHolder(lang.L("e.g. en"))
	e.owner = widget.NewEntry()
	for _, f := range []faq.Field{faq.FieldQuestion, faq.FieldPhrasings, faq.FieldAnswer, faq.FieldTags, faq.FieldLang} {
		l := widget.NewLabel("")
		l.Importance = widget.DangerImportance
		l.Wrapping = fyne.TextWrapWord
		l.Hide()
		e.problems[f] = l
	}
	e.similar = widget.NewLabel("")
	e.similar.Importance = widget.WarningImportance
	e.similar.Wrapping = fyne.TextWrapWord
	e.similar.Hide()
	e.info = widget.NewLabel("")
	e.info.Importance = widget.LowImportance
	e.preview = widget.NewLabel("")
	e.preview.Wrapping = fyne.TextWrapWord

	e.save = widget.NewButtonWithIcon(lang.L("Save"), theme.DocumentSaveIcon(), e.doSave)
	e.save.Importance = widget.HighImportance
	e.del = widget.NewButtonWithIcon(lang.L("Delete"), theme.DeleteIcon(), e.doDelete)
	e.del.Importance = widget.DangerImportance
	e.reviewed = widget.NewButtonWithIcon(lang.L("Mark reviewed"), theme.ConfirmIcon(), e.doReviewed)

	vars := widget.NewLabel(lang.L("Variables: {{.Vars}}; with a fallback: {{.Example}}", map[string]any{
		"Vars": "{{first_name}} {{name}} {{agent}} {{brand}}", "Example": "{{first_name|there}}"}))
	vars.Importance = widget.LowImportance
	vars.Truncation = fyne.TextTruncateEllipsis
	field := func(label string, w fyne.CanvasObject, f faq.Field) fyne.CanvasObject {
		l := widget.NewLabel(label)
		l.TextStyle.Bold = true
		box := container.NewVBox(l, w)
		if p := e.problems[f]; p != nil {
			box.Add(p)
		}
		return box
	}
	details := container.NewGridWithColumns(3,
		field(lang.L("Tags"), e.tags, faq.FieldTags), field(lang.L("Language"), e.lang, faq.FieldLang), field(lang.L("Owner"), e.owner, ""))
	previewHead := widget.NewLabel(lang.L("Preview, as the customer will read it"))
	previewHead.TextStyle.Bold = true
	form := container.NewVBox(
		field(lang.L("Question"), e.question, faq.FieldQuestion),
		e.similar,
		field(lang.L("Other phrasings"), e.phrasings, faq.FieldPhrasings),
		field(lang.L("Answer"), e.answer, faq.FieldAnswer),
		vars,
		details,
		e.info,
		previewHead,
		e.preview,
	)
	buttons := container.NewHBox(e.save, e.reviewed, e.del)
	e.scroll = container.NewVScroll(container.NewPadded(form))
	e.content = container.NewBorder(nil, container.NewPadded(buttons), nil, nil, e.scroll)
	e.show(faq.Entry{})
	return e
}

// show puts an entry (zero for a new one) into the fields.
func (e *editor) show(en faq.Entry) {
	e.current = en
	e.question.SetText(en.Question)
	e.phrasings.SetText(strings.Join(en.Phrasings, "\n"))
	e.answer.SetText(en.Answer)
	e.tags.SetText(strings.Join(en.Tags, ", "))
	e.lang.SetText(en.Lang)
	e.owner.SetText(en.Owner)
	for _, l := range e.problems {
		l.Hide()
	}
	e.similar.Hide()
	if en.ID == "" {
		e.info.SetText(lang.L("New entry"))
		if e.owner.Text == "" {
			e.owner.SetText(e.p.env.Agent)
		}
		e.del.Disable()
		e.reviewed.Disable()
	} else {
		info := lang.L("Last reviewed {{.Reviewed}} · used {{.N}}× · created {{.Created}}", map[string]any{
			"Reviewed": en.LastReviewedAt.Local().Format("2006-01-02"), "N": en.Uses, "Created": en.CreatedAt.Local().Format("2006-01-02")})
		if en.NeedsReview {
			info += " · " + lang.L("needs review")
		}
		e.info.SetText(info)
		e.del.Enable()
		e.reviewed.Enable()
	}
	e.live()
}

func (e *editor) draft() faq.Draft {
	return faq.Draft{Question: e.question.Text, Phrasings: strings.Split(e.phrasings.Text, "\n"), Answer: e.answer.Text,
		Tags: []string{e.tags.Text}, Lang: e.lang.Text, Owner: e.owner.Text}
}

// live checks the answer's variables and redraws the preview as the user types.
func (e *editor) live() {
	if probs := template.Check(e.answer.Text); probs != nil {
		e.setProblems(faq.FieldAnswer, fields.TemplateProblems(probs))
	} else {
		e.setProblems(faq.FieldAnswer, nil)
	}
	brand := lang.L("your brand")
	if e.p.env.Workspace != nil {
		brand = e.p.env.Workspace.Info().Name
	}
	agent := e.p.env.Agent
	if agent == "" {
		agent = lang.L("Your name")
	}
	text, err := template.RenderText(e.answer.Text, template.NewValues(lang.L("Alex Andersson"), agent, brand))
	if err != nil {
		text = lang.L("(fix the variables above to see the preview)")
	}
	e.preview.SetText(text)
}

func (e *editor) setProblems(f faq.Field, msgs []string) {
	l := e.problems[f]
	if len(msgs) == 0 {
		l.Hide()
	} else {
		l.SetText(strings.Join(msgs, "\n"))
		l.Show()
	}
	e.relayout()
}

// relayout makes room for messages shown or hidden: containers do not lay out again
// when a child's visibility changes.
func (e *editor) relayout() {
	if e.scroll != nil {
		e.scroll.Refresh()
	}
}

func (e *editor) doSave() {
	s, id, d := e.p.store, e.current.ID, e.draft()
	if s == nil {
		return
	}
	e.p.do(func(ctx context.Context) error {
		saved, err := s.Save(ctx, id, d)
		var ve *faq.ValidationError
		if errors.As(err, &ve) {
			fyne.Do(func() { e.showProblems(ve) })
			return nil
		}
		if err != nil {
			return err
		}
		fyne.Do(func() {
			e.p.selected = saved.Entry.ID
			e.show(saved.Entry)
			if len(saved.Similar) > 0 {
				var qs []string
				for _, m := range saved.Similar {
					qs = append(qs, "“"+m.Question+"”")
				}
				e.similar.SetText(lang.L("Saved. Similar entries, maybe merge them: {{.Q}}", map[string]any{"Q": strings.Join(qs, ", ")}))
				e.similar.Show()
				e.relayout()
			}
		})
		return e.p.refresh(ctx, s, e.p.currentFilter())
	})
}

func (e *editor) showProblems(ve *faq.ValidationError) {
	for f := range e.problems {
		var msgs []string
		for _, p := range ve.For(f) {
			msgs = append(msgs, problemText(p))
		}
		e.setProblems(f, msgs)
	}
}

func (e *editor) doDelete() {
	s, en := e.p.store, e.current
	if s == nil || en.ID == "" {
		return
	}
	e.p.do(func(ctx context.Context) error {
		if err := s.Delete(ctx, en.ID); err != nil {
			return err
		}
		fyne.Do(func() { e.p.deletedEntry(en) })
		return nil
	})
}

func (e *editor) doReviewed() {
	s, id := e.p.store, e.current.ID
	if s == nil || id == "" {
		return
	}
	e.p.do(func(ctx context.Context) error {
		if err := s.MarkReviewed(ctx, id); err != nil {
			return err
		}
		en, err := s.Get(ctx, id)
		if err != nil {
			return err
		}
		fyne.Do(func() {
			if e.current.ID == id {
				e.current = en
				e.show(en)
			}
		})
		return e.p.refresh(ctx, s, e.p.currentFilter())
	})
}
