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

// scripts is a note in every script the users' mail arrives in.
func scriptsNote() handover.Note {
	items := []handover.Item{
		{Text: "“Dárkové předplatné do Česka?” · from Tereza Nováková · waiting 21 h (overdue)", Urgent: true, Ref: "128cb5f7",
			Detail: "Dobrý den, chtěla bych svému tatínkovi darovat předplatné kávy: ěščřžýáíéůú ĚŠČŘŽÝÁÍÉŮÚ"},
		{Text: "“Кофе без кофеина?” · from Алексей Ёлкин · waiting 9 h", Detail: "Здравствуйте! Есть ли у вас кофе без кофеина?"},
		{Text: "“Καφές χωρίς καφεΐνη;” · from Νίκος Παπαδόπουλος"},
		{Text: "“قهوة منزوعة الكافيين” · from أحمد كريمي"},
		{Text: "“无咖啡因咖啡？” · from 王小明 · 日本語のテキスト · 한국어 텍스트"},
		{Text: "“Bitter smak på Midnight Sun” · from Karl Ekström; ¿Hacéis envíos a España? Não, obrigado."},
	}
	return handover.Note{Workspace: "Nordlys Coffee (demo)", Zone: "Europe/Stockholm", Color: "#0F6E5C", Author: "Anna Lind",
		Since: time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC), Until: time.Date(2026, 3, 3, 17, 0, 0, 0, time.UTC),
		Sections: []handover.Section{{ID: "unanswered", Title: "Waiting for an answer (oldest first)", Summary: "6 waiting, 1 overdue", Items: items}}}
}

// The PDF carries its fonts and its text: pdftotext (poppler) reads back every script,
// which it can only do when the fonts are embedded with their character maps.
func TestPDFCarriesEveryScriptOfTheMail(t *testing.T) {
	var buf bytes.Buffer
	if err := scriptsNote().WritePDF(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", buf.Bytes()[:20])
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("pdftotext is missing: apt-get install -y poppler-utils (make deps)")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "note.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	for _, want := range []string{"Shift note: Nordlys Coffee (demo)", "ěščřžýáíéůú", "ĚŠČŘŽÝÁÍÉŮÚ", "Алексей Ёлкин", "Здравствуйте",
		"Παπαδόπουλος", "Ekström", "España", "Não", "page 1 of 1"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's text lacks %q:\n%s", want, text)
		}
	}
	fonts, err := exec.Command("pdffonts", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(fonts), "\n")[2:] {
		if f := strings.Fields(line); len(f) > 4 && f[len(f)-5] != "yes" {
			t.Errorf("font %s is not embedded:\n%s", f[0], fonts)
		}
	}
	if dst := os.Getenv("HANDOVER_PDF_OUT"); dst != "" { // for looking at the pages
		os.WriteFile(dst, buf.Bytes(), 0o644)
	}
}

func TestPDFOfARealNote(t *testing.T) {
	n := shiftNote(t, false)
	var buf bytes.Buffer
	if err := n.WritePDF(&buf); err != nil {
		t.Fatal(err)
	}
	if buf.Len() < 1000 {
		t.Fatalf("a %d-byte PDF", buf.Len())
	}
	if dst := os.Getenv("HANDOVER_PDF_OUT"); dst != "" {
		os.WriteFile(strings.TrimSuffix(dst, ".pdf")+"-shift.pdf", buf.Bytes(), 0o644)
	}
}
