package workspace

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Palette is offered for new workspaces: distinct, and readable behind white text.
var Palette = []string{"#1E6FD9", "#D9480F", "#2B8A3E", "#862E9C", "#C2255C", "#0B7285", "#5F3DC4", "#E67700"}

func cleanName(name string) (string, error) {
	name = strings.Join(strings.Fields(name), " ")
	switch {
	case name == "":
		return "", fmt.Errorf("a workspace needs a name")
	case utf8.RuneCountInString(name) > 80:
		return "", fmt.Errorf("workspace name is too long (%d characters, at most 80)", utf8.RuneCountInString(name))
	}
	return name, nil
}

var hexColor = regexp.MustCompile(`^#?[0-9a-fA-F]{6}$`)

func cleanColor(c string) (string, error) {
	c = strings.TrimSpace(c)
	if !hexColor.MatchString(c) {
		return "", fmt.Errorf("colour %q is not of the form #RRGGBB (for example #1E6FD9)", c)
	}
	return "#" + strings.ToUpper(strings.TrimPrefix(c, "#")), nil
}

func checkTimeZone(tz string) error {
	if _, err := time.LoadLocation(tz); err != nil || tz == "" || tz == "Local" {
		return fmt.Errorf("unknown time zone %q: use an IANA name such as Europe/Stockholm or America/Sao_Paulo", tz)
	}
	return nil
}

// LocalTimeZone is the machine's IANA zone name, or UTC when it cannot be told.
func LocalTimeZone() string {
	if tz := os.Getenv("TZ"); tz != "" && checkTimeZone(tz) == nil {
		return tz
	}
	if b, err := os.ReadFile("/etc/timezone"); err == nil {
		if tz := strings.TrimSpace(string(b)); checkTimeZone(tz) == nil {
			return tz
		}
	}
	if link, err := os.Readlink("/etc/localtime"); err == nil {
		if _, tz, ok := strings.Cut(filepath.ToSlash(link), "zoneinfo/"); ok && checkTimeZone(tz) == nil {
			return tz
		}
	}
	return "UTC"
}

// Slugify makes a folder name from a workspace name: "Café Nørd" → "cafe-nord".
func Slugify(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(strings.ToLower(name)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // combining accents
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
			dash = false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteString(translit(r))
			dash = false
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	s := strings.Trim(b.String(), "-")
	if len(s) > 40 {
		s = strings.Trim(s[:40], "-")
	}
	if s == "" {
		s = "workspace"
	}
	return s
}

var cyrillic = map[rune]string{'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh",
	'з': "z", 'и': "i", 'й': "i", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s",
	'т': "t", 'у': "u", 'ф': "f", 'х': "h", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "sch", 'ы': "y", 'э': "e",
	'ю': "yu", 'я': "ya", 'ø': "o", 'æ': "ae", 'ß': "ss", 'ł': "l", 'đ': "d"}

func translit(r rune) string {
	if s, ok := cyrillic[r]; ok {
		return s
	}
	return "" // other scripts: dropped; the slug falls back to "workspace" and is made unique
}
