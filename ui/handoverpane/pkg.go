package handoverpane

import (
	"context"
	"fmt"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace/clientpkg"
)

// showPackage explains the client package and exports it.
func (p *Pane) showPackage() {
	if p.env.Window == nil || p.env.Workspace == nil {
		return
	}
	text := widget.NewLabel(lang.L("The client package is this whole workspace in one .zip file: every conversation and message with its attachments, the FAQ, notes, the journal and the brand's voice, with a checksum for each file. It never holds a password: after an import, each mail account asks for its own. Open it on another machine with `switchboard import FILE.zip`."))
	text.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(text)
	d := dialog.NewCustomConfirm(lang.L("Client package"), lang.L("Export…"), lang.L("Close"), content, func(ok bool) {
		if ok {
			p.exportPackage()
		}
	}, p.env.Window)
	d.Resize(fyne.NewSize(560, 260))
	d.Show()
}

func (p *Pane) exportPackage() {
	env := p.env
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			if err != nil {
				p.showError(err)
			}
			return
		}
		path := wc.URI().Path()
		wc.Close() // written again through a temporary file beside it, renamed when whole
		p.setStatus(lang.L("Exporting the client package…"))
		env.Go(func(ctx context.Context) {
			m, err := clientpkg.ExportFile(ctx, env.Workspace, path, clientpkg.ExportOptions{Attachments: p.atts})
			if err != nil {
				os.Remove(path) // the empty file the save dialog made, never a whole package
			}
			fyne.Do(func() {
				if err != nil {
					p.setStatus("")
					p.showError(err)
					return
				}
				p.setStatus(lang.L("Exported {{.Conversations}} conversations and {{.Messages}} messages to {{.File}}; no passwords.",
					map[string]any{"Conversations": m.Counts.Conversations, "Messages": m.Counts.Messages, "File": path}))
			})
		})
	}, env.Window)
	d.SetFileName(fmt.Sprintf("%s.zip", fileName(env.Workspace.Info().Name)))
	d.SetFilter(storage.NewExtensionFileFilter([]string{".zip"}))
	d.Show()
}
