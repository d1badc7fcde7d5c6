package settingspane

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/ui/fields"
)

// save writes name, colour and time zone to the open workspace, off the UI goroutine.
func (p *Pane) save() {
	ws := p.env.Workspace
	if ws == nil {
		return
	}
	if err := errors.Join(p.name.Validate(), p.color.Entry.Validate(), fields.CheckTimeZone(p.tz.Text)); err != nil {
		dialog.ShowError(err, p.env.Window)
		return
	}
	name, color, tz := p.name.Text, p.color.Hex(), strings.TrimSpace(p.tz.Text)
	p.env.Go(func(ctx context.Context) {
		err := ws.Rename(ctx, name)
		if err == nil {
			err = ws.SetColor(ctx, color)
		}
		if err == nil {
			err = ws.SetTimeZone(ctx, tz)
		}
		p.act.Changed()
		info := ws.Info()
		fyne.Do(func() {
			if err != nil {
				dialog.ShowError(err, p.env.Window)
				return
			}
			p.info = info
			p.saved.SetText(lang.L("Saved"))
		})
	})
}

// saveKeepInTray stores the tray choice in the machine-wide config.
func (p *Pane) saveKeepInTray(on bool) {
	root := p.env.Root
	p.env.Go(func(context.Context) {
		cfg, err := root.Config()
		if err == nil {
			cfg.KeepInTray = on
			err = root.SaveConfig(cfg)
		}
		if err == nil && p.act.SetKeepInTray != nil {
			p.act.SetKeepInTray(on)
		}
		fyne.Do(func() {
			if err != nil {
				dialog.ShowError(err, p.env.Window)
			}
		})
	})
}

// saveAgent stores "my name" in the machine-wide config.
func (p *Pane) saveAgent() {
	name, root := strings.TrimSpace(p.agent.Text), p.env.Root
	p.env.Go(func(context.Context) {
		cfg, err := root.Config()
		if err == nil {
			cfg.AgentName = name
			err = root.SaveConfig(cfg)
		}
		if err == nil {
			p.act.SetAgent(name)
		}
		fyne.Do(func() {
			if err != nil {
				dialog.ShowError(err, p.env.Window)
			}
		})
	})
}

func (p *Pane) toggleArchive() {
	env, archived := p.env, !p.info.Archived
	if env.Workspace == nil {
		return
	}
	env.Go(func(ctx context.Context) {
		err := env.Workspace.SetArchived(ctx, archived)
		p.act.Changed()
		if err == nil {
			err = p.Load(ctx, env) // the button's label follows
		}
		if err != nil {
			fyne.Do(func() { dialog.ShowError(err, env.Window) })
		}
	})
}

// confirmDelete asks for the workspace's name to be typed before deleting it.
func (p *Pane) confirmDelete() {
	info, win := p.info, p.env.Window
	if info.ID == "" {
		return
	}
	typed := widget.NewEntry()
	del := widget.NewButtonWithIcon(lang.L("Delete"), theme.DeleteIcon(), nil)
	del.Importance = widget.DangerImportance
	del.Disable()
	typed.OnChanged = func(s string) {
		if strings.TrimSpace(s) == info.Name {
			del.Enable()
		} else {
			del.Disable()
		}
	}
	warn := note(lang.L("This deletes {{.Name}} with all its conversations, FAQ entries, playbooks and schedule, and removes its passwords from the keyring. It cannot be undone.", map[string]any{"Name": info.Name}))
	ask := widget.NewLabelWithStyle(lang.L("Type {{.Name}} to confirm:", map[string]any{"Name": info.Name}), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	var d dialog.Dialog
	cancel := widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), func() { d.Hide() })
	del.OnTapped = func() {
		d.Hide()
		p.act.Delete(info.ID)
	}
	d = dialog.NewCustomWithoutButtons(lang.L("Delete workspace"), container.NewVBox(warn, ask, typed,
		container.NewCenter(container.NewHBox(cancel, del))), win)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
	win.Canvas().Focus(typed)
}

func (p *Pane) confirmReset() {
	id := p.info.ID
	dialog.ShowConfirm(lang.L("Reset the demo workspace?"),
		lang.L("The demo workspace is replaced by a fresh copy. Everything done in it is lost."),
		func(ok bool) {
			if ok {
				p.act.ResetDemo(id)
			}
		}, p.env.Window)
}
