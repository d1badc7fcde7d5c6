// Package settingspane is Settings: the open workspace's name, colour and time zone, its
// mail accounts (filled in by the accounts feature), its voice and rules (signature, form
// of address, phrases to avoid, labels, staff, response target, warning template), "my
// name" for this machine, and archiving or deleting the workspace.
package settingspane

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/ui/fields"
	"switchboard/ui/pane"
	"switchboard/workspace"
	"switchboard/workspace/demo"
)

// Actions are what Settings needs the shell for, because they change more than this pane.
type Actions struct {
	Changed   func()            // a change to the open workspace was saved; called inside an Env.Go task
	SetAgent  func(name string) // "my name" was saved; called inside an Env.Go task
	Delete    func(id string)   // the user confirmed deleting the workspace (UI goroutine)
	ResetDemo func(id string)   // the user confirmed replacing the demo with a fresh copy (UI goroutine)
	// SetKeepInTray: "keep running in the system tray" was saved; called inside an Env.Go task.
	SetKeepInTray func(on bool)
}

// Pane is the Settings pane.
type Pane struct {
	act  Actions
	mail pane.Pane

	// UI goroutine only: the latest Load's result.
	env    pane.Env
	info   workspace.Info
	isDemo bool

	name, agent *widget.Entry
	color       *fields.ColorPicker
	tz          *widget.SelectEntry
	saved       *widget.Label
	archive     *widget.Button
	demoCard    *widget.Card
	keepInTray  *widget.Check
	voice       *voiceSection
	content     fyne.CanvasObject
}

var _ pane.Pane = (*Pane)(nil)

// New builds Settings; mail fills the "Mail accounts" section (nil: a note of what will be there).
func New(act Actions, mail pane.Pane) *Pane {
	p := &Pane{act: act, mail: mail}
	p.build()
	return p
}

func (p *Pane) ID() string                 { return "settings" }
func (p *Pane) Title() string              { return lang.L("Settings") }
func (p *Pane) Icon() fyne.Resource        { return theme.SettingsIcon() }
func (p *Pane) Content() fyne.CanvasObject { return p.content }

// Load reads the workspace's identity, whether it is the demo, and "my name".
func (p *Pane) Load(ctx context.Context, env pane.Env) error {
	var info workspace.Info
	var isDemo bool
	var voice voiceData
	var cfg workspace.Config
	if env.Root != nil {
		var err error
		if cfg, err = env.Root.Config(); err != nil {
			return err
		}
	}
	if env.Workspace != nil {
		info = env.Workspace.Info()
		var err error
		if isDemo, err = demo.IsDemo(ctx, env.Workspace); err != nil {
			return err
		}
		if voice, err = readVoice(ctx, env.Workspace, env.Agent); err != nil {
			return err
		}
	}
	fyne.Do(func() {
		if env.Workspace != nil {
			p.voice.show(voice)
		}
		p.env, p.info, p.isDemo = env, info, isDemo
		p.name.SetText(info.Name)
		p.color.SetHex(info.Color)
		p.tz.SetText(info.TimeZone)
		p.agent.SetText(env.Agent)
		p.keepInTray.OnChanged = nil // showing the stored choice is not a change
		p.keepInTray.SetChecked(cfg.KeepInTray)
		p.keepInTray.OnChanged = p.saveKeepInTray
		p.saved.SetText("")
		p.archive.SetText(lang.L("Archive this workspace"))
		if info.Archived {
			p.archive.SetText(lang.L("Bring back from the archive"))
		}
		if isDemo {
			p.demoCard.Show()
		} else {
			p.demoCard.Hide()
		}
	})
	return nil
}

func (p *Pane) build() {
	p.name = widget.NewEntry()
	p.color = fields.NewColorPicker("")
	p.tz = fields.NewTimeZoneEntry()
	p.saved = widget.NewLabel("")
	p.saved.Importance = widget.SuccessImportance
	save := widget.NewButtonWithIcon(lang.L("Save changes"), theme.DocumentSaveIcon(), p.save)
	save.Importance = widget.HighImportance
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Client name"), p.name),
		&widget.FormItem{Text: lang.L("Brand colour"), Widget: p.color, HintText: lang.L("The band at the top of the window shows it")},
		&widget.FormItem{Text: lang.L("Time zone"), Widget: p.tz, HintText: lang.L("An IANA name, such as Europe/Stockholm")},
	)
	identity := widget.NewCard(lang.L("This workspace"), lang.L("Only this client's workspace changes."),
		container.NewVBox(form, container.NewHBox(save, p.saved)))

	var mail fyne.CanvasObject = note(lang.L("The mail accounts this client's conversations arrive at and replies go out from will be set up here. Their passwords are kept in the system keyring, never on disk."))
	if p.mail != nil {
		mail = p.mail.Content()
	}
	mailCard := widget.NewCard(lang.L("Mail accounts"), "", mail)

	p.agent = widget.NewEntry()
	p.agent.SetPlaceHolder(lang.L("Your name, as colleagues and customers see it"))
	saveAgent := widget.NewButton(lang.L("Save my name"), p.saveAgent)
	p.keepInTray = widget.NewCheck(lang.L("Keep running in the system tray when the window is closed"), p.saveKeepInTray)
	you := widget.NewCard(lang.L("You"), lang.L("For every workspace on this computer."), container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabel(lang.L("My name")), saveAgent, p.agent),
		p.keepInTray,
		note(lang.L("Scheduled replies, follow-ups and out-of-hours auto-replies of the open workspace go on while the window is closed; the tray icon's menu shows the window again or quits."))))

	reset := widget.NewButtonWithIcon(lang.L("Reset the demo…"), theme.ViewRefreshIcon(), p.confirmReset)
	p.demoCard = widget.NewCard(lang.L("Demo workspace"), "", container.NewVBox(
		note(lang.L("This is the demo workspace. Reset it to get a fresh copy of Nordlys Coffee; everything done in it is lost.")),
		container.NewHBox(reset)))
	p.demoCard.Hide()

	p.archive = widget.NewButtonWithIcon(lang.L("Archive this workspace"), theme.FolderIcon(), p.toggleArchive)
	del := widget.NewButtonWithIcon(lang.L("Delete this workspace…"), theme.DeleteIcon(), p.confirmDelete)
	del.Importance = widget.DangerImportance
	danger := widget.NewCard(lang.L("Archive or delete"), "", container.NewVBox(
		note(lang.L("Archiving hides the workspace from the switcher and keeps everything. Deleting removes its conversations, FAQ, playbooks and stored passwords for good.")),
		container.NewHBox(p.archive, del)))

	p.voice = newVoiceSection(p)
	p.content = container.NewVScroll(fields.Column(760, container.NewVBox(identity, mailCard, p.voice.content, you, p.demoCard, danger)))
}

func note(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}
