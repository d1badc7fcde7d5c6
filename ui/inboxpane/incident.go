package inboxpane

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace/crisis"
	"switchboard/workspace/mail"
)

// incidentLink is "Link to incident" on a line of its own under the conversation's
// toolbar (beside it, it squeezed the toolbar's icons out of a 1024-point window): shown
// only while an incident is open, disabled ("Linked") once the open conversation is part
// of it. UI goroutine only.
type incidentLink struct {
	p   *Pane
	btn *tipButton
	row *fyne.Container
}

func newIncidentLink(p *Pane) *incidentLink {
	l := &incidentLink{p: p}
	l.btn = newTipButton(p.tips, lang.L("Link to incident"), theme.WarningIcon(),
		lang.L("Add this conversation to the open incident: its replies offer the holding statements"), l.link)
	l.row = container.NewHBox(l.btn)
	l.row.Hide()
	return l
}

// linked tells whether conversation id is part of the open incident.
func (p *Pane) linkedToIncident(id int64) bool {
	if p.incident == nil || id == 0 {
		return false
	}
	for _, l := range p.incident.Links {
		if l.ConversationID == id {
			return true
		}
	}
	return false
}

// show sets the button for the open conversation. UI goroutine.
func (l *incidentLink) show() {
	id := l.p.detail.row.ID
	if l.p.incident == nil || id == 0 {
		l.row.Hide()
		return
	}
	if l.p.linkedToIncident(id) {
		l.btn.SetText(lang.L("Linked to incident"))
		l.btn.Disable()
	} else {
		l.btn.SetText(lang.L("Link to incident"))
		l.btn.Enable()
	}
	l.row.Show()
}

// link adds the open conversation to the open incident, as `incident link` does.
func (l *incidentLink) link() {
	p := l.p
	id, ws, agent := p.detail.row.ID, p.ws, p.env.Agent
	if ws == nil || id == 0 {
		return
	}
	p.run(func(ctx context.Context) error {
		inc, err := crisis.NewStore(ws, crisis.Options{Agent: agent, Now: p.now}).LinkConversations(ctx, id)
		if err != nil {
			return err
		}
		fyne.Do(func() {
			if p.ws != ws {
				return
			}
			p.incident = &inc
			l.show()
			if p.detail.composer.row.ID == id {
				p.detail.composer.offers.load(id) // a reply already open now offers the statements
			}
		})
		return nil
	})
}

// offerRow is the composer's row of the open incident's prepared texts for a linked
// conversation: its holding statements first, filled in for this customer, then the
// incident's prepared answers. A tap puts the text in the reply. It shows while the reply
// is empty: in a 700-point window it would otherwise squeeze the text being written to
// one line. UI goroutine only.
type offerRow struct {
	c       *composer
	buttons *fyne.Container
	content *fyne.Container
}

func newOfferRow(c *composer) *offerRow {
	o := &offerRow{c: c, buttons: container.NewHBox()}
	title := widget.NewLabelWithStyle(lang.L("Incident:"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	o.content = container.NewBorder(nil, nil, title, nil, container.NewHScroll(o.buttons))
	o.content.Hide()
	return o
}

// load reads the offers for conversation id off the UI goroutine; none unless it is
// linked to the open incident.
func (o *offerRow) load(id int64) {
	p := o.c.p
	o.buttons.Objects = nil
	o.content.Hide()
	if !p.linkedToIncident(id) || p.ws == nil {
		return
	}
	ws, agent := p.ws, p.env.Agent
	p.run(func(ctx context.Context) error {
		offers, err := crisis.NewStore(ws, crisis.Options{Agent: agent, Now: p.now}).Offers(ctx, id)
		if err != nil {
			return err
		}
		fyne.Do(func() {
			if o.c.row.ID == id && p.ws == ws {
				o.show(offers)
			}
		})
		return nil
	})
}

func (o *offerRow) show(offers []crisis.Offer) {
	var objs []fyne.CanvasObject
	for _, of := range offers {
		label := lang.L("Holding statement ({{.Lang}})", map[string]any{"Lang": of.Lang})
		if of.Kind != "holding" {
			label = mail.CapRunes(of.Question, 40)
		}
		body := of.Draft.Body
		b := widget.NewButton(label, func() {
			o.c.faqID = ""
			o.c.setText(body)
			o.c.p.focus(o.c.body)
		})
		if of.Kind == "holding" {
			b.Importance = widget.HighImportance
		}
		objs = append(objs, b)
	}
	o.buttons.Objects = objs
	o.buttons.Refresh()
	o.sync()
}

// sync shows the row while there is something to offer and the reply is still empty.
func (o *offerRow) sync() {
	on := len(o.buttons.Objects) > 0 && strings.TrimSpace(o.c.body.Text) == ""
	if on == o.content.Visible() {
		return
	}
	showIf(o.content, on)
	o.c.bottom.Refresh()
}
