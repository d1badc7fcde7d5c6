package inboxpane

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// stepKind is one of the graded, reversible abuse steps.
type stepKind int

const (
	stepWarn stepKind = iota
	stepMute
	stepBlock
	stepLift
)

// ask asks why before taking step k: every step is recorded with who took it and why. A
// warning is shown as the customer will read it before it can be sent.
func (c *contactPanel) ask(k stepKind) {
	if k != stepWarn {
		c.askWith(k, "")
		return
	}
	store, id, conv := c.p.contacts, c.d.ID, c.p.detail.row.ID
	if store == nil || id == 0 {
		return
	}
	c.p.run(func(ctx context.Context) error {
		d, err := store.WarningPreview(ctx, id, conv)
		if err != nil {
			return err
		}
		fyne.Do(func() { c.askWith(k, d.Body) })
		return nil
	})
}

func (c *contactPanel) askWith(k stepKind, warning string) {
	who := contactLabel(c.d.Name, c.d.Email)
	var title, hint, confirm string
	switch k {
	case stepWarn:
		title, confirm = lang.L("Warn {{.Name}}", map[string]any{"Name": who}), lang.L("Send warning")
		hint = lang.L("Sends the brand's warning template as a reply in this conversation, through the outbox.")
	case stepMute:
		title, confirm = lang.L("Mute {{.Name}}", map[string]any{"Name": who}), lang.L("Mute")
		hint = lang.L("Their mail raises no alerts; it is still kept and listed.")
	case stepBlock:
		title, confirm = lang.L("Block {{.Name}}", map[string]any{"Name": who}), lang.L("Block")
		hint = lang.L("Their future mail is filed as Abuse. Nothing is deleted.")
	case stepLift:
		title, confirm = lang.L("Lift the last step for {{.Name}}", map[string]any{"Name": who}), lang.L("Lift")
		hint = lang.L("Blocked becomes muted, muted becomes warned or nothing.")
	}
	reason := widget.NewEntry()
	reason.SetPlaceHolder(lang.L("Why? Recorded with your name"))
	reason.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(lang.L("Say why"))
		}
		return nil
	}
	items := []*widget.FormItem{{Text: lang.L("Reason"), Widget: reason, HintText: hint}}
	if warning != "" {
		text := widget.NewLabel(warning)
		text.Wrapping = fyne.TextWrapWord
		items = append([]*widget.FormItem{{Text: lang.L("The warning"), Widget: text,
			HintText: lang.L("Change it in Settings › Voice and rules")}}, items...)
	}
	d := dialog.NewForm(title, confirm, lang.L("Cancel"), items,
		func(ok bool) {
			if ok {
				c.take(k, reason.Text)
			}
		}, c.p.env.Window)
	d.Resize(fyne.NewSize(480, 0))
	d.Show()
}

// take records step k with its reason off the UI goroutine. A warning is also queued as a
// reply to the open conversation and, with a sender, submitted at once.
func (c *contactPanel) take(k stepKind, reason string) {
	store, id, conv, send, inboxStore := c.p.contacts, c.d.ID, c.p.detail.row.ID, c.p.sendNow, c.p.store
	if store == nil || id == 0 {
		return
	}
	c.p.run(func(ctx context.Context) error {
		var err error
		switch k {
		case stepWarn:
			_, err = store.SendWarning(ctx, id, conv, reason)
		case stepMute:
			err = store.Mute(ctx, id, reason)
		case stepBlock:
			err = store.Block(ctx, id, reason)
		case stepLift:
			err = store.Lift(ctx, id, reason)
		}
		if err != nil {
			return err
		}
		d, err := store.Get(ctx, id)
		if err != nil {
			return err
		}
		fyne.Do(func() {
			if c.p.contacts != store {
				return
			}
			if c.d.ID == id {
				c.show(d)
			}
			c.p.reload() // rows of a muted or blocked contact change
		})
		if k == stepWarn && send != nil {
			return send(ctx, inboxStore)
		}
		return nil
	})
}
