package crisispane

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace/crisis"
	"switchboard/workspace/crisis/warning"
)

// waveCard is one early warning: the group, the suggested playbook, one click to start.
func (p *Pane) waveCard(w warning.Wave) fyne.CanvasObject {
	// The counts go in a wrapping label, not the card's title: a long title would widen the window.
	summary := lang.L("{{.N}} similar messages ({{.Langs}}) since {{.When}}",
		map[string]any{"N": len(w.Members), "Langs": strings.Join(w.Langs, ", "), "When": p.when(w.Members[0].At)})
	var lines []string
	for _, m := range w.Members {
		lines = append(lines, fmt.Sprintf("%s · %s · %s", p.when(m.At), m.From, m.Subject))
	}
	box := container.NewVBox(widget.NewLabelWithStyle(summary, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		wrapped(strings.Join(lines, "\n")))
	var pb *crisis.Playbook
	for i := range p.snap.playbooks {
		if p.snap.playbooks[i].ID == w.PlaybookID {
			pb = &p.snap.playbooks[i]
		}
	}
	if pb != nil && !p.snap.open {
		start := widget.NewButtonWithIcon(lang.L("Start “{{.Name}}” with these conversations…", map[string]any{"Name": pb.Name}),
			theme.WarningIcon(), func() { p.confirmStart(*pb, w.Conversations()) })
		start.Importance = widget.DangerImportance
		box.Add(start)
	} else if p.snap.open {
		ids := w.Conversations()
		box.Add(widget.NewButtonWithIcon(lang.L("Link these conversations to the incident"), theme.ContentAddIcon(), func() {
			p.act(false, func(ctx context.Context, st *crisis.Store) error {
				_, err := st.LinkConversations(ctx, ids...)
				return err
			})
		}))
	} else {
		box.Add(wrapped(lang.L("No playbook's trigger keywords fit: choose one on the left, or write one.")))
	}
	return widget.NewCard(lang.L("Early warning"), "", box)
}

// confirmStart asks for the reason (required) and whether the holding statement replaces
// the out-of-hours auto-reply, then starts the incident and pauses scheduled work.
func (p *Pane) confirmStart(pb crisis.Playbook, convs []int64) {
	reason := widget.NewEntry()
	reason.SetPlaceHolder(lang.L("Why now? e.g. seven customers report a bitter batch"))
	keep := lang.L("Keep the usual auto-reply")
	options := []string{keep}
	for _, t := range pb.Holding {
		options = append(options, lang.L("Holding statement")+" "+langTag(t.Lang))
	}
	auto := widget.NewSelect(options, nil)
	auto.SetSelected(keep)
	info := wrapped(lang.L("Starting pauses this workspace's scheduled replies, follow-ups and planned posts (no other workspace's) until the incident is resolved; what falls due meanwhile waits for you."))
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Reason"), reason),
		widget.NewFormItem(lang.L("Out-of-hours auto-reply"), auto),
		widget.NewFormItem("", info),
	}
	if len(convs) > 0 {
		items = append(items, widget.NewFormItem("", widget.NewLabel(lang.L("{{.N}} conversations will be linked", map[string]any{"N": len(convs)}))))
	}
	reason.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return fmt.Errorf("%s", lang.L("Say why the incident starts"))
		}
		return nil
	}
	d := dialog.NewForm(lang.L("Activate “{{.Name}}”", map[string]any{"Name": pb.Name}), lang.L("Start incident"), lang.L("Cancel"), items,
		func(ok bool) {
			if !ok {
				return
			}
			holding := ""
			if i := auto.SelectedIndex(); i > 0 {
				holding = pb.Holding[i-1].Lang
				if holding == "" {
					holding = "en"
				}
			}
			st := crisis.Start{Playbook: pb.ID, Reason: reason.Text, HoldingAuto: holding, Conversations: convs}
			p.act(true, func(ctx context.Context, s *crisis.Store) error { _, err := s.StartIncident(ctx, st); return err })
		}, p.env.Window)
	d.Resize(fyne.NewSize(600, 360))
	d.Show()
}
