package crisispane

import (
	"context"
	"io"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace/cmdline"
	"switchboard/workspace/crisis"
)

// dueCard lists what fell due while the workspace was paused: each waits for Send,
// Reschedule or Cancel.
func (p *Pane) dueCard() fyne.CanvasObject {
	box := container.NewVBox()
	for _, d := range p.snap.due {
		item := d
		decide := func(decision string, at time.Time) {
			p.act(false, func(ctx context.Context, st *crisis.Store) error {
				return st.Decide(ctx, item.Kind, item.Ref, decision, at)
			})
		}
		box.Add(wrapped(lang.L("Due {{.When}}: {{.Title}}", map[string]any{"When": p.when(d.DueAt), "Title": d.Title}) + "\n" + d.Detail))
		box.Add(container.NewHBox(layout.NewSpacer(),
			widget.NewButton(lang.L("Send now"), func() { decide(crisis.DecideSend, time.Time{}) }),
			widget.NewButton(lang.L("Reschedule…"), func() { p.reschedule(func(at time.Time) { decide(crisis.DecideReschedule, at) }) }),
			widget.NewButton(lang.L("Cancel it"), func() { decide(crisis.DecideCancel, time.Time{}) }),
		))
	}
	return widget.NewCard(lang.L("Fell due while paused"), lang.L("Nothing here is sent until you decide"), box)
}

func (p *Pane) reschedule(then func(time.Time)) {
	e := widget.NewEntry()
	e.SetPlaceHolder(lang.L("2026-12-01 09:00, or +2h, +1d"))
	dialog.NewForm(lang.L("Reschedule"), lang.L("Reschedule"), lang.L("Cancel"), []*widget.FormItem{widget.NewFormItem(lang.L("When"), e)},
		func(ok bool) {
			if !ok {
				return
			}
			at, err := cmdline.ParseTime(e.Text, p.now(), p.snap.loc)
			if err != nil {
				showError(p.env.Window, err)
				return
			}
			then(at)
		}, p.env.Window).Show()
}

// saveReport writes the incident report as PDF where the person chooses (and the
// Markdown beside it, for pasting into mail).
func (p *Pane) saveReport(inc crisis.Incident) {
	env := p.env
	save := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return
		}
		env.Go(func(ctx context.Context) {
			defer wc.Close()
			st := p.store(env)
			rep, err := st.Report(ctx, inc)
			if err == nil {
				err = rep.PDF(wc)
			}
			if err == nil {
				md, _ := storage.Child(mustParent(wc.URI()), trimExt(wc.URI().Name())+".md")
				if md != nil {
					if w, e := storage.Writer(md); e == nil {
						_, _ = io.WriteString(w, rep.Markdown())
						w.Close()
					}
				}
			}
			if err != nil {
				fyne.Do(func() { showError(env.Window, err) })
			}
		})
	}, env.Window)
	save.SetFileName("incident-report.pdf")
	save.Show()
}

func mustParent(u fyne.URI) fyne.URI {
	parent, err := storage.Parent(u)
	if err != nil {
		return u
	}
	return parent
}

func trimExt(name string) string {
	for i := len(name) - 1; i > 0; i-- {
		if name[i] == '.' {
			return name[:i]
		}
	}
	return name
}
