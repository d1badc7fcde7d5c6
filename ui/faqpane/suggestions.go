package faqpane

import (
	"context"
	"regexp"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace/faq"
)

// suggestions lists questions customers keep asking that no entry answers, from the
// workspace's recent mail (when a source is wired) or from pasted text.
type suggestions struct {
	p       *Pane
	items   []faq.Suggestion
	list    *widget.List
	status  *widget.Label
	paste   *widget.Entry
	content fyne.CanvasObject
}

func newSuggestions(p *Pane) *suggestions {
	s := &suggestions{p: p}
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	s.paste = widget.NewMultiLineEntry()
	s.paste.SetMinRowsVisible(4)
	s.paste.SetPlaceHolder(lang.L("Or paste customer messages here, separated by blank lines"))
	s.list = widget.NewList(func() int { return len(s.items) }, func() fyne.CanvasObject {
		q := widget.NewLabel("")
		q.TextStyle.Bold = true
		q.Wrapping = fyne.TextWrapWord
		more := widget.NewLabel("")
		more.Importance = widget.LowImportance
		more.Truncation = fyne.TextTruncateEllipsis
		btn := widget.NewButtonWithIcon(lang.L("Create an entry from this"), theme.ContentAddIcon(), nil)
		return container.NewBorder(nil, nil, nil, btn, container.NewVBox(q, more))
	}, func(i widget.ListItemID, o fyne.CanvasObject) {
		it := s.items[i]
		row := o.(*fyne.Container)
		texts := row.Objects[0].(*fyne.Container).Objects
		texts[0].(*widget.Label).SetText(it.Question)
		more := lang.L("asked {{.N}} times", map[string]any{"N": len(it.Messages)})
		if len(it.Phrasings) > 0 {
			more += " · " + lang.L("also: {{.P}}", map[string]any{"P": strings.Join(it.Phrasings, " / ")})
		}
		texts[1].(*widget.Label).SetText(more)
		row.Objects[1].(*widget.Button).OnTapped = func() { s.create(it) }
	})
	group := widget.NewButtonWithIcon(lang.L("Find recurring questions"), theme.SearchIcon(), s.refresh)
	top := container.NewVBox(s.status, s.paste, container.NewHBox(group))
	s.content = container.NewBorder(top, nil, nil, nil, s.list)
	return s
}

var blankLines = regexp.MustCompile(`\n\s*\n`)

// refresh groups the source's messages plus anything pasted.
func (s *suggestions) refresh() {
	store, env, src := s.p.store, s.p.env, s.p.inbound
	if store == nil {
		return
	}
	var pasted []string
	for _, t := range blankLines.Split(s.paste.Text, -1) {
		if t = strings.TrimSpace(t); t != "" {
			pasted = append(pasted, t)
		}
	}
	s.status.SetText(lang.L("Reading recent messages…"))
	s.p.do(func(ctx context.Context) error {
		inbound := faq.InboundFromTexts(pasted)
		if src != nil {
			msgs, err := src(ctx, env.Workspace)
			if err != nil {
				return err
			}
			inbound = append(msgs, inbound...)
		}
		items, err := store.Suggest(ctx, inbound, faq.SuggestOptions{})
		if err != nil {
			return err
		}
		fyne.Do(func() { s.show(items, len(inbound), src != nil) })
		return nil
	})
}

func (s *suggestions) show(items []faq.Suggestion, read int, hasSource bool) {
	s.items = items
	s.list.Refresh()
	switch {
	case len(items) > 0:
		s.status.SetText(lang.L("Questions customers keep asking that no entry answers, most asked first ({{.N}} messages read).", map[string]any{"N": read}))
	case read == 0 && !hasSource:
		s.status.SetText(lang.L("Suggestions come from this client's recent mail once the Inbox is set up. Until then, paste customer messages below."))
	default:
		s.status.SetText(lang.L("No recurring unanswered questions in {{.N}} messages.", map[string]any{"N": read}))
	}
}

// create opens the editor prefilled with the suggestion.
func (s *suggestions) create(it faq.Suggestion) {
	s.p.selected = ""
	s.p.list.UnselectAll()
	s.p.ed.show(faq.Entry{})
	d := it.Draft()
	s.p.ed.question.SetText(d.Question)
	s.p.ed.phrasings.SetText(strings.Join(d.Phrasings, "\n"))
	s.p.ed.lang.SetText(d.Lang)
	s.p.tabs.SelectIndex(0)
	if w := s.p.env.Window; w != nil {
		w.Canvas().Focus(s.p.ed.answer)
	}
}
