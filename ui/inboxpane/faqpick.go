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
	"switchboard/workspace/template"
)

// pickFAQ lets the user find an approved answer by words and inserts it, filled in. The
// keyboard works it: type to search, Down (or Enter) to the answers, Up back to the
// words, Enter picks, Escape goes back to the reply.
func (c *composer) pickFAQ() {
	ws := c.p.ws
	if ws == nil || c.row.ID == 0 {
		return
	}
	store := faq.NewStore(ws)
	var entries []faq.Entry
	var d dialog.Dialog
	search := newKeyEntry()
	list := newChoiceList(nil, func(i int) {
		if i < len(entries) {
			d.Hide()
			c.insertAnswer(entries[i])
		}
	}, func() { d.Hide() })
	list.onUp = func() bool { c.p.focus(search); return true }
	search.SetPlaceHolder(lang.L("Search the FAQ by words"))
	search.onKey = func(k *fyne.KeyEvent) bool {
		switch k.Name {
		case fyne.KeyDown, fyne.KeyReturn, fyne.KeyEnter:
			if len(entries) > 0 {
				c.p.focus(list)
			}
		case fyne.KeyEscape:
			d.Hide()
		default:
			return false
		}
		return true
	}
	find := func(q string) {
		c.p.run(func(ctx context.Context) error {
			found, err := store.List(ctx, faq.Filter{Query: q})
			if err != nil {
				return err
			}
			fyne.Do(func() {
				entries = found
				labels := make([]string, len(found))
				for i, e := range found {
					labels[i] = e.Question
				}
				list.setLabels(labels)
			})
			return nil
		})
	}
	search.OnChanged = find
	help := widget.NewLabel(lang.L("Type words, ↓ to the answers, Enter to insert, Esc to go back."))
	help.Importance = widget.LowImportance
	d = dialog.NewCustom(lang.L("Insert FAQ answer"), lang.L("Cancel"), container.NewBorder(search, help, nil, nil, list), c.p.env.Window)
	d.SetOnClosed(func() { c.p.focus(c.body) })
	d.Resize(fyne.NewSize(560, 460))
	d.Show()
	find("")
	c.p.focus(search)
}

// keyEntry is an entry whose special keys (arrows, Enter, Escape) a dialog handles first.
type keyEntry struct {
	widget.Entry
	onKey func(k *fyne.KeyEvent) bool
}

func newKeyEntry() *keyEntry {
	e := &keyEntry{}
	e.ExtendBaseWidget(e)
	return e
}

func (e *keyEntry) TypedKey(k *fyne.KeyEvent) {
	if e.onKey == nil || !e.onKey(k) {
		e.Entry.TypedKey(k)
	}
}

// insertAnswer adds the answer as the Inbox drafts it: plain text, every variable that
// has a value filled in, one without a value left as written for check to point out, and
// the brand's signature.
func (c *composer) insertAnswer(e faq.Entry) {
	store, id, noName := c.p.store, c.row.ID, strings.TrimSpace(c.p.env.Agent) == ""
	c.p.run(func(ctx context.Context) error {
		d, err := store.DraftFromFAQ(ctx, id, e.ID)
		if err != nil {
			return err
		}
		if noName {
			// Without "my name" the store would sign with a stand-in; the answer and the
			// signature go in as written, filled when sent, so {{agent|…}} takes its
			// fallback and the first send asks for the name.
			tone, err := store.Tone(ctx)
			if err != nil {
				return err
			}
			d.Body = strings.TrimRight(template.Plain(e.Answer), " \n")
			if strings.TrimSpace(tone.Signature) != "" {
				d.Body += "\n\n" + tone.Signature
			}
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
