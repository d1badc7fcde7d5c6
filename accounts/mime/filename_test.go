package mime

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSanitizeFilename(t *testing.T) {
	long := strings.Repeat("ž", 150) + ".pdf" // 304 bytes
	tests := []struct{ in, want string }{
		{"report.pdf", "report.pdf"},
		{"../../etc/passwd", "passwd"},
		{`..\..\Windows\system.ini`, "system.ini"},
		{"/", "attachment"},
		{"..", "attachment"},
		{"", "attachment"},
		{"...hidden", "hidden"},
		{"a..b.txt", "a.b.txt"},
		{"CON", "_CON"},
		{"con.txt", "_con.txt"},
		{"LPT1", "_LPT1"},
		{"console.txt", "console.txt"},
		{"CONIN$", "_CONIN$"},
		{"conout$.txt", "_conout$.txt"},
		{"clock$", "_clock$"},
		{"COM¹.log", "_COM¹.log"},
		{"lpt0", "_lpt0"},
		{"a\x00b.txt", "ab.txt"},
		{"a\r\nb.txt", "ab.txt"},
		{"invoice\u202Efdp.exe", "invoicefdp.exe"},
		{`what?<>:"|*.txt`, "what_______.txt"},
		{"name. . ", "name"},
		{"Årsrapport för říjen.pdf", "Årsrapport för říjen.pdf"},
		{"bad\xffutf8.txt", "bad_utf8.txt"},
		{long, strings.Repeat("ž", 98) + ".pdf"},
	}
	for _, tt := range tests {
		got := sanitizeFilename(tt.in)
		if got != tt.want {
			t.Errorf("sanitizeFilename(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if len(got) > maxFilenameBytes || !utf8.ValidString(got) {
			t.Errorf("sanitizeFilename(%q) = %q: too long or invalid UTF-8", tt.in, got)
		}
	}
}
