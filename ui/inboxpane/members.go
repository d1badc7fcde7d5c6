package inboxpane

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/contacts"
)

// membersShown is how many of the most active members the ranking lists.
const membersShown = 50

// membersView ranks the contacts who wrote most in the last 30 or 90 days. Choosing one
// narrows the list to their conversations and opens their contact panel. UI goroutine only.
type membersView struct {
	p       *Pane
	days    int
	ranking []contacts.Active
	window  *widget.RadioGroup
	list    *widget.List
	content fyne.CanvasObject
}

func newMembersView(p *Pane) *membersView {
	m := &membersView{p: p, days: 30}
	last30, last90 := lang.L("Last 30 days"), lang.L("Last 90 days")
	m.window = widget.NewRadioGroup([]string{last30, last90}, func(s string) {
		if days := map[string]int{last30: 30, last90: 90}[s]; days != 0 && days != m.days {
			m.days = days
			m.load()
		}
	})
	m.window.Horizontal = true
	m.window.Required = true
	m.window.Selected = last30
	m.list = widget.NewList(func() int { return len(m.ranking) }, newMemberRow, func(i widget.ListItemID, o fyne.CanvasObject) {
		o.(*memberRow).set(i+1, m.ranking[i])
	})
	m.list.OnSelected = func(i widget.ListItemID) {
		m.list.UnselectAll()
		p.openContact(m.ranking[i].ID)
	}
	title := widget.NewLabelWithStyle(lang.L("Most active members"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	m.content = container.NewBorder(container.NewBorder(nil, nil, title, m.window), nil, nil, nil, m.list)
	return m
}

// load reads the ranking for the chosen window off the UI goroutine.
func (m *membersView) load() {
	store, days := m.p.contacts, m.days
	if store == nil {
		return
	}
	m.p.run(func(ctx context.Context) error {
		ranking, err := store.MostActive(ctx, days, membersShown)
		if err != nil {
			return err
		}
		fyne.Do(func() {
			if m.p.contacts == store && m.days == days {
				m.ranking = ranking
				m.list.Refresh()
			}
		})
		return nil
	})
}

// memberRow is one ranked contact: place, name and address, messages and open conversations.
type memberRow struct {
	widget.BaseWidget
	rank, name, address, count, open *line
	content                          fyne.CanvasObject
}

func newMemberRow() fyne.CanvasObject {
	fg, muted := theme.Color(theme.ColorNameForeground), theme.Color(theme.ColorNamePlaceHolder)
	text, small := theme.TextSize(), theme.CaptionTextSize()
	r := &memberRow{rank: newLine(text, true, muted), name: newLine(text, true, fg), address: newLine(small, false, muted),
		count: newLine(text, false, fg), open: newLine(small, false, muted)}
	r.count.natural, r.open.natural = true, true
	rank := container.New(&fixedWidth{w: 32}, r.rank)
	right := container.NewVBox(r.count, r.open)
	p := theme.Padding()
	r.content = container.NewPadded(container.NewBorder(nil, nil, rank, right,
		container.New(layout.NewCustomPaddedVBoxLayout(p/2), r.name, r.address)))
	r.ExtendBaseWidget(r)
	return r
}

func (r *memberRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.content) }

func (r *memberRow) set(place int, a contacts.Active) {
	r.rank.set(strconv.Itoa(place), nil)
	r.name.set(contactLabel(a.Name, a.Email), nil)
	r.address.set(a.Email, nil)
	r.count.set(lang.L("Messages: {{.N}}", map[string]any{"N": a.Messages}), nil)
	r.open.set(lang.L("Open conversations: {{.N}}", map[string]any{"N": a.Open}), nil)
	r.content.Refresh()
}

// openContact narrows the list to one person's conversations, opens the latest and shows
// the contact panel beside it. UI goroutine.
func (p *Pane) openContact(id int64) {
	if p.store == nil {
		return
	}
	p.showMembers(false)
	store, q := p.store, inbox.Query{ContactID: id}
	p.cursor = -1
	p.list.UnselectAll()
	p.list.ScrollToTop()
	p.run(func(ctx context.Context) error {
		v, err := readView(ctx, store, q)
		if err != nil {
			return err
		}
		fyne.Do(func() {
			if p.store != store {
				return
			}
			p.apply(v)
			p.detail.showContact(true)
			if p.rows.len() > 0 {
				p.list.Select(0) // opens it
			}
		})
		return nil
	})
}

// showMembers swaps the conversation list for the ranking, or back. UI goroutine.
func (p *Pane) showMembers(on bool) {
	p.views.membersOn = on
	p.views.selectCurrent(p.query)
	if on {
		p.listSide.Hide()
		p.members.content.Show()
		p.members.load()
	} else {
		p.members.content.Hide()
		p.listSide.Show()
	}
}
