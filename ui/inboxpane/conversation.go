package inboxpane

import (
	"context"
	"fmt"
	"image/color"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/ui/fields"
	"switchboard/workspace"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/contacts"
	"switchboard/workspace/inbox/outbox"
	"switchboard/workspace/mail"
)

// conversationView shows the open conversation: its messages oldest first, and the
// composer under them while replying. UI goroutine only.
type conversationView struct {
	p        *Pane
	row      inbox.Row
	messages []mail.Message

	subject  *widget.Label
	who      *widget.Label
	status   *widget.Label
	outState *widget.Label // a reply of this conversation in the outbox
	whoRow   *fyne.Container
	thread   *fyne.Container
	scroll   *container.Scroll
	toolbar  *fyne.Container
	note     *noteEntry
	composer *composer
	panel    *contactPanel
	side     *fyne.Container // the contact panel, or nothing
	person   *tipButton      // shows and hides the contact panel
	link     *incidentLink   // "Link to incident" while one is open
	empty    fyne.CanvasObject
	hint     *widget.Label   // what to do while no conversation is open
	center   *fyne.Container // the thread, or the thread over the composer
	body     *fyne.Container
	main     *fyne.Container // the body and the side panel
	content  fyne.CanvasObject
}

func newConversationView(p *Pane) *conversationView {
	v := &conversationView{p: p}
	v.subject = widget.NewLabel("")
	v.subject.TextStyle.Bold = true
	v.subject.SizeName = theme.SizeNameSubHeadingText
	v.subject.Truncation = fyne.TextTruncateEllipsis
	v.who = widget.NewLabel("")
	v.who.Truncation = fyne.TextTruncateEllipsis
	v.status = widget.NewLabel("")
	v.status.Importance = widget.LowImportance
	v.status.Truncation = fyne.TextTruncateEllipsis
	v.outState = widget.NewLabel("")
	v.outState.Importance = widget.WarningImportance
	v.outState.Truncation = fyne.TextTruncateEllipsis
	v.outState.Hide()
	v.thread = container.NewVBox()
	v.scroll = container.NewVScroll(v.thread)
	replyBtn := newTipButton(p.tips, lang.L("Reply"), theme.MailReplyIcon(), lang.L("Reply to the customer (r)"), v.reply)
	replyBtn.Importance = widget.HighImportance
	// Icons beside Reply, so the row fits a 1024-point window: each says what it does and
	// its key while the pointer rests on it, and ? lists every key.
	v.toolbar = container.NewHBox(replyBtn,
		newTipButton(p.tips, "", theme.ConfirmIcon(), lang.L("Resolve and go to the next (e)"), func() { p.resolve(0) }),
		newTipButton(p.tips, "", theme.HistoryIcon(), lang.L("Snooze until a time and go to the next (s)"), p.snooze),
		newTipButton(p.tips, "", theme.MenuDropDownIcon(), lang.L("Set the status: open, waiting, spam, abuse… (m)"), p.statusMenu),
		newTipButton(p.tips, "", theme.VisibilityOffIcon(), lang.L("Mark as unread (u)"), p.markUnread),
		newTipButton(p.tips, "", theme.ListIcon(), lang.L("Labels (l)"), p.label),
		newTipButton(p.tips, "", theme.AccountIcon(), lang.L("Assign to someone (a)"), p.assign))
	v.person = newTipButton(p.tips, "", theme.InfoIcon(), lang.L("Show or hide the customer's details"), func() { v.showContact(v.side.Hidden) })
	v.link = newIncidentLink(p)
	v.panel = newContactPanel(p)
	v.side = container.NewStack(v.panel.content)
	v.side.Hide()
	v.note = newNoteEntry(p)
	v.note.SetPlaceHolder(lang.L("Add an internal note (never sent to the customer)"))
	v.note.OnSubmitted = v.addNote
	v.composer = newComposer(p)
	// The customer's name has a line of its own: beside the status it was cut to nothing.
	v.whoRow = container.NewVBox(v.who, v.status, v.outState)
	head := container.NewVBox(v.subject, v.whoRow, container.NewBorder(nil, nil, nil, v.person, v.toolbar), v.link.row, widget.NewSeparator())
	v.center = container.NewStack(v.scroll)
	v.body = container.NewBorder(head, v.note, nil, nil, v.center)
	v.hint = widget.NewLabelWithStyle(hintChoose(), fyne.TextAlignCenter, fyne.TextStyle{Italic: true})
	// Centred and unwrapped: a wrapped label measures its height before it has a width,
	// which pushed the hint out of sight.
	v.empty = container.NewCenter(v.hint)
	v.main = container.NewBorder(nil, nil, nil, v.side, v.body)
	v.content = container.NewStack(v.empty, v.main)
	v.clear()
	return v
}

// stack shows the thread alone, or the thread over the composer while replying.
func (v *conversationView) stack(replying bool) {
	// While replying the composer's band names the customer: the header's name and status
	// lines give their room to the thread.
	showIf(v.whoRow, !replying)
	if replying {
		split := container.NewVSplit(v.scroll, v.composer.content)
		split.Offset = 0.45
		v.center.Objects = []fyne.CanvasObject{split}
	} else {
		v.center.Objects = []fyne.CanvasObject{v.scroll}
	}
	v.center.Refresh()
}

// clear shows no conversation.
func (v *conversationView) clear() {
	v.row, v.messages = inbox.Row{}, nil
	v.thread.Objects = nil
	v.composer.close()
	v.stack(false)
	v.panel.d = contacts.Detail{}
	v.main.Hide()
	v.empty.Show()
}

// showContact shows or hides the contact panel beside the conversation. While it shows,
// the views column folds away and the list narrows, so list, thread and panel fit a
// 1280-point window beside the shell's sidebar without squeezing the thread.
func (v *conversationView) showContact(on bool) {
	if on {
		v.side.Show()
		v.p.split.SetOffset(splitWithContact)
		if v.row.ContactID != 0 {
			v.panel.load(v.row.ContactID)
		}
	} else {
		v.side.Hide()
		v.p.split.SetOffset(splitOffset)
	}
	v.person.Importance = widget.MediumImportance
	if on {
		v.person.Importance = widget.HighImportance // pressed while the panel shows
	}
	v.person.Refresh()
	v.main.Refresh()
	v.p.body.Refresh()
}

// open shows r and reads its messages off the UI goroutine.
func (v *conversationView) open(r inbox.Row) {
	if r.ID != v.row.ID {
		v.composer.close() // its draft is stored already
		v.stack(false)
	}
	v.row = r
	v.subject.SetText(subjectOrNone(r.Subject))
	v.who.SetText(displayWho(r.ContactName, r.ContactEmail))
	v.status.SetText(rowState(r, v.p.location()))
	v.showOutState()
	v.link.show()
	v.whoRow.Refresh() // the status's new width, or it runs past the window's edge
	v.empty.Hide()
	v.main.Show()
	if !v.side.Hidden && r.ContactID != 0 {
		v.panel.load(r.ContactID)
	}
	v.refresh()
}

// follow shows a newer state of the open conversation's row (status, assignee) without
// reopening it, so a draft or a scrolled thread stays as it is. UI goroutine.
func (v *conversationView) follow(r inbox.Row) {
	v.row = r
	v.status.SetText(rowState(r, v.p.location()))
	v.showOutState()
	v.whoRow.Refresh()
}

// thread is what the view shows of a conversation besides its row.
type thread struct {
	draft    *inbox.SavedDraft
	messages []mail.Message
	notes    []inbox.Note
	history  []inbox.Change
}

// refresh reads the open conversation's messages, notes and history and shows them.
func (v *conversationView) refresh() {
	ws, store, id := v.p.ws, v.p.store, v.row.ID
	v.p.run(func(ctx context.Context) error {
		t, err := readThread(ctx, ws, store, id)
		if err != nil {
			return err
		}
		fyne.Do(func() {
			if v.p.store == store && v.row.ID == id {
				v.show(t)
			}
		})
		return nil
	})
}

func readThread(ctx context.Context, ws *workspace.Workspace, store *inbox.Store, id int64) (t thread, err error) {
	if t.messages, err = mail.Open(ws).ConversationMessages(ctx, id); err != nil {
		return
	}
	if t.notes, err = store.Notes(ctx, id); err != nil {
		return
	}
	if t.history, err = store.History(ctx, id); err != nil {
		return
	}
	d, ok, err := store.LoadDraft(ctx, id)
	if ok {
		t.draft = &d
	}
	return
}

// show lays out messages, notes and changes in the order they happened.
func (v *conversationView) show(t thread) {
	v.restoreDraft(t.draft)
	v.messages = t.messages
	type item struct {
		at  time.Time
		obj fyne.CanvasObject
	}
	var items []item
	for _, m := range t.messages {
		items = append(items, item{m.Date, v.messageCard(m)})
	}
	for _, n := range t.notes {
		items = append(items, item{n.CreatedAt, noteCard(n, v.p.location())})
	}
	for _, c := range t.history {
		items = append(items, item{c.At, changeLine(c, v.p.location())})
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].at.Before(items[j].at) })
	objs := make([]fyne.CanvasObject, len(items))
	for i, it := range items {
		objs[i] = it.obj
	}
	v.thread.Objects = objs
	v.thread.Refresh()
	v.scroll.ScrollToBottom()
}

// messageCard is one message: sender and time, recipients, text, attachments.
func (v *conversationView) messageCard(m mail.Message) fyne.CanvasObject {
	from := widget.NewLabelWithStyle(mail.DisplayAddress(m.From), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	from.Truncation = fyne.TextTruncateEllipsis
	when := widget.NewLabel(m.Date.In(v.p.location()).Format("Mon 2 Jan 2006 15:04"))
	when.Importance = widget.LowImportance
	original := newTipButton(v.p.tips, "", theme.DocumentIcon(), lang.L("Show the original message"), func() { v.showOriginal(m) })
	head := container.NewBorder(nil, nil, nil, container.NewHBox(when, original), from)
	to := widget.NewLabel(lang.L("To: {{.To}}", map[string]any{"To": mail.IsolateBidi(mail.CapRunes(m.To, 1000))}))
	to.Importance = widget.LowImportance
	to.Truncation = fyne.TextTruncateEllipsis
	box := container.NewVBox(append([]fyne.CanvasObject{head, to}, bodyLabels(m.Body)...)...)
	if m.HTMLOnly {
		note := widget.NewLabel(lang.L("Sent as HTML: shown as text, without images or links being loaded."))
		note.Importance = widget.LowImportance
		box.Add(note)
	}
	for _, w := range m.Warnings {
		warn := widget.NewLabel(w)
		warn.Importance = widget.WarningImportance
		warn.Wrapping = fyne.TextWrapWord
		box.Add(warn)
	}
	for i, a := range m.Attachments {
		box.Add(v.attachmentRow(m, i, a))
	}
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.InputRadiusSize()
	if m.Outbound {
		// Not the selection colour: text on it measured 1.0:1. The theme's own colour for
		// our messages is checked for contrast with every text colour.
		if c := theme.Color(fields.ColorNameOutbound); !transparent(c) {
			bg.FillColor = c
		}
	}
	return container.NewPadded(container.NewStack(bg, container.NewPadded(box)))
}

// showOriginal shows the message's raw source as received.
func (v *conversationView) showOriginal(m mail.Message) {
	ws, win := v.p.ws, v.p.env.Window
	v.p.run(func(ctx context.Context) error {
		raw, err := mail.Open(ws).Raw(ctx, m.ID)
		if err != nil {
			return err
		}
		fyne.Do(func() {
			src := widget.NewMultiLineEntry()
			src.SetText(string(raw))
			src.TextStyle.Monospace = true
			src.Wrapping = fyne.TextWrapBreak
			src.Disable() // read-only, still selectable for copying
			d := dialog.NewCustom(lang.L("Original message"), lang.L("Close"), src, win)
			d.Resize(fyne.NewSize(760, 560))
			d.Show()
		})
		return nil
	})
}

// reply opens the composer under the thread (or goes back to it) with the cursor in it.
func (v *conversationView) reply() {
	if v.row.ID == 0 {
		return
	}
	if v.composer.row.ID != v.row.ID {
		v.stack(true)
		v.composer.awaitDraft = v.p.drafts[v.row.ID] // its text arrives with the thread
	}
	v.composer.open(v.row, nil, true)
}

// restoreDraft shows a stored draft of the open conversation in the composer. Text typed
// while the draft was on its way is kept after it.
func (v *conversationView) restoreDraft(d *inbox.SavedDraft) {
	c := v.composer
	switch {
	case c.row.ID == v.row.ID && c.awaitDraft:
		c.awaitDraft = false
		if d == nil {
			return
		}
		typed := c.body.Text
		c.restoring = true
		c.setText(d.Body + typed)
		c.restoring = false
		c.faqID, c.fromID = d.FAQID, d.AccountID
		c.keepDraft()
		c.check()
	case c.row.ID != v.row.ID && d != nil:
		v.stack(true)
		c.open(v.row, d, false)
	}
}

// showOutState says what of this conversation waits in the outbox: scheduled, queued,
// failed or uncertain.
func (v *conversationView) showOutState() {
	it, ok := v.p.outbox[v.row.ID]
	if !ok {
		v.outState.Hide()
		return
	}
	v.outState.SetText(outboxMarker(it, v.p.location()))
	v.outState.Importance = widget.WarningImportance
	if it.State == outbox.Failed || it.State == outbox.Uncertain {
		v.outState.Importance = widget.DangerImportance
	}
	v.outState.Show()
}

func sizeLabel(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d kB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}

// addNote stores an internal note on the open conversation.
func (v *conversationView) addNote(text string) {
	if strings.TrimSpace(text) == "" || v.row.ID == 0 {
		return
	}
	store, id := v.p.store, v.row.ID
	v.note.SetText("")
	v.p.run(func(ctx context.Context) error {
		if _, err := store.AddNote(ctx, id, text); err != nil {
			return err
		}
		fyne.Do(func() {
			if v.row.ID == id {
				v.refresh()
			}
		})
		return nil
	})
}

// noteCard is an internal note: marked as such and tinted, so nobody mistakes it for mail.
func noteCard(n inbox.Note, loc *time.Location) fyne.CanvasObject {
	head := widget.NewLabelWithStyle(lang.L("Internal note by {{.Author}} · never sent", map[string]any{"Author": n.Author}),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true, Italic: true})
	head.Importance = widget.WarningImportance
	when := widget.NewLabel(n.CreatedAt.In(loc).Format("Mon 2 Jan 15:04"))
	when.Importance = widget.LowImportance
	body := widget.NewLabel(n.Body)
	body.Wrapping = fyne.TextWrapWord
	bg := canvas.NewRectangle(noteColor)
	bg.CornerRadius = theme.InputRadiusSize()
	bg.StrokeColor = theme.Color(theme.ColorNameWarning)
	bg.StrokeWidth = 1
	box := container.NewVBox(container.NewBorder(nil, nil, widget.NewIcon(theme.DocumentCreateIcon()), when, head), body)
	return container.NewPadded(container.NewStack(bg, container.NewPadded(box)))
}

// noteColor is a faint amber that reads on light and dark themes.
var noteColor = color.NRGBA{R: 0xF5, G: 0x9E, B: 0x0B, A: 0x22}

// changeLine is one entry of the history: who changed what, when.
func changeLine(c inbox.Change, loc *time.Location) fyne.CanvasObject {
	var what string
	switch {
	case c.Kind == "status":
		what = lang.L("{{.Actor}} changed the status from {{.Old}} to {{.New}}", map[string]any{"Actor": c.Actor,
			"Old": statusName(inbox.Status(c.Old)), "New": statusName(inbox.Status(c.New))})
	case c.Kind == "label" && c.New != "":
		what = lang.L("{{.Actor}} added the label {{.New}}", map[string]any{"Actor": c.Actor, "New": c.New})
	case c.Kind == "label":
		what = lang.L("{{.Actor}} removed the label {{.Old}}", map[string]any{"Actor": c.Actor, "Old": c.Old})
	case c.New == "":
		what = lang.L("{{.Actor}} unassigned it", map[string]any{"Actor": c.Actor})
	default:
		what = lang.L("{{.Actor}} assigned it to {{.New}}", map[string]any{"Actor": c.Actor, "New": c.New})
	}
	l := widget.NewLabel(what + " · " + c.At.In(loc).Format("2 Jan 15:04"))
	l.Importance = widget.LowImportance
	l.SizeName = theme.SizeNameCaptionText
	l.Alignment = fyne.TextAlignCenter
	return l
}

func hintChoose() string {
	return lang.L("Choose a conversation, or press j and k to move and Enter to open.")
}

// setHint says what to do next when nothing is open: a client with no mail yet needs an
// account more than it needs keyboard shortcuts. UI goroutine.
func (v *conversationView) setHint(anyMail, viewEmpty bool) {
	switch {
	case !anyMail:
		v.hint.SetText(lang.L("No mail yet: add this client's account in Settings."))
	case viewEmpty:
		v.hint.SetText(lang.L("Nothing here. Choose another view on the left."))
	default:
		v.hint.SetText(hintChoose())
	}
}

// noteEntry is the internal-note field: Enter adds the note, Escape goes back to the list.
type noteEntry struct {
	widget.Entry
	p *Pane
}

func newNoteEntry(p *Pane) *noteEntry {
	e := &noteEntry{p: p}
	e.ExtendBaseWidget(e)
	return e
}

func (e *noteEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		e.p.focusList()
		return
	}
	e.Entry.TypedKey(k)
}

func transparent(c color.Color) bool {
	_, _, _, a := c.RGBA()
	return a == 0
}

// contactShown tells whether the contact panel is open (the views column folds for it).
func (v *conversationView) contactShown() bool { return v.side != nil && v.side.Visible() }
