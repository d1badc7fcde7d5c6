package mime

import (
	"strings"
	"testing"
)

func TestAttachmentAtMatchesParseAndIgnoresTheSizeCap(t *testing.T) {
	raw := attachmentsMessage(t)
	listed := Parse(raw, Limits{MaxAttachmentBytes: 5}).Attachments // as stored by a sync with a small cap
	for i, a := range listed {
		name, data, err := AttachmentAt(raw, i)
		if err != nil || name != a.Filename || len(data) != a.Size {
			t.Errorf("attachment %d: %q, %d bytes, %v; Parse lists %q, %d bytes", i, name, len(data), err, a.Filename, a.Size)
		}
	}
	if name, data, _ := AttachmentAt(raw, 0); name != "passwd" || string(data) != "file 0" {
		t.Errorf("first attachment %q %q", name, data)
	}
	if _, _, err := AttachmentAt(raw, len(listed)); err == nil || !strings.Contains(err.Error(), "no attachment") {
		t.Errorf("past the last attachment: %v", err)
	}
}
