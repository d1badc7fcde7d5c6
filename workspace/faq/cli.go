package faq

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"switchboard/workspace"
	"switchboard/workspace/cmdline"
)

const cliUsage = `usage:
  switchboard faq list --workspace W [--json]
  switchboard faq add --workspace W --question Q --answer A [--tags a,b] [--lang xx]
  switchboard faq export --workspace W --format csv|md [-o FILE]
  switchboard faq import --workspace W --format csv FILE [--yes]`

// RunCLI runs `switchboard faq ...` on w; args are the words after "faq" (main.go has
// taken --workspace already).
func RunCLI(ctx context.Context, w *workspace.Workspace, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return cmdline.Usagef("%s", cliUsage)
	}
	s := NewStore(w)
	fs := flag.NewFlagSet("faq "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	switch args[0] {
	case "list":
		asJSON := fs.Bool("json", false, "print JSON")
		if _, err := parseArgs(fs, args[1:], 0); err != nil {
			return err
		}
		return cliList(ctx, s, *asJSON, stdout)
	case "add":
		var d Draft
		var tags string
		fs.StringVar(&d.Question, "question", "", "the question")
		fs.StringVar(&d.Answer, "answer", "", "the answer (a template, Markdown allowed)")
		fs.StringVar(&tags, "tags", "", "comma-separated tags")
		fs.StringVar(&d.Lang, "lang", "", "language code, e.g. en, sv")
		if _, err := parseArgs(fs, args[1:], 0); err != nil {
			return err
		}
		d.Tags = []string{tags}
		return cliAdd(ctx, s, d, stdout, stderr)
	case "export":
		format := fs.String("format", "", "csv or md")
		out := fs.String("o", "", "write to FILE instead of standard output")
		if _, err := parseArgs(fs, args[1:], 0); err != nil {
			return err
		}
		return cliExport(ctx, s, w.Info().Name, *format, *out, stdout)
	case "import":
		format := fs.String("format", "", "csv")
		yes := fs.Bool("yes", false, "apply the import after printing the preview")
		files, err := parseArgs(fs, args[1:], 1)
		if err != nil {
			return err
		}
		if *format != "csv" {
			return cmdline.Usagef("faq import: --format csv is required (the only format that can be imported)\n%s", cliUsage)
		}
		return cliImport(ctx, s, files[0], *yes, stdin, stdout)
	}
	return cmdline.Usagef("unknown faq command %q\n%s", args[0], cliUsage)
}

// parseArgs parses flags anywhere among the arguments and insists on exactly
// positional plain arguments.
func parseArgs(fs *flag.FlagSet, args []string, positional int) ([]string, error) {
	rest, err := cmdline.Parse(fs, args)
	if err == nil && len(rest) != positional {
		err = cmdline.Usagef("%s: expected %d argument(s) besides flags, got %q\n%s", fs.Name(), positional, rest, cliUsage)
	}
	return rest, err
}

func cliList(ctx context.Context, s *Store, asJSON bool, stdout io.Writer) error {
	entries, err := s.List(ctx, Filter{})
	if err != nil {
		return err
	}
	if asJSON {
		if entries == nil {
			entries = []Entry{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(entries)
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tLANG\tUSES\tREVIEWED\tTAGS\tQUESTION")
	for _, e := range entries {
		reviewed := e.LastReviewedAt.Format("2006-01-02")
		if e.NeedsReview {
			reviewed += " (due)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\n", e.ID, e.Lang, e.Uses, reviewed, strings.Join(e.Tags, ","), e.Question)
	}
	return tw.Flush()
}

func cliAdd(ctx context.Context, s *Store, d Draft, stdout, stderr io.Writer) error {
	saved, err := s.Save(ctx, "", d)
	var ve *ValidationError
	if errors.As(err, &ve) {
		for _, p := range ve.Problems {
			fmt.Fprintf(stderr, "--%s: %s\n", p.Field, p.Message)
		}
		return errors.New("faq add: the entry was not saved")
	}
	if err != nil {
		return err
	}
	for _, m := range saved.Similar {
		fmt.Fprintf(stderr, "note: similar to %s %q (%.0f%%)\n", m.ID, m.Question, 100*m.Score)
	}
	_, err = fmt.Fprintln(stdout, saved.Entry.ID)
	return err
}

func cliExport(ctx context.Context, s *Store, name, format, out string, stdout io.Writer) error {
	write := map[string]func(io.Writer) error{
		"csv": func(w io.Writer) error { return s.ExportCSV(ctx, w) },
		"md":  func(w io.Writer) error { return s.ExportMarkdown(ctx, w, name+" FAQ") },
	}[format]
	if write == nil {
		return cmdline.Usagef("faq export: --format must be csv or md, not %q\n%s", format, cliUsage)
	}
	if out == "" || out == "-" {
		return write(stdout)
	}
	return writeFileAtomic(out, write)
}

// writeFileAtomic writes through a temporary file and renames it, so an error never
// leaves a half-written export in place of a good one.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	err = errors.Join(write(tmp), tmp.Close())
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

func cliImport(ctx context.Context, s *Store, file string, yes bool, stdin io.Reader, stdout io.Writer) error {
	in := stdin
	if file != "-" {
		f, err := os.Open(file)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	p, err := s.PreviewCSV(ctx, in)
	if err != nil {
		return err
	}
	printPreview(stdout, p)
	switch {
	case p.Problem != "":
		return errors.New("faq import: nothing imported")
	case !yes:
		_, err := fmt.Fprintln(stdout, "Nothing written. Run again with --yes to apply.")
		return err
	}
	if err := s.Apply(ctx, p); err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "Imported: %d added, %d updated.\n", p.Count(Add), p.Count(Update))
	return err
}

// printPreview writes an import preview as text, one line per row and a summary.
func printPreview(w io.Writer, p *ImportPreview) {
	if p.Problem != "" {
		fmt.Fprintf(w, "File: %s\n", p.Problem)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, r := range p.Rows {
		note := ""
		if r.Reason != "" {
			note = " — " + r.Reason
		}
		fmt.Fprintf(tw, "row %d\t%s\t%s%s\n", r.Row, r.Action, r.Question, note)
	}
	tw.Flush()
	fmt.Fprintf(w, "%d to add, %d to update, %d unchanged, %d rejected.\n", p.Count(Add), p.Count(Update), p.Count(Unchanged), p.Count(Reject))
}

// Commands are the FAQ pane's commands.
func Commands() []cmdline.Command {
	return []cmdline.Command{{
		Name: "faq", Summary: "the FAQ: list, add, export and import entries", Pane: "faq",
		Actions: []string{"list", "add", "export", "import"},
		Usage: []string{
			"faq list --workspace W [--json]",
			"faq add --workspace W --question Q --answer A [--tags a,b] [--lang xx]",
			"faq export --workspace W --format csv|md [-o FILE]",
			"faq import --workspace W --format csv FILE [--yes]",
		},
		RunIn: cmdline.In(RunCLI),
	}}
}
