package handoverpane

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"switchboard/ui/pane"
	"switchboard/workspace"
	"switchboard/workspace/crisis"
	"switchboard/workspace/crosscopy"
	"switchboard/workspace/faq"
)

// copier is the "copy into this workspace" dialog: pick a source workspace and FAQ
// entries (or its voice rules), see what would change, then copy. Into the workspace on
// screen only, so the person sees which brand receives it.
type copier struct {
	p       *Pane
	env     pane.Env
	sources []workspace.Info
	choices []choice // of the chosen source and kind

	source *widget.Select
	kind   *widget.RadioGroup
	checks *widget.CheckGroup
	note   *widget.Label
	dlg    dialog.Dialog
}

// copyFrom lists the other workspaces and opens the dialog.
func (p *Pane) copyFrom() {
	env := p.env
	if env.Root == nil || env.Workspace == nil {
		return
	}
	env.Go(func(ctx context.Context) {
		list, _ := env.Root.List(ctx, false)
		var others []workspace.Info
		for _, i := range list {
			if i.ID != env.Workspace.ID() {
				others = append(others, i)
			}
		}
		fyne.Do(func() {
			if len(others) == 0 {
				dialog.ShowInformation(lang.L("Copy into this workspace"), lang.L("There is no other workspace to copy from."), env.Window)
				return
			}
			p.copying = &copier{p: p, env: env, sources: others}
			p.copying.show()
		})
	})
}

func (c *copier) show() {
	names := make([]string, len(c.sources))
	for i, s := range c.sources {
		names[i] = s.Name
	}
	faqKind, playbookKind, voiceKind := lang.L("FAQ entries"), lang.L("Playbooks"), lang.L("Voice rules")
	c.checks = widget.NewCheckGroup(nil, nil)
	c.note = widget.NewLabel(lang.L("Choose the workspace to copy from."))
	c.note.Wrapping = fyne.TextWrapWord
	c.kind = widget.NewRadioGroup([]string{faqKind, playbookKind, voiceKind}, func(string) { c.loadEntries() })
	c.kind.Horizontal = true
	c.kind.SetSelected(faqKind)
	c.source = widget.NewSelect(names, func(string) { c.loadEntries() })
	preview := widget.NewButton(lang.L("Preview the copy…"), c.preview)
	preview.Importance = widget.HighImportance
	top := container.NewVBox(
		widget.NewLabel(lang.L("Copy into {{.Name}} from", map[string]any{"Name": c.env.Workspace.Info().Name})),
		c.source, c.kind, c.note)
	content := container.NewBorder(top, preview, nil, nil, container.NewVScroll(c.checks))
	c.dlg = dialog.NewCustom(lang.L("Copy into this workspace"), lang.L("Close"), content, c.env.Window)
	c.dlg.Resize(fyne.NewSize(640, 520))
	c.dlg.Show()
}

// loadEntries lists the chosen source's FAQ entries to tick.
func (c *copier) loadEntries() {
	if c.source == nil || c.checks == nil {
		return
	}
	c.checks.Options, c.checks.Selected = nil, nil
	c.checks.Refresh()
	i := c.source.SelectedIndex()
	if i < 0 {
		return
	}
	if c.kind.Selected == lang.L("Voice rules") {
		c.note.SetText(lang.L("All the voice rules of {{.Name}} replace this workspace's; the preview shows each change.", map[string]any{"Name": c.sources[i].Name}))
		return
	}
	src, playbooks := c.sources[i], c.kind.Selected == lang.L("Playbooks")
	c.env.Go(func(ctx context.Context) {
		choices, err := readChoices(ctx, c.env.Root, src.ID, playbooks)
		fyne.Do(func() {
			if err != nil {
				c.note.SetText(err.Error())
				return
			}
			c.choices = choices
			c.checks.Options = make([]string, len(choices))
			for i, ch := range choices {
				c.checks.Options[i] = ch.label
			}
			c.checks.Refresh()
			c.note.SetText(lang.L("Tick the entries to copy ({{.N}} in {{.Name}}).", map[string]any{"N": len(choices), "Name": src.Name}))
		})
	})
}

// choice is one tickable FAQ entry or playbook of the source.
type choice struct{ id, label string }

// readChoices lists the source's FAQ entries or playbooks, with the workspace open only
// while it reads.
func readChoices(ctx context.Context, root *workspace.Root, id string, playbooks bool) ([]choice, error) {
	w, err := root.Open(ctx, id)
	if err != nil {
		return nil, err
	}
	defer w.Close()
	var out []choice
	if playbooks {
		list, err := crisis.NewStore(w, crisis.Options{}).Playbooks(ctx)
		for _, p := range list {
			out = append(out, choice{p.ID, p.Name})
		}
		return out, err
	}
	list, err := faq.NewStore(w).List(ctx, faq.Filter{})
	for _, e := range list {
		out = append(out, choice{e.ID, e.Question})
	}
	return out, err
}

// preview makes the plan with the source open only as long as needed, then asks.
func (c *copier) preview() {
	i := c.source.SelectedIndex()
	if i < 0 {
		c.note.SetText(lang.L("Choose the workspace to copy from."))
		return
	}
	src := c.sources[i]
	voice, playbooks := c.kind.Selected == lang.L("Voice rules"), c.kind.Selected == lang.L("Playbooks")
	var ids []string
	for _, q := range c.checks.Selected {
		for _, ch := range c.choices {
			if ch.label == q {
				ids = append(ids, ch.id)
			}
		}
	}
	if !voice && len(ids) == 0 {
		c.note.SetText(lang.L("Tick at least one entry."))
		return
	}
	to := c.env.Workspace
	c.env.Go(func(ctx context.Context) {
		plan, err := func() (*crosscopy.Plan, error) {
			from, err := c.env.Root.Open(ctx, src.ID)
			if err != nil {
				return nil, err
			}
			defer from.Close()
			switch {
			case voice:
				return crosscopy.PlanVoice(ctx, from, to)
			case playbooks:
				return crosscopy.PlanPlaybooks(ctx, from, to, ids)
			}
			return crosscopy.PlanFAQ(ctx, from, to, ids)
		}()
		fyne.Do(func() {
			if err != nil {
				dialog.ShowError(err, c.env.Window)
				return
			}
			c.confirm(plan)
		})
	})
}

func (c *copier) confirm(plan *crosscopy.Plan) {
	var b strings.Builder
	for _, l := range plan.Lines {
		fmt.Fprintf(&b, "%s: %s", actionWord(l.Action), l.What)
		if l.Detail != "" {
			fmt.Fprintf(&b, "  (%s)", l.Detail)
		}
		b.WriteString("\n")
	}
	text := widget.NewLabel(b.String())
	text.Wrapping = fyne.TextWrapWord
	title := lang.L("Copy {{.N}} change(s) from {{.From}} into {{.To}}?", map[string]any{"N": plan.Changes(), "From": plan.From.Name, "To": plan.To.Name})
	if plan.Changes() == 0 {
		dialog.ShowCustom(title, lang.L("Close"), container.NewVScroll(text), c.env.Window)
		return
	}
	d := dialog.NewCustomConfirm(title, lang.L("Copy"), lang.L("Cancel"), container.NewVScroll(text), func(ok bool) {
		if !ok {
			return
		}
		env := c.env
		env.Go(func(ctx context.Context) {
			err := crosscopy.Apply(ctx, plan, env.Workspace, env.Agent, c.p.now())
			fyne.Do(func() {
				if err != nil {
					dialog.ShowError(err, env.Window)
					return
				}
				c.dlg.Hide()
				c.p.setStatus(lang.L("Copied {{.N}} change(s) from {{.From}}.", map[string]any{"N": plan.Changes(), "From": plan.From.Name}))
				c.p.reload() // the copy is a change of this shift
			})
		})
	}, c.env.Window)
	d.Resize(fyne.NewSize(600, 400))
	d.Show()
}

// actionWord says a preview line's action in the user's language.
func actionWord(a string) string {
	switch a {
	case "add":
		return lang.L("Add")
	case "update":
		return lang.L("Update")
	case "unchanged":
		return lang.L("Unchanged")
	case "reject":
		return lang.L("Refused")
	case "replace":
		return lang.L("Replace")
	case "keep":
		return lang.L("Keep")
	}
	return a
}
