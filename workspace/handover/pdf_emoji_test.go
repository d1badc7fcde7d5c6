package handover_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"switchboard/workspace/handover"
)

// Customers write emoji, symbols outside the fonts and stray control characters into
// subjects; the PDF still comes out (a box where no font has the character).
func TestPDFSurvivesCharactersNoFontHas(t *testing.T) {
	n := handover.Note{Workspace: "Nordlys 😀", Zone: "UTC", Since: time.Unix(0, 0), Until: time.Unix(3600, 0),
		Sections: []handover.Section{{ID: "x", Title: "Emoji 🔥☕ and 𝔉𝔯𝔞𝔨𝔱𝔲𝔯", Items: []handover.Item{
			{Text: "“Order late!!! 😡😡” from \u0007bell \u200b zero-width \U0001F9D1\u200D\U0001F373 cook", Detail: "tab\there\r\nnew line"},
		}}}}
	var buf bytes.Buffer
	if err := n.WritePDF(&buf); err != nil {
		t.Fatal(err)
	}
	if dst := os.Getenv("HANDOVER_PDF_OUT"); dst != "" {
		os.WriteFile(strings.TrimSuffix(dst, ".pdf")+"-emoji.pdf", buf.Bytes(), 0o644)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) || buf.Len() < 1000 {
		t.Fatalf("no PDF: %d bytes", buf.Len())
	}
	path := filepath.Join(t.TempDir(), "emoji.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext (poppler-utils): %v", err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if strings.Contains(line, "from bell") && !strings.Contains(line, "cook") {
			t.Errorf("an invisible character broke the line: %q", line)
		}
	}
}
