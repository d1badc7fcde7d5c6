package fields

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// EmptyState is what stands where there is nothing to show yet (no workspace open): a
// greyed icon, a headline and a paragraph, centred. The texts are already translated.
func EmptyState(icon fyne.Resource, headline, text string) fyne.CanvasObject {
	img := canvas.NewImageFromResource(theme.NewDisabledResource(icon))
	img.SetMinSize(fyne.NewSquareSize(72))
	img.FillMode = canvas.ImageFillContain
	head := widget.NewLabelWithStyle(headline, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	head.SizeName = theme.SizeNameSubHeadingText
	body := widget.NewLabel(text)
	body.Wrapping = fyne.TextWrapWord
	body.Alignment = fyne.TextAlignCenter
	return Column(520, container.NewVBox(layout.NewSpacer(), container.NewCenter(img), head, body, layout.NewSpacer()))
}
