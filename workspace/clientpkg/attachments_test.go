package clientpkg_test

import (
	"bytes"
	"strings"
	"testing"

	"switchboard/accounts/demotest"
)

// The demo's photo of a torn bag comes out of its message as a file of its own, byte for
// byte what the customer attached (a PNG), next to the raw .eml that still holds it.
func TestAttachmentsComeOutAsFiles(t *testing.T) {
	_, w := demotest.Open(t)
	path, m := export(t, w)
	var found []string
	for name, data := range zipEntries(t, path) {
		if strings.HasPrefix(name, "attachments/") {
			found = append(found, name)
			if !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
				t.Errorf("%s is not the attached PNG: %q", name, data[:min(len(data), 8)])
			}
		}
	}
	if len(found) != m.Counts.Attachments || len(found) == 0 {
		t.Errorf("attachment files %v, manifest counts %d", found, m.Counts.Attachments)
	}
}
