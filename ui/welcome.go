package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/assets"
	"switchboard/ui/fields"
)

// newWelcome is the first-run screen, shown while the data root holds no workspace.
func newWelcome(s *Shell) fyne.CanvasObject {
	icon := canvas.NewImageFromResource(fyne.NewStaticResource("icon.png", assets.Icon))
	icon.SetMinSize(fyne.NewSquareSize(96))
	icon.FillMode = canvas.ImageFillContain
	title := widget.NewLabelWithStyle(lang.L("Welcome to Switchboard"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	intro := widget.NewLabel(lang.L("Each client brand you look after gets its own workspace: its mail accounts, conversations, FAQ, crisis playbooks and schedule. Nothing of one workspace ever shows up in, or is sent from, another, and the window always shows whose workspace you are in."))
	intro.Wrapping = fyne.TextWrapWord
	intro.Alignment = fyne.TextAlignCenter
	create := widget.NewButtonWithIcon(lang.L("Create a workspace"), theme.ContentAddIcon(), s.showCreate)
	create.Importance = widget.HighImportance
	demo := widget.NewButtonWithIcon(lang.L("Open the demo workspace"), theme.ComputerIcon(), s.openDemo)
	demoNote := widget.NewLabel(lang.L("The demo is Nordlys Coffee, a made-up coffee brand: try everything without connecting any mail account."))
	demoNote.Wrapping = fyne.TextWrapWord
	demoNote.Alignment = fyne.TextAlignCenter
	buttons := container.NewCenter(container.NewHBox(create, demo))
	body := container.NewVBox(layout.NewSpacer(), container.NewCenter(icon), title, intro,
		widget.NewSeparator(), buttons, demoNote, layout.NewSpacer())
	return fields.Column(560, body)
}
