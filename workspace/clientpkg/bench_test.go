package clientpkg_test

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/clientpkg"
	"switchboard/workspace/inbox/inboxtest"
	"switchboard/workspace/mail"
	"switchboard/workspace/workspacetest"
)

// BenchmarkExport packs a workspace of 20,000 messages (about 2 KB each) in 2,000
// conversations: go test -run - -bench Export ./workspace/clientpkg
func BenchmarkExport(b *testing.B) {
	ctx := context.Background()
	w := bigWorkspace(b)
	b.ResetTimer()
	for b.Loop() {
		var cw countWriter
		m, err := clientpkg.Export(ctx, w, &cw, clientpkg.ExportOptions{TempDir: b.TempDir()})
		if err != nil {
			b.Fatal(err)
		}
		if m.Counts.Messages != bigMessages {
			b.Fatalf("%d messages exported", m.Counts.Messages)
		}
		b.ReportMetric(float64(cw.n)/1e6, "MB/package")
	}
}

// BenchmarkImport checks and unpacks that package as a new workspace.
func BenchmarkImport(b *testing.B) {
	ctx := context.Background()
	w := bigWorkspace(b)
	path := filepath.Join(b.TempDir(), "big.zip")
	if _, err := clientpkg.ExportFile(ctx, w, path, clientpkg.ExportOptions{}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := clientpkg.Import(ctx, workspacetest.Root(b), path, clientpkg.ImportOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

const bigMessages = 20000

func bigWorkspace(b *testing.B) *workspace.Workspace {
	body := strings.Repeat("The parcel has not arrived and the tracking has not moved since Monday. ", 25)
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	return inboxtest.BigWorkspace(b, bigMessages, 1000, func(i int) mail.Incoming {
		id := fmt.Sprintf("m%d@big.example", i)
		at := t0.Add(time.Duration(i) * time.Minute)
		subj := fmt.Sprintf("Order %d", i%2000)
		p := &mail.Parsed{MessageID: id, Subject: subj, SubjectKey: strings.ToLower(subj),
			From: mail.Address{Name: "Customer", Email: fmt.Sprintf("c%d@example.net", i%2000)}, Date: at, Text: body, Snippet: body[:80]}
		raw := fmt.Appendf(nil, "Message-ID: <%s>\r\nSubject: %s\r\nDate: %s\r\n\r\n%s\r\n", id, subj, at.Format(time.RFC1123Z), body)
		return mail.Incoming{ReceivedAt: at, Raw: raw, Parsed: p}
	})
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

var _ io.Writer = (*countWriter)(nil)
