package handover

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/cmdline"
)

var usage = []string{
	"handover --workspace W [--since 8h|TIME] [--format md|html|pdf] [--redact] [-o FILE]",
	"handover --workspace W [--since 8h|TIME] [--redact] --json",
	"handover note --workspace W TEXT",
	"handover notes --workspace W [--since 8h|TIME] [--json]",
	"handover forget --workspace W NOTE-ID",
}

// Commands is handover.
func Commands() []cmdline.Command {
	return []cmdline.Command{{
		Name: "handover", Summary: "the shift note for whoever takes over (Markdown, HTML or PDF), and your notes for it", Pane: "handover",
		Actions: []string{"shift note", "copy note", "export note", "add note", "delete note"},
		Usage:   usage,
		RunIn:   run,
	}}
}

// Format is an output format of the note.
type Format string

const (
	Markdown Format = "md"
	HTML     Format = "html"
	PDF      Format = "pdf"
)

// ParseFormat reads md, markdown, html or pdf.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimPrefix(s, ".")) {
	case "md", "markdown":
		return Markdown, nil
	case "html", "htm":
		return HTML, nil
	case "pdf":
		return PDF, nil
	}
	return "", fmt.Errorf("format %q: use md, html or pdf", s)
}

// Write renders the note in format f.
func (n Note) Write(w io.Writer, f Format) error {
	switch f {
	case HTML:
		return n.WriteHTML(w)
	case PDF:
		return n.WritePDF(w)
	}
	return n.WriteMarkdown(w)
}

func run(ctx context.Context, e *cmdline.Env, w *workspace.Workspace, args []string) error {
	fs := flag.NewFlagSet("handover", flag.ContinueOnError)
	since := fs.String("since", "", "start of the shift: 8h, -2d, 2026-12-01 09:00 (workspace zone) or RFC 3339; default: the start of your shift on the schedule, else your first change of this shift")
	format := fs.String("format", "", "md, html or pdf (default: from -o's extension, else md)")
	redact := fs.Bool("redact", false, "initials for names, only the domain of addresses, no message text")
	out := fs.String("o", "", "write to FILE instead of standard output")
	asJSON := fs.Bool("json", false, "print the note (or the notes) as JSON, for scripts")
	pos, err := cmdline.Parse(fs, args)
	if err != nil {
		return err
	}
	cfg, err := e.Root.Config()
	if err != nil {
		return err
	}
	me := cfg.AgentName
	now := time.Now()
	loc := w.Info().Location()
	start := func() (time.Time, error) {
		if *since == "" {
			return StartOfShift(ctx, w, me, now)
		}
		t, err := cmdline.ParseSince(*since, now, loc)
		if err != nil {
			return t, cmdline.UsageOf(usage, "--since: %v", err)
		}
		return t, nil
	}
	if len(pos) > 0 {
		switch pos[0] {
		case "note":
			text := strings.Join(pos[1:], " ")
			if strings.TrimSpace(text) == "" {
				return cmdline.UsageOf(usage, "handover note needs the TEXT of the note")
			}
			n, err := AddNote(ctx, w, me, text, now)
			if err == nil {
				fmt.Fprintf(e.Stdout, "noted (%s); it is in every shift note that covers %s\n", n.ID, n.CreatedAt.In(loc).Format("Mon 2 Jan 15:04"))
			}
			return err
		case "notes":
			if len(pos) > 1 {
				return cmdline.UsageOf(usage, "handover notes takes no arguments, got %q", pos[1])
			}
			t, err := start()
			if err != nil {
				return err
			}
			notes, err := Notes(ctx, w.DB().Read(), t, now.Add(time.Millisecond))
			if err != nil {
				return err
			}
			if *asJSON {
				if notes == nil {
					notes = []FreeNote{}
				}
				enc := json.NewEncoder(e.Stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(notes)
			}
			for _, n := range notes {
				fmt.Fprintf(e.Stdout, "%s  %s  %s: %s\n", n.ID, n.CreatedAt.In(loc).Format("2006-01-02 15:04"), n.Author, n.Body)
			}
			return nil
		case "forget":
			if len(pos) != 2 {
				return cmdline.UsageOf(usage, "handover forget takes one NOTE-ID (see `switchboard handover notes`)")
			}
			return DeleteNote(ctx, w, pos[1], me, now)
		}
		return cmdline.UsageOf(usage, "handover takes no arguments except note, notes or forget; got %q", pos[0])
	}
	f := Markdown
	switch {
	case *format != "":
		if f, err = ParseFormat(*format); err != nil {
			return cmdline.UsageOf(usage, "--format: %v", err)
		}
	case *out != "":
		if g, err := ParseFormat(filepath.Ext(*out)); err == nil {
			f = g
		}
	}
	if f == PDF && *out == "" {
		return cmdline.UsageOf(usage, "a PDF goes to a file: add -o FILE.pdf")
	}
	t, err := start()
	if err != nil {
		return err
	}
	note, err := Build(ctx, w, Options{Since: t, Now: now, Author: me, Redact: *redact})
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(note)
	}
	if *out == "" {
		return note.Write(e.Stdout, f)
	}
	var buf bytes.Buffer
	if err := note.Write(&buf, f); err != nil {
		return err
	}
	if err := writeFileAtomic(*out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(e.Stderr, "wrote the shift note of %q to %s\n", w.Info().Name, *out)
	return nil
}

// writeFileAtomic writes through a temporary file beside path, so a failed export never
// leaves half a note where an old one was.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}
