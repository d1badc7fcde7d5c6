package inboxpane

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace/faq"
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

// insertAnswer adds the answer as the Inbox drafts it: plain text, every variable that
// has a value filled in, one without a value left as written for check to point out, and
// the brand's signature.
func (c *composer) insertAnswer(e faq.Entry) {
	store, id := c.p.store, c.row.ID
	c.p.run(func(ctx context.Context) error {
		d, err := store.DraftFromFAQ(ctx, id, e.ID)
		if err != nil {
			return err
		}
		fyne.Do(func() {
			if c.row.ID != id {
				return
			}
			text := d.Body
			if strings.TrimSpace(c.body.Text) != "" {
				text = c.body.Text + "\n\n" + text
			}
			c.faqID = e.ID
			c.body.SetText(text)
		})
		return nil
	})
}
