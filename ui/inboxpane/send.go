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
	"switchboard/workspace/inbox/contacts"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/inbox/outbox"
)

// WithSender sets what "Send" calls once a reply is in the outbox: the app's SendDue with
// this workspace's mailer. Without it replies wait in the outbox for the app's next round.
func WithSender(send func(ctx context.Context, s *inbox.Store) error) Option {
	return func(p *Pane) { p.sendNow = send }
}

// WithAgentSaved tells the shell that the Inbox stored "my name" (asked on the first
// send), so the panes loaded from then on get it.
func WithAgentSaved(saved func(name string)) Option {
	return func(p *Pane) { p.agentSaved = saved }
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

// submit queues the reply, at a time or now. On the first send without "my name" it asks
// for the name; tone findings are shown first and the user may send anyway.
func (c *composer) submit(at time.Time) {
	if c.row.ID == 0 || c.send.Disabled() {
		return
	}
	if strings.TrimSpace(c.p.env.Agent) == "" && !c.p.nameAsked {
		c.askName(func() { c.submit(at) })
		return
	}
	if len(c.findings) == 0 {
		c.queue(at)
		return
	}
	var lines []string
	for _, f := range c.findings {
		lines = append(lines, "• "+f.Message)
	}
	// A list, not a two-button dialog: the keyboard answers it (1 or Enter edits, 2 sends).
	d := c.p.choose(lang.L("This reply goes against the brand's voice"), strings.Join(lines, "\n"),
		[]string{lang.L("Edit the reply"), lang.L("Send anyway")}, nil, func(i int) {
			if i == 1 {
				c.queue(at)
			} else {
				c.p.focus(c.body)
			}
		})
	d.Resize(fyne.NewSize(520, 0))
}

// askName asks once per session for the name replies are signed with and colleagues see;
// skipping sends with the fallbacks ({{agent|The Nordlys team}}).
func (c *composer) askName(then func()) {
	name := widget.NewEntry()
	name.SetPlaceHolder(lang.L("e.g. Sofia Lind"))
	msg := widget.NewLabel(lang.L("Replies are signed with your name, and colleagues see who answered. It is kept for every workspace on this computer (Settings › You)."))
	msg.Wrapping = fyne.TextWrapWord
	// Enter in the field counts as "Save and send". The dialog is hidden before the send
	// goes on: hiding an overlay also removes any shown above it, such as the tone check.
	entered := false
	d := dialog.NewCustomConfirm(lang.L("What is your name?"), lang.L("Save and send"), lang.L("Send without a name"),
		container.NewVBox(msg, name), func(ok bool) {
			c.p.nameAsked = true
			if n := strings.Join(strings.Fields(name.Text), " "); (ok || entered) && n != "" {
				c.p.setAgent(n)
				c.check()
			}
			then()
		}, c.p.env.Window)
	name.OnSubmitted = func(string) { entered = true; d.Hide() }
	d.Resize(fyne.NewSize(480, 0))
	d.Show()
	c.p.focus(name)
}

// setAgent stores "my name" for this machine and uses it from now on. UI goroutine.
func (p *Pane) setAgent(name string) {
	if name == "" || p.ws == nil {
		return
	}
	p.env.Agent = name
	o := inboxcore.Options{Agent: name, Now: p.now, OverdueBefore: businessCutoff(p.ws)}
	p.store, p.out, p.contacts = inbox.NewStore(p.ws, o), outbox.New(p.ws, o), contacts.New(p.ws, o)
	root, saved := p.env.Root, p.agentSaved
	p.run(func(context.Context) error {
		if root == nil {
			return nil
		}
		cfg, err := root.Config()
		if err != nil {
			return err
		}
		cfg.AgentName = name
		if err := root.SaveConfig(cfg); err != nil {
			return err
		}
		if saved != nil {
			saved(name)
		}
		return nil
	})
}

// queue puts the reply in this workspace's outbox from the chosen account of this
// workspace, applies the "Then" choice, drops the draft and, for "Send", submits.
func (c *composer) queue(at time.Time) {
	text, err := c.render()
	if err != nil {
		c.check()
		return
	}
	store, out, id, from := c.p.store, c.p.out, c.row.ID, c.fromID
	reply := outbox.Reply{ConversationID: id, Body: text, SendAt: at, FAQID: c.faqID}
	followUp := time.Duration(followUps[max(c.then.SelectedIndex(), 0)]) * 24 * time.Hour
	send := c.p.sendNow
	c.p.run(func(ctx context.Context) error {
		if _, err := out.QueueFrom(ctx, reply, from); err != nil {
			return err
		}
		if followUp > 0 {
			if err := store.Resolve(ctx, id, followUp); err != nil {
				return err
			}
		}
		if err := store.DeleteDraft(ctx, id); err != nil {
			return err
		}
		fyne.Do(func() {
			delete(c.p.drafts, id)
			if c.row.ID == id {
				c.close()
				c.p.detail.stack(false)
				c.p.focusList()
			}
			c.p.reload()
			c.p.detail.refresh()
		})
		if send == nil || !at.IsZero() {
			return nil
		}
		if err := send(ctx, store); err != nil {
			return err // a failure stays in the outbox with its reason
		}
		// Our own reply, filed in the conversation, must not bring its unread dot back:
		// the person who answered has read it.
		if err := store.MarkRead(ctx, id); err != nil {
			return err
		}
		fyne.Do(c.p.reload)
		return nil
	})
}

// pickLater asks when to send, in the workspace's time zone, which it names.
func (c *composer) pickLater() {
	if c.later.Disabled() {
		return
	}
	loc := c.p.location()
	times, labels := laterChoices(c.p.now().In(loc))
	var d dialog.Dialog
	custom := timeEntry(loc, func(at time.Time) { d.Hide(); c.submit(at) })
	d = c.p.choose(lang.L("Send later"), zoneNote(loc), labels, custom, func(i int) { c.submit(times[i]) })
}

// timeEntry reads a time of one's own in loc; Enter with a valid time calls done.
func timeEntry(loc *time.Location, done func(time.Time)) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(lang.L("or type a time, like {{.Example}}", map[string]any{"Example": "2026-12-01 09:00"}))
	parse := func(s string) (time.Time, error) {
		return time.ParseInLocation("2006-01-02 15:04", strings.TrimSpace(s), loc)
	}
	e.Validator = func(s string) error { _, err := parse(s); return err }
	e.OnSubmitted = func(s string) {
		if at, err := parse(s); err == nil {
			done(at)
		}
	}
	return e
}

// zoneNote says which zone the offered times are in: the client's, not the computer's.
func zoneNote(loc *time.Location) string {
	return lang.L("Times are in the client's time zone, {{.Zone}}.", map[string]any{"Zone": loc.String()})
}

// morning is 09:00 days after now, in now's zone.
func morning(now time.Time, days int) time.Time {
	d := now.AddDate(0, 0, days)
	return time.Date(d.Year(), d.Month(), d.Day(), 9, 0, 0, 0, now.Location())
}

// nextMonday is 09:00 on the coming Monday, in now's zone.
func nextMonday(now time.Time) time.Time {
	days := (8 - int(now.Weekday())) % 7
	if days == 0 {
		days = 7
	}
	return morning(now, days)
}

// laterChoices are the times offered for sending later or a new outbox time, named and in
// now's zone; the coming Monday is left out when it is tomorrow.
func laterChoices(now time.Time) ([]time.Time, []string) {
	times := []time.Time{now.Add(time.Hour), morning(now, 1), morning(now, 3)}
	names := []string{lang.L("In one hour"), lang.L("Tomorrow morning"), lang.L("In 3 days")}
	if m := nextMonday(now); !m.Equal(times[1]) && !m.Equal(times[2]) {
		times, names = append(times, m), append(names, lang.L("Monday morning"))
	}
	labels := make([]string, len(times))
	for i, at := range times {
		labels[i] = names[i] + " — " + at.Format("Mon 2 Jan 15:04")
	}
	return times, labels
}
