package accountspane

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace/mail"
)

// checksView shows what "Test connection" found, one server per line, with "Trust this
// certificate" under a certificate that failed verification. UI goroutine only.
type checksView struct {
	trust   func(fingerprint string)
	changed func() // lays the pane out again
	box     *fyne.Container
	content fyne.CanvasObject
}

func newChecksView(trust func(string), changed func()) *checksView {
	v := &checksView{trust: trust, changed: changed, box: container.NewVBox()}
	v.content = v.box
	return v
}

func (v *checksView) clear() { v.show() }

func (v *checksView) running() { v.show(widget.NewLabel(lang.L("Testing the connection…"))) }

func (v *checksView) note(text string) {
	l := wrapped(text)
	l.Importance = widget.SuccessImportance
	v.show(append(slices.Clone(v.box.Objects), l)...)
}

func (v *checksView) set(checks []mail.Check) {
	lines := make([]fyne.CanvasObject, len(checks))
	for i, c := range checks {
		lines[i] = v.line(c)
	}
	v.show(lines...)
}

func (v *checksView) show(lines ...fyne.CanvasObject) {
	v.box.Objects = lines
	v.changed()
}

func (v *checksView) line(c mail.Check) fyne.CanvasObject {
	args := map[string]any{"Protocol": c.Protocol, "Server": c.Server, "Stage": c.Stage}
	if c.OK {
		text := lang.L("{{.Protocol}} {{.Server}}: connected and logged in.", args)
		if c.Local {
			text = lang.L("{{.Server}} is a local account: there is no server to connect to.", args)
		}
		l := wrapped(text)
		l.Importance = widget.SuccessImportance
		box := container.NewVBox(l)
		if c.Message != "" { // notes such as a missing IDLE
			box.Add(wrapped(c.Message))
		}
		return container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(theme.ConfirmIcon())), nil, box)
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
