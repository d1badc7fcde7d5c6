package handoverpane

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace/handover"
)

// segments lays the note out as rich text straight from its sections (not through
// Markdown: customers' text must show as written, and Fyne's Markdown has no nested
// quotes in lists).
func segments(n handover.Note) []widget.RichTextSegment {
	var out []widget.RichTextSegment
	block := func(text string, style widget.RichTextStyle) {
		out = append(out, &widget.TextSegment{Text: text, Style: style})
	}
	inline := func(text string, style widget.RichTextStyle) {
		style.Inline = true
		out = append(out, &widget.TextSegment{Text: text, Style: style})
	}
	muted := widget.RichTextStyle{ColorName: theme.ColorNamePlaceHolder, SizeName: theme.SizeNameText}
	title, period := n.Heading()
	block(title, widget.RichTextStyleHeading)
	block(period, muted)
	if r := n.RedactionNotice(); r != "" {
		block(r, widget.RichTextStyle{ColorName: theme.ColorNameWarning, TextStyle: fyne.TextStyle{Bold: true}})
	}
	if g := n.Glance(); len(g) > 0 {
		block("At a glance", widget.RichTextStyleSubHeading)
		for _, line := range g {
			block("•  "+line, widget.RichTextStyleParagraph)
		}
	}
	for _, s := range n.Sections {
		block(s.Title, widget.RichTextStyleSubHeading)
		if len(s.Items) == 0 {
			block(s.Empty, muted)
			continue
		}
		for _, g := range s.Groups() {
			if g.Name != "" {
				block(g.Name, widget.RichTextStyle{TextStyle: fyne.TextStyle{Bold: true}}) // Strong is inline
			}
			for _, it := range g.Items {
				style := widget.RichTextStyleParagraph
				if it.Urgent {
					style = widget.RichTextStyle{ColorName: theme.ColorNameError, TextStyle: fyne.TextStyle{Bold: true}}
				}
				inline("•  "+it.Text, style)
				ref := widget.RichTextStyle{ColorName: theme.ColorNamePlaceHolder, TextStyle: fyne.TextStyle{Monospace: true}}
				block("  "+it.Ref, ref)
				if it.Detail != "" {
					block("      "+it.Detail, widget.RichTextStyle{ColorName: theme.ColorNamePlaceHolder, TextStyle: fyne.TextStyle{Italic: true}})
				}
			}
		}
		if s.More > 0 {
			block(fmt.Sprintf("… and %d more", s.More), muted)
		}
	}
	return out
}
