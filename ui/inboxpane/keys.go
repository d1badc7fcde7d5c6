package inboxpane

import (
	"strings"

	"fyne.io/fyne/v2"
)

// typedRune handles the single-key shortcuts of the list. UI goroutine.
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
	case 'l':
		p.label()
	case 'a':
		p.assign()
	case '/':
		if c := fyne.CurrentApp().Driver().CanvasForObject(p.find); c != nil {
			c.Focus(p.find)
		}
	default:
		return false
	}
	return true
}

func (p *Pane) typedKey(k *fyne.KeyEvent) bool {
	if k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter {
		p.openCursor()
		return true
	}
	return false
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
