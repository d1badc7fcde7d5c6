package accountspane

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// checksView shows what "Test connection" found, one server per line, with "Trust this
// certificate" under a certificate that failed verification. UI goroutine only.
type checksView struct {
	trust   func(fingerprint string)
	box     *fyne.Container
	content fyne.CanvasObject
}

func newChecksView(trust func(string)) *checksView {
	v := &checksView{trust: trust, box: container.NewVBox()}
	v.content = v.box
	return v
}

func (v *checksView) clear() { v.box.RemoveAll() }

func (v *checksView) running() {
	v.clear()
	v.box.Add(widget.NewLabel(lang.L("Testing the connection…")))
}

func (v *checksView) note(text string) {
	l := wrapped(text)
	l.Importance = widget.SuccessImportance
	v.box.Add(l)
}

func (v *checksView) set(checks []Check) {
	v.clear()
	for _, c := range checks {
		v.box.Add(v.line(c))
	}
}

func (v *checksView) line(c Check) fyne.CanvasObject {
	args := map[string]any{"Protocol": c.Protocol, "Server": c.Server, "Stage": c.Stage}
	if c.OK {
		l := wrapped(lang.L("{{.Protocol}} {{.Server}}: connected and logged in.", args))
		l.Importance = widget.SuccessImportance
		return container.NewBorder(nil, nil, widget.NewIcon(theme.ConfirmIcon()), nil, l)
	}
	head := lang.L("{{.Protocol}} {{.Server}}: failed at {{.Stage}}", args)
	if c.Stage == "" {
		head = lang.L("{{.Protocol}} {{.Server}}: failed", args)
	}
	title := wrapped(head)
	title.Importance = widget.DangerImportance
	title.TextStyle.Bold = true
	box := container.NewVBox(title, wrapped(c.Message))
	if c.Fingerprint != "" {
		fp := widget.NewLabel(lang.L("Certificate fingerprint (SHA-256): {{.Fingerprint}}", map[string]any{"Fingerprint": colons(c.Fingerprint)}))
		fp.Wrapping = fyne.TextWrapBreak
		fp.Selectable = true
		trust := widget.NewButtonWithIcon(lang.L("Trust this certificate"), theme.ConfirmIcon(), func() { v.trust(c.Fingerprint) })
		box.Add(fp)
		box.Add(wrapped(lang.L("Only trust it if it is your own server's, or your provider publishes this fingerprint.")))
		box.Add(container.NewHBox(trust))
	}
	return container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(theme.ErrorIcon())), nil, box)
}

// colons writes a hex fingerprint as AB:CD:..., as browsers show it.
func colons(hex string) string {
	hex = strings.ToUpper(hex)
	var parts []string
	for i := 0; i+2 <= len(hex); i += 2 {
		parts = append(parts, hex[i:i+2])
	}
	return strings.Join(parts, ":")
}

func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}
