package inboxpane

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace/inbox"
)

// subject is the conversation an action applies to: the open one, else the row under the
// cursor. UI goroutine.
func (p *Pane) subject() (inbox.Row, bool) {
	if p.detail.row.ID != 0 {
		return p.detail.row, true
	}
	return p.rows.at(p.cursor)
}

// change runs fn on the subject off the UI goroutine, then re-reads the list where it is
// and the open conversation, so counts, row and header agree with what was stored.
func (p *Pane) change(fn func(ctx context.Context, s *inbox.Store, id int64) error) {
	r, ok := p.subject()
	if !ok || p.store == nil {
		return
	}
	store, q := p.store, p.query
	p.run(func(ctx context.Context) error {
		if err := fn(ctx, store, r.ID); err != nil {
			return err
		}
		v, err := readView(ctx, store, q)
		if err != nil {
			return err
		}
		row, err := store.Conversation(ctx, r.ID)
		if err != nil {
			return err
		}
		fyne.Do(func() {
			if p.store != store {
				return
			}
			p.apply(v)
			if p.detail.row.ID == row.ID {
				p.detail.open(row)
			}
		})
		return nil
	})
}

// resolve marks the subject Resolved; followUp > 0 checks back after that long.
func (p *Pane) resolve(followUp time.Duration) {
	p.change(func(ctx context.Context, s *inbox.Store, id int64) error { return s.Resolve(ctx, id, followUp) })
}

// snooze asks until when, then snoozes the subject.
func (p *Pane) snooze() {
	if _, ok := p.subject(); !ok {
		return
	}
	now := p.now()
	morning := func(days int) time.Time {
		d := now.AddDate(0, 0, days)
		return time.Date(d.Year(), d.Month(), d.Day(), 9, 0, 0, 0, now.Location())
	}
	choices := []struct {
		label string
		until time.Time
	}{
		{lang.L("In 3 hours"), now.Add(3 * time.Hour)},
		{lang.L("Tomorrow morning"), morning(1)},
		{lang.L("In 3 days"), morning(3)},
		{lang.L("Next week"), morning(7)},
	}
	var d dialog.Dialog
	box := container.NewVBox()
	for _, c := range choices {
		until := c.until
		box.Add(widget.NewButton(c.label+" — "+until.Format("Mon 2 Jan 15:04"), func() {
			d.Hide()
			p.change(func(ctx context.Context, s *inbox.Store, id int64) error { return s.Snooze(ctx, id, until) })
		}))
	}
	d = dialog.NewCustom(lang.L("Snooze until"), lang.L("Cancel"), box, p.env.Window)
	d.Show()
}

// label lets the user tick the subject's labels or make a new one.
func (p *Pane) label() {
	r, ok := p.subject()
	if !ok {
		return
	}
	on := map[int64]bool{}
	for _, l := range r.Labels {
		on[l.ID] = true
	}
	box := container.NewVBox()
	for _, l := range p.labels {
		id := l.ID
		check := widget.NewCheck(l.Name, func(checked bool) {
			p.change(func(ctx context.Context, s *inbox.Store, conv int64) error {
				if checked {
					return s.AddLabel(ctx, conv, id)
				}
				return s.RemoveLabel(ctx, conv, id)
			})
		})
		check.Checked = on[id]
		box.Add(check)
	}
	name := widget.NewEntry()
	name.SetPlaceHolder(lang.L("New label"))
	name.OnSubmitted = func(n string) {
		name.SetText("")
		p.change(func(ctx context.Context, s *inbox.Store, conv int64) error {
			l, err := s.SaveLabel(ctx, inbox.Label{Name: n, Color: inbox.LabelColors[len(p.labels)%len(inbox.LabelColors)]})
			if err != nil {
				return err
			}
			return s.AddLabel(ctx, conv, l.ID)
		})
	}
	dialog.ShowCustom(lang.L("Labels"), lang.L("Done"), container.NewVBox(box, name), p.env.Window)
}

// assign gives the subject to a member of staff, to me, or to nobody.
func (p *Pane) assign() {
	if _, ok := p.subject(); !ok || p.store == nil {
		return
	}
	store, win := p.store, p.env.Window
	p.run(func(ctx context.Context) error {
		if _, err := store.Me(ctx); err != nil { // so "me" is on the list from the start
			return err
		}
		staff, err := store.StaffList(ctx)
		if err != nil {
			return err
		}
		fyne.Do(func() {
			var d dialog.Dialog
			box := container.NewVBox()
			pick := func(id int64) func() {
				return func() {
					d.Hide()
					p.change(func(ctx context.Context, s *inbox.Store, conv int64) error { return s.Assign(ctx, conv, id) })
				}
			}
			for _, st := range staff {
				box.Add(widget.NewButton(st.Name, pick(st.ID)))
			}
			box.Add(widget.NewButton(lang.L("Nobody"), pick(0)))
			d = dialog.NewCustom(lang.L("Assign to"), lang.L("Cancel"), box, win)
			d.Show()
		})
		return nil
	})
}
