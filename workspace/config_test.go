package workspace_test

import (
	"context"
	"path/filepath"
	"testing"

	"switchboard/workspace"
)

// The window reopens the workspace it showed last. Once a backup copy sits in the data
// root (same id), the id alone names two folders: the remembered folder decides, and an
// older config that has only the id gets the original, never an ambiguity error.
func TestLastOpenedSurvivesABackupCopy(t *testing.T) {
	ctx := context.Background()
	root := newRoot(t)
	create(t, root, "Acme")
	zeta := create(t, root, "Zeta")
	var cfg workspace.Config
	cfg.Remember(zeta)
	if err := root.SaveConfig(cfg); err != nil {
		t.Fatal(err)
	}
	copyFolder(t, zeta.Dir, filepath.Join(root.Dir(), "zeta-backup"))

	saved, err := root.Config()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		what string
		cfg  workspace.Config
		want string
	}{
		{"config with the folder", saved, "zeta"},
		{"older config with only the id", workspace.Config{LastOpen: zeta.ID}, "zeta"},
		{"the copy was the one open", workspace.Config{LastOpen: zeta.ID, LastOpenDir: "zeta-backup"}, "zeta-backup"},
		{"the remembered folder is gone", workspace.Config{LastOpen: zeta.ID, LastOpenDir: "zeta-2025"}, "zeta"},
	} {
		info, err := root.LastOpened(ctx, c.cfg)
		if err != nil {
			t.Errorf("%s: %v", c.what, err)
			continue
		}
		if got := filepath.Base(info.Dir); got != c.want {
			t.Errorf("%s: reopens folder %s, want %s", c.what, got, c.want)
		}
	}
}
