// Package faqpane is the FAQ pane: the open workspace's prepared answers, searched and
// filtered on the left, edited on the right with problems shown next to their field and
// a preview as the customer will read it; suggestions of questions customers keep asking;
// CSV import with a preview and export for the content team.
package faqpane

import (
	"context"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/ui/pane"
	"switchboard/workspace"
	"switchboard/workspace/faq"
)

// InboundSource gives recent customer messages for suggestions; the Inbox's message
// store provides one. Without it the suggestions view works on pasted text only.
type InboundSource func(ctx context.Context, w *workspace.Workspace) ([]faq.Inbound, error)

// Option configures the pane.
type Option func(*Pane)

// WithInbound sets where suggestions read customer messages from.
func WithInbound(src InboundSource) Option { return func(p *Pane) { p.inbound = src } }

// Pane is the FAQ pane.
type Pane struct {
	inbound InboundSource

	// filterNow is filter as Load reads it off the UI goroutine; reload keeps it current.
	// Load must not wait for the UI goroutine: when the window closes it never answers.
	filterMu  sync.Mutex
	filterNow faq.Filter

	// UI goroutine only.
	env      pane.Env
	store    *faq.Store
	entries  []faq.Entry
	filter   faq.Filter
	selected string // id of the entry in the editor, "" for a new one
	deleted  faq.Entry

	search             *widget.Entry
	tag, language, use *widget.Select
	review             *widget.Check
	list               *widget.List
	count              *widget.Label
	ed                 *editor
	undoBar            *fyne.Container
	undoLabel          *widget.Label
	sugg               *suggestions
	tabs               *container.AppTabs
	content            fyne.CanvasObject
}

var _ pane.Pane = (*Pane)(nil)

// New builds the FAQ pane.
func New(opts ...Option) *Pane {
	p := &Pane{}
	for _, o := range opts {
		o(p)
	}
	p.build()
	return p
}

func (p *Pane) ID() string                 { return "faq" }
func (p *Pane) Title() string              { return lang.L("FAQ") }
func (p *Pane) Icon() fyne.Resource        { return theme.QuestionIcon() }
func (p *Pane) Content() fyne.CanvasObject { return p.content }

func (p *Pane) build() {
	p.search = widget.NewEntry()
	p.search.SetPlaceHolder(lang.L("Search questions, phrasings and answers"))
	p.search.OnChanged = func(s string) { p.filter.Query = s; p.reload() }
	p.tag = widget.NewSelect(nil, func(s string) { p.filter.Tag = optional(s); p.reload() })
	p.language = widget.NewSelect(nil, func(s string) { p.filter.Lang = optional(s); p.reload() })
	views := []string{lang.L("All entries"), lang.L("Most used"), lang.L("Never used")}
	p.use = widget.NewSelect(views, func(s string) {
		p.filter.View = faq.View(max(0, indexOf(views, s)))
		p.reload()
	})
	p.use.SetSelectedIndex(0)
	p.review = widget.NewCheck(lang.L("Needs review"), func(on bool) { p.filter.NeedsReview = on; p.reload() })

	p.list = widget.NewList(func() int { return len(p.entries) }, newRow, func(i widget.ListItemID, o fyne.CanvasObject) {
		fillRow(o, p.entries[i])
	})
	p.list.OnSelected = func(i widget.ListItemID) {
		// a reload re-selects the open entry: keep what the user is typing in it
		if i < len(p.entries) && p.entries[i].ID != p.ed.current.ID {
			p.open(p.entries[i])
		}
	}
	p.count = widget.NewLabel("")
	p.ed = newEditor(p)
	p.undoLabel = widget.NewLabel("")
	p.undoBar = container.NewHBox(p.undoLabel, widget.NewButtonWithIcon(lang.L("Undo"), theme.ContentUndoIcon(), p.undo))
	p.undoBar.Hide()
	p.sugg = newSuggestions(p)

	newBtn := widget.NewButtonWithIcon(lang.L("New entry"), theme.ContentAddIcon(), func() { p.list.UnselectAll(); p.ed.show(faq.Entry{}) })
	newBtn.Importance = widget.HighImportance
	tools := container.NewHBox(newBtn, widget.NewButtonWithIcon(lang.L("Import CSV…"), theme.DownloadIcon(), p.importCSV),
		widget.NewButtonWithIcon(lang.L("Export…"), theme.UploadIcon(), p.export))
	filters := container.NewGridWithColumns(3, p.tag, p.language, p.use)
	left := container.NewBorder(container.NewVBox(container.NewBorder(nil, nil, nil, p.review, p.search), filters), p.count, nil, nil, p.list)
	split := container.NewHSplit(left, p.ed.content)
	split.Offset = 0.4
	entries := container.NewBorder(nil, p.undoBar, nil, nil, split)
	p.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("Entries"), theme.ListIcon(), entries),
		container.NewTabItemWithIcon(lang.L("Suggestions"), theme.SearchIcon(), p.sugg.content))
	p.tabs.OnSelected = func(t *container.TabItem) {
		if t.Content == p.sugg.content {
			p.sugg.refresh()
		}
	}
	p.content = container.NewBorder(container.NewHBox(layout.NewSpacer(), tools), nil, nil, nil, p.tabs)
}

func newRow() fyne.CanvasObject {
	q := widget.NewLabel("")
	q.TextStyle.Bold = true
	q.Truncation = fyne.TextTruncateEllipsis
	meta := widget.NewLabel("")
	meta.Importance = widget.LowImportance
	meta.Truncation = fyne.TextTruncateEllipsis
	return container.NewVBox(q, meta)
}

func fillRow(o fyne.CanvasObject, e faq.Entry) {
	box := o.(*fyne.Container)
	box.Objects[0].(*widget.Label).SetText(e.Question)
	var meta []string
	if e.Lang != "" {
		meta = append(meta, e.Lang)
	}
	if len(e.Tags) > 0 {
		meta = append(meta, strings.Join(e.Tags, ", "))
	}
	meta = append(meta, lang.L("used {{.N}}×", map[string]any{"N": e.Uses}))
	if e.NeedsReview {
		meta = append(meta, lang.L("needs review"))
	}
	box.Objects[1].(*widget.Label).SetText(strings.Join(meta, " · "))
}

// Load shows the workspace's FAQ; a new workspace starts with an empty editor.
func (p *Pane) Load(ctx context.Context, env pane.Env) error {
	if env.Workspace == nil {
		fyne.Do(func() { p.env, p.store, p.entries = env, nil, nil; p.list.Refresh() })
		return nil
	}
	store := faq.NewStore(env.Workspace)
	fyne.Do(func() {
		if p.env.Workspace != env.Workspace { // another client's FAQ: forget the last one's state
			p.selected, p.deleted = "", faq.Entry{}
			p.undoBar.Hide()
			p.ed.show(faq.Entry{})
		}
		p.env, p.store = env, store
	})
	return p.refresh(ctx, store, p.currentFilter())
}

func (p *Pane) currentFilter() faq.Filter {
	p.filterMu.Lock()
	defer p.filterMu.Unlock()
	return p.filterNow
}

// refresh reads entries and facets and applies them in one go.
func (p *Pane) refresh(ctx context.Context, s *faq.Store, f faq.Filter) error {
	entries, err := s.List(ctx, f)
	if err != nil {
		return err
	}
	facets, err := s.Facets(ctx)
	if err != nil {
		return err
	}
	fyne.Do(func() {
		if s != p.store {
			return // the workspace changed while this was read
		}
		p.entries = entries
		p.tag.Options = append([]string{lang.L("Any tag")}, facets.Tags...)
		p.language.Options = append([]string{lang.L("Any language")}, facets.Langs...)
		if p.tag.Selected == "" {
			p.tag.SetSelectedIndex(0)
		}
		if p.language.Selected == "" {
			p.language.SetSelectedIndex(0)
		}
		p.count.SetText(entriesLabel(len(entries)))
		p.list.UnselectAll()
		p.list.Refresh()
		for i, e := range entries {
			if e.ID == p.selected {
				p.list.Select(i)
			}
		}
	})
	return nil
}

// reload re-reads the list for the current filter (UI goroutine).
func (p *Pane) reload() {
	p.filterMu.Lock()
	p.filterNow = p.filter
	p.filterMu.Unlock()
	if p.store == nil {
		return
	}
	s, f := p.store, p.filter
	p.do(func(ctx context.Context) error { return p.refresh(ctx, s, f) })
}

// do runs task off the UI goroutine and shows its error in the window.
func (p *Pane) do(task func(ctx context.Context) error) { p.env.Do(task, p.showError) }

func (p *Pane) showError(err error) {
	if p.env.Window != nil {
		dialog.ShowError(err, p.env.Window)
	} else {
		fyne.LogError("faq pane", err)
	}
}

func (p *Pane) open(e faq.Entry) {
	p.selected = e.ID
	p.ed.show(e)
}

// deletedEntry remembers the last delete so Undo can bring it back.
func (p *Pane) deletedEntry(e faq.Entry) {
	p.deleted = e
	p.undoLabel.SetText(lang.L("Deleted “{{.Q}}”.", map[string]any{"Q": e.Question}))
	p.undoBar.Show()
	p.selected = ""
	p.ed.show(faq.Entry{})
	p.reload()
}

func (p *Pane) undo() {
	e, s := p.deleted, p.store
	if e.ID == "" || s == nil {
		return
	}
	p.do(func(ctx context.Context) error {
		if err := s.Restore(ctx, e.ID); err != nil {
			return err
		}
		fyne.Do(func() {
			p.deleted = faq.Entry{}
			p.undoBar.Hide()
			p.selected = e.ID
			p.ed.show(e)
		})
		return p.refresh(ctx, s, p.currentFilter())
	})
}

func optional(s string) string {
	if s == lang.L("Any tag") || s == lang.L("Any language") {
		return ""
	}
	return s
}

func indexOf(xs []string, s string) int {
	for i, x := range xs {
		if x == s {
			return i
		}
	}
	return -1
}

// entriesLabel is "1 entry" or "N entries".
func entriesLabel(n int) string {
	if n == 1 {
		return lang.L("1 entry")
	}
	return lang.L("{{.N}} entries", map[string]any{"N": n})
}
