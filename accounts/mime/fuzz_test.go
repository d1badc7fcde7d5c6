package mime

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzParse(f *testing.F) {
	for _, raw := range corpusMessages(f) {
		f.Add(raw)
	}
	lim := Limits{MaxParts: 50, MaxDepth: 8, MaxTextBytes: 4096, MaxAttachmentBytes: 1024}
	f.Fuzz(func(t *testing.T, raw []byte) {
		m := Parse(raw, lim)
		if m == nil {
			t.Fatal("nil message")
		}
		for _, w := range m.Warnings {
			if strings.HasPrefix(w, "internal parser error") {
				t.Fatal(w)
			}
		}
		if len(m.Text) > lim.MaxTextBytes {
			t.Errorf("len(Text) = %d over the limit", len(m.Text))
		}
		if len(m.Attachments) > lim.MaxParts || len(m.Warnings) > maxWarnings {
			t.Errorf("%d attachments, %d warnings", len(m.Attachments), len(m.Warnings))
		}
		strs := []string{m.Text, m.Subject, m.MessageID, m.InReplyTo, m.ListID, m.From.Name, m.From.Email}
		strs = append(strs, m.References...)
		strs = append(strs, m.Warnings...)
		for _, as := range [][]Address{m.To, m.Cc, m.ReplyTo} {
			for _, a := range as {
				strs = append(strs, a.Name, a.Email)
			}
		}
		for _, a := range m.Attachments {
			strs = append(strs, a.Filename, a.ContentType)
			if len(a.Data) > lim.MaxAttachmentBytes || a.Truncated != (a.Data == nil) && a.Size > 0 {
				t.Errorf("attachment %q: %d bytes kept, Size %d, Truncated %v", a.Filename, len(a.Data), a.Size, a.Truncated)
			}
			if a.Filename == "" || strings.ContainsAny(a.Filename, "/\\\x00") || strings.HasPrefix(a.Filename, ".") || len(a.Filename) > maxFilenameBytes {
				t.Errorf("unsafe filename %q", a.Filename)
			}
		}
		for _, s := range strs {
			if !utf8.ValidString(s) {
				t.Errorf("invalid UTF-8: %q", s)
			}
		}
	})
}
