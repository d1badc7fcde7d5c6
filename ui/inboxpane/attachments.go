package inboxpane

import (
	"context"
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace/inbox"
	"switchboard/workspace/mail"
)

// Extractor returns attachment number position of a raw message: its safe filename and
// its bytes. The UI parses no MIME; main.go passes accounts/mime's AttachmentAt.
type Extractor func(raw []byte, position int) (name string, data []byte, err error)

// WithAttachments lets attachments be saved; without it they are listed only.
func WithAttachments(extract Extractor) Option { return func(p *Pane) { p.extract = extract } }

// attachmentRow lists one attachment with its size and, when it can be saved, a Save button.
func (v *conversationView) attachmentRow(m mail.Message, position int, a mail.AttachmentInfo) fyne.CanvasObject {
	label := widget.NewLabel(fmt.Sprintf("%s (%s)", a.Filename, sizeLabel(a.Size)))
	label.Truncation = fyne.TextTruncateEllipsis
	var save fyne.CanvasObject
	if v.p.extract != nil {
		b := widget.NewButtonWithIcon(lang.L("Save…"), theme.DownloadIcon(), func() { v.p.pickFolder(m.ID, position) })
		b.Importance = widget.LowImportance
		save = b
	}
	return container.NewBorder(nil, nil, widget.NewIcon(theme.FileIcon()), save, label)
}

// pickFolder asks where to save an attachment, starting from the last folder chosen.
func (p *Pane) pickFolder(messageID int64, position int) {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		switch {
		case err != nil:
			p.showError(err)
		case dir != nil:
			p.saveDir = dir.Path()
			p.saveAttachment(messageID, position, dir.Path())
		}
	}, p.env.Window)
	if p.saveDir != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(p.saveDir)); err == nil {
			d.SetLocation(l)
		}
	}
	d.Show()
}

// saveAttachment re-reads the message's raw bytes off the UI goroutine, takes the
// attachment out and writes it into dir under its safe name, never over an existing file,
// then says where it went.
func (p *Pane) saveAttachment(messageID int64, position int, dir string) {
	ws, extract, win := p.ws, p.extract, p.env.Window
	if ws == nil || extract == nil {
		return
	}
	p.run(func(ctx context.Context) error {
		raw, err := mail.Open(ws).Raw(ctx, messageID)
		if err != nil {
			return err
		}
		name, data, err := extract(raw, position)
		if err == nil && data == nil {
			err = errors.New(lang.L("The attachment could not be read from the message."))
		}
		if err != nil {
			return err
		}
		path, err := inbox.SaveAttachment(dir, name, data)
		if err != nil {
			return err
		}
		fyne.Do(func() {
			if win != nil {
				dialog.ShowInformation(lang.L("Attachment saved"), lang.L("Saved as {{.Path}}", map[string]any{"Path": path}), win)
			}
		})
		return nil
	})
}
