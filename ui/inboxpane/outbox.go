package inboxpane

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace/inbox/outbox"
)

// outboxByConversation is, per conversation, the reply of its that most needs the user:
// a failed or uncertain one before a queued or scheduled one.
func outboxByConversation(ctx context.Context, s *outbox.Store) (map[int64]outbox.Item, error) {
	items, err := s.List(ctx, false)
	if err != nil {
		return nil, err
	}
	m := map[int64]outbox.Item{}
	for _, it := range items {
		if it.State == outbox.Sent || it.State == outbox.Cancelled {
			continue
		}
		if old, ok := m[it.ConversationID]; !ok || urgency(it) > urgency(old) {
			m[it.ConversationID] = it
		}
	}
	return m, nil
}

func urgency(it outbox.Item) int {
	switch it.State {
	case outbox.Failed, outbox.Uncertain:
		return 2
	}
	return 1
}

// scheduled tells whether a queued reply waits for a chosen time rather than its turn.
func scheduled(it outbox.Item) bool {
	return it.State == outbox.Queued && it.SendAt.Sub(it.CreatedAt) > time.Minute
}

// outboxMarker is what the conversation's header says of its reply on the way out.
func outboxMarker(it outbox.Item, loc *time.Location) string {
	switch {
	case it.State == outbox.Failed:
		return lang.L("Reply failed: {{.Reason}} — see the outbox (o)", map[string]any{"Reason": it.LastError})
	case it.State == outbox.Uncertain:
		return lang.L("Reply may not have gone out — check, then retry or mark as sent in the outbox (o)")
	case scheduled(it):
		return lang.L("Reply scheduled for {{.T}} ({{.Zone}})", map[string]any{"T": it.SendAt.In(loc).Format("Mon 2 Jan 15:04"), "Zone": loc.String()})
	}
	return lang.L("Reply queued, going out now")
}

// outboxShort is the list row's marker.
func outboxShort(it outbox.Item, loc *time.Location) string {
	switch {
	case it.State == outbox.Failed:
		return lang.L("Failed")
	case it.State == outbox.Uncertain:
		return lang.L("Uncertain")
	case scheduled(it):
		return lang.L("Scheduled {{.T}}", map[string]any{"T": it.SendAt.In(loc).Format("Mon 15:04")})
	}
	return lang.L("Queued")
}

// outboxView lists the replies on their way out (queued, scheduled, failed, uncertain)
// with what can be done to each: edit the time, send now, cancel, retry, mark as sent.
// It takes the list's place; o or Esc goes back. UI goroutine only.
type outboxView struct {
	p       *Pane
	items   []outbox.Item
	list    *choiceList
	detail  *widget.Label
	when    *tipButton
	now     *tipButton
	cancel  *tipButton
	retry   *tipButton
	sent    *tipButton
	open    *tipButton
	empty   *widget.Label
	content *fyne.Container
}

func newOutboxView(p *Pane) *outboxView {
	o := &outboxView{p: p}
	o.list = newChoiceList(nil, func(i int) { o.list.cursor = i; o.show(i); o.openConversation() }, func() { p.showOutbox(false) })
	o.list.OnSelected = func(i widget.ListItemID) { o.list.cursor = i; o.show(i) }
	o.list.UpdateItem = func(i widget.ListItemID, obj fyne.CanvasObject) { obj.(*widget.Label).SetText(o.list.labels[i]) }
	o.detail = widget.NewLabel("")
	o.detail.Wrapping = fyne.TextWrapWord
	o.when = newTipButton(p.tips, lang.L("Time…"), theme.HistoryIcon(), lang.L("Change when it goes out (t)"), o.editTime)
	o.now = newTipButton(p.tips, lang.L("Send now"), theme.MailSendIcon(), lang.L("Send it at once (n)"), func() { o.act(sendNowAct) })
	o.cancel = newTipButton(p.tips, lang.L("Cancel"), theme.CancelIcon(), lang.L("Keep it from going out; it stays listed (c)"), func() { o.act(cancelAct) })
	o.retry = newTipButton(p.tips, lang.L("Retry"), theme.ViewRefreshIcon(), lang.L("Queue it again now (r)"), func() { o.act(retryAct) })
	o.sent = newTipButton(p.tips, lang.L("Mark as sent"), theme.ConfirmIcon(), lang.L("You checked: the customer got it (m)"), func() { o.act(markSentAct) })
	o.open = newTipButton(p.tips, lang.L("Conversation"), theme.MailReplyIcon(), lang.L("Open its conversation (Enter)"), o.openConversation)
	o.empty = widget.NewLabel(lang.L("Nothing is waiting to go out."))
	o.empty.Importance = widget.LowImportance
	title := widget.NewLabelWithStyle(lang.L("Outbox"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	back := newTipButton(p.tips, lang.L("Conversations"), theme.NavigateBackIcon(), lang.L("Back to the conversations (o or Esc)"), func() { p.showOutbox(false) })
	head := container.NewBorder(nil, nil, title, back)
	actions := container.NewVBox(o.detail, container.NewGridWithColumns(2, o.when, o.now, o.cancel, o.retry, o.sent, o.open))
	o.content = container.NewBorder(head, actions, nil, nil, container.NewStack(o.empty, o.list))
	o.list.TypedRuneHook = o.typedRune
	o.show(-1)
	return o
}

func (o *outboxView) shown() bool { return o.content.Visible() }

func (o *outboxView) typedRune(r rune) bool {
	switch r {
	case 't':
		o.editTime()
	case 'n':
		o.act(sendNowAct)
	case 'c':
		o.act(cancelAct)
	case 'r':
		o.act(retryAct)
	case 'm':
		o.act(markSentAct)
	case 'o':
		o.p.showOutbox(false)
	default:
		return false
	}
	return true
}

// showOutbox puts the outbox in the list's place, or the list back.
func (p *Pane) showOutbox(on bool) {
	if on == p.outView.shown() {
		return
	}
	if on {
		p.listSide.Hide()
		p.members.content.Hide()
		p.outView.content.Show()
		p.outView.load()
	} else {
		p.outView.content.Hide()
		if p.views.membersOn {
			p.members.content.Show()
		} else {
			p.listSide.Show()
		}
	}
	p.focusList()
}

// load reads the outbox off the UI goroutine.
func (o *outboxView) load() {
	store := o.p.out
	if store == nil {
		return
	}
	o.p.run(func(ctx context.Context) error {
		items, err := store.List(ctx, false)
		if err != nil {
			return err
		}
		var list []outbox.Item
		for _, it := range items {
			if it.State != outbox.Sent && it.State != outbox.Cancelled {
				list = append(list, it)
			}
		}
		fyne.Do(func() {
			if o.p.out == store {
				o.set(list)
			}
		})
		return nil
	})
}

func (o *outboxView) set(items []outbox.Item) {
	o.items = items
	loc := o.p.location()
	labels := make([]string, len(items))
	for i, it := range items {
		to := ""
		if len(it.To) > 0 {
			to = contactLabel(it.To[0].Name, it.To[0].Email)
		}
		labels[i] = outboxShort(it, loc) + " · " + to + " · " + subjectOrNone(it.Subject)
	}
	keep := o.list.cursor
	o.list.setLabels(labels)
	showIf(o.empty, len(items) == 0)
	if keep > 0 && keep < len(items) {
		o.list.move(keep)
	}
	o.show(o.list.cursor)
}

// show fills the detail and enables what the item's state allows.
func (o *outboxView) show(i int) {
	all := []*tipButton{o.when, o.now, o.cancel, o.retry, o.sent, o.open}
	for _, b := range all {
		b.Disable()
	}
	if i < 0 || i >= len(o.items) {
		o.detail.SetText("")
		return
	}
	it := o.items[i]
	loc := o.p.location()
	text := lang.L("From {{.From}} · due {{.T}} ({{.Zone}})", map[string]any{"From": it.From.Email,
		"T": it.SendAt.In(loc).Format("Mon 2 Jan 15:04"), "Zone": loc.String()})
	if it.LastError != "" {
		text += "\n" + lang.L("Last error: {{.E}}", map[string]any{"E": it.LastError})
	}
	if it.State == outbox.Uncertain {
		text += "\n" + lang.L("The connection broke after the message was handed over: look in the Sent folder or ask the customer, then Retry or Mark as sent.")
	}
	o.detail.SetText(text)
	o.open.Enable()
	switch it.State {
	case outbox.Queued:
		o.when.Enable()
		o.now.Enable()
		o.cancel.Enable()
	case outbox.Failed, outbox.Uncertain:
		o.when.Enable()
		o.retry.Enable()
		o.cancel.Enable()
		o.sent.Enable()
	}
}

func (o *outboxView) current() (outbox.Item, bool) {
	i := o.list.cursor
	if i < 0 || i >= len(o.items) {
		return outbox.Item{}, false
	}
	return o.items[i], true
}

type outboxAct int

const (
	sendNowAct outboxAct = iota
	cancelAct
	retryAct
	markSentAct
)

// act applies a to the current item, then re-reads the outbox and the list's markers.
func (o *outboxView) act(a outboxAct) {
	it, ok := o.current()
	if !ok {
		return
	}
	enabled := map[outboxAct]*tipButton{sendNowAct: o.now, cancelAct: o.cancel, retryAct: o.retry, markSentAct: o.sent}[a]
	if enabled.Disabled() {
		return
	}
	store, send, inboxStore := o.p.out, o.p.sendNow, o.p.store
	now := o.p.now()
	o.p.run(func(ctx context.Context) error {
		var err error
		switch a {
		case sendNowAct:
			err = store.Reschedule(ctx, it.ID, now)
		case cancelAct:
			err = store.Cancel(ctx, it.ID)
		case retryAct:
			err = store.Retry(ctx, it.ID)
		case markSentAct:
			err = store.MarkSent(ctx, it.ID)
		}
		if err != nil {
			return err
		}
		if (a == sendNowAct || a == retryAct) && send != nil {
			err = send(ctx, inboxStore) // a failure stays listed with its reason
		}
		fyne.Do(func() { o.load(); o.p.reload() })
		return err
	})
}

// editTime asks for a new time, in the workspace's zone.
func (o *outboxView) editTime() {
	it, ok := o.current()
	if !ok || o.when.Disabled() {
		return
	}
	loc := o.p.location()
	times, labels := laterChoices(o.p.now().In(loc))
	store := o.p.out
	set := func(at time.Time) {
		o.p.run(func(ctx context.Context) error {
			if err := store.Reschedule(ctx, it.ID, at); err != nil {
				return err
			}
			fyne.Do(func() { o.load(); o.p.reload() })
			return nil
		})
	}
	var d dialog.Dialog
	custom := timeEntry(loc, func(at time.Time) { d.Hide(); set(at) })
	d = o.p.choose(lang.L("Send at"), zoneNote(loc), labels, custom, func(i int) { set(times[i]) })
	d.SetOnClosed(o.p.focusList)
}

func (o *outboxView) openConversation() {
	it, ok := o.current()
	if !ok {
		return
	}
	store, id := o.p.store, it.ConversationID
	o.p.run(func(ctx context.Context) error {
		row, err := store.Conversation(ctx, id)
		if err != nil {
			return err
		}
		fyne.Do(func() {
			o.p.showOutbox(false)
			o.p.opened = row.ID
			o.p.detail.open(row)
			o.p.selectID(row.ID)
		})
		return nil
	})
}
