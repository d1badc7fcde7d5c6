package template

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	headingRe = regexp.MustCompile(`^ {0,3}#{1,6}(?:\s+(.*?))?(?:\s+#+)?\s*$`)
	bulletRe  = regexp.MustCompile(`^(\s*)[-*+]\s+(.*)$`)
	numberRe  = regexp.MustCompile(`^(\s*\d{1,9}[.)])\s+(.*)$`)
	quoteRe   = regexp.MustCompile(`^\s{0,3}>\s?(.*)$`)
	setextRe  = regexp.MustCompile(`^ {0,3}=+\s*$`)
	fenceRe   = regexp.MustCompile("^ {0,3}(```+|~~~+)")
)

// Plain turns a Markdown answer into the plain text a customer will read: emphasis and
// code markers go, headings lose their #, links become "text (url)", lists and quotes stay
// as the text they already are. Line breaks are kept as written, since an answer's author
// breaks lines on purpose. {{variables}} pass through untouched.
func Plain(md string) string {
	lines := strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n")
	out := make([]string, 0, len(lines))
	fence := ""
	for _, line := range lines {
		if fence != "" {
			if strings.HasPrefix(strings.TrimSpace(line), fence) {
				fence = ""
			} else {
				out = append(out, line)
			}
			continue
		}
		if m := fenceRe.FindStringSubmatch(line); m != nil {
			fence = m[1]
			continue
		}
		out = append(out, plainLine(line))
	}
	return strings.Join(out, "\n")
}

func plainLine(line string) string {
	line = strings.TrimRightFunc(line, unicode.IsSpace)
	line = strings.TrimSuffix(line, "\\") // a Markdown hard break; the line ends here anyway
	switch {
	case setextRe.MatchString(line):
		return ""
	case headingRe.MatchString(line):
		return inline(headingRe.FindStringSubmatch(line)[1])
	case bulletRe.MatchString(line):
		m := bulletRe.FindStringSubmatch(line)
		return m[1] + "- " + inline(m[2])
	case numberRe.MatchString(line):
		m := numberRe.FindStringSubmatch(line)
		return m[1] + " " + inline(m[2])
	case quoteRe.MatchString(line):
		return "> " + inline(quoteRe.FindStringSubmatch(line)[1])
	}
	return inline(line)
}

// inline strips inline Markdown from one line.
func inline(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case strings.HasPrefix(s[i:], "{{"):
			end := strings.Index(s[i:], "}}")
			if end < 0 {
				b.WriteString(s[i:])
				return b.String()
			}
			b.WriteString(s[i : i+end+2])
			i += end + 2
			continue
		case c == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]):
			b.WriteByte(s[i+1])
			i += 2
			continue
		case c == '`':
			if text, n, ok := codeSpan(s[i:]); ok {
				b.WriteString(text)
				i += n
				continue
			}
		case c == '[' || (c == '!' && strings.HasPrefix(s[i:], "![")):
			if text, n, ok := link(s[i:]); ok {
				b.WriteString(text)
				i += n
				continue
			}
		case c == '<':
			if end := strings.IndexByte(s[i:], '>'); end > 0 {
				inner := s[i+1 : i+end]
				if isAutolink(inner) {
					b.WriteString(strings.TrimPrefix(inner, "mailto:"))
					i += end + 1
					continue
				}
			}
		case c == '*' || c == '_' || c == '~':
			if text, n, ok := emphasis(s, i); ok {
				b.WriteString(text)
				i += n
				continue
			}
			n := runLen(s[i:], c)
			b.WriteString(s[i : i+n]) // a run that closes nothing is literal, all of it
			i += n
			continue
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
}

func isASCIIPunct(c byte) bool {
	return c < utf8.RuneSelf && unicode.IsPunct(rune(c)) || strings.IndexByte("$+<=>^`|~", c) >= 0
}

func isAutolink(s string) bool {
	if strings.ContainsAny(s, " \t<") {
		return false
	}
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "mailto:") ||
		(strings.Count(s, "@") == 1 && strings.Contains(s[strings.IndexByte(s, '@'):], "."))
}

func runLen(s string, c byte) int {
	n := 0
	for n < len(s) && s[n] == c {
		n++
	}
	return n
}

// codeSpan: a span between equal runs of backticks → its content, verbatim.
func codeSpan(s string) (string, int, bool) {
	n := runLen(s, '`')
	marker := s[:n]
	end := strings.Index(s[n:], marker)
	if end < 0 {
		return "", 0, false
	}
	return strings.TrimSpace(s[n : n+end]), n + end + n, true
}

// link: [text](url "title") → "text (url)"; ![alt](url) → "alt (url)"; a link whose text
// is its address is written once.
func link(s string) (string, int, bool) {
	start := 1
	if s[0] == '!' {
		start = 2
	}
	closeText := matching(s, start-1, '[', ']')
	if closeText < 0 || closeText+1 >= len(s) || s[closeText+1] != '(' {
		return "", 0, false
	}
	closeURL := matching(s, closeText+1, '(', ')')
	if closeURL < 0 {
		return "", 0, false
	}
	text := inline(s[start:closeText])
	url, _, _ := strings.Cut(strings.TrimSpace(s[closeText+2:closeURL]), " ")
	url = strings.Trim(url, "<>")
	switch {
	case url == "":
		return text, closeURL + 1, true
	case text == "" || text == url || text == strings.TrimPrefix(strings.TrimPrefix(url, "https://"), "http://") || text == strings.TrimPrefix(url, "mailto:"):
		return strings.TrimPrefix(url, "mailto:"), closeURL + 1, true
	}
	return text + " (" + strings.TrimPrefix(url, "mailto:") + ")", closeURL + 1, true
}

// matching is the index of the bracket closing the one at s[open], or -1.
func matching(s string, open int, o, c byte) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case o:
			depth++
		case c:
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// emphasis strips a pair of *, _ or ~~ runs of equal length around non-blank text. An
// underscore inside a word (snake_case) is never emphasis, as in CommonMark.
func emphasis(s string, i int) (string, int, bool) {
	c := s[i]
	n := runLen(s[i:], c)
	if c == '~' && n != 2 {
		return "", 0, false
	}
	if after, _ := utf8.DecodeRuneInString(s[i+n:]); i+n >= len(s) || unicode.IsSpace(after) {
		return "", 0, false
	}
	if c == '_' && i > 0 {
		if before, _ := utf8.DecodeLastRuneInString(s[:i]); isWordRune(before) {
			return "", 0, false
		}
	}
	for j := i + n; j < len(s); {
		k := strings.IndexByte(s[j:], c)
		if k < 0 {
			return "", 0, false
		}
		j += k
		m := runLen(s[j:], c)
		before, _ := utf8.DecodeLastRuneInString(s[:j])
		closes := m == n && !unicode.IsSpace(before)
		if c == '_' && j+m < len(s) {
			if after, _ := utf8.DecodeRuneInString(s[j+m:]); isWordRune(after) {
				closes = false
			}
		}
		if closes {
			return inline(s[i+n : j]), j + m - i, true
		}
		j += m
	}
	return "", 0, false
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
