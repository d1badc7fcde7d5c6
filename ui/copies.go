package ui

import (
	"errors"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"switchboard/workspace"
)

// copiesIn maps each backup copy's folder name to what it is a copy of. `cp -a zeta
// zeta-backup` in the data root makes one: a second folder with the same workspace id.
func copiesIn(problems []workspace.Problem) map[string]*workspace.DuplicateError {
	copies := map[string]*workspace.DuplicateError{}
	for _, p := range problems {
		var dup *workspace.DuplicateError
		if errors.As(p.Err, &dup) {
			copies[p.Dir] = dup
		}
	}
	return copies
}

// copyOf is what the folder of info is a copy of, or nil. UI goroutine.
func (s *Shell) copyOf(info workspace.Info) *workspace.DuplicateError {
	return s.copies[filepath.Base(info.Dir)]
}

// rowName is a workspace as the switcher and the menu list it: a backup copy says so
// and names its folder, since it has the same name as the workspace it copies. short
// leaves the folder out, for the switcher's narrow rows that show it beside the name.
func (s *Shell) rowName(info workspace.Info, short bool) string {
	switch {
	case s.copyOf(info) != nil && short:
		return lang.L("{{.Name}} (copy)", map[string]any{"Name": info.Name})
	case s.copyOf(info) != nil:
		return lang.L("{{.Name}} (copy in folder {{.Folder}})", map[string]any{"Name": info.Name, "Folder": filepath.Base(info.Dir)})
	case info.Archived:
		return lang.L("{{.Name}} (archived)", map[string]any{"Name": info.Name})
	}
	return info.Name
}

// choose opens the workspace picked in the switcher, the menu or Ctrl+K, by its folder;
// a backup copy is not opened but explained. UI goroutine.
func (s *Shell) choose(info workspace.Info) {
	if dup := s.copyOf(info); dup != nil {
		s.showCopy(info, dup)
		return
	}
	s.open(info.Dir)
}

// showCopy says what a backup copy is and offers to restore it as a workspace of its
// own. Opening it as it is would sync the original's accounts into it and send the
// replies queued when it was copied, which the original may have sent since.
func (s *Shell) showCopy(info workspace.Info, dup *workspace.DuplicateError) {
	folder := filepath.Base(info.Dir)
	vars := map[string]any{"Name": info.Name, "Folder": folder, "Original": dup.Original}
	text := lang.L("Folder {{.Folder}} is a copy of the workspace {{.Name}}, a backup perhaps: it has the same workspace id, so Switchboard does not open it as it is. To use it, restore it as a new workspace (it gets an id and a name of its own; the original is not touched), or delete the folder if you no longer need it.", vars)
	command := lang.L("On the command line: switchboard workspace restore-copy {{.Folder}}", vars)
	body := container.NewVBox(wrapped(text, fyne.TextStyle{Bold: true}), wrapped(command, fyne.TextStyle{Monospace: true}))
	d := dialog.NewCustomConfirm(lang.L("A backup copy of {{.Name}}", vars), lang.L("Restore as a new workspace"), lang.L("Close"), body,
		func(restore bool) {
			if restore {
				s.restoreCopy(info.Dir)
			}
		}, s.win)
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}

// restoreCopy makes the copy in dir a workspace of its own (Root.RestoreCopy), its
// accounts' passwords copied in the keyring, and lists it under its new name.
func (s *Shell) restoreCopy(dir string) {
	s.work.do(func() {
		copier, _ := s.opts.Secrets.(workspace.SecretCopier) // nil without a keyring: fine for a copy without accounts
		if _, err := s.root.RestoreCopy(s.ctx, dir, "", copier); err != nil {
			s.showError(lang.L("The copy was not restored"), err)
		}
		s.refresh()
	})
}

// shortFolder is the folder name of dir, cut to fit beside a name in the switcher.
func shortFolder(dir string) string {
	r := []rune(filepath.Base(dir))
	if len(r) > 18 {
		return string(r[:17]) + "…"
	}
	return string(r)
}
