package handover_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"switchboard/workspace/handover"
	"switchboard/workspace/inbox/inboxtest"
	"switchboard/workspace/mail"
)

// BenchmarkBuild makes the shift note of a workspace with 100,000 messages in 20,000
// conversations, 800 of them in the last eight hours: go test -run - -bench Build
func BenchmarkBuild(b *testing.B) {
	ctx := context.Background()
	const n = 100000
	now := time.Date(2026, 3, 3, 17, 0, 0, 0, time.UTC)
	w := inboxtest.BigWorkspace(b, n, 5000, func(i int) mail.Incoming {
		id := fmt.Sprintf("m%d@big.example", i)
		at := now.Add(-time.Duration(n-i) * 36 * time.Second) // 100,000 messages over 41 days
		subj := fmt.Sprintf("Order %d", i%20000)
		p := &mail.Parsed{MessageID: id, Subject: subj, SubjectKey: strings.ToLower(subj),
			From: mail.Address{Name: fmt.Sprintf("Customer %d", i%5000), Email: fmt.Sprintf("c%d@example.net", i%5000)}, Date: at,
			Text: "Where is my order?", Snippet: "Where is my order?"}
		raw := fmt.Appendf(nil, "Message-ID: <%s>\r\nSubject: %s\r\n\r\nWhere is my order?\r\n", id, subj)
		return mail.Incoming{ReceivedAt: at, Raw: raw, Parsed: p}
	})
	b.ResetTimer()
	for b.Loop() {
		note, err := handover.Build(ctx, w, handover.Options{Since: now.Add(-8 * time.Hour), Now: now})
		if err != nil {
			b.Fatal(err)
		}
		if i := slices.IndexFunc(note.Sections, func(s handover.Section) bool { return s.ID == "unanswered" }); i < 0 || note.Sections[i].Summary == "" {
			b.Fatalf("the note has no waiting conversations: %+v", note.Sections)
		}
	}
}
