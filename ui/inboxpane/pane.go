// Package inboxpane is the Inbox pane: the open workspace's conversations in a list that
// stays smooth at 100,000 rows (pages fetched as they scroll into view, a bounded number
// kept), views with counts, full-text search, the conversation with its messages, and the
// composer that can only send from this workspace's own account.
package inboxpane

import (
	"context"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/ui/pane"
	"switchboard/workspace"
	"switchboard/workspace/crisis"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/contacts"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/inbox/outbox"
)

// Pane is the Inbox pane.
type Pane struct {
	now          func() time.Time
	sendNow      func(ctx context.Context, s *inbox.Store) error
	agentSaved   func(name string)
	syncState    SyncReader
	openSettings func()
	extract      Extractor
	showPane     func(id string) // brings another pane to the front; nil in tests
	show         string          // ShowEnv's request, for screenshots

	// Drafts typed but not stored yet, by conversation, written by one task at a time in
	// order with the shell's work, so a switch of workspace never overtakes them.
	draftMu     sync.Mutex
	draftQueue  map[int64]draftSave
	draftQueued bool

	// The list's query and whose it is, as Load reads them off the UI goroutine; publish
	// keeps them current. Load must not wait for the UI goroutine: when the window closes
	// it never answers, and closing the workspace would wait on Load for ever.
	loadedMu sync.Mutex
	loadedQ  inbox.Query
	loadedWS *workspace.Workspace
	wantGID  string // a conversation to open on the next Load (the Schedule's agenda asked)

	// UI goroutine only.
	env         pane.Env
	ws          *workspace.Workspace
	store       *inbox.Store
	out         *outbox.Store   // the replies on their way out, signed like store
	contacts    *contacts.Store // the contact panel, signed like store
	target      time.Duration
	query       inbox.Query // Offset and Limit unused: pages set their own
	rows        *rows
	labels      []inbox.Label
	cursor      int                   // the row j/k move and Enter opens; -1 for none
	opened      int64                 // the conversation shown on the right, 0 for none
	saveDir     string                // the folder attachments were last saved to
	drafts      map[int64]bool        // conversations with a stored draft
	outbox      map[int64]outbox.Item // the reply on its way out, by conversation
	nameAsked   bool                  // the first send asked for "my name" already
	tips        *tipLayer
	undo        *undoBar
	syncBar     *syncBanner
	hoursBar    *hoursBar
	hours       hours            // the Schedule's view of now, read by Load
	incident    *crisis.Incident // the open incident, nil for none
	outView     *outboxView
	listFrame   *focusFrame
	viewPick    *widget.Select // the views as a drop-down while the pane is narrow
	narrow      bool
	pickSetting bool
	moving      bool // a Select made by j/k, which moves without opening
	views       *viewsColumn
	list        *convList
	count       *widget.Label
	listHead    *fyne.Container // the search box and the count
	listSide    *fyne.Container // the list under its head; the members ranking replaces it
	members     *membersView
	find        *searchEntry
	detail      *conversationView
	split       *container.Split // the list beside the conversation
	body        *fyne.Container  // the views column beside the split
	content     fyne.CanvasObject
}

// splitOffset is the list's share of the width beside the conversation; with the contact
// panel open the list narrows instead of the thread.
const (
	splitOffset      = 0.45
	splitWithContact = 0.32
)

var _ pane.Pane = (*Pane)(nil)

// Option configures the pane.
type Option func(*Pane)

// WithClock sets the clock waits are measured with (tests and the benchmark).
func WithClock(now func() time.Time) Option { return func(p *Pane) { p.now = now } }

// New builds the Inbox pane; nothing is read until Load.
func New(opts ...Option) *Pane {
	p := &Pane{now: time.Now, rows: newRows(), cursor: -1, show: showRequested(),
		drafts: map[int64]bool{}, outbox: map[int64]outbox.Item{}, draftQueue: map[int64]draftSave{}}
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
	p.tips = newTipLayer()
	p.list = newConvList(p.rows.len, p.updateRow)
	p.list.OnSelected = func(i widget.ListItemID) {
		p.cursor = i
		if !p.moving {
			p.openAt(i)
			p.focusList() // after a click the keys work on the list at once
		}
	}
	p.list.onRune = p.typedRune
	p.list.onKey = p.typedKey
	p.count = widget.NewLabel("")
	p.count.Importance = widget.LowImportance
	p.find = newSearchEntry(p)
	p.find.SetPlaceHolder(lang.L("Search all mail (press / )"))
	p.find.OnSubmitted = func(s string) { p.setSearch(s) }
	p.find.OnChanged = func(s string) {
		if s == "" && p.query.Search != "" {
			p.setSearch("")
		}
	}
	p.views = newViewsColumn(func(q inbox.Query) {
		q.Search = p.query.Search
		p.showMembers(false)
		p.setQuery(q)
	}, func() { p.showMembers(true) })
	p.detail = newConversationView(p)
	p.syncBar = newSyncBanner(p)
	p.viewPick = p.newViewPicker()
	p.viewPick.Hide()
	p.hoursBar = newHoursBar(p)
	p.listHead = container.NewVBox(p.syncBar.content, p.hoursBar.content, p.viewPick, container.NewBorder(nil, nil, nil, p.count, p.find))
	p.listFrame = newFocusFrame(p.list)
	p.listSide = container.NewBorder(p.listHead, nil, nil, nil, p.listFrame.content)
	p.members = newMembersView(p)
	p.members.content.Hide()
	p.outView = newOutboxView(p)
	p.outView.content.Hide()
	// Both sides ask for no width of their own: a long subject, the contact panel or a
	// tone warning can then neither move the divider nor make the window grow.
	// The Undo bar floats over the bottom of the list, never over the composer's buttons.
	p.undo = newUndoBar(p)
	p.split = container.NewHSplit(
		container.New(noMin{}, container.NewStack(p.listSide, p.members.content, p.outView.content, p.undo.layer)),
		container.New(noMin{}, p.detail.content))
	p.split.Offset = splitOffset
	p.body = container.New(bodyLayout{p}, p.views.content, p.split)
	p.content = container.NewStack(p.body, p.tips.box)
}

// ScrollTo scrolls the list to row i; rows not fetched yet are fetched as they show.
func (p *Pane) ScrollTo(i int) { p.list.ScrollTo(i) }

// Loaded tells whether row i has been fetched and is held.
func (p *Pane) Loaded(i int) bool {
	_, ok := p.rows.at(i)
	return ok
}

func (p *Pane) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	r, ok := p.rows.at(i)
	if !ok && !p.rows.has(i/pageSize) {
		p.fetchPage(i / pageSize)
	}
	m := rowMarks{draft: p.drafts[r.ID], loc: p.location(), wait: p.hours.waited(r.WaitingSince, p.now())}
	if it, has := p.outbox[r.ID]; has && ok {
		m.outbox = &it
	}
	o.(*rowView).set(r, ok, p.now(), p.target, m)
}

// Load shows the workspace's inbox: counts per view and the first page of the current
// view, applied in one fyne.Do. Another workspace starts from a clean slate.
func (p *Pane) Load(ctx context.Context, env pane.Env) error {
	ws := env.Workspace
	if ws == nil {
		fyne.Do(func() {
			p.env, p.ws, p.store, p.out, p.contacts = env, nil, nil, nil, nil
			p.publish()
			p.rows.reset(0, nil)
			p.forget()
			p.list.Refresh()
		})
		return nil
	}
	p.loadedMu.Lock()
	q, same, want := p.loadedQ, p.loadedWS == ws, p.wantGID
	p.wantGID = ""
	p.loadedMu.Unlock()
	if !same {
		q = inbox.Query{View: q.View} // a search or label of another client means nothing here
	}
	// A read: snoozes and follow-ups that came due are the Runner's (its first round runs
	// as the workspace opens, and its event reloads this pane).
	o := inboxcore.Options{Agent: env.Agent, Now: p.now, OverdueBefore: businessCutoff(ws)}
	store := inbox.NewStore(ws, o)
	v, err := readView(ctx, store, q)
	if err != nil {
		return err
	}
	var sc *showcase
	if !same { // on opening a workspace, not on every reload
		if sc, err = readShowcase(ctx, ws, store, v.first.Rows, p.show); err != nil {
			return err
		}
	}
	g, err := readGlue(ctx, ws, store, p.now(), want)
	if err != nil {
		return err
	}
	fyne.Do(func() {
		if !same {
			p.forget()
		}
		p.env, p.ws, p.store, p.out, p.contacts = env, ws, store, outbox.New(ws, o), contacts.New(ws, o)
		p.applyGlue(g) // before apply: the rows' timers count in business hours
		p.publish()
		p.apply(v)
		if p.views.membersOn {
			p.members.load()
		}
		if sc != nil {
			p.applyShowcase(sc)
		}
		if !same || p.focused() == nil {
			p.focusList() // the Inbox opens ready for j, k and Enter
		}
		p.openWanted(g)
		if p.outView.shown() {
			p.outView.load()
		}
	})
	p.syncBar.read(ctx, ws)
	return nil
}

// focus gives obj the keyboard. UI goroutine.
func (p *Pane) focus(obj fyne.Focusable) {
	if p.env.Window != nil {
		p.env.Window.Canvas().Focus(obj)
	}
}

// focused is what has the keyboard in the pane's window, nil for nothing.
func (p *Pane) focused() fyne.Focusable {
	if p.env.Window == nil {
		return nil
	}
	return p.env.Window.Canvas().Focused()
}

// focusList gives the keyboard to the conversation list (or the outbox while it shows).
func (p *Pane) focusList() {
	if p.outView != nil && p.outView.shown() {
		p.focus(p.outView.list)
		return
	}
	p.focus(p.list)
}

// location is the open workspace's time zone: every time shown or picked is in it.
func (p *Pane) location() *time.Location {
	if p.ws == nil {
		return time.Local
	}
	return p.ws.Info().Location()
}

// forget drops everything shown of the previous workspace. UI goroutine.
func (p *Pane) forget() {
	p.undo.hide()
	p.find.SetText("")
	p.showMembers(false)
	p.cursor, p.opened = -1, 0
	p.list.UnselectAll()
	p.list.ScrollToTop()
	p.detail.clear()
}

// view is what one read of the list gives: the query, its first page and every count.
type view struct {
	drafts map[int64]bool
	outbox map[int64]outbox.Item
	q      inbox.Query
	first  inbox.Page
	counts inbox.Counts
	labels []inbox.Label
	target time.Duration
}

func readView(ctx context.Context, s *inbox.Store, q inbox.Query) (v view, err error) {
	v.q = q
	if v.counts, err = s.Counts(ctx); err != nil {
		return
	}
	if v.labels, err = s.Labels(ctx); err != nil {
		return
	}
	if v.target, err = s.ResponseTarget(ctx); err != nil {
		return
	}
	if v.drafts, err = s.DraftConversations(ctx); err != nil {
		return
	}
	// A read signs nothing: the outbox needs no agent or clock to be listed.
	if v.outbox, err = outboxByConversation(ctx, outbox.New(s.Workspace(), inboxcore.Options{})); err != nil {
		return
	}
	q.Limit = pageSize
	total, known := v.counts.Total(q)
	q.NoTotal = known // the views column's count is this list's length: no second count
	if v.first, err = s.List(ctx, q); known {
		v.first.Total = total
	}
	return
}

// apply shows a freshly read view. UI goroutine.
func (p *Pane) apply(v view) {
	p.query, p.labels, p.target = v.q, v.labels, v.target
	p.drafts, p.outbox = v.drafts, v.outbox
	p.publish()
	p.rows.reset(v.first.Total, v.first.Rows)
	p.views.set(v.counts, v.labels, v.q)
	p.fillViewPicker(v.q)
	for _, r := range v.first.Rows {
		if r.ID == p.detail.row.ID {
			p.detail.follow(r) // a reply, e, s or a assigned here changed the open one
		}
	}
	switch {
	case v.q.Search != "":
		p.count.SetText(lang.L("{{.N}} found", map[string]any{"N": v.first.Total}))
	case v.q.ContactID != 0 && len(v.first.Rows) > 0:
		r := v.first.Rows[0]
		p.count.SetText(lang.L("{{.N}} with {{.Name}}", map[string]any{"N": v.first.Total, "Name": contactLabel(r.ContactName, r.ContactEmail)}))
	default:
		p.count.SetText(lang.L("{{.N}} conversations", map[string]any{"N": v.first.Total}))
	}
	all, _ := v.counts.Total(inbox.Query{View: inbox.ViewAll})
	p.detail.setHint(all > 0 || v.first.Total > 0, v.first.Total == 0)
	p.listHead.Refresh() // the count's new width, or it is drawn over its neighbours
	p.list.Refresh()
}

// setQuery switches the list to q (a view, a status, a label, a search). UI goroutine.
func (p *Pane) setQuery(q inbox.Query) {
	if p.store == nil {
		return
	}
	p.cursor = -1
	p.list.UnselectAll()
	p.list.ScrollToTop()
	p.read(q)
}

// publish hands the list's query and workspace to Load. UI goroutine.
func (p *Pane) publish() {
	p.loadedMu.Lock()
	p.loadedQ, p.loadedWS = p.query, p.ws
	p.loadedMu.Unlock()
}

// reload re-reads the current view where it is, after a change made here. UI goroutine.
func (p *Pane) reload() {
	if p.store != nil {
		p.read(p.query)
	}
}

func (p *Pane) read(q inbox.Query) {
	store := p.store
	p.run(func(ctx context.Context) error {
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
