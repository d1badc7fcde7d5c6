package faqpane

import (
	"context"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace/faq"
)

// importCSV: pick a file, read it off the UI goroutine, show the per-row preview, and
// write only when the user confirms.
func (p *Pane) importCSV() {
	if p.store == nil || p.env.Window == nil {
		return
	}
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			if err != nil {
				p.showError(err)
			}
			return
		}
		s := p.store
		p.do(func(ctx context.Context) error {
			defer rc.Close()
			prev, err := s.PreviewCSV(ctx, rc)
			if err != nil {
				return err
			}
			fyne.Do(func() { p.showPreview(s, rc.URI().Name(), prev) })
			return nil
		})
	}, p.env.Window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	d.Show()
}

func (p *Pane) showPreview(s *faq.Store, name string, prev *faq.ImportPreview) {
	summary := lang.L("{{.Add}} to add, {{.Update}} to update, {{.Same}} unchanged, {{.Reject}} rejected.", map[string]any{
		"Add": prev.Count(faq.Add), "Update": prev.Count(faq.Update), "Same": prev.Count(faq.Unchanged), "Reject": prev.Count(faq.Reject)})
	head := widget.NewLabel(summary)
	head.Wrapping = fyne.TextWrapWord
	if prev.Problem != "" {
		head.SetText(prev.Problem + "\n" + summary)
		head.Importance = widget.DangerImportance
	}
	// A reason is often longer than its column: the row under the cursor is spelt out in
	// full below the table, and the first rejected row is chosen to start with.
	why := widget.NewLabel("")
	why.Wrapping = fyne.TextWrapWord
	table := previewTable(prev)
	table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(prev.Rows) {
			r := prev.Rows[id.Row]
			why.SetText(lang.L("Row {{.Row}}: {{.Question}} — {{.Reason}}", map[string]any{"Row": r.Row, "Question": r.Question, "Reason": r.Reason}))
		}
	}
	for i, r := range prev.Rows {
		if r.Action == faq.Reject {
			table.Select(widget.TableCellID{Row: i, Col: 3})
			break
		}
	}
	content := container.NewBorder(head, why, nil, nil, table)
	canApply := prev.Problem == "" && prev.Count(faq.Add)+prev.Count(faq.Update) > 0
	title := lang.L("Import {{.File}}", map[string]any{"File": name})
	var d dialog.Dialog
	if canApply {
		d = dialog.NewCustomConfirm(title, lang.L("Import"), lang.L("Cancel"), content, func(ok bool) {
			if !ok {
				return
			}
			p.do(func(ctx context.Context) error {
				if err := s.Apply(ctx, prev); err != nil {
					return err
				}
				if err := p.refresh(ctx, s, p.currentFilter()); err != nil {
					return err
				}
				fyne.Do(func() {
					dialog.ShowInformation(lang.L("Imported"), lang.L("{{.Add}} added and {{.Update}} updated from {{.File}}.", map[string]any{
						"Add": prev.Count(faq.Add), "Update": prev.Count(faq.Update), "File": name}), p.env.Window)
				})
				return nil
			})
		}, p.env.Window)
	} else {
		d = dialog.NewCustom(title, lang.L("Close"), content, p.env.Window)
	}
	d.Resize(fyne.NewSize(760, 480))
	d.Show()
}

// previewTable shows one line per row: its number, what will happen, the question and why.
func previewTable(prev *faq.ImportPreview) *widget.Table {
	actions := map[faq.Action]string{faq.Add: lang.L("add"), faq.Update: lang.L("update"), faq.Unchanged: lang.L("unchanged"), faq.Reject: lang.L("reject")}
	t := widget.NewTable(func() (int, int) { return len(prev.Rows), 4 },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			r := prev.Rows[id.Row]
			l := o.(*widget.Label)
			l.Importance = widget.MediumImportance
			switch id.Col {
			case 0:
				l.SetText(fmt.Sprint(r.Row))
			case 1:
				if r.Action == faq.Reject {
					l.Importance = widget.DangerImportance
				}
				l.SetText(actions[r.Action])
			case 2:
				l.SetText(r.Question)
			case 3:
				l.SetText(r.Reason)
			}
		})
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject { return widget.NewLabel("") }
	heads := []string{lang.L("Row"), lang.L("Action"), lang.L("Question"), lang.L("Reason")}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(heads[id.Col]) }
	for col, w := range []float32{50, 90, 250, 340} {
		t.SetColumnWidth(col, w)
	}
	return t
}

// export asks for the format, then a file, and writes it off the UI goroutine.
func (p *Pane) export() {
	if p.store == nil || p.env.Window == nil {
		return
	}
	s, name := p.store, p.env.Workspace.Info().Name
	save := func(ext string, write func(ctx context.Context, w io.Writer) error) {
		d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
			if err != nil || wc == nil {
				if err != nil {
					p.showError(err)
				}
				return
			}
			file := wc.URI().Name()
			p.do(func(ctx context.Context) error {
				err := write(ctx, wc)
				if cerr := wc.Close(); err == nil {
					err = cerr
				}
				if err == nil {
					fyne.Do(func() {
						dialog.ShowInformation(lang.L("Exported"), lang.L("The FAQ was written to {{.File}}.", map[string]any{"File": file}), p.env.Window)
					})
				}
				return err
			})
		}, p.env.Window)
		d.SetFileName(strings.ToLower(strings.ReplaceAll(name, " ", "-")) + "-faq" + ext)
		d.Show()
	}
	choice := container.NewVBox(widget.NewLabel(lang.L("CSV opens in LibreOffice and Excel and can be imported again; Markdown is for reading.")))
	d := dialog.NewCustom(lang.L("Export the FAQ"), lang.L("Cancel"), choice, p.env.Window)
	choice.Add(widget.NewButton(lang.L("CSV for spreadsheets"), func() { d.Hide(); save(".csv", s.ExportCSV) }))
	choice.Add(widget.NewButton(lang.L("Markdown document"), func() {
		d.Hide()
		save(".md", func(ctx context.Context, w io.Writer) error { return s.ExportMarkdown(ctx, w, name+" FAQ") })
	}))
	d.Show()
}
