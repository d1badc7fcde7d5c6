// Package crosscopy copies an agency's reusable templates from one workspace into another,
// by hand only and with a preview: chosen FAQ entries, crisis playbooks and the brand's
// voice rules. Nothing else ever crosses: no conversation, contact,
// note, account or setting outside these.
//
// FAQ entries go through the FAQ's own CSV import, so the rules are the same as for a file:
// an entry keeps its id, and an entry already copied, or a question the target already
// answers, is updated; the preview says which before anything is written.
package crosscopy

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/crisis"
	"switchboard/workspace/faq"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/journal"
)

// Kind is what is copied.
type Kind string

const (
	FAQ   Kind = "faq"
	Voice Kind = "voice"
)

// Plan is what a copy would do; nothing is written until Apply.
type Plan struct {
	Kind  Kind
	From  workspace.Info
	To    workspace.Info
	Lines []Line
	faq   *faq.ImportPreview
	tone  *inbox.Tone
	ids   []string
	// playbooks are the source's, with the target's id where one is replaced.
	playbooks []crisis.Playbook
}

// Line is one row of the preview.
type Line struct {
	Action string `json:"action"` // "add", "update", "unchanged", "reject", "replace", "keep"
	What   string `json:"what"`   // the question, or the voice field
	Detail string `json:"detail,omitempty"`
}

// Changes is how many lines would change the target.
func (p *Plan) Changes() int {
	n := 0
	for _, l := range p.Lines {
		if l.Action == "add" || l.Action == "update" || l.Action == "replace" {
			n++
		}
	}
	return n
}

// PlanFAQ previews copying the FAQ entries ids (full ids or unique prefixes of at least
// eight characters) from one workspace into another.
func PlanFAQ(ctx context.Context, from, to *workspace.Workspace, ids []string) (*Plan, error) {
	if from.ID() == to.ID() {
		return nil, fmt.Errorf("copying from %q into itself: choose two different workspaces", from.Info().Name)
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("name the FAQ entries to copy (ids from `switchboard faq list --json --workspace %q`)", from.Info().Name)
	}
	var all bytes.Buffer
	if err := faq.NewStore(from).ExportCSV(ctx, &all); err != nil {
		return nil, err
	}
	chosen, resolved, err := pickRows(all.Bytes(), ids, from.Info().Name)
	if err != nil {
		return nil, err
	}
	prev, err := faq.NewStore(to).PreviewCSV(ctx, bytes.NewReader(chosen))
	if err != nil {
		return nil, err
	}
	p := &Plan{Kind: FAQ, From: from.Info(), To: to.Info(), faq: prev, ids: resolved}
	if prev.Problem != "" {
		return nil, fmt.Errorf("copying FAQ entries: %s", prev.Problem)
	}
	for _, r := range prev.Rows {
		p.Lines = append(p.Lines, Line{Action: string(r.Action), What: r.Question, Detail: r.Reason})
	}
	return p, nil
}

// pickRows keeps the header and the rows of the chosen entries from an exported CSV.
func pickRows(data []byte, ids []string, from string) ([]byte, []string, error) {
	const bom = "\uFEFF"
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte(bom))))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil || len(recs) == 0 {
		return nil, nil, fmt.Errorf("reading the FAQ of %q: %v", from, err)
	}
	idCol := slices.Index(recs[0], "id")
	if idCol < 0 {
		return nil, nil, fmt.Errorf("the FAQ export of %q has no id column", from)
	}
	var out bytes.Buffer
	out.WriteString(bom)
	w := csv.NewWriter(&out)
	w.UseCRLF = true
	w.Write(recs[0])
	var resolved []string
	for _, want := range ids {
		want = strings.TrimSpace(want)
		var match []string
		for _, rec := range recs[1:] {
			if rec[idCol] == want || (len(want) >= 8 && strings.HasPrefix(rec[idCol], want)) {
				match = rec
				if rec[idCol] == want {
					break
				}
			}
		}
		switch {
		case match == nil:
			return nil, nil, fmt.Errorf("no FAQ entry %q in %q (ids from `switchboard faq list --json`)", want, from)
		case slices.Contains(resolved, match[idCol]):
			continue
		}
		resolved = append(resolved, match[idCol])
		w.Write(match)
	}
	w.Flush()
	return out.Bytes(), resolved, w.Error()
}

// voiceFields are the voice rules in the order the preview lists them.
var voiceFields = []struct {
	name string
	get  func(inbox.Tone) string
}{
	{"guidance", func(t inbox.Tone) string { return t.Guidance }},
	{"form of address", func(t inbox.Tone) string { return t.Formality }},
	{"sign as", func(t inbox.Tone) string { return t.SignAs }},
	{"signature", func(t inbox.Tone) string { return t.Signature }},
	{"phrases to avoid", func(t inbox.Tone) string { return strings.Join(t.Avoid, "; ") }},
}

// PlanVoice previews replacing the target's voice rules with the source's. The signature
// is a template ({{brand}}, {{agent}}), so it signs with the target's brand.
func PlanVoice(ctx context.Context, from, to *workspace.Workspace) (*Plan, error) {
	if from.ID() == to.ID() {
		return nil, fmt.Errorf("copying from %q into itself: choose two different workspaces", from.Info().Name)
	}
	src, err := inbox.NewStore(from, inboxcore.Options{}).Tone(ctx)
	if err != nil {
		return nil, err
	}
	dst, err := inbox.NewStore(to, inboxcore.Options{}).Tone(ctx)
	if err != nil {
		return nil, err
	}
	p := &Plan{Kind: Voice, From: from.Info(), To: to.Info(), tone: &src}
	for _, f := range voiceFields {
		a, b := f.get(src), f.get(dst)
		l := Line{Action: "keep", What: f.name, Detail: oneLine(b)}
		if a != b {
			l = Line{Action: "replace", What: f.name, Detail: fmt.Sprintf("%s → %s", orNone(oneLine(b)), orNone(oneLine(a)))}
		}
		p.Lines = append(p.Lines, l)
	}
	return p, nil
}

// Apply makes the copy into to, which must be the workspace the plan was made for, and
// records it in to's journal (who copied what from where).
func Apply(ctx context.Context, p *Plan, to *workspace.Workspace, who string, now time.Time) error {
	if to.ID() != p.To.ID {
		return fmt.Errorf("this copy was previewed for %q, not %q: preview it again", p.To.Name, to.Info().Name)
	}
	switch p.Kind {
	case FAQ:
		if err := faq.NewStore(to).Apply(ctx, p.faq); err != nil {
			return err
		}
	case Voice:
		if err := inbox.NewStore(to, inboxcore.Options{}).SetTone(ctx, *p.tone); err != nil {
			return err
		}
	case Playbook:
		if err := applyPlaybooks(ctx, p, to, who, now); err != nil {
			return err
		}
	}
	return to.DB().Write(ctx, func(tx *sql.Tx) error {
		_, err := journal.Write(ctx, tx, now, actor(ctx, tx, who), to.ID(), "workspace.copied_in", map[string]any{
			"kind": p.Kind, "from": p.From.ID, "from_name": p.From.Name, "ids": p.ids, "changes": p.Changes()})
		return err
	})
}

// WritePreview prints the plan for a person to read.
func (p *Plan) WritePreview(w io.Writer) {
	fmt.Fprintf(w, "copy %s from %q into %q:\n", p.Kind, p.From.Name, p.To.Name)
	for _, l := range p.Lines {
		fmt.Fprintf(w, "  %-9s  %s", l.Action, l.What)
		if l.Detail != "" {
			fmt.Fprintf(w, "  (%s)", l.Detail)
		}
		fmt.Fprintln(w)
	}
}

func actor(ctx context.Context, tx *sql.Tx, name string) string {
	var gid string
	if err := tx.QueryRowContext(ctx, "SELECT gid FROM staff WHERE name = ? COLLATE NOCASE AND gid <> ''", name).Scan(&gid); err == nil {
		return gid
	}
	if name == "" {
		return journal.System
	}
	return name
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		s = string(r[:59]) + "…"
	}
	return s
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}
