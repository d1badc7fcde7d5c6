package faq

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(t *testing.T, s *Store, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := RunCLI(context.Background(), s.w, args, strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), err
}

func TestCLI(t *testing.T) {
	s, _ := newStore(t)
	out, _, err := runCLI(t, s, "", "list", "--json")
	if err != nil || strings.TrimSpace(out) != "[]" {
		t.Fatalf("empty list: %q %v", out, err)
	}
	id, _, err := runCLI(t, s, "", "add", "--question", "Grinder warranty?", "--answer", "Hi {{first_name|there}}, two years.", "--tags", "grinder, Warranty", "--lang", "en")
	if err != nil {
		t.Fatal(err)
	}
	_, stderr, err := runCLI(t, s, "", "add", "--question", "Q?", "--answer", "Hi {{frist_name}}")
	if err == nil || !strings.Contains(stderr, "--answer: unknown variable {{frist_name}}") {
		t.Errorf("bad add: %v %q", err, stderr)
	}
	out, _, err = runCLI(t, s, "", "list", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var list []map[string]any
	if err := json.Unmarshal([]byte(out), &list); err != nil || len(list) != 1 {
		t.Fatalf("%q %v", out, err)
	}
	for _, k := range []string{"id", "question", "answer", "tags", "lang", "owner", "created_at", "updated_at", "last_reviewed_at", "phrasings", "uses"} {
		if _, ok := list[0][k]; !ok {
			t.Errorf("JSON lacks %q: %s", k, out)
		}
	}
	if list[0]["id"] != strings.TrimSpace(id) {
		t.Errorf("add printed %q, list has %v", id, list[0]["id"])
	}
	if out, _, _ := runCLI(t, s, "", "list"); !strings.Contains(out, "grinder,warranty") {
		t.Errorf("text list: %s", out)
	}

	dir := t.TempDir()
	file := filepath.Join(dir, "faq.csv")
	if _, _, err := runCLI(t, s, "", "export", "--format", "csv", "-o", file); err != nil {
		t.Fatal(err)
	}
	if out, _, err := runCLI(t, s, "", "export", "--format", "md"); err != nil || !strings.Contains(out, "## Grinder warranty?") {
		t.Errorf("md export: %v %s", err, out)
	}
	data, _ := os.ReadFile(file)
	edited := strings.Replace(string(data), "two years.", "three years.", 1) + ",\"New one?\",,\"Yes, new.\",,,,,,\r\n"
	os.WriteFile(file, []byte(edited), 0o600)

	before := countRows(t, s)
	out, _, err = runCLI(t, s, "", "import", "--format", "csv", file)
	if err != nil || !strings.Contains(out, "1 to add, 1 to update, 0 unchanged, 0 rejected.") || !strings.Contains(out, "--yes") {
		t.Fatalf("preview: %v\n%s", err, out)
	}
	if countRows(t, s) != before {
		t.Fatal("import without --yes wrote rows")
	}
	if out, _, err = runCLI(t, s, "", "import", file, "--format", "csv", "--yes"); err != nil || !strings.Contains(out, "Imported: 1 added, 1 updated.") {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	if e, _ := s.Get(context.Background(), strings.TrimSpace(id)); !strings.Contains(e.Answer, "three years") {
		t.Errorf("not updated: %q", e.Answer)
	}
	if out, _, err := runCLI(t, s, "question,answer\nX?,Y\n", "import", "--format", "csv", "-", "--yes"); err != nil || !strings.Contains(out, "1 added") {
		t.Errorf("import from stdin: %v %s", err, out)
	}
	if _, _, err := runCLI(t, s, "", "import", "--format", "xlsx", file); err == nil {
		t.Error("xlsx import accepted")
	}
	if _, _, err := runCLI(t, s, "", "frobnicate"); err == nil || !strings.Contains(err.Error(), "usage") {
		t.Errorf("unknown command: %v", err)
	}
}
