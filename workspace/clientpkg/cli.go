package clientpkg

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"switchboard/workspace"
	"switchboard/workspace/cmdline"
)

var (
	exportUsage = []string{"export --workspace W -o FILE.zip"}
	importUsage = []string{"import FILE.zip [--name NEW]"}
)

// Commands are export and import. atts reads attachments out of raw messages (main.go
// passes accounts/mime.AttachmentAt); nil leaves them inside their .eml files.
func Commands(atts AttachmentReader) []cmdline.Command {
	return []cmdline.Command{
		{Name: "export", Summary: "the whole workspace as one client package (.zip) for another machine or agency; never any password",
			Pane: "handover", Actions: []string{"export package"}, Usage: exportUsage,
			RunIn: func(ctx context.Context, e *cmdline.Env, w *workspace.Workspace, args []string) error {
				return runExport(ctx, e, w, args, atts)
			}},
		{Name: "import", Summary: "a client package (.zip) as a new workspace; its mail accounts then ask for their passwords",
			Pane: "handover", Actions: []string{"import package"}, Usage: importUsage, Run: runImport},
	}
}

func runExport(ctx context.Context, e *cmdline.Env, w *workspace.Workspace, args []string, atts AttachmentReader) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	out := fs.String("o", "", "the package to write, FILE.zip")
	pos, err := cmdline.Parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return cmdline.UsageOf(exportUsage, "export takes no arguments, got %q", pos[0])
	}
	if *out == "" {
		return cmdline.UsageOf(exportUsage, "export needs -o FILE.zip")
	}
	m, err := ExportFile(ctx, w, *out, ExportOptions{Attachments: atts})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "exported %q to %s: %d conversations, %d messages, %d attachments, %d FAQ entries, %d files; no passwords\n",
		m.Source.Name, *out, m.Counts.Conversations, m.Counts.Messages, m.Counts.Attachments, m.Counts.FAQ, len(m.Files)+1)
	return nil
}

// ExportFile writes the package to path through a temporary file beside it, so a failed
// export never leaves a package that looks whole.
func ExportFile(ctx context.Context, w *workspace.Workspace, path string, opt ExportOptions) (Manifest, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return Manifest{}, fmt.Errorf("cannot write %s: %w", path, err)
	}
	if opt.TempDir == "" {
		opt.TempDir = filepath.Dir(path)
	}
	m, err := Export(ctx, w, tmp, opt)
	err = errors.Join(err, tmp.Sync(), tmp.Close())
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return Manifest{}, err
	}
	return m, nil
}

func runImport(ctx context.Context, e *cmdline.Env, args []string) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	name := fs.String("name", "", "the new workspace's name (default: the package's)")
	pos, err := cmdline.Parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return cmdline.UsageOf(importUsage, "import takes one FILE.zip")
	}
	info, err := Import(ctx, e.Root, pos[0], ImportOptions{Name: *name})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "imported %q (%s) into %s; enter its accounts' passwords in Settings before it syncs or sends\n",
		info.Name, info.ID, info.Dir)
	return nil
}
