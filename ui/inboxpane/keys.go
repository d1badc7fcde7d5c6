package inboxpane

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"switchboard/workspace/inbox"
	"switchboard/workspace/mail"
)

// searchLimit bounds the messages a search reads; newest first, so the cut drops the oldest.
const searchLimit = 500

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

// setSearch shows the conversations whose mail matches query; an empty query goes back
// to the current view. UI goroutine.
func (p *Pane) setSearch(query string) {
	query = strings.TrimSpace(query)
	if p.ws == nil || query == p.search {
		return
	}
	p.search = query
	p.cursor = -1
	p.list.UnselectAll()
	if query == "" {
		p.setView(p.query.View)
		return
	}
	ws := p.ws
	p.run(func(ctx context.Context) error {
		hits, err := mail.Open(ws).Search(ctx, query, searchLimit)
		if err != nil {
			return err
		}
		seen := map[int64]bool{}
		var ids []int64
		for _, h := range hits {
			if !seen[h.ConversationID] {
				seen[h.ConversationID] = true
				ids = append(ids, h.ConversationID)
			}
		}
		list, err := inbox.ListRows(ctx, ws, ids)
		if err != nil {
			return err
		}
		fyne.Do(func() {
			if p.ws != ws || p.search != query {
				return
			}
			p.rows.showFixed(list)
			p.count.SetText(lang.L("{{.N}} found", map[string]any{"N": len(list)}))
			p.list.ScrollToTop()
			p.list.Refresh()
		})
		return nil
	})
}
