package inboxpane

import (
	"context"
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/ui/fields"
	"switchboard/workspace/inbox"
	"switchboard/workspace/mail"
	"switchboard/workspace/template"
)

// composer writes a reply. Its From is this workspace's own account, shown and never
// chosen: there is no control that could pick another client's address. UI goroutine only.
type composer struct {
	p        *Pane
	row      inbox.Row
	from     string // this workspace's account address; "" when it has none
	tone     inbox.Tone
	findings []inbox.Finding
	faqID    string // the FAQ answer used, counted when the reply is queued

	band     *canvas.Rectangle
	brand    *canvas.Text
	fromText *canvas.Text
	to       *widget.Label
	body     *widget.Entry
	problems *widget.Label
	advice   *widget.Label // tone findings: explained, never blocking
	then     *widget.Select
	send     *widget.Button
	later    *widget.Button
	bottom   *fyne.Container // messages and actions under the text
	frame    *fyne.Container
	content  fyne.CanvasObject
}

func newComposer(p *Pane) *composer {
	c := &composer{p: p}
	c.band = canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	c.brand = canvas.NewText("", theme.Color(theme.ColorNameForegroundOnPrimary))
	c.brand.TextStyle.Bold = true
	c.fromText = canvas.NewText("", theme.Color(theme.ColorNameForegroundOnPrimary))
	pad := theme.Padding()
	bandRow := container.New(layout.NewCustomPaddedLayout(pad, pad, pad*2, pad*2), container.NewVBox(c.brand, c.fromText))
	c.to = widget.NewLabel("")
	c.body = widget.NewMultiLineEntry()
	c.body.Wrapping = fyne.TextWrapWord
	c.body.SetPlaceHolder(lang.L("Write your reply. {{.Vars}} are filled in when it is sent.",
		map[string]any{"Vars": "{{first_name}}, {{agent}}, {{brand}}"}))
	c.body.OnChanged = func(string) { c.check() }
	c.problems = widget.NewLabel("")
	c.problems.Wrapping = fyne.TextWrapWord
	c.problems.Importance = widget.DangerImportance
	c.problems.Hide()
	c.advice = widget.NewLabel("")
	c.advice.Wrapping = fyne.TextWrapWord
	c.advice.Importance = widget.WarningImportance
	c.advice.Hide()
	faqBtn := widget.NewButtonWithIcon(lang.L("Insert FAQ answer…"), theme.QuestionIcon(), c.pickFAQ)
	c.then = widget.NewSelect(thenOptions(), nil)
	c.then.SetSelectedIndex(0)
	c.send = widget.NewButtonWithIcon(lang.L("Send"), theme.MailSendIcon(), func() { c.submit(time.Time{}) })
	c.send.Importance = widget.HighImportance
	c.later = widget.NewButtonWithIcon(lang.L("Send later…"), theme.HistoryIcon(), c.pickLater)
	cancel := widget.NewButton(lang.L("Discard"), func() { c.close(); p.detail.stack(false) })
	actions := container.NewVBox(
		container.NewBorder(nil, nil, faqBtn, nil, container.NewBorder(nil, nil, widget.NewLabel(lang.L("Then")), nil, c.then)),
		container.NewHBox(layout.NewSpacer(), cancel, c.later, c.send))
	top := container.NewVBox(container.NewStack(c.band, bandRow), c.to)
	c.bottom = container.NewVBox(c.problems, c.advice, actions)
	c.frame = container.NewBorder(top, c.bottom, nil, nil, c.body)
	c.content = c.frame
	return c
}

// open starts a reply to r, showing the brand and reading the workspace's account.
func (c *composer) open(r inbox.Row) {
	ws := c.p.ws
	info := ws.Info()
	brand := fields.Brand(info.Color)
	c.row = r
	c.band.FillColor = brand
	c.brand.Text = lang.L("Replying as {{.Brand}}", map[string]any{"Brand": info.Name})
	c.brand.Color, c.fromText.Color = fields.OnColor(brand), fields.OnColor(brand)
	c.fromText.Text = ""
	c.to.SetText(lang.L("To: {{.To}}", map[string]any{"To": contactLabel(r.ContactName, r.ContactEmail) + " <" + r.ContactEmail + ">"}))
	c.band.Refresh()
	c.brand.Refresh()
	c.check()
	store := c.p.store
	c.p.run(func(ctx context.Context) error {
		accounts, err := mail.Open(ws).Accounts(ctx)
		if err != nil {
			return err
		}
		tone, err := store.Tone(ctx)
		if err != nil {
			return err
		}
		from := ""
		if len(accounts) > 0 {
			from = accounts[0].Email
		}
		fyne.Do(func() {
			if c.p.ws == ws && c.row.ID == r.ID {
				c.loaded(from, tone)
			}
		})
		return nil
	})
	if cv := fyne.CurrentApp().Driver().CanvasForObject(c.body); cv != nil {
		cv.Focus(c.body)
	}
}

// loaded shows the account replies leave from and checks the draft against the tone.
func (c *composer) loaded(from string, tone inbox.Tone) {
	c.from, c.tone = from, tone
	c.fromText.Text = c.fromLabel()
	c.fromText.Refresh()
	c.check()
}

func (c *composer) fromLabel() string {
	if c.from == "" {
		return lang.L("From: no mail account in this workspace")
	}
	return lang.L("From: {{.From}}", map[string]any{"From": c.from})
}

// close drops the draft.
func (c *composer) close() {
	c.row, c.from, c.faqID, c.tone = inbox.Row{}, "", "", inbox.Tone{}
	c.body.SetText("")
	c.problems.Hide()
	c.advice.Hide()
	c.then.SetSelectedIndex(0)
}

// values are the reply's variables for this customer, agent and brand.
func (c *composer) values() template.Values {
	return template.NewValues(c.row.ContactName, c.p.store.Agent(), c.p.ws.Info().Name)
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
	case errors.As(err, &problems):
		for _, pr := range problems {
			msgs = append(msgs, pr.Error())
		}
	}
	if c.from == "" && c.row.ID != 0 {
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
	if len(msgs) > 0 || strings.TrimSpace(c.body.Text) == "" {
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
