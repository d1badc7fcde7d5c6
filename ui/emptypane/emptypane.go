// Package emptypane is the stand-in for a pane that is not built yet: it says what will be
// there, so the navigation is complete from the first version on.
package emptypane

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/ui/fields"
	"switchboard/ui/pane"
)

// Pane is an empty state with an icon, a headline and a paragraph.
type Pane struct {
	id, title, headline, text string
	icon                      fyne.Resource
}

// New makes the empty state; title, headline and text are already translated.
func New(id, title string, icon fyne.Resource, headline, text string) *Pane {
	return &Pane{id: id, title: title, icon: icon, headline: headline, text: text}
}

var _ pane.Pane = (*Pane)(nil)

func (p *Pane) ID() string          { return p.id }
func (p *Pane) Title() string       { return p.title }
func (p *Pane) Icon() fyne.Resource { return p.icon }

// Load has nothing to read yet.
func (p *Pane) Load(context.Context, pane.Env) error { return nil }

func (p *Pane) Content() fyne.CanvasObject {
	icon := canvas.NewImageFromResource(theme.NewDisabledResource(p.icon))
	icon.SetMinSize(fyne.NewSquareSize(72))
	icon.FillMode = canvas.ImageFillContain
	head := widget.NewLabelWithStyle(p.headline, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	head.SizeName = theme.SizeNameSubHeadingText
	body := widget.NewLabel(p.text)
	body.Wrapping = fyne.TextWrapWord
	body.Alignment = fyne.TextAlignCenter
	return fields.Column(520, container.NewVBox(layout.NewSpacer(), container.NewCenter(icon), head, body, layout.NewSpacer()))
}
