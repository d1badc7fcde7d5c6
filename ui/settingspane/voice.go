package settingspane

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/ui/fields"
	"switchboard/workspace"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
)

// voiceData is what "Voice and rules" shows, read off the UI goroutine.
type voiceData struct {
	tone    inbox.Tone
	target  time.Duration
	warning string
	labels  []inbox.Label
	staff   []inbox.Staff
}

func readVoice(ctx context.Context, w *workspace.Workspace, agent string) (v voiceData, err error) {
	s := inbox.NewStore(w, inboxcore.Options{Agent: agent})
	if v.tone, err = s.Tone(ctx); err != nil {
		return
	}
	if v.target, err = s.ResponseTarget(ctx); err != nil {
		return
	}
	warn, ok, err := w.Setting(ctx, inbox.SettingWarnTemplate)
	if err != nil {
		return v, err
	}
	v.warning = warn
	if !ok || strings.TrimSpace(warn) == "" {
		v.warning = inbox.DefaultWarning
	}
	if v.labels, err = s.Labels(ctx); err != nil {
		return
	}
	v.staff, err = s.StaffList(ctx)
	return
}

// voiceSection is "Voice and rules": how this client's replies sound and what the Inbox
// checks (signature, form of address, phrases to avoid), its labels and staff, the
// response-time target and the abuse warning, with a preview of the tone check. UI
// goroutine only.
type voiceSection struct {
	p                                   *Pane
	formality, signAs                   *widget.Select
	signature, avoid, guidance, warning *fields.TextArea
	target                              *widget.Entry
	try                                 *fields.TextArea
	findings                            *widget.Label
	saved                               *widget.Label
	labels, staff                       *fyne.Container
	newLabel, newStaff                  *widget.Entry
	content                             fyne.CanvasObject
}

var (
	formalities = []string{"", "formal", "informal"}
	signAsKinds = []string{"person", "brand"}
)

func newVoiceSection(p *Pane) *voiceSection {
	v := &voiceSection{p: p}
	v.formality = widget.NewSelect([]string{lang.L("Not checked"), lang.L("Formal (Sie, vous, usted…)"), lang.L("Informal (du, tu, tú…)")}, func(string) { v.preview() })
	v.signAs = widget.NewSelect([]string{lang.L("My name"), lang.L("The brand")}, nil)
	v.signature = fields.NewTextArea()
	v.signature.SetPlaceHolder(lang.L("e.g. {{.Example}}", map[string]any{"Example": "Best, {{agent}} at {{brand}}"}))
	v.signature.SetMinRowsVisible(2)
	v.avoid = fields.NewTextArea()
	v.avoid.SetPlaceHolder(lang.L("One phrase a line, e.g. “unfortunately”"))
	v.avoid.SetMinRowsVisible(3)
	v.avoid.OnChanged = func(string) { v.preview() }
	v.guidance = fields.NewTextArea()
	v.guidance.SetPlaceHolder(lang.L("Notes for whoever answers, e.g. “warm, short, no emoji”"))
	v.guidance.SetMinRowsVisible(2)
	v.target = widget.NewEntry()
	v.target.SetPlaceHolder(lang.L("minutes, e.g. 240"))
	v.target.Validator = func(s string) error {
		if m, err := strconv.Atoi(strings.TrimSpace(s)); err != nil || m < 1 {
			return errors.New(lang.L("Whole minutes, at least 1"))
		}
		return nil
	}
	v.warning = fields.NewTextArea()
	v.warning.SetMinRowsVisible(4)
	v.try = fields.NewTextArea()
	v.try.SetPlaceHolder(lang.L("Try a sentence here to see what the tone check says"))
	v.try.SetMinRowsVisible(2)
	v.try.OnChanged = func(string) { v.preview() }
	v.findings = widget.NewLabel("")
	v.findings.Wrapping = fyne.TextWrapWord
	v.findings.Importance = widget.WarningImportance
	v.saved = widget.NewLabel("")
	v.saved.Importance = widget.SuccessImportance
	save := widget.NewButtonWithIcon(lang.L("Save voice and rules"), theme.DocumentSaveIcon(), v.save)
	save.Importance = widget.HighImportance
	form := widget.NewForm(
		&widget.FormItem{Text: lang.L("Form of address"), Widget: v.formality, HintText: lang.L("Replies in the other form are pointed out before sending")},
		&widget.FormItem{Text: lang.L("Sign as"), Widget: v.signAs},
		&widget.FormItem{Text: lang.L("Signature"), Widget: v.signature, HintText: lang.L("Added under every reply; {{.Var}} is the name of whoever answers", map[string]any{"Var": "{{agent}}"})},
		&widget.FormItem{Text: lang.L("Phrases to avoid"), Widget: v.avoid},
		&widget.FormItem{Text: lang.L("Guidance"), Widget: v.guidance},
		&widget.FormItem{Text: lang.L("Response target"), Widget: v.target, HintText: lang.L("A customer waiting longer is Overdue")},
		&widget.FormItem{Text: lang.L("Warning template"), Widget: v.warning, HintText: lang.L("Sent when a contact is warned; shown before it goes")},
		&widget.FormItem{Text: lang.L("Tone check"), Widget: container.NewVBox(v.try, v.findings)},
	)
	v.labels = container.NewVBox()
	v.newLabel = widget.NewEntry()
	v.newLabel.SetPlaceHolder(lang.L("New label, then Enter"))
	v.newLabel.OnSubmitted = v.addLabel
	v.staff = container.NewVBox()
	v.newStaff = widget.NewEntry()
	v.newStaff.SetPlaceHolder(lang.L("Name of a colleague, then Enter"))
	v.newStaff.OnSubmitted = v.addStaff
	lists := container.NewGridWithColumns(2,
		container.NewVBox(widget.NewLabelWithStyle(lang.L("Labels"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), v.labels, v.newLabel),
		container.NewVBox(widget.NewLabelWithStyle(lang.L("Staff"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), v.staff, v.newStaff))
	v.content = widget.NewCard(lang.L("Voice and rules"), lang.L("How this client's replies sound, and what the Inbox checks before they go."),
		container.NewVBox(form, container.NewHBox(save, v.saved), widget.NewSeparator(), lists))
	return v
}

// show fills the section with what was read. UI goroutine.
func (v *voiceSection) show(d voiceData) {
	v.formality.SetSelectedIndex(indexOf(formalities, d.tone.Formality))
	v.signAs.SetSelectedIndex(max(indexOf(signAsKinds, d.tone.SignAs), 0))
	v.signature.SetText(d.tone.Signature)
	v.avoid.SetText(strings.Join(d.tone.Avoid, "\n"))
	v.guidance.SetText(d.tone.Guidance)
	v.target.SetText(strconv.Itoa(int(d.target / time.Minute)))
	v.warning.SetText(d.warning)
	v.saved.SetText("")
	v.showLists(d.labels, d.staff)
	v.preview()
}

func (v *voiceSection) showLists(labels []inbox.Label, staff []inbox.Staff) {
	v.labels.Objects = nil
	for _, l := range labels {
		id, name := l.ID, l.Name
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { v.confirmDeleteLabel(id, name) })
		chip := widget.NewLabel(l.Name)
		v.labels.Add(container.NewBorder(nil, nil, container.NewCenter(fields.NewSwatch(l.Color, 12)), del, chip))
	}
	v.labels.Refresh()
	v.staff.Objects = nil
	for _, st := range staff {
		id, name := st.ID, st.Name
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { v.confirmRemoveStaff(id, name) })
		v.staff.Add(container.NewBorder(nil, nil, nil, del, widget.NewLabel(st.Name)))
	}
	v.staff.Refresh()
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// tone is the form's tone as it stands, saved or not.
func (v *voiceSection) tone() inbox.Tone {
	t := inbox.Tone{Signature: v.signature.Text, Guidance: v.guidance.Text}
	if i := v.formality.SelectedIndex(); i >= 0 {
		t.Formality = formalities[i]
	}
	if i := v.signAs.SelectedIndex(); i >= 0 {
		t.SignAs = signAsKinds[i]
	}
	for _, line := range strings.Split(v.avoid.Text, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			t.Avoid = append(t.Avoid, line)
		}
	}
	return t
}

// preview runs the tone check over the trial text with the form's rules, saved or not.
func (v *voiceSection) preview() {
	if v.try == nil || v.findings == nil {
		return
	}
	if strings.TrimSpace(v.try.Text) == "" {
		v.findings.SetText(lang.L("Type a sentence above to see what would be pointed out."))
		return
	}
	t := v.tone()
	t.Agent = v.p.env.Agent // the signature reads as it will under this person's replies
	if v.p.env.Workspace != nil {
		t.Brand = v.p.env.Workspace.Info().Name
	}
	found := inbox.CheckTone(v.try.Text, t)
	if len(found) == 0 {
		v.findings.SetText(lang.L("Nothing to point out."))
		return
	}
	lines := make([]string, len(found))
	for i, f := range found {
		lines[i] = "• " + f.Message
	}
	v.findings.SetText(strings.Join(lines, "\n"))
}

// save stores tone, target and warning off the UI goroutine.
func (v *voiceSection) save() {
	env := v.p.env
	if env.Workspace == nil {
		return
	}
	if err := v.target.Validate(); err != nil {
		dialog.ShowError(fmt.Errorf("%s: %w", lang.L("Response target"), err), env.Window)
		return
	}
	t := v.tone()
	minutes, _ := strconv.Atoi(strings.TrimSpace(v.target.Text))
	warning := v.warning.Text
	w := env.Workspace
	env.Go(func(ctx context.Context) {
		s := inbox.NewStore(w, inboxcore.Options{Agent: env.Agent})
		err := s.SetTone(ctx, t)
		if err == nil {
			err = s.SetResponseTarget(ctx, time.Duration(minutes)*time.Minute)
		}
		if err == nil {
			err = w.SetSetting(ctx, inbox.SettingWarnTemplate, warning)
		}
		fyne.Do(func() {
			if err != nil {
				dialog.ShowError(err, env.Window)
				return
			}
			v.saved.SetText(lang.L("Saved"))
		})
	})
}

// change runs fn on this workspace's Inbox, then shows labels and staff again.
func (v *voiceSection) change(fn func(ctx context.Context, s *inbox.Store) error) {
	env := v.p.env
	if env.Workspace == nil {
		return
	}
	w := env.Workspace
	env.Go(func(ctx context.Context) {
		s := inbox.NewStore(w, inboxcore.Options{Agent: env.Agent})
		err := fn(ctx, s)
		var labels []inbox.Label
		var staff []inbox.Staff
		if err == nil {
			labels, err = s.Labels(ctx)
		}
		if err == nil {
			staff, err = s.StaffList(ctx)
		}
		fyne.Do(func() {
			if err != nil {
				dialog.ShowError(err, env.Window)
				return
			}
			v.showLists(labels, staff)
		})
	})
}

func (v *voiceSection) addLabel(name string) {
	if strings.TrimSpace(name) == "" {
		return
	}
	v.newLabel.SetText("")
	v.change(func(ctx context.Context, s *inbox.Store) error {
		labels, err := s.Labels(ctx)
		if err != nil {
			return err
		}
		_, err = s.SaveLabel(ctx, inbox.Label{Name: name, Color: inbox.LabelColors[len(labels)%len(inbox.LabelColors)]})
		return err
	})
}

func (v *voiceSection) confirmDeleteLabel(id int64, name string) {
	dialog.ShowConfirm(lang.L("Delete the label {{.Name}}?", map[string]any{"Name": name}),
		lang.L("It comes off every conversation that has it. The conversations stay."), func(ok bool) {
			if ok {
				v.change(func(ctx context.Context, s *inbox.Store) error { return s.DeleteLabel(ctx, id) })
			}
		}, v.p.env.Window)
}

func (v *voiceSection) addStaff(name string) {
	if strings.TrimSpace(name) == "" {
		return
	}
	v.newStaff.SetText("")
	v.change(func(ctx context.Context, s *inbox.Store) error { _, err := s.AddStaff(ctx, name); return err })
}

func (v *voiceSection) confirmRemoveStaff(id int64, name string) {
	dialog.ShowConfirm(lang.L("Take {{.Name}} off the staff?", map[string]any{"Name": name}),
		lang.L("Their notes and history keep their name. Someone who still has conversations must hand them over first."), func(ok bool) {
			if ok {
				v.change(func(ctx context.Context, s *inbox.Store) error { return s.RemoveStaff(ctx, id) })
			}
		}, v.p.env.Window)
}
