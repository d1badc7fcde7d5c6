package inboxpane

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace/inbox"
	"switchboard/workspace/mail"
)

// conversationView shows the open conversation: its messages oldest first, and the
// composer under them while replying. UI goroutine only.
type conversationView struct {
	p        *Pane
	row      inbox.ListRow
	messages []mail.Message

	subject  *widget.Label
	who      *widget.Label
	status   *widget.Label
	thread   *fyne.Container
	scroll   *container.Scroll
	toolbar  *fyne.Container
	composer *composer
	empty    fyne.CanvasObject
	center   *fyne.Container // the thread, or the thread over the composer
	body     *fyne.Container
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
	v.thread = container.NewVBox()
	v.scroll = container.NewVScroll(v.thread)
	replyBtn := widget.NewButtonWithIcon(lang.L("Reply"), theme.MailReplyIcon(), v.reply)
	replyBtn.Importance = widget.HighImportance
	v.toolbar = container.NewHBox(replyBtn)
	v.composer = newComposer(p)
	head := container.NewVBox(v.subject, container.NewBorder(nil, nil, nil, v.toolbar, container.NewHBox(v.who, v.status)), widget.NewSeparator())
	v.center = container.NewStack(v.scroll)
	v.body = container.NewBorder(head, nil, nil, nil, v.center)
	hint := widget.NewLabelWithStyle(lang.L("Choose a conversation, or press j and k to move and Enter to open."), fyne.TextAlignCenter, fyne.TextStyle{Italic: true})
	hint.Wrapping = fyne.TextWrapWord
	v.empty = container.NewVBox(layout.NewSpacer(), hint, layout.NewSpacer())
	v.content = container.NewStack(v.empty, v.body)
	v.clear()
	return v
}

// stack shows the thread alone, or the thread over the composer while replying.
func (v *conversationView) stack(replying bool) {
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
	v.row, v.messages = inbox.ListRow{}, nil
	v.thread.Objects = nil
	v.composer.close()
	v.stack(false)
	v.body.Hide()
	v.empty.Show()
}

// open shows r and reads its messages off the UI goroutine.
func (v *conversationView) open(r inbox.ListRow) {
	if r.ID != v.row.ID {
		v.composer.close()
		v.stack(false)
	}
	v.row = r
	v.subject.SetText(subjectOrNone(r.Subject))
	v.who.SetText(contactLabel(r.ContactName, r.ContactEmail) + " <" + r.ContactEmail + ">")
	v.status.SetText(statusName(r.Status))
	v.empty.Hide()
	v.body.Show()
	ws, id := v.p.ws, r.ID
	v.p.run(func(ctx context.Context) error {
		msgs, err := mail.Open(ws).ConversationMessages(ctx, id)
		if err != nil {
			return err
		}
		fyne.Do(func() {
			if v.p.ws == ws && v.row.ID == id {
				v.show(msgs)
			}
		})
		return nil
	})
}

func (v *conversationView) show(msgs []mail.Message) {
	v.messages = msgs
	objs := make([]fyne.CanvasObject, 0, len(msgs))
	for _, m := range msgs {
		objs = append(objs, v.messageCard(m))
	}
	v.thread.Objects = objs
	v.thread.Refresh()
	v.scroll.ScrollToBottom()
}

// messageCard is one message: sender and time, recipients, text, attachments.
func (v *conversationView) messageCard(m mail.Message) fyne.CanvasObject {
	from := widget.NewLabelWithStyle(m.From.String(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	from.Truncation = fyne.TextTruncateEllipsis
	when := widget.NewLabel(m.Date.In(time.Local).Format("Mon 2 Jan 2006 15:04"))
	when.Importance = widget.LowImportance
	original := widget.NewButtonWithIcon("", theme.DocumentIcon(), func() { v.showOriginal(m) })
	head := container.NewBorder(nil, nil, nil, container.NewHBox(when, original), from)
	to := widget.NewLabel(lang.L("To: {{.To}}", map[string]any{"To": m.To}))
	to.Importance = widget.LowImportance
	to.Truncation = fyne.TextTruncateEllipsis
	body := widget.NewLabel(m.Body)
	body.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(head, to, body)
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
	for _, a := range m.Attachments {
		box.Add(container.NewHBox(widget.NewIcon(theme.FileIcon()),
			widget.NewLabel(fmt.Sprintf("%s (%s)", a.Filename, sizeLabel(a.Size)))))
	}
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.InputRadiusSize()
	if m.Outbound {
		bg.FillColor = theme.Color(theme.ColorNameSelection)
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

// reply opens the composer under the thread.
func (v *conversationView) reply() {
	if v.row.ID == 0 {
		return
	}
	v.stack(true)
	v.composer.open(v.row)
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
