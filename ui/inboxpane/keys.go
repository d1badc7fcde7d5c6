package inboxpane

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// shortcut is one key of the list, as the ? sheet lists it.
type shortcut struct {
	key  string
	what string
}

func shortcuts() []shortcut {
	return []shortcut{
		{"j / k, ↓ / ↑", lang.L("Next / previous conversation")},
		{"Enter", lang.L("Open the conversation")},
		{"r", lang.L("Reply (the cursor goes to the reply box)")},
		{"Ctrl+Enter", lang.L("Send the reply")},
		{"Ctrl+I", lang.L("Insert an FAQ answer into the reply (↓ Enter to pick)")},
		{"Ctrl+L", lang.L("Send the reply later: pick a time in the client's zone")},
		{"Esc", lang.L("Back to the list (the draft is kept)")},
		{"e", lang.L("Resolve and go to the next")},
		{"s", lang.L("Snooze and go to the next")},
		{"m", lang.L("Set the status: open, waiting, spam, abuse…")},
		{"u", lang.L("Mark as unread")},
		{"l", lang.L("Labels")},
		{"a", lang.L("Assign")},
		{"n", lang.L("Write an internal note")},
		{"z", lang.L("Undo the last change")},
		{"o", lang.L("Show the outbox / back to the conversations")},
		{"/", lang.L("Search (Esc or ↓ back to the list)")},
		{"?", lang.L("This list")},
	}
}

// typedRune handles the single-key shortcuts of the list. They reach it only while the
// list has the focus: typed into a reply, a note or the search box, letters are text.
// UI goroutine.
func (p *Pane) typedRune(r rune) bool {
	switch r {
	case 'j':
		p.move(1)
	case 'k':
		p.move(-1)
	case 'r':
		if p.openCursor() {
			p.detail.reply()
		}
	case 'e':
		p.resolve(0)
	case 's':
		p.snooze()
	case 'm':
		p.statusMenu()
	case 'u':
		p.markUnread()
	case 'l':
		p.label()
	case 'a':
		p.assign()
	case 'n':
		if p.detail.row.ID != 0 {
			p.focus(p.detail.note)
		}
	case 'z':
		p.undo.run()
	case 'o':
		p.showOutbox(!p.outView.shown())
	case '/':
		p.focus(p.find)
	case '?':
		p.showShortcuts()
	default:
		return false
	}
	return true
}

func (p *Pane) typedKey(k *fyne.KeyEvent) bool {
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		p.openCursor()
	case fyne.KeyDown:
		p.move(1)
	case fyne.KeyUp:
		p.move(-1)
	default:
		return false
	}
	return true
}

// showShortcuts is the ? sheet.
func (p *Pane) showShortcuts() {
	grid := container.NewGridWithColumns(2)
	for _, s := range shortcuts() {
		k := canvas.NewText(s.key, theme.Color(theme.ColorNameForeground))
		k.TextStyle = fyne.TextStyle{Bold: true}
		grid.Add(k)
		grid.Add(widget.NewLabel(s.what))
	}
	d := dialog.NewCustom(lang.L("Keyboard shortcuts"), lang.L("Close"), grid, p.env.Window)
	d.SetOnClosed(p.focusList)
	d.Show()
}

// move puts the cursor on the next (1) or previous (-1) row without opening it.
func (p *Pane) move(by int) {
	n := p.rows.len()
	if n == 0 {
		return
	}
	i := min(max(p.cursor+by, 0), n-1)
	if p.cursor < 0 {
		i = 0
	}
	p.moving = true
	p.list.Select(i)
	p.moving = false
	p.cursor = i
	p.list.ScrollTo(i)
}

// openCursor opens the row under the cursor (the first when there is none yet).
func (p *Pane) openCursor() bool {
	if p.cursor < 0 {
		p.move(1)
	}
	if p.cursor < 0 {
		return false
	}
	p.openAt(p.cursor)
	return true
}

func (p *Pane) openAt(i int) {
	r, ok := p.rows.at(i)
	if !ok {
		return
	}
	p.opened = r.ID
	p.detail.open(r)
	if r.Unread > 0 {
		p.markRead(r.ID)
	}
}

// markRead marks a conversation read as it is opened (\Seen goes back to the server with
// the next sync) and re-reads the list, so its unread dot goes.
func (p *Pane) markRead(id int64) {
	store, q := p.store, p.query
	if store == nil {
		return
	}
	p.run(func(ctx context.Context) error {
		if err := store.MarkRead(ctx, id); err != nil {
			return err
		}
		v, err := readView(ctx, store, q)
		if err != nil {
			return err
		}
		fyne.Do(func() {
			if p.store == store {
				p.apply(v)
			}
		})
		return nil
	})
}

// setSearch narrows the current view to conversations whose mail matches query; an
// empty query shows the whole view again. UI goroutine.
func (p *Pane) setSearch(query string) {
	query = strings.TrimSpace(query)
	if query == p.query.Search {
		return
	}
	q := p.query
	q.Search = query
	p.setQuery(q)
}

// searchEntry is the search box: Enter searches, Escape goes back to the list (the
// search stays), Down goes to the list's first row.
type searchEntry struct {
	widget.Entry
	p *Pane
}

func newSearchEntry(p *Pane) *searchEntry {
	e := &searchEntry{p: p}
	e.ExtendBaseWidget(e)
	return e
}

func (e *searchEntry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyEscape:
		e.p.focusList()
	case fyne.KeyDown:
		e.p.setSearch(e.Text)
		e.p.focusList()
		if e.p.cursor < 0 {
			e.p.move(1)
		}
	default:
		e.Entry.TypedKey(k)
	}
}
