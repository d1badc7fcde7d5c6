// Package inboxpane is the Inbox pane: the open workspace's conversations in a list that
// stays smooth at 100,000 rows (pages fetched as they scroll into view, a bounded number
// kept), views with counts, full-text search, the conversation with its messages, and the
// composer that can only send from this workspace's own account.
package inboxpane

import (
	"context"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/ui/pane"
	"switchboard/workspace"
	"switchboard/workspace/inbox"
)

// defaultTarget is the response-time target of a workspace that has not set one.
const defaultTarget = 4 * time.Hour

// Pane is the Inbox pane.
type Pane struct {
	now func() time.Time

	// UI goroutine only.
	env     pane.Env
	ws      *workspace.Workspace
	target  time.Duration
	query   inbox.ListQuery
	search  string
	rows    *rows
	counts  map[string]int
	cursor  int   // the row j/k move and Enter opens; -1 for none
	opened  int64 // the conversation shown on the right, 0 for none
	moving  bool  // a Select made by j/k, which moves without opening
	views   *viewsColumn
	list    *convList
	count   *widget.Label
	find    *widget.Entry
	detail  *conversationView
	content fyne.CanvasObject
}

var _ pane.Pane = (*Pane)(nil)

// Option configures the pane.
type Option func(*Pane)

// WithClock sets the clock waits are measured with (tests and the benchmark).
func WithClock(now func() time.Time) Option { return func(p *Pane) { p.now = now } }

// New builds the Inbox pane; nothing is read until Load.
func New(opts ...Option) *Pane {
	p := &Pane{now: time.Now, rows: newRows(), cursor: -1, query: inbox.ListQuery{View: inbox.ListAll}}
	for _, o := range opts {
		o(p)
	}
	p.build()
	return p
}

func (p *Pane) ID() string                 { return "inbox" }
func (p *Pane) Title() string              { return lang.L("Inbox") }
func (p *Pane) Icon() fyne.Resource        { return theme.MailComposeIcon() }
func (p *Pane) Content() fyne.CanvasObject { return p.content }

func (p *Pane) build() {
	p.list = newConvList(p.rows.len, p.updateRow)
	p.list.OnSelected = func(i widget.ListItemID) {
		p.cursor = i
		if !p.moving {
			p.openAt(i)
		}
	}
	p.list.onRune = p.typedRune
	p.list.onKey = p.typedKey
	p.count = widget.NewLabel("")
	p.count.Importance = widget.LowImportance
	p.find = widget.NewEntry()
	p.find.SetPlaceHolder(lang.L("Search all mail (press / )"))
	p.find.OnSubmitted = func(s string) { p.setSearch(s) }
	p.find.OnChanged = func(s string) {
		if s == "" && p.search != "" {
			p.setSearch("")
		}
	}
	p.views = newViewsColumn(p.setView)
	p.detail = newConversationView(p)
	listSide := container.NewBorder(container.NewBorder(nil, nil, nil, p.count, p.find), nil, nil, nil, p.list)
	split := container.NewHSplit(listSide, p.detail.content)
	split.Offset = 0.42
	p.content = container.NewBorder(nil, nil, p.views.content, nil, split)
}

func (p *Pane) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	r, ok := p.rows.at(i)
	if !ok {
		p.fetchPage(i / pageSize)
	}
	o.(*rowView).set(r, ok, p.now(), p.target, nil)
}

// Load shows the workspace's inbox: counts per view and the first page of the current
// view, applied in one fyne.Do. Another workspace starts from a clean slate.
func (p *Pane) Load(ctx context.Context, env pane.Env) error {
	ws := env.Workspace
	if ws == nil {
		fyne.Do(func() {
			p.env, p.ws = env, nil
			p.rows.reset(0, nil)
			p.forget()
		})
		return nil
	}
	var q inbox.ListQuery
	var same bool
	fyne.DoAndWait(func() { q, same = p.query, p.ws == ws })
	target := responseTarget(ctx, ws)
	q.Now, q.Target = p.now(), target
	first, total, counts, err := readView(ctx, ws, q)
	if err != nil {
		return err
	}
	fyne.Do(func() {
		if !same {
			p.forget()
		}
		p.env, p.ws, p.target = env, ws, target
		p.apply(q, first, total, counts)
	})
	return nil
}

// forget drops everything shown of the previous workspace. UI goroutine.
func (p *Pane) forget() {
	p.search = ""
	p.find.SetText("")
	p.cursor, p.opened = -1, 0
	p.list.UnselectAll()
	p.list.ScrollToTop()
	p.detail.clear()
}

func readView(ctx context.Context, ws *workspace.Workspace, q inbox.ListQuery) (first []inbox.ListRow, total int, counts map[string]int, err error) {
	if counts, err = inbox.ListCounts(ctx, ws, q.Now, q.Target); err != nil {
		return
	}
	if total, err = inbox.ListCount(ctx, ws, q); err != nil {
		return
	}
	first, err = inbox.ListPage(ctx, ws, q, nil, 0, pageSize)
	return
}

// apply shows a freshly read view. UI goroutine.
func (p *Pane) apply(q inbox.ListQuery, first []inbox.ListRow, total int, counts map[string]int) {
	p.query, p.counts = q, counts
	p.rows.reset(total, first)
	p.views.set(counts, q.View)
	p.count.SetText(lang.L("{{.N}} conversations", map[string]any{"N": total}))
	p.list.Refresh()
}

// setView switches the list to another view. UI goroutine.
func (p *Pane) setView(view string) {
	if p.ws == nil {
		return
	}
	p.search = ""
	p.find.SetText("")
	ws, q := p.ws, p.query
	q.View, q.Now = view, p.now()
	p.cursor = -1
	p.list.UnselectAll()
	p.list.ScrollToTop()
	p.run(func(ctx context.Context) error {
		first, total, counts, err := readView(ctx, ws, q)
		if err != nil {
			return err
		}
		fyne.Do(func() {
			if p.ws == ws {
				p.apply(q, first, total, counts)
			}
		})
		return nil
	})
}

// run runs task off the UI goroutine, in order with the shell's work, and shows its error.
func (p *Pane) run(task func(ctx context.Context) error) {
	do := func(ctx context.Context) {
		if err := task(ctx); err != nil && ctx.Err() == nil {
			fyne.Do(func() { p.showError(err) })
		}
	}
	if p.env.Go != nil {
		p.env.Go(do)
	} else {
		go do(context.Background())
	}
}

func (p *Pane) showError(err error) {
	if p.env.Window != nil {
		dialog.ShowError(err, p.env.Window)
	} else {
		fyne.LogError("inbox pane", err)
	}
}

// responseTarget is the workspace's first-response target (Settings), else defaultTarget.
func responseTarget(ctx context.Context, ws *workspace.Workspace) time.Duration {
	v, ok, err := ws.Setting(ctx, "support.first_response_minutes")
	if err != nil || !ok {
		return defaultTarget
	}
	if m, err := strconv.Atoi(v); err == nil && m > 0 {
		return time.Duration(m) * time.Minute
	}
	return defaultTarget
}
