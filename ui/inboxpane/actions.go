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

// triage is one change to a conversation as the Undo bar offers it back.
type triage struct {
	do     func(ctx context.Context, s *inbox.Store, id int64) error
	undo   func(ctx context.Context, s *inbox.Store, id int64) error // nil: nothing to offer
	said   string                                                    // "Resolved", for the Undo bar
	moveOn bool                                                      // open the next conversation after it
}

// change runs t on the subject off the UI goroutine, then re-reads the list where it is
// and the open conversation, so counts, row and header agree with what was stored. A
// change that moves on opens the conversation that followed the subject in the list.
func (p *Pane) change(t triage) {
	r, ok := p.subject()
	if !ok || p.store == nil {
		return
	}
	store, q := p.store, p.query
	next := p.neighbour(r.ID)
	p.run(func(ctx context.Context) error {
		if err := t.do(ctx, store, r.ID); err != nil {
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
			if t.undo != nil {
				p.offerUndo(t.said+" · "+subjectOrNone(r.Subject), func() { p.revert(r, t.undo) })
			}
			if t.moveOn && p.detail.row.ID == row.ID && next != 0 {
				p.openID(next)
				return
			}
			if p.detail.row.ID == row.ID {
				p.detail.open(row)
			}
		})
		return nil
	})
}

// revert undoes a change to conversation r and shows r again.
func (p *Pane) revert(r inbox.Row, undo func(ctx context.Context, s *inbox.Store, id int64) error) {
	store, q := p.store, p.query
	p.run(func(ctx context.Context) error {
		if err := undo(ctx, store, r.ID); err != nil {
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
			p.detail.open(row)
			p.opened = row.ID
			p.selectID(row.ID)
		})
		return nil
	})
}

// neighbour is the conversation after id in the list (before it at the end), 0 for none.
func (p *Pane) neighbour(id int64) int64 {
	for i := 0; i < p.rows.len(); i++ {
		r, ok := p.rows.at(i)
		if !ok || r.ID != id {
			continue
		}
		if n, ok := p.rows.at(i + 1); ok {
			return n.ID
		}
		if n, ok := p.rows.at(i - 1); ok {
			return n.ID
		}
		return 0
	}
	return 0
}

// openID opens conversation id if the list holds it, with the cursor on it.
func (p *Pane) openID(id int64) {
	if i := p.selectID(id); i >= 0 {
		p.openAt(i)
	}
}

// selectID puts the cursor on conversation id without opening it; -1 if not listed.
func (p *Pane) selectID(id int64) int {
	for i := 0; i < p.rows.len(); i++ {
		if r, ok := p.rows.at(i); ok && r.ID == id {
			p.moving = true
			p.list.Select(i)
			p.moving = false
			p.cursor = i
			p.list.ScrollTo(i)
			return i
		}
	}
	return -1
}

// restore puts a conversation back in the status it had (with its snooze time or
// follow-up when those are still ahead).
func restore(r inbox.Row, now time.Time) func(ctx context.Context, s *inbox.Store, id int64) error {
	return func(ctx context.Context, s *inbox.Store, id int64) error {
		switch {
		case r.Status == inbox.Snoozed && r.SnoozeUntil.After(now):
			return s.Snooze(ctx, id, r.SnoozeUntil)
		case r.Status == inbox.Snoozed:
			return s.SetStatus(ctx, id, inbox.Open)
		case r.Status == inbox.Resolved && r.FollowUpAt.After(now):
			return s.Resolve(ctx, id, r.FollowUpAt.Sub(now))
		}
		return s.SetStatus(ctx, id, r.Status)
	}
}

// resolve marks the subject Resolved and moves on; followUp > 0 checks back after that long.
func (p *Pane) resolve(followUp time.Duration) {
	r, ok := p.subject()
	if !ok {
		return
	}
	p.change(triage{
		do:   func(ctx context.Context, s *inbox.Store, id int64) error { return s.Resolve(ctx, id, followUp) },
		undo: restore(r, p.now()), said: lang.L("Resolved"), moveOn: true})
}

// setStatus moves the subject to st; leaving the list's view moves on to the next.
func (p *Pane) setStatus(st inbox.Status) {
	r, ok := p.subject()
	if !ok || st == r.Status {
		return
	}
	if st == inbox.Snoozed {
		p.snooze()
		return
	}
	p.change(triage{
		do:   func(ctx context.Context, s *inbox.Store, id int64) error { return s.SetStatus(ctx, id, st) },
		undo: restore(r, p.now()), said: statusName(st),
		moveOn: st == inbox.Resolved || st == inbox.Spam || st == inbox.Abuse})
}

// statusMenu offers every status, the current one marked.
func (p *Pane) statusMenu() {
	r, ok := p.subject()
	if !ok {
		return
	}
	labels := make([]string, len(inbox.Statuses))
	for i, st := range inbox.Statuses {
		labels[i] = statusName(st)
		if st == r.Status {
			labels[i] += "  ✓"
		}
		if st == inbox.Snoozed {
			labels[i] += "…"
		}
	}
	p.choose(lang.L("Set the status of “{{.Subject}}”", map[string]any{"Subject": subjectOrNone(r.Subject)}), "", labels, nil,
		func(i int) { p.setStatus(inbox.Statuses[i]) })
}

// snooze asks until when, in the workspace's time zone, then snoozes the subject and
// moves on.
func (p *Pane) snooze() {
	r, ok := p.subject()
	if !ok {
		return
	}
	loc := p.location()
	now := p.now().In(loc)
	times := []time.Time{now.Add(3 * time.Hour), morning(now, 1), morning(now, 3), morning(now, 7)}
	names := []string{lang.L("In 3 hours"), lang.L("Tomorrow morning"), lang.L("In 3 days"), lang.L("Next week")}
	labels := make([]string, len(times))
	for i, at := range times {
		labels[i] = names[i] + " — " + at.Format("Mon 2 Jan 15:04")
	}
	undo := restore(r, p.now())
	do := func(until time.Time) {
		p.change(triage{
			do:   func(ctx context.Context, s *inbox.Store, id int64) error { return s.Snooze(ctx, id, until) },
			undo: undo, said: lang.L("Snoozed until {{.T}}", map[string]any{"T": until.In(loc).Format("Mon 2 Jan 15:04")}),
			moveOn: true})
	}
	var d dialog.Dialog
	custom := timeEntry(loc, func(at time.Time) { d.Hide(); do(at) })
	d = p.choose(lang.L("Snooze until"), zoneNote(loc), labels, custom, func(i int) { do(times[i]) })
}

// markUnread marks the subject unread again, here and on the server.
func (p *Pane) markUnread() {
	p.change(triage{
		do:   func(ctx context.Context, s *inbox.Store, id int64) error { return s.MarkUnread(ctx, id) },
		undo: func(ctx context.Context, s *inbox.Store, id int64) error { return s.MarkRead(ctx, id) },
		said: lang.L("Marked unread")})
}

// label lets the user tick the subject's labels or make a new one; each tick can be undone.
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
	var first fyne.Focusable
	for _, l := range p.labels {
		id, name := l.ID, l.Name
		check := widget.NewCheck(l.Name, func(checked bool) {
			add := func(ctx context.Context, s *inbox.Store, conv int64) error { return s.AddLabel(ctx, conv, id) }
			remove := func(ctx context.Context, s *inbox.Store, conv int64) error { return s.RemoveLabel(ctx, conv, id) }
			t := triage{do: add, undo: remove, said: lang.L("Label {{.Name}} added", map[string]any{"Name": name})}
			if !checked {
				t = triage{do: remove, undo: add, said: lang.L("Label {{.Name}} removed", map[string]any{"Name": name})}
			}
			p.change(t)
		})
		check.Checked = on[id]
		if first == nil {
			first = check
		}
		box.Add(check)
	}
	name := widget.NewEntry()
	name.SetPlaceHolder(lang.L("New label"))
	name.OnSubmitted = func(n string) {
		name.SetText("")
		p.change(triage{do: func(ctx context.Context, s *inbox.Store, conv int64) error {
			l, err := s.SaveLabel(ctx, inbox.Label{Name: n, Color: inbox.LabelColors[len(p.labels)%len(inbox.LabelColors)]})
			if err != nil {
				return err
			}
			return s.AddLabel(ctx, conv, l.ID)
		}})
	}
	help := widget.NewLabel(lang.L("Tab moves, Space ticks, Esc closes."))
	help.Importance = widget.LowImportance
	d := dialog.NewCustom(lang.L("Labels"), lang.L("Done"), container.NewVBox(box, name, help), p.env.Window)
	d.SetOnClosed(p.focusList)
	d.Show()
	if first != nil {
		p.focus(first)
	} else {
		p.focus(name)
	}
}

// assign gives the subject to a member of staff, to me, or to nobody.
func (p *Pane) assign() {
	r, ok := p.subject()
	if !ok || p.store == nil {
		return
	}
	store := p.store
	p.run(func(ctx context.Context) error {
		if _, err := store.Me(ctx); err != nil { // so "me" is on the list from the start
			return err
		}
		staff, err := store.StaffList(ctx)
		if err != nil {
			return err
		}
		fyne.Do(func() {
			labels := make([]string, 0, len(staff)+1)
			ids := make([]int64, 0, len(staff)+1)
			for _, st := range staff {
				labels, ids = append(labels, st.Name), append(ids, st.ID)
			}
			labels, ids = append(labels, lang.L("Nobody")), append(ids, 0)
			old := r.AssigneeID
			p.choose(lang.L("Assign to"), "", labels, nil, func(i int) {
				to := ids[i]
				p.change(triage{
					do:   func(ctx context.Context, s *inbox.Store, conv int64) error { return s.Assign(ctx, conv, to) },
					undo: func(ctx context.Context, s *inbox.Store, conv int64) error { return s.Assign(ctx, conv, old) },
					said: lang.L("Assigned to {{.Name}}", map[string]any{"Name": labels[i]})})
			})
		})
		return nil
	})
}
