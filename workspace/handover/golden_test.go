package handover_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"switchboard/workspace/handover"
	"switchboard/workspace/handover/handovertest"
	"switchboard/workspace/workspacetest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update once to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the note differs from %s (go test -update rewrites it after a deliberate change):\n--- got\n%s", path, got)
	}
}

func shiftNote(t *testing.T, redact bool) handover.Note {
	t.Helper()
	w := workspacetest.Open(t, workspacetest.Root(t), "Nordlys Coffee")
	handovertest.Seed(t, w)
	n, err := handover.Build(context.Background(), w, handover.Options{Since: handovertest.Start, Now: handovertest.Now,
		Author: "Anna Lind", Redact: redact})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestShiftNoteMarkdownOnAFixedShift(t *testing.T) {
	golden(t, "shift.md", []byte(shiftNote(t, false).Markdown()))
}

func TestRedactedNoteKeepsNoNameAddressOrMessageText(t *testing.T) {
	md := shiftNote(t, true).Markdown()
	golden(t, "shift-redacted.md", []byte(md))
	for _, leak := range []string{"Gary", "Miller", "gary@", "Nováková", "Ёлкин", "Алексей", "Rune", "Dahlberg", "mikkel@",
		"Hořká", "Subscription box", "decaf. None", "NC-48102.", "Overpriced", "a new box leaves"} {
		if strings.Contains(md, leak) {
			t.Errorf("the redacted note contains %q", leak)
		}
	}
	for _, kept := range []string{"G. M.", "…@example.net", "А. Ё. (…@example.com)", "waiting", "Erik Dahl", "the refund is approved"} {
		if !strings.Contains(md, kept) {
			t.Errorf("the redacted note lost %q, which the next person needs", kept)
		}
	}
}
