package ui

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"switchboard/assets"
)

// lang.L calls take a literal key in this code base, so every key can be checked here.
var langCall = regexp.MustCompile(`lang\.L\(\s*("(?:[^"\\]|\\.)*"|` + "`[^`]*`" + `)`)

func TestEveryLangKeyIsInEnglishTranslation(t *testing.T) {
	b, err := fs.ReadFile(assets.Translations, "translations/en.json")
	if err != nil {
		t.Fatal(err)
	}
	var en map[string]string
	if err := json.Unmarshal(b, &en); err != nil {
		t.Fatalf("en.json: %v", err)
	}
	found := 0
	err = filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range langCall.FindAllStringSubmatch(string(src), -1) {
			key, err := strconv.Unquote(m[1])
			if err != nil {
				t.Errorf("%s: cannot read key %s: %v", path, m[1], err)
				continue
			}
			found++
			if v, ok := en[key]; !ok || v == "" {
				t.Errorf("%s: lang.L key %q is missing from assets/translations/en.json", path, key)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < 50 {
		t.Fatalf("found only %d lang.L keys under ui/: is the scan broken?", found)
	}
}
