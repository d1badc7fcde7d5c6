package clientpkg

import (
	"context"
	"fmt"
	"strings"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
)

// voiceRules is the brand's voice as Markdown, for the recipient to read.
func voiceRules(ctx context.Context, snap *workspace.Workspace, _ time.Time) ([]ExtraFile, error) {
	t, err := inbox.NewStore(snap, inboxcore.Options{}).Tone(ctx)
	if err != nil {
		return nil, fmt.Errorf("voice rules: %w", err)
	}
	return []ExtraFile{{Path: "voice.md", Data: []byte(VoiceMarkdown(snap.Info().Name, t))}}, nil
}

// VoiceMarkdown writes a brand's voice rules as Markdown.
func VoiceMarkdown(brand string, t inbox.Tone) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Voice of %s\n\n", brand)
	field := func(title, v string) {
		if strings.TrimSpace(v) == "" {
			v = "(not set)"
		}
		fmt.Fprintf(&b, "## %s\n\n%s\n\n", title, strings.TrimSpace(v))
	}
	field("Guidance", t.Guidance)
	field("Form of address", t.Formality)
	field("Sign as", t.SignAs)
	if t.Signature != "" {
		fmt.Fprintf(&b, "## Signature\n\n```\n%s\n```\n\n", strings.TrimSpace(t.Signature))
	} else {
		field("Signature", "")
	}
	b.WriteString("## Phrases to avoid\n\n")
	if len(t.Avoid) == 0 {
		b.WriteString("(none)\n")
	}
	for _, a := range t.Avoid {
		fmt.Fprintf(&b, "- %s\n", a)
	}
	return b.String()
}
