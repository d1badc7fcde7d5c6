package inboxpane

import (
	"context"

	"fyne.io/fyne/v2"

	"switchboard/workspace"
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
	pages   map[int][]inbox.ListRow
	used    []int // page numbers, least recently used first
	pending map[int]bool
	fixed   []inbox.ListRow // a search's results, shown instead of pages when set
	gen     int             // bumped whenever the view changes, so late pages are dropped
}

func newRows() *rows { return &rows{pages: map[int][]inbox.ListRow{}, pending: map[int]bool{}} }

// reset starts a new view with its first page already read.
func (r *rows) reset(total int, first []inbox.ListRow) {
	r.gen++
	r.total, r.fixed = total, nil
	clear(r.pages)
	clear(r.pending)
	r.used = r.used[:0]
	r.put(0, first)
}

// showFixed shows a fixed list (search results) instead of the paged view.
func (r *rows) showFixed(list []inbox.ListRow) {
	if list == nil {
		list = []inbox.ListRow{} // nil would mean "paged"
	}
	r.gen++
	r.fixed, r.total = list, len(list)
	clear(r.pages)
	clear(r.pending)
	r.used = r.used[:0]
}

func (r *rows) len() int { return r.total }

// at returns row i and whether it is loaded; a missing row's page is to be fetched.
func (r *rows) at(i int) (inbox.ListRow, bool) {
	if r.fixed != nil {
		if i < len(r.fixed) {
			return r.fixed[i], true
		}
		return inbox.ListRow{}, false
	}
	page, ok := r.pages[i/pageSize]
	if !ok || i%pageSize >= len(page) {
		return inbox.ListRow{}, false
	}
	r.touch(i / pageSize)
	return page[i%pageSize], true
}

func (r *rows) put(n int, page []inbox.ListRow) {
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

// cursorBefore is where page n starts if the page before it is held, so the fetch seeks.
func (r *rows) cursorBefore(n int) *inbox.ListCursor {
	prev, ok := r.pages[n-1]
	if n == 0 || !ok || len(prev) < pageSize {
		return nil
	}
	return prev[len(prev)-1].Cursor()
}

// fetchPage reads page n of q off the UI goroutine and applies it with one fyne.Do.
// UI goroutine; a no-op while the page is on its way.
func (p *Pane) fetchPage(n int) {
	r := p.rows
	if r.pending[n] || r.fixed != nil || p.ws == nil {
		return
	}
	r.pending[n] = true
	ws, q, gen, after := p.ws, p.query, r.gen, r.cursorBefore(n)
	p.run(func(ctx context.Context) error {
		page, err := loadPage(ctx, ws, q, after, n)
		if err != nil {
			return err
		}
		fyne.Do(func() {
			if gen != p.rows.gen {
				return
			}
			p.rows.put(n, page)
			p.list.Refresh()
		})
		return nil
	})
}

func loadPage(ctx context.Context, ws *workspace.Workspace, q inbox.ListQuery, after *inbox.ListCursor, n int) ([]inbox.ListRow, error) {
	return inbox.ListPage(ctx, ws, q, after, n*pageSize, pageSize)
}
