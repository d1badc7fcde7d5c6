package handoverpane

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"

	"switchboard/workspace/handover"
)

// copyNote puts the note on the clipboard as Markdown: it pastes readably into mail, chat
// and ticket tools alike.
func (p *Pane) copyNote() {
	if p.env.Window == nil || p.note.Workspace == "" {
		return
	}
	fyne.CurrentApp().Clipboard().SetContent(p.note.Markdown())
	p.setStatus(lang.L("The shift note is on the clipboard."))
}

// exportNote saves the note; the file name's extension picks the format (.md, .html, .pdf).
func (p *Pane) exportNote() {
	if p.env.Window == nil || p.note.Workspace == "" {
		return
	}
	note := p.note
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			if err != nil {
				p.showError(err)
			}
			return
		}
		f, ferr := handover.ParseFormat(filepath.Ext(wc.URI().Name()))
		if ferr != nil {
			f = handover.PDF
		}
		go func() { // rendering a PDF takes a moment; never on the UI goroutine
			var buf bytes.Buffer
			err := note.Write(&buf, f)
			if err == nil {
				_, err = wc.Write(buf.Bytes())
			}
			if cerr := wc.Close(); err == nil {
				err = cerr
			}
			fyne.Do(func() {
				if err != nil {
					p.showError(err)
					return
				}
				p.setStatus(lang.L("Saved the shift note to {{.File}}.", map[string]any{"File": wc.URI().Name()}))
			})
		}()
	}, p.env.Window)
	d.SetFileName(fileName(note.Workspace) + "-shift-note.pdf")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".pdf", ".md", ".html"}))
	d.Show()
}

// addNote stores the text as a handover note and rebuilds the note with it.
func (p *Pane) addNote() {
	text := strings.TrimSpace(p.entry.Text)
	if text == "" || p.env.Go == nil {
		return
	}
	env := p.env
	env.Go(func(ctx context.Context) {
		if _, err := handover.AddNote(ctx, env.Workspace, env.Agent, text, p.now()); err != nil {
			fyne.Do(func() { p.showError(err) })
			return
		}
		fyne.Do(func() {
			p.entry.SetText("")
			p.setStatus(lang.L("Added to the shift note."))
		})
		if err := p.Load(ctx, env); err != nil {
			fyne.Do(func() { p.showError(err) })
		}
	})
}

// fileName is a workspace name usable in a file name.
func fileName(name string) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) {
			return '-'
		}
		return r
	}, name)
	return strings.TrimSpace(name)
}
