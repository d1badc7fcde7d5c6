package inbox

import (
	"os"
	"path/filepath"
	"testing"
)

func TestSaveAttachmentNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "faktura.pdf"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"faktura (2).pdf", "faktura (3).pdf"} {
		path, err := SaveAttachment(dir, "faktura.pdf", []byte{byte(i)})
		if err != nil || filepath.Base(path) != want {
			t.Fatalf("saved as %q (%v), want %q", path, err, want)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "faktura.pdf")); string(b) != "mine" {
		t.Fatalf("the existing file was overwritten: %q", b)
	}
	for _, c := range [][2]string{{"../../etc/passwd", "passwd"}, {`..\boot.ini`, "boot.ini"}, {"..", "attachment"}, {"", "attachment (2)"}} {
		name, want := c[0], c[1]
		path, err := SaveAttachment(dir, name, []byte("x"))
		if err != nil || filepath.Dir(path) != dir || filepath.Base(path) != want {
			t.Errorf("%q saved as %q (%v), want %q in the folder", name, path, err, want)
		}
	}
}
