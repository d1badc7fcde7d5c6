package inboxpane

import (
	"context"

	"fyne.io/fyne/v2"

	"switchboard/workspace/inbox"
)

const (
	pageSize = 100
	// maxPages bounds the rows held in memory whatever the inbox's size: a screen shows a
	// few dozen rows, so 20 pages cover scrolling back and forth without refetching.
	maxPages = 20
)

// rows is the list's model: the count of the current view and the pages fetched so far,
// fetched on demand as the list asks for rows it has not seen. UI goroutine only.
type rows struct {
	total   int
	pages   map[int][]inbox.Row
	used    []int // page numbers, least recently used first
	pending map[int]bool
	gen     int // bumped whenever the view changes, so late pages are dropped
}

func newRows() *rows { return &rows{pages: map[int][]inbox.Row{}, pending: map[int]bool{}} }

// reset starts a new view with its first page already read.
func (r *rows) reset(total int, first []inbox.Row) {
	r.gen++
	r.total = total
	clear(r.pages)
	clear(r.pending)
	r.used = r.used[:0]
	r.put(0, first)
}

func (r *rows) len() int { return r.total }

// at returns row i and whether it is loaded; a missing row's page is to be fetched.
func (r *rows) at(i int) (inbox.Row, bool) {
	if i < 0 {
		return inbox.Row{}, false
	}
	page, ok := r.pages[i/pageSize]
	if !ok || i%pageSize >= len(page) {
		return inbox.Row{}, false
	}
	r.touch(i / pageSize)
	return page[i%pageSize], true
}

// has tells whether page n was fetched (it may be short, at the end of the list).
func (r *rows) has(n int) bool { _, ok := r.pages[n]; return ok }

func (r *rows) put(n int, page []inbox.Row) {
	r.pages[n] = page
	delete(r.pending, n)
	r.touch(n)
	for len(r.used) > maxPages {
		delete(r.pages, r.used[0])
		r.used = r.used[1:]
	}
}

func (r *rows) touch(n int) {
	for i, u := range r.used {
		if u == n {
			if i == len(r.used)-1 {
				return
			}
			r.used = append(r.used[:i], r.used[i+1:]...)
			break
		}
	}
	r.used = append(r.used, n)
}

// cursorBefore is where page n starts when the page before it is held, so the fetch
// seeks to it instead of counting every row above it.
func (r *rows) cursorBefore(n int) *inbox.Cursor {
	prev, ok := r.pages[n-1]
	if !ok || len(prev) < pageSize {
		return nil
	}
	return prev[len(prev)-1].Cursor()
}

// fetchPage reads page n of the current query off the UI goroutine and applies it with
// one fyne.Do. UI goroutine; a no-op while the page is on its way.
func (p *Pane) fetchPage(n int) {
	r := p.rows
	if r.pending[n] || p.store == nil {
		return
	}
	r.pending[n] = true
	store, q, gen := p.store, p.query, r.gen
	q.Offset, q.Limit, q.After = n*pageSize, pageSize, r.cursorBefore(n)
	q.NoTotal = true // the view's count stands until it is read again
	p.run(func(ctx context.Context) error {
		page, err := store.List(ctx, q)
		if err != nil {
			return err
		}
		fyne.Do(func() {
			if gen != p.rows.gen {
				return
			}
			p.rows.put(n, page.Rows)
			if len(page.Rows) < pageSize { // the list got shorter since it was counted
				p.rows.total = min(p.rows.total, n*pageSize+len(page.Rows))
			}
			p.list.Refresh()
		})
		return nil
	})
}
