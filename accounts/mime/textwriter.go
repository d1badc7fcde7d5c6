package mime

import (
	"strings"
	"unicode"
)

// textWriter accumulates rendered text. Whitespace is written lazily so
// that runs of tags never produce runs of blank lines or spaces.
type textWriter struct {
	b         strings.Builder
	owedLines int  // line breaks owed before the next text
	owedSpace bool // a space owed before the next text
}

// invisible are characters marketing mail uses to pad previews.
var invisible = strings.NewReplacer("\u00a0", " ", "\u200b", "", "\u200c", "", "\u200d", "", "\ufeff", "", "\u00ad", "", "\u034f", "")

func (w *textWriter) text(s string, keepSpace bool) {
	s = invisible.Replace(s)
	if keepSpace {
		w.flush()
		w.b.WriteString(s)
		return
	}
	if s != "" && unicode.IsSpace(rune(s[0])) {
		w.owedSpace = true
	}
	fields := strings.Fields(s)
	for i, f := range fields {
		if i > 0 {
			w.owedSpace = true
		}
		w.flush()
		w.b.WriteString(f)
	}
	if len(fields) > 0 && unicode.IsSpace(rune(s[len(s)-1])) {
		w.owedSpace = true
	}
}

// flush writes the whitespace owed before new text.
func (w *textWriter) flush() {
	if w.b.Len() > 0 {
		if w.owedLines > 0 {
			w.b.WriteString(strings.Repeat("\n", w.owedLines))
		} else if w.owedSpace {
			w.b.WriteByte(' ')
		}
	}
	w.owedLines, w.owedSpace = 0, false
}

func (w *textWriter) space() {
	w.owedSpace = true
}

func (w *textWriter) newlines(n int) {
	w.owedLines = min(max(w.owedLines, n), 2)
}

func (w *textWriter) block(paragraph bool) {
	if paragraph {
		w.newlines(2)
	} else {
		w.newlines(1)
	}
}

// mark returns a position from which later text can be read back.
func (w *textWriter) mark() int {
	return w.b.Len()
}

// link appends the target of a link that started at mark, unless the text
// already shows it. Only web and mail links are shown; javascript: and
// friends are noise at best.
func (w *textWriter) link(mark int, href string) {
	href = strings.TrimSpace(href)
	lower := strings.ToLower(href)
	if !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") && !strings.HasPrefix(lower, "mailto:") {
		return
	}
	text := strings.TrimSpace(w.b.String()[mark:])
	if text == "" || sameTarget(text, href) {
		return
	}
	w.b.WriteString(" (" + href + ")")
}

func sameTarget(text, href string) bool {
	norm := func(s string) string {
		s = strings.ToLower(strings.TrimSpace(s))
		for _, p := range []string{"mailto:", "https://", "http://", "www."} {
			s = strings.TrimPrefix(s, p)
		}
		return strings.TrimRight(s, "/")
	}
	return norm(text) == norm(href)
}

func (w *textWriter) String() string {
	return w.b.String()
}
