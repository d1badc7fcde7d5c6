// Package handoverpane is the Handover pane: the shift note for whoever takes over, made
// from the open workspace's journal and inbox, with "since the start of my shift" or a
// chosen window, a redact switch for notes that leave the agency, copy to the clipboard,
// export as Markdown, HTML or PDF, the outgoing person's own notes, and the client
// package (the whole workspace as one .zip) for another machine or agency.
package handoverpane

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
	"switchboard/workspace/clientpkg"
	"switchboard/workspace/cmdline"
	"switchboard/workspace/handover"
)

// Option configures the pane.
type Option func(*Pane)

// WithAttachments lets the client package hold attachments as files of their own (main
// passes accounts/mime.AttachmentAt; the UI parses no MIME).
func WithAttachments(r clientpkg.AttachmentReader) Option { return func(p *Pane) { p.atts = r } }

// WithChanged is called (off the UI goroutine) after an import added a workspace, so the
// shell lists it.
func WithChanged(fn func()) Option { return func(p *Pane) { p.changed = fn } }

// window is a choice of the "Since" list.
type window struct {
	label string
	back  time.Duration // 0: the start of my shift; chooseTime: ask
}

// chooseTime marks the "a time I choose…" entry of the Since list.
const chooseTime = time.Duration(-1)

// Pane is the Handover pane.
type Pane struct {
	atts    clientpkg.AttachmentReader
	changed func()
	now     func() time.Time

	// What Load reads off the UI goroutine; set on the UI goroutine.
	mu      sync.Mutex
	since   time.Duration
	sinceAt time.Time // a chosen start, when since is chooseTime
	redact  bool

	// UI goroutine only.
	env        pane.Env
	note       handover.Note
	windows    []window
	sinceSel   *widget.Select
	redactCk   *widget.Check
	period     *widget.Label
	view       *widget.RichText
	scroll     *container.Scroll
	entry      *widget.Entry
	status     *widget.Label
	content    fyne.CanvasObject
	copying    *copier // the open "copy into this workspace" dialog
	lastWindow int     // the Since choice the note shows
}

// New makes the pane.
func New(opts ...Option) *Pane {
	p := &Pane{now: time.Now}
	for _, o := range opts {
		o(p)
	}
	return p
}

var _ pane.Pane = (*Pane)(nil)

func (p *Pane) ID() string          { return "handover" }
func (p *Pane) Title() string       { return lang.L("Handover") }
func (p *Pane) Icon() fyne.Resource { return theme.DocumentIcon() }

// Content builds the widgets once.
func (p *Pane) Content() fyne.CanvasObject {
	if p.content != nil {
		return p.content
	}
	p.windows = []window{{lang.L("the start of my shift"), 0}, {lang.L("8 hours ago"), 8 * time.Hour},
		{lang.L("12 hours ago"), 12 * time.Hour}, {lang.L("24 hours ago"), 24 * time.Hour}, {lang.L("3 days ago"), 72 * time.Hour}, {lang.L("a time I choose…"), chooseTime}}
	labels := make([]string, len(p.windows))
	for i, w := range p.windows {
		labels[i] = w.label
	}
	p.sinceSel = widget.NewSelect(labels, func(string) { p.optionsChanged() })
	p.sinceSel.SetSelectedIndex(0)
	p.redactCk = widget.NewCheck(lang.L("Redact names"), func(bool) { p.optionsChanged() })
	copyBtn := widget.NewButtonWithIcon(lang.L("Copy"), theme.ContentCopyIcon(), p.copyNote)
	exportBtn := widget.NewButtonWithIcon(lang.L("Export…"), theme.DocumentSaveIcon(), p.exportNote)
	more := widget.NewButtonWithIcon(lang.L("Client package…"), theme.StorageIcon(), p.showPackage)
	bar := container.NewHBox(widget.NewLabel(lang.L("Since")), container.NewGridWrap(fyne.NewSize(190, p.sinceSel.MinSize().Height), p.sinceSel), p.redactCk, copyBtn, exportBtn, more)
	p.period = widget.NewLabel("")
	p.period.Wrapping = fyne.TextWrapWord
	p.view = widget.NewRichText()
	p.view.Wrapping = fyne.TextWrapWord
	p.scroll = container.NewVScroll(p.view)
	p.entry = widget.NewMultiLineEntry()
	p.entry.SetPlaceHolder(lang.L("A note for whoever takes over: what you promised, who to call back, what to watch…"))
	p.entry.SetMinRowsVisible(2)
	p.entry.Wrapping = fyne.TextWrapWord
	add := widget.NewButtonWithIcon(lang.L("Add to the note"), theme.ContentAddIcon(), p.addNote)
	add.Importance = widget.HighImportance
	p.status = widget.NewLabel("")
	p.status.Wrapping = fyne.TextWrapWord
	bottom := container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, nil, add, p.entry), p.status)
	p.content = container.NewBorder(container.NewVBox(container.NewHScroll(bar)), bottom, nil, nil, p.scroll)
	return p.content
}

// Load builds the note for the current options.
func (p *Pane) Load(ctx context.Context, env pane.Env) error {
	p.mu.Lock()
	back, at, redact := p.since, p.sinceAt, p.redact
	p.mu.Unlock()
	if env.Workspace == nil {
		return nil
	}
	now := p.now()
	since := now.Add(-back)
	if back == chooseTime {
		since = at
	}
	if back == 0 {
		var err error
		if since, err = handover.StartOfShift(ctx, env.Workspace, env.Agent, now); err != nil {
			return err
		}
	}
	n, err := handover.Build(ctx, env.Workspace, handover.Options{Since: since, Now: now, Author: env.Agent, Redact: redact})
	if err != nil {
		return err
	}
	fyne.Do(func() {
		p.env = env
		p.show(n)
	})
	return nil
}

// show puts a note on screen. UI goroutine.
func (p *Pane) show(n handover.Note) {
	p.note = n
	p.view.Segments = segments(n)
	p.view.Refresh()
	p.scroll.ScrollToTop()
}

func (p *Pane) optionsChanged() {
	if p.sinceSel == nil || p.redactCk == nil {
		return
	}
	i := p.sinceSel.SelectedIndex()
	if i >= 0 && i < len(p.windows) && p.windows[i].back == chooseTime && p.env.Window != nil {
		p.askTime()
		return
	}
	p.mu.Lock()
	if i >= 0 && i < len(p.windows) {
		p.since = p.windows[i].back
		p.lastWindow = i
	}
	p.redact = p.redactCk.Checked
	p.mu.Unlock()
	p.reload()
}

// askTime asks for the start of the note: a date and time in the workspace's zone, or
// hours back ("6h").
func (p *Pane) askTime() {
	loc := p.env.Workspace.Info().Location()
	entry := widget.NewEntry()
	entry.SetPlaceHolder(p.now().In(loc).Add(-8 * time.Hour).Format("2006-01-02 15:04"))
	hint := widget.NewLabel(lang.L("In the workspace's time zone ({{.Zone}}), or hours back such as 6h.", map[string]any{"Zone": loc.String()}))
	hint.Wrapping = fyne.TextWrapWord
	dialog.ShowForm(lang.L("Shift note since"), lang.L("Show"), lang.L("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("Since"), entry), widget.NewFormItem("", hint)}, func(ok bool) {
			t, err := cmdline.ParseSince(entry.Text, p.now(), loc)
			if !ok || err != nil {
				if ok {
					p.showError(err)
				}
				p.sinceSel.SetSelectedIndex(p.lastWindow) // back to what the note shows
				return
			}
			p.mu.Lock()
			p.since, p.sinceAt, p.redact = chooseTime, t, p.redactCk.Checked
			p.mu.Unlock()
			p.lastWindow = p.sinceSel.SelectedIndex()
			p.reload()
		}, p.env.Window)
}

// reload rebuilds the note through the shell's worker.
func (p *Pane) reload() {
	if p.env.Go == nil {
		return
	}
	env := p.env
	env.Go(func(ctx context.Context) {
		if err := p.Load(ctx, env); err != nil {
			fyne.Do(func() { p.showError(err) })
		}
	})
}

func (p *Pane) setStatus(s string) { p.status.SetText(s) }

func (p *Pane) showError(err error) {
	if p.env.Window != nil {
		dialog.ShowError(err, p.env.Window)
	}
}
