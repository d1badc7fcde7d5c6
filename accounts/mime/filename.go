package mime

import (
	"path"
	"strings"
	"unicode"
)

const maxFilenameBytes = 200

// windowsReserved are device names Windows refuses as file names, with or
// without an extension: CONIN$ and CONOUT$ open the console as CON does, CLOCK$ was a
// device until recent versions, and COM/LPT take 0 and the superscript digits ¹²³ too.
var windowsReserved = map[string]bool{
	"con": true, "prn": true, "aux": true, "nul": true,
	"conin$": true, "conout$": true, "clock$": true,
	"com0": true, "com¹": true, "com²": true, "com³": true,
	"lpt0": true, "lpt¹": true, "lpt²": true, "lpt³": true,
	"com1": true, "com2": true, "com3": true, "com4": true, "com5": true,
	"com6": true, "com7": true, "com8": true, "com9": true,
	"lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true, "lpt5": true,
	"lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true,
}

// sanitizeFilename makes a sender-chosen name safe to save on any of our
// platforms: only the last path element is kept, and characters that could
// traverse folders, hide the name or mislead about the extension go.
func sanitizeFilename(name string) string {
	name = strings.ToValidUTF8(name, "_")
	name = strings.ReplaceAll(name, `\`, "/")
	name = path.Base("/" + name) // rooted, so ".." cannot climb out
	if name == "/" {
		name = ""
	}
	name = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r): // Cf: bidi overrides disguise extensions
			return -1
		case strings.ContainsRune(`<>:"|?*/`, r):
			return '_'
		}
		return r
	}, name)
	for strings.Contains(name, "..") {
		name = strings.ReplaceAll(name, "..", ".")
	}
	name = strings.TrimLeft(name, ". ")
	name = strings.TrimRight(name, ". ") // Windows drops trailing dots and spaces
	if base, _, _ := strings.Cut(name, "."); windowsReserved[strings.ToLower(strings.TrimSpace(base))] {
		name = "_" + name
	}
	name = truncateName(name)
	if name == "" {
		return "attachment"
	}
	return name
}

// truncateName cuts a long name but keeps a short extension, so that
// "very-long….pdf" still opens as a PDF.
func truncateName(name string) string {
	if len(name) <= maxFilenameBytes {
		return name
	}
	ext := path.Ext(name)
	if len(ext) > 16 {
		ext = ""
	}
	return strings.TrimRight(truncateUTF8(name[:len(name)-len(ext)], maxFilenameBytes-len(ext)), ". ") + ext
}
