package crisispane

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace/crisis"
)

// manualView is the playbooks with no incident open: the list on the left, the chosen
// playbook on the right, warnings and held work above it.
func (p *Pane) manualView() fyne.CanvasObject {
	pbs := p.snap.playbooks
	if p.selected == "" && len(p.snap.waves) > 0 {
		p.selected = p.snap.waves[0].PlaybookID // the playbook the warning suggests
	}
	if p.selected == "" && len(pbs) > 0 {
		p.selected = pbs[0].ID
	}
	list := widget.NewList(func() int { return len(pbs) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("playbook name")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			text := pbs[i].Name
			if pbs[i].NeedsReview {
				text += " · " + lang.L("needs review")
			}
			o.(*widget.Label).SetText(text)
		})
	for i, pb := range pbs {
		if pb.ID == p.selected {
			list.Select(i)
		}
	}
	list.OnSelected = func(i widget.ListItemID) {
		if pbs[i].ID != p.selected {
			p.selected = pbs[i].ID
			p.render()
		}
	}
	add := widget.NewButtonWithIcon(lang.L("New playbook"), theme.ContentAddIcon(), func() { p.openEditor("") })
	heading := widget.NewLabelWithStyle(lang.L("Playbooks"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	left := container.NewBorder(heading, add, nil, nil, list)

	right := container.NewVBox()
	for _, w := range p.snap.waves {
		right.Add(p.waveCard(w))
	}
	if len(p.snap.due) > 0 {
		right.Add(p.dueCard())
	}
	if p.snap.hasLatest {
		inc := p.snap.latest
		right.Add(container.NewHBox(widget.NewLabel(lang.L("Last incident: {{.Name}}, closed {{.When}}",
			map[string]any{"Name": inc.PlaybookName, "When": p.when(inc.ClosedAt)})), layout.NewSpacer(),
			widget.NewButtonWithIcon(lang.L("Report…"), theme.DocumentSaveIcon(), func() { p.saveReport(inc) })))
	}
	var chosen *crisis.Playbook
	for i := range pbs {
		if pbs[i].ID == p.selected {
			chosen = &pbs[i]
		}
	}
	if chosen == nil {
		// Wrapped: one long line would make the pane, and so the window, wider than 1024 px.
		right.Add(widget.NewCard(lang.L("No playbook yet"), "",
			wrapped(lang.L("A playbook says what to do, what to say and whom to call when something goes wrong for this client. Write one before you need it."))))
	} else {
		right.Add(p.playbookDetail(*chosen))
	}
	split := container.NewHSplit(left, container.NewVScroll(right))
	split.Offset = 0.3
	return split
}

// playbookDetail shows everything a playbook holds, with its Activate button.
func (p *Pane) playbookDetail(pb crisis.Playbook) fyne.CanvasObject {
	box := container.NewVBox()
	// the name wraps and the facts go on their own line, so the buttons fit a 1024 px window
	title := widget.NewLabelWithStyle(pb.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	activate := widget.NewButtonWithIcon(lang.L("Activate…"), theme.WarningIcon(), func() { p.confirmStart(pb, nil) })
	activate.Importance = widget.DangerImportance
	edit := widget.NewButtonWithIcon(lang.L("Edit"), theme.DocumentCreateIcon(), func() { p.openEditor(pb.ID) })
	box.Add(container.NewBorder(nil, nil, nil, container.NewHBox(edit, activate), title))
	box.Add(wrapped(lang.L("Severity: {{.Severity}}", map[string]any{"Severity": pb.Severity}) + " · " +
		lang.L("Review by {{.Date}}", map[string]any{"Date": pb.ReviewBy.In(p.location()).Format(crisis.ReviewDateLayout)})))
	if pb.NeedsReview {
		review := widget.NewButton(lang.L("Mark as reviewed"), func() {
			p.act(false, func(ctx context.Context, st *crisis.Store) error { return st.MarkReviewed(ctx, pb.ID) })
		})
		box.Add(container.NewHBox(widget.NewLabel(lang.L("This playbook needs review: is it still right?")), review))
	}
	for _, l := range sortedKeys(pb.Descriptions) {
		box.Add(wrapped(langTag(l) + pb.Descriptions[l]))
	}
	if len(pb.Keywords) > 0 {
		var kw []string
		for _, l := range sortedKeys(pb.Keywords) {
			kw = append(kw, langTag(l)+strings.Join(pb.Keywords[l], ", "))
		}
		box.Add(section(lang.L("Trigger keywords"), wrapped(strings.Join(kw, "\n"))))
	}
	if len(pb.Steps) > 0 {
		var steps []string
		for i, s := range pb.Steps {
			steps = append(steps, fmt.Sprintf("%d. %s%s", i+1, s.Text, ownerOf(s.Owner)))
		}
		box.Add(section(lang.L("Checklist"), wrapped(strings.Join(steps, "\n"))))
	}
	for _, t := range pb.Holding {
		box.Add(section(lang.L("Holding statement")+" "+langTag(t.Lang), wrapped(t.Text)))
	}
	if len(pb.Answers) > 0 {
		ans := container.NewVBox()
		for _, a := range pb.Answers {
			ans.Add(widget.NewLabelWithStyle(langTag(a.Lang)+a.Question, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
			ans.Add(wrapped(a.Answer))
		}
		box.Add(section(lang.L("The questions nobody wants"), ans))
	}
	if len(pb.Contacts) > 0 {
		box.Add(section(lang.L("Escalation contacts (never messaged automatically)"), contacts(pb.Contacts)))
	}
	return box
}

func contacts(cs []crisis.Contact) fyne.CanvasObject {
	var lines []string
	for _, c := range cs {
		parts := []string{c.Name}
		for _, s := range []string{c.Role, c.Phone, c.Email} {
			if s != "" {
				parts = append(parts, s)
			}
		}
		lines = append(lines, strings.Join(parts, " · "))
	}
	return wrapped(strings.Join(lines, "\n"))
}

// openEditor opens the playbook with id ref (or a new one for "") in the editor, read
// afresh with the brand's languages off the UI goroutine.
func (p *Pane) openEditor(ref string) {
	env := p.env
	if env.Go == nil || env.Workspace == nil {
		return
	}
	env.Go(func(ctx context.Context) {
		var pb crisis.Playbook
		var err error
		if ref != "" {
			pb, err = p.store(env).Playbook(ctx, ref)
		}
		var brand []string
		if err == nil {
			brand, err = crisis.BrandLanguages(ctx, env.Workspace)
		}
		fyne.Do(func() {
			if err != nil {
				showError(env.Window, err)
				return
			}
			if p.editor != nil || workspaceID(p.env) != workspaceID(env) {
				return // one editor at a time, in the workspace it was asked for
			}
			p.editor = newEditor(p, pb, brand)
			p.render()
			if w := env.Window; w != nil {
				w.Canvas().Focus(p.editor.name)
			}
		})
	})
}

// closeEditor goes back to the playbooks with selected shown. UI goroutine.
func (p *Pane) closeEditor(selected string) {
	p.editor, p.selected = nil, selected
	p.render()
}

// finishEditor closes e after its save or delete finished: the editor shown, or one left
// in another workspace meanwhile (which must not close the one shown now). UI goroutine.
func (p *Pane) finishEditor(e *editor, selected string) {
	if p.editor == e {
		p.closeEditor(selected)
		return
	}
	for id, d := range p.drafts {
		if d == e {
			delete(p.drafts, id)
		}
	}
}
