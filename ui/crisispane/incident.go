package crisispane

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace/crisis"
)

// incidentView is the open incident: what to do (checklist), whom it concerns (linked
// conversations), what to say (holding statements, prepared answers), whom to call, and
// what happened so far.
func (p *Pane) incidentView() fyne.CanvasObject {
	inc, pb := p.snap.incident, p.snap.playbook
	state := widget.NewSelect(crisis.States, nil)
	state.SetSelected(inc.State)
	state.OnChanged = func(s string) {
		if s == inc.State {
			return
		}
		p.act(true, func(ctx context.Context, st *crisis.Store) error { _, err := st.SetState(ctx, s, ""); return err })
	}
	closeBtn := widget.NewButtonWithIcon(lang.L("Close incident…"), theme.ConfirmIcon(), p.confirmClose)
	head := container.NewVBox(
		container.NewHBox(widget.NewLabelWithStyle(inc.PlaybookName, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			widget.NewLabel(lang.L("Severity: {{.Severity}}", map[string]any{"Severity": inc.Severity})),
			layout.NewSpacer(), widget.NewLabel(lang.L("State")), state, closeBtn),
		wrapped(lang.L("Started {{.When}}: {{.Reason}}", map[string]any{"When": p.when(inc.StartedAt), "Reason": inc.Reason})),
	)
	if inc.HoldingAuto != "" {
		head.Add(wrapped(lang.L("The out-of-hours auto-reply is the holding statement ({{.Lang}}) until the incident is resolved.",
			map[string]any{"Lang": inc.HoldingAuto})))
	}

	// Checklist with progress.
	done, total := inc.Progress()
	progress := widget.NewProgressBar()
	if total > 0 {
		progress.SetValue(float64(done) / float64(total))
	}
	progress.TextFormatter = func() string {
		return lang.L("{{.Done}} of {{.Total}} steps done", map[string]any{"Done": done, "Total": total})
	}
	steps := container.NewVBox(progress)
	for _, s := range inc.Steps {
		n := s.Step
		check := widget.NewCheck("", nil)
		check.SetChecked(s.Done())
		check.OnChanged = func(on bool) {
			p.act(false, func(ctx context.Context, st *crisis.Store) error { _, err := st.SetStep(ctx, n, on); return err })
		}
		// The text beside the box wraps: a long step must not widen the window.
		steps.Add(container.NewBorder(nil, nil, check, nil, wrapped(fmt.Sprintf("%d. %s%s", n, s.Text, ownerOf(s.Owner)))))
	}

	// Linked conversations and "reply to all linked".
	links := container.NewVBox()
	if len(inc.Links) == 0 {
		links.Add(wrapped(lang.L("No conversation is linked yet: link them from the Inbox, or start from an early warning's group.")))
	}
	for _, l := range inc.Links {
		line := widget.NewLabel(fmt.Sprintf("%s — %s", l.Subject, l.Customer))
		line.Truncation = fyne.TextTruncateEllipsis
		links.Add(line)
	}
	replyAll := widget.NewButtonWithIcon(lang.L("Reply to all linked…"), theme.MailReplyAllIcon(), p.confirmReplyAll)
	if len(inc.Links) == 0 || len(pb.Holding) == 0 {
		replyAll.Disable()
	}
	note := widget.NewButtonWithIcon(lang.L("Add note…"), theme.DocumentCreateIcon(), p.addNote)
	report := widget.NewButtonWithIcon(lang.L("Report…"), theme.DocumentSaveIcon(), func() { p.saveReport(inc) })

	say := container.NewVBox()
	for _, t := range pb.Holding {
		say.Add(widget.NewLabelWithStyle(lang.L("Holding statement")+" "+langTag(t.Lang), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		say.Add(wrapped(t.Text))
	}
	for _, a := range pb.Answers {
		say.Add(widget.NewLabelWithStyle(langTag(a.Lang)+a.Question, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		say.Add(wrapped(a.Answer))
	}

	timeline := container.NewVBox()
	for i := len(p.snap.timeline) - 1; i >= 0; i-- { // newest first: what just happened is on top
		e := p.snap.timeline[i]
		timeline.Add(wrapped(fmt.Sprintf("%s · %s — %s", p.when(e.At), e.Actor, e.Text)))
	}

	left := container.NewVBox()
	if len(p.snap.due) > 0 { // resolved: what fell due meanwhile comes first
		left.Add(p.dueCard())
	}
	left.Objects = append(left.Objects,
		section(lang.L("Checklist"), steps),
		section(lang.L("Linked conversations ({{.N}})", map[string]any{"N": len(inc.Links)}), container.NewVBox(links,
			container.NewHBox(replyAll, note, report))),
		section(lang.L("Timeline"), timeline),
	)
	// a typo in a holding statement found mid-incident is fixed here, not after it
	edit := widget.NewButtonWithIcon(lang.L("Edit the playbook"), theme.DocumentCreateIcon(), func() { p.openEditor(pb.ID) })
	right := container.NewVBox(container.NewHBox(edit), section(lang.L("What to say"), say))
	if len(pb.Contacts) > 0 {
		right.Add(section(lang.L("Escalation contacts (never messaged automatically)"), contacts(pb.Contacts)))
	}
	for _, w := range p.snap.waves {
		right.Add(p.waveCard(w))
	}
	cols := container.NewHSplit(container.NewVScroll(left), container.NewVScroll(right))
	cols.Offset = 0.58
	return container.NewBorder(head, nil, nil, nil, cols)
}

// confirmReplyAll shows each linked conversation's personalised holding statement, lets
// the person leave some out, then queues them and reports per conversation.
func (p *Pane) confirmReplyAll() {
	env := p.env
	env.Go(func(ctx context.Context) {
		drafts, err := p.store(env).PreviewHolding(ctx)
		fyne.Do(func() {
			if err != nil {
				showError(env.Window, err)
				return
			}
			include := make([]bool, len(drafts))
			list := container.NewVBox()
			for i, d := range drafts {
				include[i] = d.State == "draft"
				check := widget.NewCheck(fmt.Sprintf("%s — %s (%s)", d.Subject, d.Customer, d.Lang), func(on bool) { include[i] = on })
				check.SetChecked(include[i])
				body := widget.NewMultiLineEntry()
				body.SetText(d.Body)
				body.Wrapping = fyne.TextWrapWord
				body.SetMinRowsVisible(4)
				body.OnChanged = func(s string) { drafts[i].Body = s }
				list.Add(check)
				if d.Error != "" {
					check.Disable()
					list.Add(wrapped(d.Error))
				}
				list.Add(body)
			}
			scroll := container.NewVScroll(list)
			scroll.SetMinSize(fyne.NewSize(620, 420))
			dlg := dialog.NewCustomConfirm(lang.L("Reply to all linked"), lang.L("Send"), lang.L("Cancel"), scroll, func(ok bool) {
				if !ok {
					return
				}
				var chosen []crisis.StatementResult
				for i, d := range drafts {
					if include[i] {
						chosen = append(chosen, d)
					}
				}
				p.act(false, func(ctx context.Context, st *crisis.Store) error {
					res, err := st.QueueHolding(ctx, chosen)
					if err == nil {
						fyne.Do(func() { p.showResults(res) })
					}
					return err
				})
			}, env.Window)
			dlg.Show()
		})
	})
}

// showResults says per conversation what was queued and what failed.
func (p *Pane) showResults(res []crisis.StatementResult) {
	var lines []string
	for _, r := range res {
		line := fmt.Sprintf("%s — %s: %s", r.Subject, r.Customer, r.State)
		if r.Error != "" {
			line += " (" + r.Error + ")"
		}
		lines = append(lines, line)
	}
	scroll := container.NewVScroll(wrapped(strings.Join(lines, "\n")))
	scroll.SetMinSize(fyne.NewSize(560, 260))
	dialog.NewCustom(lang.L("Holding statements"), lang.L("OK"), scroll, p.env.Window).Show()
}

func (p *Pane) addNote() {
	e := widget.NewMultiLineEntry()
	dialog.NewForm(lang.L("Add note"), lang.L("Save"), lang.L("Cancel"), []*widget.FormItem{widget.NewFormItem(lang.L("Note"), e)}, func(ok bool) {
		if ok {
			p.act(false, func(ctx context.Context, st *crisis.Store) error { return st.AddNote(ctx, e.Text) })
		}
	}, p.env.Window).Show()
}

// confirmClose asks for the summary; after closing, what fell due meanwhile is listed.
func (p *Pane) confirmClose() {
	e := widget.NewMultiLineEntry()
	e.SetPlaceHolder(lang.L("What happened, what was done, what changes"))
	d := dialog.NewForm(lang.L("Close incident"), lang.L("Close incident"), lang.L("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("Summary"), e)}, func(ok bool) {
			if ok {
				p.act(true, func(ctx context.Context, st *crisis.Store) error { _, err := st.Close(ctx, e.Text); return err })
			}
		}, p.env.Window)
	d.Resize(fyne.NewSize(520, 300))
	d.Show()
}
