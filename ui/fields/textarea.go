package fields

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// TextArea is a multi-line entry that a keyboard user can leave: Tab and Shift+Tab move
// the focus on (a reply or an FAQ answer has no use for a tab character), Escape calls
// OnEscape, and Ctrl+Enter calls OnSubmit (send, save).
type TextArea struct {
	widget.Entry
	OnEscape func()
	OnSubmit func()
	// OnShortcut gets other Ctrl shortcuts first (Ctrl+I: insert an FAQ answer); true
	// when it handled one.
	OnShortcut func(*desktop.CustomShortcut) bool
}

// NewTextArea returns an empty, word-wrapped TextArea.
func NewTextArea() *TextArea {
	t := &TextArea{}
	t.MultiLine = true
	t.Wrapping = fyne.TextWrapWord
	t.ExtendBaseWidget(t)
	return t
}

// AcceptsTab is false, so Tab moves the focus instead of typing a tab.
func (t *TextArea) AcceptsTab() bool { return false }

// TypedKey handles Escape; every other key edits as in any entry.
func (t *TextArea) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && t.OnEscape != nil {
		t.OnEscape()
		return
	}
	t.Entry.TypedKey(k)
}

// TypedShortcut handles Ctrl+Enter; other shortcuts (copy, paste, undo…) as in any entry.
func (t *TextArea) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && IsSubmit(cs) {
		if t.OnSubmit != nil {
			t.OnSubmit()
		}
		return
	}
	if cs, ok := s.(*desktop.CustomShortcut); ok && t.OnShortcut != nil && t.OnShortcut(cs) {
		return
	}
	t.Entry.TypedShortcut(s)
}

// IsSubmit tells whether a shortcut is Ctrl+Enter (Cmd+Enter on macOS).
func IsSubmit(cs *desktop.CustomShortcut) bool {
	return (cs.KeyName == fyne.KeyReturn || cs.KeyName == fyne.KeyEnter) &&
		(cs.Modifier == fyne.KeyModifierControl || cs.Modifier == fyne.KeyModifierSuper)
}
