package inboxpane

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace/faq"
	"switchboard/workspace/template"
)

// pickFAQ lets the user find an approved answer by words and inserts it, filled in.
func (c *composer) pickFAQ() {
	ws := c.p.ws
	if ws == nil {
		return
	}
	store := faq.NewStore(ws)
	var entries []faq.Entry
	var d dialog.Dialog
	list := widget.NewList(func() int { return len(entries) }, func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}, func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(entries[i].Question) })
	list.OnSelected = func(i widget.ListItemID) {
		c.insertAnswer(entries[i])
		d.Hide()
		c.p.run(func(ctx context.Context) error { return store.RecordUse(ctx, entries[i].ID) })
	}
	search := widget.NewEntry()
	search.SetPlaceHolder(lang.L("Search the FAQ by words"))
	find := func(q string) {
		c.p.run(func(ctx context.Context) error {
			found, err := store.List(ctx, faq.Filter{Query: q})
			if err != nil {
				return err
			}
			fyne.Do(func() { entries = found; list.UnselectAll(); list.Refresh() })
			return nil
		})
	}
	search.OnChanged = find
	d = dialog.NewCustom(lang.L("Insert FAQ answer"), lang.L("Cancel"), container.NewBorder(search, nil, nil, nil, list), c.p.env.Window)
	d.Resize(fyne.NewSize(560, 460))
	d.Show()
	find("")
	if cv := fyne.CurrentApp().Driver().CanvasForObject(search); cv != nil {
		cv.Focus(search)
	}
}

// insertAnswer adds the answer as plain text with every variable that has a value filled
// in; one without a value stays as written so check can point it out.
func (c *composer) insertAnswer(e faq.Entry) {
	text := fillKnown(template.Plain(e.Answer), c.values())
	if c.body.Text != "" {
		text = c.body.Text + "\n\n" + text
	}
	c.body.SetText(text)
}

// fillKnown fills the variables it can and leaves the rest as {{name}}.
func fillKnown(src string, v template.Values) string {
	out, err := template.Render(src, v)
	var unresolved *template.UnresolvedError
	if !errors.As(err, &unresolved) {
		if err != nil {
			return src // a broken template is shown as written, check explains it
		}
		return out
	}
	keep := template.Values{}
	for k, val := range v {
		keep[k] = val
	}
	for _, n := range unresolved.Names() {
		keep[n] = "{{" + n + "}}"
	}
	if out, err = template.Render(src, keep); err != nil {
		return src
	}
	return out
}
