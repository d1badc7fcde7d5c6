package crisispane

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace/crisis"
)

// What the editor does with what was typed: the playbook it makes of it, the checks
// before saving, Save, Cancel and Delete.

// value is the playbook as the fields say, with the rows nothing was typed in left out.
// holding[i], answers[i] and contacts[i] of it came from the rows returned beside it, so
// the store's problems can be shown next to the field they are about.
func (e *editor) value() (pb crisis.Playbook, holding []*langBlock, answers []*answerRow, contacts []*contactRow) {
	pb = e.orig
	pb.Name, pb.Severity = e.name.Text, e.severity.Selected
	pb.ReviewBy, _ = crisis.ParseReviewDate(e.review.Text, e.p.location())
	pb.Descriptions, pb.Keywords = map[string]string{}, map[string][]string{}
	pb.Holding, pb.Steps, pb.Answers, pb.Contacts = nil, nil, nil, nil
	for _, b := range e.langs {
		if strings.TrimSpace(b.desc.Text) != "" {
			pb.Descriptions[b.code] = b.desc.Text
		}
		if strings.TrimSpace(b.keywords.Text) != "" {
			pb.Keywords[b.code] = strings.Split(b.keywords.Text, ",")
		}
		if strings.TrimSpace(b.holding.Text) != "" {
			pb.Holding = append(pb.Holding, crisis.Text{Lang: b.code, Text: b.holding.Text})
			holding = append(holding, b)
		}
	}
	for _, r := range e.steps {
		if strings.TrimSpace(r.text.Text+r.role.Text) != "" {
			pb.Steps = append(pb.Steps, crisis.Step{Text: r.text.Text, Owner: r.role.Text})
		}
	}
	for _, r := range e.answers {
		if !r.empty() {
			pb.Answers = append(pb.Answers, crisis.Answer{Lang: r.selectedLang(), Question: r.question.Text, Answer: r.answer.Text})
			answers = append(answers, r)
		}
	}
	for _, r := range e.contacts {
		if !r.empty() {
			pb.Contacts = append(pb.Contacts, crisis.Contact{Name: r.name.Text, Role: r.role.Text, Phone: r.phone.Text, Email: r.email.Text})
			contacts = append(contacts, r)
		}
	}
	return pb, holding, answers, contacts
}

// fingerprint is everything typed, to compare with what was opened.
func (e *editor) fingerprint() string {
	pb, _, _, _ := e.value()
	b, _ := json.Marshal(struct {
		P      crisis.Playbook
		Review string
	}{pb, strings.TrimSpace(e.review.Text)})
	return string(b)
}

// dirty tells whether Cancel would lose something typed.
func (e *editor) dirty() bool { return e.fingerprint() != e.baseline }

// check finds what the editor can tell before asking the store: the review date, steps
// without their text, the variables of holding statements and answers.
func (e *editor) check() bool {
	ok := true
	for _, l := range e.problems {
		e.setProblem(l, nil)
	}
	if _, err := crisis.ParseReviewDate(e.review.Text, e.p.location()); err != nil {
		e.setProblem(e.problems["review"], []string{lang.L("Write the date as {{.Example}}.", map[string]any{"Example": crisis.ReviewDateLayout})})
		ok = false
	} else if t, _ := crisis.ParseReviewDate(e.review.Text, e.p.location()); !t.IsZero() && !t.After(e.p.now()) && e.review.Text != e.review0 {
		e.setProblem(e.problems["review"], []string{lang.L("The review date has passed: pick a later one, or leave it empty for {{.Days}} days from now.",
			map[string]any{"Days": crisis.DefaultReviewDays})})
		ok = false
	}
	var missing []string
	for i, r := range e.steps {
		if strings.TrimSpace(r.text.Text) == "" && strings.TrimSpace(r.role.Text) != "" {
			missing = append(missing, strconv.Itoa(i+1))
		}
	}
	if len(missing) > 0 {
		e.setProblem(e.problems["steps"], []string{lang.L("Step {{.N}} has an owner but says nothing to do.", map[string]any{"N": strings.Join(missing, ", ")})})
		ok = false
	}
	for _, b := range e.langs {
		msgs := templateProblems(b.holding.Text)
		e.setProblem(b.holdingProblem, msgs)
		if msgs != nil && ok {
			e.langTabs.Select(b.tab) // the first problem in view
		}
		ok = ok && msgs == nil
	}
	for _, r := range e.answers {
		msgs := templateProblems(r.answer.Text)
		e.setProblem(r.problem, msgs)
		ok = ok && msgs == nil
	}
	for _, r := range e.contacts {
		e.setProblem(r.problem, nil)
	}
	return ok
}

// save validates, then writes the playbook through the store (which journals it) and
// closes the editor; problems are shown next to their fields and the editor stays open.
func (e *editor) save() {
	if e.saving || e.p.env.Go == nil {
		return
	}
	if !e.check() {
		e.setProblem(e.problems["save"], []string{lang.L("Not saved: see the messages above.")})
		e.showFirstProblem()
		return
	}
	pb, holding, answers, contacts := e.value()
	e.saving = true
	env := e.p.env
	env.Go(func(ctx context.Context) {
		saved, err := e.p.store(env).SavePlaybook(ctx, pb)
		fyne.Do(func() {
			e.saving = false
			var ve *crisis.ValidationError
			switch {
			case errors.As(err, &ve):
				e.showProblems(ve, holding, answers, contacts)
			case err != nil:
				e.setProblem(e.problems["save"], []string{lang.L("Not saved: {{.Error}}", map[string]any{"Error": err.Error()})})
			default:
				e.p.finishEditor(e, saved.ID)
			}
		})
		if err == nil {
			_ = e.p.Load(ctx, env)
		}
	})
}

// showProblems puts each of the store's problems next to its field ("holding[1]").
func (e *editor) showProblems(ve *crisis.ValidationError, holding []*langBlock, answers []*answerRow, contacts []*contactRow) {
	by := map[*widget.Label][]string{}
	for _, pr := range ve.Problems {
		field, idx := pr.Field, -1
		if i := strings.IndexByte(field, '['); i > 0 {
			idx, _ = strconv.Atoi(strings.TrimSuffix(field[i+1:], "]"))
			field = field[:i]
		}
		var l *widget.Label
		switch {
		case field == "holding" && idx >= 0 && idx < len(holding):
			l = holding[idx].holdingProblem
			e.langTabs.Select(holding[idx].tab)
		case field == "answers" && idx >= 0 && idx < len(answers):
			l = answers[idx].problem
		case field == "contacts" && idx >= 0 && idx < len(contacts):
			l = contacts[idx].problem
		case e.problems[field] != nil:
			l = e.problems[field]
		default:
			l = e.problems["save"]
		}
		by[l] = append(by[l], capitalise(pr.Message))
	}
	for l, msgs := range by {
		e.setProblem(l, msgs)
	}
	if _, ok := by[e.problems["save"]]; !ok {
		e.setProblem(e.problems["save"], []string{lang.L("Not saved: see the messages above.")})
	}
	e.showFirstProblem()
}

// showFirstProblem scrolls to the topmost message under a field.
func (e *editor) showFirstProblem() {
	e.scroll.Content.Refresh()
	var first fyne.CanvasObject
	firstY := float32(0)
	d := fyne.CurrentApp().Driver()
	check := func(l *widget.Label) {
		if l == e.problems["save"] || !l.Visible() {
			return
		}
		if y := d.AbsolutePositionForObject(l).Y; first == nil || y < firstY {
			first, firstY = l, y
		}
	}
	for _, l := range e.problems {
		check(l)
	}
	for _, b := range e.langs {
		if b.tab == e.langTabs.Selected() { // the others are not on screen
			check(b.holdingProblem)
		}
	}
	for _, r := range e.answers {
		check(r.problem)
	}
	for _, r := range e.contacts {
		check(r.problem)
	}
	if first != nil {
		e.scrollTo(first)
	}
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

// cancel closes the editor, asking first when something typed would be lost.
func (e *editor) cancel() {
	if !e.dirty() {
		e.p.closeEditor(e.orig.ID)
		return
	}
	d := dialog.NewConfirm(lang.L("Discard your changes?"),
		lang.L("You changed this playbook and did not save it. Discard the changes?"),
		func(discard bool) {
			if discard {
				e.p.closeEditor(e.orig.ID)
			}
		}, e.p.env.Window)
	d.SetConfirmText(lang.L("Discard"))
	d.SetDismissText(lang.L("Keep editing"))
	d.Show()
}

// confirmDelete deletes the playbook once the user confirmed; incidents that used it
// keep it.
func (e *editor) confirmDelete() {
	id, name, env := e.orig.ID, e.orig.Name, e.p.env
	d := dialog.NewConfirm(lang.L("Delete playbook"),
		lang.L("Delete the playbook “{{.Name}}”? Past incidents keep their copy of it.", map[string]any{"Name": name}),
		func(ok bool) {
			if !ok || env.Go == nil {
				return
			}
			env.Go(func(ctx context.Context) {
				err := e.p.store(env).DeletePlaybook(ctx, id)
				fyne.Do(func() {
					if err != nil {
						showError(env.Window, fmt.Errorf("the playbook was not deleted: %w", err))
						return
					}
					e.p.finishEditor(e, "")
				})
				_ = e.p.Load(ctx, env)
			})
		}, env.Window)
	d.SetConfirmText(lang.L("Delete"))
	d.SetDismissText(lang.L("Keep it"))
	d.Show()
}
