package handover

import (
	"fmt"
	"io"
	"strings"
)

// Heading is the note's title line and the sentence under it, shared by every format.
func (n Note) Heading() (title, period string) {
	loc := n.Location()
	title = "Shift note: " + n.Workspace
	period = fmt.Sprintf("From %s to %s (%s)", n.Since.In(loc).Format("Mon 2 Jan 15:04"), n.Until.In(loc).Format("Mon 2 Jan 15:04"), n.Zone)
	if n.Author != "" {
		period += ", handed over by " + n.Author
	}
	period += "."
	return title, period
}

// RedactionNotice says what a redacted note leaves out; "" for a full note.
func (n Note) RedactionNotice() string {
	if !n.Redacted {
		return ""
	}
	return "Redacted: customers' names are initials, addresses keep only their domain, and no message text is included."
}

// Glance is the at-a-glance list: one line per section with something to say.
func (n Note) Glance() []string {
	var out []string
	for _, s := range n.Sections {
		if s.Summary != "" {
			out = append(out, s.Summary)
		}
	}
	return out
}

// WriteMarkdown writes the note as Markdown (CommonMark): what the clipboard gets and
// what the Handover pane shows.
func (n Note) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	title, period := n.Heading()
	fmt.Fprintf(&b, "# %s\n\n%s\n", mdEscape(title), mdEscape(period))
	if r := n.RedactionNotice(); r != "" {
		fmt.Fprintf(&b, "\n*%s*\n", r)
	}
	if g := n.Glance(); len(g) > 0 {
		b.WriteString("\n## At a glance\n\n")
		for _, line := range g {
			fmt.Fprintf(&b, "- %s\n", mdEscape(line))
		}
	}
	for _, s := range n.Sections {
		fmt.Fprintf(&b, "\n## %s\n\n", mdEscape(s.Title))
		if len(s.Items) == 0 {
			fmt.Fprintf(&b, "%s\n", mdEscape(s.Empty))
			continue
		}
		group := ""
		for i, it := range s.Items {
			if it.Group != group {
				group = it.Group
				if i > 0 {
					b.WriteString("\n")
				}
				fmt.Fprintf(&b, "### %s\n\n", mdEscape(group))
			}
			text := mdEscape(it.Text)
			if it.Urgent {
				text = "**" + text + "**"
			}
			if it.Ref != "" {
				text += " `" + it.Ref + "`"
			}
			fmt.Fprintf(&b, "- %s\n", text)
			if it.Detail != "" {
				fmt.Fprintf(&b, "  > %s\n", mdEscape(it.Detail))
			}
		}
		if s.More > 0 {
			fmt.Fprintf(&b, "- … and %d more\n", s.More)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Markdown is the note as a Markdown string.
func (n Note) Markdown() string {
	var b strings.Builder
	n.WriteMarkdown(&b)
	return b.String()
}

var mdSpecial = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`,
	"#", `\#`, "|", `\|`)

// mdEscape keeps customers' text from turning into Markdown (or HTML) formatting.
func mdEscape(s string) string {
	s = strings.ReplaceAll(s, "\r", "")
	s = strings.ReplaceAll(s, "\n", " ")
	return mdSpecial.Replace(s)
}
