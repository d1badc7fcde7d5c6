package handover

import (
	_ "embed"
	"os"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/font/sfnt"
)

// DejaVu Sans (Bitstream Vera licence, fonts/LICENSE) covers Latin with every accent the
// users write (Swedish, Czech, Spanish, Portuguese), Cyrillic, Greek, Hebrew and Arabic
// letters. It is embedded so a PDF made on any machine shows those.
var (
	//go:embed fonts/DejaVuSans.ttf
	dejaVuRegular []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	dejaVuBold []byte
)

// fallbackFonts are TrueType fonts looked for on the machine for what DejaVu lacks,
// Chinese, Japanese and Korean above all: ten megabytes and more each, too big to embed.
// Only .ttf files: the PDF library reads TrueType outlines, not collections or CFF.
var fallbackFonts = []string{
	"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
	"/usr/share/fonts/truetype/droid/DroidSansFallback.ttf",
	"/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttf",
	"/usr/share/fonts/truetype/unifont/unifont.ttf",
	"/Library/Fonts/Arial Unicode.ttf",
	"/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
	`C:\Windows\Fonts\simhei.ttf`,
	`C:\Windows\Fonts\malgun.ttf`,
	`C:\Windows\Fonts\arialuni.ttf`,
}

// face is one font with a way to ask which characters it has.
type face struct {
	family string
	data   []byte
	font   *sfnt.Font
	buf    sfnt.Buffer
	mu     sync.Mutex
}

func newFace(family string, data []byte) *face {
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil
	}
	return &face{family: family, data: data, font: f}
}

func (f *face) has(r rune) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	i, err := f.font.GlyphIndex(&f.buf, r)
	return err == nil && i != 0
}

var (
	facesOnce sync.Once
	mainFace  *face
	fallbacks []*face
)

// faces returns DejaVu and the fallback fonts found on this machine.
func faces() (*face, []*face) {
	facesOnce.Do(func() {
		mainFace = newFace("dejavu", dejaVuRegular)
		for i, path := range fallbackFonts {
			data, err := os.ReadFile(path)
			if err != nil {
				continue
			}
			if f := newFace("fallback"+string(rune('a'+i)), data); f != nil {
				fallbacks = append(fallbacks, f)
			}
		}
	})
	return mainFace, fallbacks
}

// textRun is a stretch of text drawn with one font.
type textRun struct {
	face *face
	text string
}

// runs splits text into stretches DejaVu or one fallback font can draw; characters no
// font has stay with DejaVu (drawn as its missing-glyph box, so the reader sees something
// is there). Right-to-left stretches (Arabic, Hebrew) are put in visual order.
func runs(text string) []textRun {
	main, extra := faces()
	var out []textRun
	for _, r := range pdfSafe(text) {
		f := main
		if !unicode.IsSpace(r) && !main.has(r) {
			for _, fb := range extra {
				if fb.has(r) {
					f = fb
					break
				}
			}
		}
		if n := len(out); n > 0 && (out[n-1].face == f || unicode.IsSpace(r)) {
			out[n-1].text += string(r)
			continue
		}
		out = append(out, textRun{face: f, text: string(r)})
	}
	for i := range out {
		out[i].text = visualOrder(out[i].text)
	}
	return out
}

// visualOrder reverses each right-to-left word sequence, since PDF text is drawn left to
// right. Letters are not joined (no Arabic shaping): readable, not typeset.
func visualOrder(s string) string {
	rs := []rune(s)
	for i := 0; i < len(rs); {
		if !isRTL(rs[i]) {
			i++
			continue
		}
		j := i
		for j < len(rs) && (isRTL(rs[j]) || (rs[j] == ' ' && j+1 < len(rs) && isRTL(rs[j+1]))) {
			j++
		}
		for a, b := i, j-1; a < b; a, b = a+1, b-1 {
			rs[a], rs[b] = rs[b], rs[a]
		}
		i = j
	}
	return string(rs)
}

func isRTL(r rune) bool {
	return unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana)
}

// pdfSafe keeps text to what the PDF library can draw: it indexes glyphs by 16-bit code,
// so a character beyond the Basic Multilingual Plane (emoji, mathematical letters) would
// crash it and becomes a white square; control and invisible format characters
// become spaces or go.
func pdfSafe(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r): // zero-width joiners and marks break fpdf's lines
		case r > 0xFFFF:
			b.WriteRune('□')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
