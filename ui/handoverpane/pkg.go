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
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace/clientpkg"
)

// showPackage explains the client package and exports it.
func (p *Pane) showPackage() {
	if p.env.Window == nil || p.env.Workspace == nil {
		return
	}
	text := widget.NewLabel(lang.L("The client package is this whole workspace in one .zip file: every conversation and message with its attachments, the FAQ, notes, the journal and the brand's voice, with a checksum for each file. It never holds a password: after an import, enter each mail account's password in Settings. Open it on another machine with Import below or `switchboard import FILE.zip`."))
	text.Wrapping = fyne.TextWrapWord
	var d dialog.Dialog
	export := widget.NewButtonWithIcon(lang.L("Export this workspace…"), theme.DocumentSaveIcon(), func() { d.Hide(); p.exportPackage() })
	export.Importance = widget.HighImportance
	imp := widget.NewButtonWithIcon(lang.L("Import a package as a new workspace…"), theme.FolderOpenIcon(), func() { d.Hide(); p.importPackage() })
	reuse := widget.NewButtonWithIcon(lang.L("Copy FAQ entries, playbooks or voice from another workspace…"), theme.ContentCopyIcon(), func() { d.Hide(); p.copyFrom() })
	content := container.NewVBox(text, container.NewHBox(export, imp), widget.NewSeparator(), reuse)
	d = dialog.NewCustom(lang.L("Client package"), lang.L("Close"), content, p.env.Window)
	d.Resize(fyne.NewSize(620, 280))
	d.Show()
}

// importPackage makes a new workspace from a package the user picks; the package is
// checked whole first, and a refused one leaves nothing behind.
func (p *Pane) importPackage() {
	env := p.env
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			if err != nil {
				p.showError(err)
			}
			return
		}
		path := rc.URI().Path()
		rc.Close()
		p.setStatus(lang.L("Checking and importing {{.File}}…", map[string]any{"File": rc.URI().Name()}))
		env.Go(func(ctx context.Context) {
			info, err := clientpkg.Import(ctx, env.Root, path, clientpkg.ImportOptions{})
			if err == nil && p.changed != nil {
				p.changed() // the new workspace shows in the list
			}
			fyne.Do(func() {
				if err != nil {
					p.setStatus("")
					p.showError(err)
					return
				}
				p.setStatus(lang.L("Imported {{.Name}} as a new workspace: open it from the list and enter its mail accounts' passwords in Settings.",
					map[string]any{"Name": info.Name}))
			})
		})
	}, env.Window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".zip"}))
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
