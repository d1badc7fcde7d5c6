package inboxpane

import (
	"context"
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/ui/fields"
	"switchboard/workspace/inbox"
	"switchboard/workspace/mail"
	"switchboard/workspace/template"
)

// composer writes a reply. It always names the customer it answers, and sends from the
// account of this workspace that received the mail unless the user picks another of the
// same workspace's accounts: no control lists another client's address. Its text is a
// draft stored in the workspace as it is typed. UI goroutine only.
type composer struct {
	p          *Pane
	row        inbox.Row
	accounts   []mail.Account // this workspace's, for the From picker
	fromID     string         // the account chosen; "" until the accounts are read
	tone       inbox.Tone
	findings   []inbox.Finding
	faqID      string // the FAQ answer used, counted when the reply is queued
	restoring  bool   // the text is being set from a stored draft, not typed
	awaitDraft bool   // opened before its stored draft was read: do not overwrite it yet

	band     *canvas.Rectangle
	brand    *line // "Reply to Anna Berg as Nordlys", cut with an ellipsis, never past the edge
	subject  *line // "To: Anna Berg <anna@…>"
	from     *widget.Select
	to       *widget.Label
	body     *fields.TextArea
	problems *widget.Label
	advice   *widget.Label // tone findings: explained, never blocking
	then     *widget.Select
	send     *tipButton
	later    *tipButton
	discard  *tipButton
	offers   *offerRow       // the open incident's holding statements, for a linked conversation
	bottom   *fyne.Container // messages and actions under the text
	frame    *fyne.Container
	content  fyne.CanvasObject
}

func newComposer(p *Pane) *composer {
	c := &composer{p: p}
	c.band = canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	c.brand = newLine(theme.TextSize(), true, theme.Color(theme.ColorNameForegroundOnPrimary))
	c.subject = newLine(theme.TextSize(), false, theme.Color(theme.ColorNameForegroundOnPrimary))
	pad := theme.Padding()
	bandRow := container.New(layout.NewCustomPaddedLayout(pad, pad, pad*2, pad*2), container.NewVBox(c.brand, c.subject))
	c.from = widget.NewSelect(nil, func(string) { c.fromChosen() })
	c.to = widget.NewLabel("")
	c.to.Truncation = fyne.TextTruncateEllipsis
	c.body = fields.NewTextArea()
	c.body.SetPlaceHolder(lang.L("Write your reply. {{.Vars}} are filled in when it is sent.",
		map[string]any{"Vars": "{{first_name}}, {{agent}}, {{brand}}"}))
	c.body.OnChanged = func(string) { c.check(); c.keepDraft(); c.offers.sync() }
	c.body.OnSubmit = func() { c.submit(time.Time{}) }
	c.body.OnEscape = p.focusList // the draft stays; r comes back to it
	c.body.OnShortcut = func(s *desktop.CustomShortcut) bool {
		if s.Modifier != fyne.KeyModifierControl && s.Modifier != fyne.KeyModifierSuper {
			return false
		}
		switch s.KeyName {
		case fyne.KeyI:
			c.pickFAQ()
		case fyne.KeyL:
			c.pickLater()
		default:
			return false
		}
		return true
	}
	c.problems = widget.NewLabel("")
	c.problems.Wrapping = fyne.TextWrapWord
	c.problems.Importance = widget.DangerImportance
	c.problems.Hide()
	c.advice = widget.NewLabel("")
	c.advice.Wrapping = fyne.TextWrapWord
	c.advice.Importance = widget.WarningImportance
	c.advice.Hide()
	faqBtn := newTipButton(p.tips, lang.L("Insert FAQ answer…"), theme.QuestionIcon(), lang.L("Find an approved answer by its words (Ctrl+I)"), c.pickFAQ)
	c.then = widget.NewSelect(thenOptions(), nil)
	c.then.SetSelectedIndex(0)
	c.send = newTipButton(p.tips, lang.L("Send"), theme.MailSendIcon(), lang.L("Send now (Ctrl+Enter)"), func() { c.submit(time.Time{}) })
	c.send.Importance = widget.HighImportance
	c.later = newTipButton(p.tips, lang.L("Send later…"), theme.HistoryIcon(), lang.L("Choose when it goes out, in the client's time zone (Ctrl+L)"), c.pickLater)
	c.discard = newTipButton(p.tips, lang.L("Discard"), theme.DeleteIcon(), lang.L("Drop this draft (it can be undone for a few seconds)"), c.discardDraft)
	c.offers = newOfferRow(c)
	actions := container.NewVBox(c.offers.content,
		container.NewBorder(nil, nil, faqBtn, nil, container.NewBorder(nil, nil, widget.NewLabel(lang.L("Then")), nil, c.then)),
		container.NewHBox(layout.NewSpacer(), c.discard, c.later, c.send))
	fromRow := container.NewBorder(nil, nil, widget.NewLabel(lang.L("From")), nil, c.from)
	top := container.NewVBox(container.NewStack(c.band, bandRow), fromRow)
	// Problems and tone advice scroll inside three lines' room: a long list of findings
	// must not push the text box or the buttons out of a 700-point window.
	messages := container.NewVBox(c.problems, c.advice)
	c.bottom = container.NewVBox(newCapped(84, messages), actions)
	c.frame = container.NewBorder(top, c.bottom, nil, nil, c.body)
	c.content = c.frame
	return c
}

// open starts (or goes back to) a reply to r. d is its stored draft, if any; focus puts
// the cursor in the text, as Reply and r do (a draft shown on opening a conversation
// leaves the keyboard with the list).
func (c *composer) open(r inbox.Row, d *inbox.SavedDraft, focus bool) {
	if c.row.ID != r.ID {
		c.close()
		ws := c.p.ws
		info := ws.Info()
		brand := fields.Brand(info.Color)
		c.row = r
		c.band.FillColor = brand
		on := fields.OnColor(brand)
		c.brand.set(lang.L("Reply to {{.Customer}} as {{.Brand}}", map[string]any{
			"Customer": contactLabel(r.ContactName, r.ContactEmail), "Brand": info.Name}), on)
		to := lang.L("To: {{.To}}", map[string]any{"To": displayWho(r.ContactName, r.ContactEmail)})
		c.subject.set(to, on)
		c.to.SetText(to)
		c.band.Refresh()
		if d != nil {
			c.restoring = true
			c.setText(d.Body)
			c.restoring = false
			c.faqID, c.fromID = d.FAQID, d.AccountID
		}
		c.check()
		c.offers.load(r.ID)
		c.readAccounts(r.ID)
	}
	if focus {
		c.p.focus(c.body)
	}
}

// readAccounts reads this workspace's accounts, the one that received the conversation
// and the brand's tone, off the UI goroutine.
func (c *composer) readAccounts(id int64) {
	ws, store := c.p.ws, c.p.store
	c.p.run(func(ctx context.Context) error {
		accounts, err := mail.Open(ws).Accounts(ctx)
		if err != nil {
			return err
		}
		tone, err := store.Tone(ctx)
		if err != nil {
			return err
		}
		var receiving string
		if len(accounts) > 0 {
			a, err := store.ReplyAccount(ctx, id)
			if err != nil {
				return err
			}
			receiving = a.ID
		}
		fyne.Do(func() {
			if c.p.ws == ws && c.row.ID == id {
				c.loaded(accounts, receiving, tone)
			}
		})
		return nil
	})
}

// loaded fills the From picker, the receiving account chosen unless the draft chose
// another, and checks the draft against the tone.
func (c *composer) loaded(accounts []mail.Account, receiving string, tone inbox.Tone) {
	tone.Agent = c.p.env.Agent // "my name" as set: empty lets {{agent|…}} take its fallback
	c.accounts, c.tone = accounts, tone
	if c.fromID == "" || c.account(c.fromID) < 0 {
		c.fromID = receiving
	}
	opts := make([]string, len(accounts))
	for i, a := range accounts {
		opts[i] = accountLabel(a)
	}
	c.from.Options = opts
	c.restoring = true
	if i := c.account(c.fromID); i >= 0 {
		c.from.SetSelectedIndex(i)
	} else {
		c.from.ClearSelected()
	}
	c.restoring = false
	c.from.Refresh()
	c.check()
}

func accountLabel(a mail.Account) string {
	if a.DisplayName != "" {
		return a.DisplayName + " <" + a.Email + ">"
	}
	return a.Email
}

func (c *composer) account(id string) int {
	for i, a := range c.accounts {
		if a.ID == id {
			return i
		}
	}
	return -1
}

func (c *composer) fromChosen() {
	if i := c.from.SelectedIndex(); i >= 0 && i < len(c.accounts) {
		c.fromID = c.accounts[i].ID
	}
	if !c.restoring {
		c.keepDraft()
	}
}

// fromEmail is the address the reply leaves from; "" when the workspace has no account.
func (c *composer) fromEmail() string {
	if i := c.account(c.fromID); i >= 0 {
		return c.accounts[i].Email
	}
	return ""
}

// keepDraft stores the text as this conversation's draft.
func (c *composer) keepDraft() {
	if c.restoring || c.awaitDraft || c.row.ID == 0 || c.p.store == nil {
		return
	}
	c.p.saveDraft(inbox.SavedDraft{ConversationID: c.row.ID, Body: c.body.Text, AccountID: c.fromID, FAQID: c.faqID})
}

// close empties the composer; a stored draft stays stored.
func (c *composer) close() {
	c.row, c.fromID, c.faqID, c.tone, c.accounts, c.awaitDraft = inbox.Row{}, "", "", inbox.Tone{}, nil, false
	c.restoring = true
	c.body.SetText("")
	c.from.Options = nil
	c.from.ClearSelected()
	c.restoring = false
	c.problems.Hide()
	c.advice.Hide()
	c.then.SetSelectedIndex(0)
}

// discardDraft drops the draft, hides the composer and gives the keyboard back to the
// list; the Undo bar brings the text back.
func (c *composer) discardDraft() {
	if c.row.ID == 0 {
		return
	}
	d := inbox.SavedDraft{ConversationID: c.row.ID, Body: c.body.Text, AccountID: c.fromID, FAQID: c.faqID}
	row := c.row
	c.p.saveDraft(inbox.SavedDraft{ConversationID: row.ID}) // blank: removed
	c.close()
	c.p.detail.stack(false)
	c.p.focusList()
	if strings.TrimSpace(d.Body) == "" {
		return
	}
	c.p.offerUndo(lang.L("Draft to {{.Name}} discarded", map[string]any{"Name": contactLabel(row.ContactName, row.ContactEmail)}), func() {
		c.p.saveDraft(d)
		if c.p.detail.row.ID == row.ID {
			c.p.detail.stack(true)
			c.open(row, &d, true)
		}
	})
}

// values are the reply's variables for this customer, agent and brand. The agent is "my
// name" as set, empty when it is not, so {{agent|The Nordlys team}} takes its fallback.
func (c *composer) values() template.Values {
	return template.NewValues(c.row.ContactName, c.p.env.Agent, c.p.ws.Info().Name)
}

// check points out what blocks sending: an unresolved or misspelt variable, an empty
// body, no account to send from.
func (c *composer) check() {
	var msgs []string
	_, err := c.render()
	var unresolved *template.UnresolvedError
	var problems template.Problems
	switch {
	case errors.As(err, &unresolved):
		msgs = append(msgs, lang.L("Not sent while a variable has no value: {{.Vars}}. Type the value in or give it a fallback, like {{.Example}}.",
			map[string]any{"Vars": braces(unresolved.Names()), "Example": "{{" + unresolved.Names()[0] + "|there}}"}))
		for _, n := range unresolved.Names() {
			if n == "agent" {
				msgs = append(msgs, lang.L("{{.Var}} is your name: set it under Settings › You.", map[string]any{"Var": "{{agent}}"}))
			}
		}
	case errors.As(err, &problems):
		for _, pr := range problems {
			msgs = append(msgs, pr.Error())
		}
	}
	if c.row.ID != 0 && c.accounts != nil && len(c.accounts) == 0 {
		msgs = append(msgs, lang.L("This workspace has no mail account to send from: add one in Settings."))
	}
	c.problems.SetText(strings.Join(msgs, "\n"))
	showIf(c.problems, len(msgs) > 0)
	c.findings = nil
	if c.row.ID != 0 && strings.TrimSpace(c.body.Text) != "" {
		c.findings = inbox.CheckTone(c.body.Text, c.tone)
	}
	var advice []string
	for _, f := range c.findings {
		advice = append(advice, "• "+f.Message)
	}
	c.advice.SetText(strings.Join(advice, "\n"))
	showIf(c.advice, len(advice) > 0)
	// Wrapped messages change height with their text: lay the frame and then its bottom out.
	c.frame.Refresh()
	c.bottom.Refresh()
	if len(msgs) > 0 || strings.TrimSpace(c.body.Text) == "" || c.fromEmail() == "" {
		c.send.Disable()
		c.later.Disable()
	} else {
		c.send.Enable()
		c.later.Enable()
	}
}

// render is the reply as the customer will read it.
func (c *composer) render() (string, error) {
	if c.row.ID == 0 {
		return "", nil
	}
	return template.Render(c.body.Text, c.values())
}

func braces(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "{{" + n + "}}"
	}
	return strings.Join(out, ", ")
}

// showIf shows or hides o through Show and Hide, which lay its container out again.
func showIf(o fyne.CanvasObject, on bool) {
	if on {
		o.Show()
	} else {
		o.Hide()
	}
}

// setText replaces the reply's text with the cursor at its end, where one goes on typing.
func (c *composer) setText(text string) {
	c.body.SetText(text)
	lines := strings.Split(text, "\n")
	c.body.CursorRow = len(lines) - 1
	c.body.CursorColumn = len([]rune(lines[len(lines)-1]))
	c.body.Refresh()
}
