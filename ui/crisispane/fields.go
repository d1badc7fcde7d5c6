package crisispane

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"switchboard/ui/fields"
	"switchboard/workspace/template"
)

// editField is an entry of the playbook editor. Tab always moves to the next field, even
// from a multi-line one (a playbook has no use for a tab character, and a keyboard user
// must be able to leave the field); Ctrl+S saves and Escape cancels from any field,
// because a focused entry gets the keys before the window does.
type editField struct {
	widget.Entry
	onSave, onCancel func()
	onFocus          func(*editField)
}

func newEditField(multiLine bool, onSave, onCancel func()) *editField {
	f := &editField{onSave: onSave, onCancel: onCancel}
	f.MultiLine = multiLine
	if multiLine {
		f.Wrapping = fyne.TextWrapWord
	}
	f.ExtendBaseWidget(f)
	return f
}

// FocusGained also tells the editor, which scrolls the field into view: Tab must not
// move the cursor into a field below the fold.
func (f *editField) FocusGained() {
	f.Entry.FocusGained()
	if f.onFocus != nil {
		f.onFocus(f)
	}
}

// AcceptsTab is false, so Tab moves the focus instead of typing a tab.
func (f *editField) AcceptsTab() bool { return false }

// TypedKey handles Escape; every other key edits as in any entry.
func (f *editField) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && f.onCancel != nil {
		f.onCancel()
		return
	}
	f.Entry.TypedKey(k)
}

// TypedShortcut handles Ctrl+S (Cmd+S on macOS); copy, paste, undo… as in any entry.
func (f *editField) TypedShortcut(s fyne.Shortcut) {
	if isSave(s) && f.onSave != nil {
		f.onSave()
		return
	}
	f.Entry.TypedShortcut(s)
}

func isSave(s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	return ok && cs.KeyName == fyne.KeyS && (cs.Modifier == fyne.KeyModifierControl || cs.Modifier == fyne.KeyModifierSuper)
}

// problemLabel is the red text under a field, hidden while the field is fine.
func problemLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

// templateProblems are the translated problems of a template's variables; nil when fine.
func templateProblems(src string) []string {
	return fields.TemplateProblems(template.Check(src))
}

// rowLayout shares a row's width among its objects by weight: a step's text is longer
// than its owner role, an email address longer than a phone number.
type rowLayout struct{ weights []float32 }

func weighted(weights ...float32) rowLayout { return rowLayout{weights: weights} }

func (r rowLayout) weight(i int) float32 {
	if i < len(r.weights) {
		return r.weights[i]
	}
	return 1
}

func (r rowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	const pad = 4
	var total float32
	for i := range objs {
		total += r.weight(i)
	}
	free := size.Width - pad*float32(max(len(objs)-1, 0))
	x := float32(0)
	for i, o := range objs {
		w := free * r.weight(i) / total
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + pad
	}
}

func (r rowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		m := o.MinSize()
		s.Width += m.Width + 4
		s.Height = max(s.Height, m.Height)
	}
	return s
}

// editSelect is a drop-down of the editor that also saves on Ctrl+S and cancels on
// Escape, so the keys work wherever the focus is in the form.
type editSelect struct {
	widget.Select
	onSave, onCancel func()
}

func (e *editor) newSelect(options []string) *editSelect {
	s := &editSelect{onSave: e.save, onCancel: e.cancel}
	s.Options = options
	s.PlaceHolder = lang.L("(choose)")
	s.ExtendBaseWidget(s)
	return s
}

func (s *editSelect) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && s.onCancel != nil {
		s.onCancel()
		return
	}
	s.Select.TypedKey(k)
}

// TypedShortcut makes the drop-down take shortcuts, so Ctrl+S reaches it.
func (s *editSelect) TypedShortcut(sc fyne.Shortcut) {
	if isSave(sc) && s.onSave != nil {
		s.onSave()
	}
}

// editSelectEntry is the box where a language code is typed or picked, with the
// editor's keys.
type editSelectEntry struct {
	widget.SelectEntry
	onSave, onCancel func()
}

func (e *editor) newSelectEntry() *editSelectEntry {
	s := &editSelectEntry{onSave: e.save, onCancel: e.cancel}
	s.ExtendBaseWidget(s)
	s.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	return s
}

func (s *editSelectEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && s.onCancel != nil {
		s.onCancel()
		return
	}
	s.SelectEntry.TypedKey(k)
}

func (s *editSelectEntry) TypedShortcut(sc fyne.Shortcut) {
	if isSave(sc) && s.onSave != nil {
		s.onSave()
		return
	}
	s.SelectEntry.TypedShortcut(sc)
}
