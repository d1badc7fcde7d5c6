package inboxpane

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace/inbox/contacts"
)

// contactWidth is the side panel's width: enough for a name, a tag row and a reason.
const contactWidth = 300

// contactPanel is the side panel beside a conversation: the person's history in this
// workspace, notes, tags, conversations, and the graded abuse steps with who took each and
// why. UI goroutine only.
type contactPanel struct {
	p *Pane
	d contacts.Detail // d.ID 0: nobody shown yet

	name    *widget.Label
	address *widget.Label
	facts   *widget.Label
	level   *widget.Label
	tags    *fyne.Container
	tag     *widget.Entry
	convs   *fyne.Container
	notes   *fyne.Container
	note    *widget.Entry
	steps   *fyne.Container
	warn    *widget.Button
	mute    *widget.Button
	block   *widget.Button
	lift    *widget.Button
	body    *fyne.Container
	content fyne.CanvasObject
}

func newContactPanel(p *Pane) *contactPanel {
	c := &contactPanel{p: p}
	c.name = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.name.Truncation = fyne.TextTruncateEllipsis
	c.address = widget.NewLabel("")
	c.address.Truncation = fyne.TextTruncateEllipsis
	c.address.Importance = widget.LowImportance
	c.facts = wrapped("")
	c.level = wrapped("")
	c.tags = container.NewGridWrap(fyne.NewSize(contactWidth/2-theme.Padding()*2, theme.TextSize()*2+theme.Padding()))
	c.tag = widget.NewEntry()
	c.tag.SetPlaceHolder(lang.L("Add a tag"))
	c.tag.OnSubmitted = func(t string) { c.tag.SetText(""); c.addTag(t) }
	c.convs = container.NewVBox()
	c.notes = container.NewVBox()
	c.note = widget.NewEntry()
	c.note.SetPlaceHolder(lang.L("Add a note about this person"))
	c.note.OnSubmitted = func(t string) { c.note.SetText(""); c.addNote(t) }
	c.steps = container.NewVBox()
	c.warn = widget.NewButton(lang.L("Warn…"), func() { c.ask(stepWarn) })
	c.mute = widget.NewButton(lang.L("Mute…"), func() { c.ask(stepMute) })
	c.block = widget.NewButton(lang.L("Block…"), func() { c.ask(stepBlock) })
	c.block.Importance = widget.DangerImportance
	c.lift = widget.NewButton(lang.L("Lift…"), func() { c.ask(stepLift) })
	c.body = container.NewVBox(c.name, c.address, c.facts,
		heading(lang.L("Tags")), c.tags, c.tag,
		heading(lang.L("Conversations")), c.convs,
		heading(lang.L("Notes")), c.notes, c.note,
		heading(lang.L("Abuse handling")), c.level, container.NewGridWithColumns(2, c.warn, c.mute, c.block, c.lift), c.steps)
	scroll := container.NewVScroll(container.NewPadded(c.body)) // off the window's edge
	c.content = container.New(&fixedWidth{w: contactWidth}, container.NewBorder(nil, nil, widget.NewSeparator(), nil, scroll))
	return c
}

func heading(s string) fyne.CanvasObject {
	return container.NewVBox(widget.NewSeparator(), widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
}

func wrapped(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// load reads contact id off the UI goroutine and shows it.
func (c *contactPanel) load(id int64) {
	store := c.p.contacts
	if store == nil || id == 0 {
		return
	}
	c.p.run(func(ctx context.Context) error {
		d, err := store.Get(ctx, id)
		if err != nil {
			return err
		}
		fyne.Do(func() {
			if c.p.contacts == store {
				c.show(d)
			}
		})
		return nil
	})
}

// show fills the panel with d.
func (c *contactPanel) show(d contacts.Detail) {
	c.d = d
	c.name.SetText(contactLabel(d.Name, d.Email))
	c.address.SetText(d.Email)
	c.facts.SetText(lang.L("First seen {{.First}} · messages: {{.N}}\nOpen conversations: {{.Open}} of {{.Convs}}", map[string]any{
		"N": d.Messages, "First": d.FirstSeenAt.In(c.p.location()).Format("2 Jan 2006"), "Open": d.Open, "Convs": len(d.Conversations)}))
	c.level.SetText(abuseName(d.Abuse))
	c.level.Importance = widget.MediumImportance
	if d.Abuse != contacts.AbuseNone {
		c.level.Importance = widget.DangerImportance
	}
	c.level.Refresh()

	c.tags.Objects = nil
	for _, t := range d.Tags {
		b := widget.NewButtonWithIcon(t, theme.CancelIcon(), func() { c.removeTag(t) })
		b.Importance = widget.LowImportance
		c.tags.Add(b)
	}
	c.convs.Objects = nil
	for _, r := range d.Conversations {
		link := newLinkLine(subjectOrNone(r.Subject)+" · "+statusName(r.Status)+" · "+shortTime(r.LastMessageAt, c.p.now()),
			func() { c.p.detail.open(r) })
		pad := theme.Padding()
		c.convs.Add(container.New(layout.NewCustomPaddedLayout(pad/2, pad/2, pad*2, pad), link)) // in line with the labels' text
	}
	c.notes.Objects = nil
	for _, n := range d.Notes {
		c.notes.Add(wrapped(n.Author + " · " + n.CreatedAt.In(c.p.location()).Format("2 Jan 15:04") + "\n" + n.Body))
	}
	c.steps.Objects = nil
	for i := len(d.Actions) - 1; i >= 0; i-- { // newest first: the step in force on top
		a := d.Actions[i]
		l := wrapped(lang.L("{{.Step}} by {{.Actor}} · {{.At}}", map[string]any{"Step": stepName(a.Action), "Actor": a.Actor,
			"At": a.At.In(c.p.location()).Format("2 Jan 2006 15:04")}) + "\n" + lang.L("Why: {{.Reason}}", map[string]any{"Reason": a.Reason}))
		l.Importance = widget.LowImportance
		c.steps.Add(l)
	}
	setEnabled(c.warn, c.p.detail.row.ContactID == d.ID) // a warning is a reply in a conversation with them
	setEnabled(c.mute, d.Abuse != contacts.AbuseMuted && d.Abuse != contacts.AbuseBlocked)
	setEnabled(c.block, d.Abuse != contacts.AbuseBlocked)
	setEnabled(c.lift, d.Abuse != contacts.AbuseNone)
	c.body.Refresh()
}

func setEnabled(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

func abuseName(l contacts.AbuseLevel) string {
	switch l {
	case contacts.AbuseWarned:
		return lang.L("Warned: a warning was sent.")
	case contacts.AbuseMuted:
		return lang.L("Muted: their mail raises no alerts, and is still kept and listed.")
	case contacts.AbuseBlocked:
		return lang.L("Blocked: their new mail is filed as Abuse, never deleted.")
	}
	return lang.L("No steps taken.")
}

func stepName(action string) string {
	switch action {
	case "warn":
		return lang.L("Warned")
	case "mute":
		return lang.L("Muted")
	case "block":
		return lang.L("Blocked")
	case "unblock":
		return lang.L("Block lifted")
	case "unmute":
		return lang.L("Mute lifted")
	case "clear":
		return lang.L("Warning cleared")
	}
	return action
}

func (c *contactPanel) addTag(t string) {
	if strings.TrimSpace(t) == "" {
		return
	}
	c.write(func(ctx context.Context, s *contacts.Store, id int64) error { return s.Tag(ctx, id, t) })
}

func (c *contactPanel) removeTag(t string) {
	c.write(func(ctx context.Context, s *contacts.Store, id int64) error { return s.Untag(ctx, id, t) })
}

func (c *contactPanel) addNote(t string) {
	if strings.TrimSpace(t) == "" {
		return
	}
	c.write(func(ctx context.Context, s *contacts.Store, id int64) error {
		_, err := s.AddNote(ctx, id, t)
		return err
	})
}

// write changes the contact off the UI goroutine, then shows it again.
func (c *contactPanel) write(fn func(ctx context.Context, s *contacts.Store, id int64) error) {
	store, id := c.p.contacts, c.d.ID
	if store == nil || id == 0 {
		return
	}
	c.p.run(func(ctx context.Context) error {
		if err := fn(ctx, store, id); err != nil {
			return err
		}
		d, err := store.Get(ctx, id)
		if err != nil {
			return err
		}
		fyne.Do(func() {
			if c.p.contacts == store && c.d.ID == id {
				c.show(d)
			}
		})
		return nil
	})
}
