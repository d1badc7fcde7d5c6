package inboxpane

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace/inbox"
)

// WithSender sets what "Send" calls once a reply is in the outbox: the app's SendDue with
// this workspace's mailer. Without it replies wait in the outbox for the app's next round.
func WithSender(send func(ctx context.Context, s *inbox.Store) error) Option {
	return func(p *Pane) { p.sendNow = send }
}

// followUps are the "Then" choices after sending: wait for the customer, or resolve and
// check back after that many days.
var followUps = []int{0, 1, 3, 7}

func thenOptions() []string {
	opts := []string{lang.L("Wait for the customer")}
	for _, d := range followUps[1:] {
		opts = append(opts, lang.L("Resolve, check back in {{.N}} days", map[string]any{"N": d}))
	}
	return opts
}

// submit queues the reply, at a time or now; tone findings are shown first and the user
// may send anyway.
func (c *composer) submit(at time.Time) {
	if len(c.findings) == 0 {
		c.queue(at)
		return
	}
	var lines []string
	for _, f := range c.findings {
		lines = append(lines, "• "+f.Message)
	}
	msg := widget.NewLabel(strings.Join(lines, "\n"))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(lang.L("This reply goes against the brand's voice"), lang.L("Send anyway"), lang.L("Edit"),
		container.NewVBox(msg), func(ok bool) {
			if ok {
				c.queue(at)
			}
		}, c.p.env.Window)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
}

// queue puts the reply in this workspace's outbox (Queue picks the workspace's own account
// and refuses unresolved variables), applies the "Then" choice and, for "Send", submits.
func (c *composer) queue(at time.Time) {
	store, id := c.p.store, c.row.ID
	reply := inbox.Reply{ConversationID: id, Body: c.body.Text, SendAt: at, FAQID: c.faqID}
	followUp := time.Duration(followUps[max(c.then.SelectedIndex(), 0)]) * 24 * time.Hour
	send := c.p.sendNow
	c.p.run(func(ctx context.Context) error {
		if _, err := store.Queue(ctx, reply); err != nil {
			return err
		}
		if followUp > 0 {
			if err := store.Resolve(ctx, id, followUp); err != nil {
				return err
			}
		}
		fyne.Do(func() {
			if c.row.ID == id {
				c.close()
				c.p.detail.stack(false)
			}
			c.p.reload()
			c.p.detail.refresh()
		})
		if send != nil && at.IsZero() {
			return send(ctx, store) // a failure stays in the outbox with its reason
		}
		return nil
	})
}

// pickLater asks when to send.
func (c *composer) pickLater() {
	now := c.p.now()
	morning := func(days int) time.Time {
		d := now.AddDate(0, 0, days)
		return time.Date(d.Year(), d.Month(), d.Day(), 9, 0, 0, 0, now.Location())
	}
	var d dialog.Dialog
	box := container.NewVBox()
	for _, at := range []time.Time{now.Add(time.Hour), morning(1), morning(3)} {
		box.Add(widget.NewButton(at.Format("Mon 2 Jan 15:04"), func() { d.Hide(); c.submit(at) }))
	}
	custom := widget.NewEntry()
	custom.SetPlaceHolder(lang.L("or a time: 2006-01-02 15:04"))
	custom.Validator = func(s string) error {
		_, err := time.ParseInLocation("2006-01-02 15:04", strings.TrimSpace(s), now.Location())
		return err
	}
	custom.OnSubmitted = func(s string) {
		if at, err := time.ParseInLocation("2006-01-02 15:04", strings.TrimSpace(s), now.Location()); err == nil {
			d.Hide()
			c.submit(at)
		}
	}
	box.Add(custom)
	d = dialog.NewCustom(lang.L("Send later"), lang.L("Cancel"), box, c.p.env.Window)
	d.Show()
}
