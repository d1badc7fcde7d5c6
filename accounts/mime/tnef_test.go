package mime

import (
	"encoding/base64"
	"os"
	"reflect"
	"testing"
)

// TestTNEFShowsTheFilesInside wraps real winmail.dat files (testdata/tnef, from the
// tnefparse project's test suite) in a message as Outlook sends them: the reader sees
// the files inside, not only an unopenable winmail.dat.
func TestTNEFShowsTheFilesInside(t *testing.T) {
	tests := []struct {
		file string
		want []string
	}{
		{"one-file.tnef", []string{"AUTHORS"}},
		{"two-files.tnef", []string{"AUTHORS", "README"}},
		{"data-before-name.tnef", []string{"AUTOEXEC.BAT", "CONFIG.SYS", "boot.ini"}},
		{"long-filename.tnef", []string{"allproductsmar2000.dat"}},
		{"umlaut.tnef", []string{"TBZ PARIV GmbH.jpg", "image003.jpg", "UmlautAnhang-äüö.txt"}},
		{"unicode-mapi-attr-name.tnef", []string{"spaconsole2.cfg", "image001.png", "image002.png", "image003.png"}},
		{"unicode-mapi-attr.tnef", []string{"example.dat"}},
		{"minimal_attachment.tnef", []string{"attachment-1"}},
		{"body.tnef", nil},
		{"triples.tnef", nil},
		{"garbage-at-end.tnef", nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile("testdata/tnef/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			m := Parse(tnefMessage(data), Limits{})
			if len(m.Attachments) == 0 || m.Attachments[0].Filename != "winmail.dat" {
				t.Fatalf("attachments %+v: the container must stay first", m.Attachments)
			}
			var got []string
			for _, a := range m.Attachments[1:] {
				if a.In != "winmail.dat" || len(a.Data) != a.Size || a.ContentType == "" {
					t.Errorf("%q: In %q, %d bytes of %d, type %q", a.Filename, a.In, len(a.Data), a.Size, a.ContentType)
				}
				got = append(got, a.Filename)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("files %q, want %q (warnings %q)", got, tt.want, m.Warnings)
			}
		})
	}
	t.Run("the bytes of a file inside can be saved", func(t *testing.T) {
		data, _ := os.ReadFile("testdata/tnef/one-file.tnef")
		name, body, err := AttachmentAt(tnefMessage(data), 1)
		if err != nil || name != "AUTHORS" || len(body) != 244 {
			t.Errorf("AttachmentAt = %q, %d bytes, %v", name, len(body), err)
		}
	})
	t.Run("damaged TNEF keeps the container", func(t *testing.T) {
		data, _ := os.ReadFile("testdata/tnef/two-files.tnef")
		m := Parse(tnefMessage(data[:len(data)/2]), Limits{})
		if len(m.Attachments) == 0 || m.Attachments[0].Size != len(data)/2 || !hasWarning(m, "TNEF data ends early") {
			t.Errorf("attachments %+v, warnings %q", m.Attachments, m.Warnings)
		}
	})
}

func tnefMessage(data []byte) []byte {
	return crlf("From: a@example.com", "Subject: tnef", "MIME-Version: 1.0",
		`Content-Type: multipart/mixed; boundary="b"`, "", "--b", "Content-Type: text/plain", "", "See attached.",
		"--b", `Content-Type: application/ms-tnef; name="winmail.dat"`, "Content-Transfer-Encoding: base64",
		`Content-Disposition: attachment; filename="winmail.dat"`, "", base64.StdEncoding.EncodeToString(data), "--b--", "")
}
