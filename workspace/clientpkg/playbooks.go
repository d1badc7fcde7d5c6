package clientpkg

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/crisis"
)

func init() { Extras = append(Extras, playbooks) }

// playbooks writes each crisis playbook as Markdown for the recipient to read (the
// database carries them for Switchboard itself).
func playbooks(ctx context.Context, snap *workspace.Workspace, _ time.Time) ([]ExtraFile, error) {
	list, err := crisis.NewStore(snap, crisis.Options{}).Playbooks(ctx)
	if err != nil {
		return nil, fmt.Errorf("playbooks: %w", err)
	}
	var out []ExtraFile
	used := map[string]bool{}
	for _, p := range list {
		name := safeName(strings.ToLower(strings.ReplaceAll(p.Name, " ", "-")))
		for n := 2; used[name]; n++ {
			name = fmt.Sprintf("%s-%d", safeName(strings.ToLower(strings.ReplaceAll(p.Name, " ", "-"))), n)
		}
		used[name] = true
		out = append(out, ExtraFile{Path: "playbooks/" + name + ".md", Data: []byte(PlaybookMarkdown(p))})
	}
	return out, nil
}

// PlaybookMarkdown is a playbook as a person reads it: when to use it, the checklist,
// what may be said, and whom to call.
func PlaybookMarkdown(p crisis.Playbook) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\nSeverity: %s", p.Name, p.Severity)
	if !p.ReviewBy.IsZero() {
		fmt.Fprintf(&b, " · review by %s", p.ReviewBy.UTC().Format(time.DateOnly))
	}
	b.WriteString("\n")
	langs := func(m map[string]string) []string {
		var ks []string
		for k := range m {
			ks = append(ks, k)
		}
		slices.Sort(ks)
		return ks
	}
	if len(p.Descriptions) > 0 {
		b.WriteString("\n## When to use it\n\n")
		for _, l := range langs(p.Descriptions) {
			fmt.Fprintf(&b, "- (%s) %s\n", l, p.Descriptions[l])
		}
	}
	if len(p.Keywords) > 0 {
		b.WriteString("\n## Warning words\n\n")
		keys := make([]string, 0, len(p.Keywords))
		for k := range p.Keywords {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, l := range keys {
			fmt.Fprintf(&b, "- (%s) %s\n", l, strings.Join(p.Keywords[l], ", "))
		}
	}
	if len(p.Steps) > 0 {
		b.WriteString("\n## Checklist\n\n")
		for i, s := range p.Steps {
			fmt.Fprintf(&b, "%d. %s", i+1, s.Text)
			if s.Owner != "" {
				fmt.Fprintf(&b, " (%s)", s.Owner)
			}
			b.WriteString("\n")
		}
	}
	if len(p.Holding) > 0 {
		b.WriteString("\n## Holding statements\n")
		for _, h := range p.Holding {
			fmt.Fprintf(&b, "\n### %s\n\n%s\n", h.Lang, strings.TrimSpace(h.Text))
		}
	}
	if len(p.Answers) > 0 {
		b.WriteString("\n## Prepared answers\n")
		for _, a := range p.Answers {
			fmt.Fprintf(&b, "\n### %s", a.Question)
			if a.Lang != "" {
				fmt.Fprintf(&b, " (%s)", a.Lang)
			}
			fmt.Fprintf(&b, "\n\n%s\n", strings.TrimSpace(a.Answer))
		}
	}
	if len(p.Contacts) > 0 {
		b.WriteString("\n## Whom to call\n\n")
		for _, c := range p.Contacts {
			parts := []string{c.Name}
			for _, v := range []string{c.Role, c.Phone, c.Email} {
				if v != "" {
					parts = append(parts, v)
				}
			}
			fmt.Fprintf(&b, "- %s\n", strings.Join(parts, " · "))
		}
	}
	return b.String()
}
