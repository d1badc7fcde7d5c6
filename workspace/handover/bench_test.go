package handover_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"switchboard/workspace/handover"
	"switchboard/workspace/mail"
	"switchboard/workspace/workspacetest"
)

// BenchmarkBuild makes the shift note of a workspace with 100,000 messages in 20,000
// conversations, 800 of them in the last eight hours: go test -run - -bench Build
func BenchmarkBuild(b *testing.B) {
	ctx := context.Background()
	w := workspacetest.Open(b, workspacetest.Root(b), "Big Brand")
	store := mail.Open(w)
	acct, err := store.AddAccount(ctx, mail.Account{Email: "help@big.example", Username: "help@big.example",
		IMAP: mail.Endpoint{Host: "127.0.0.1", Port: 143, Security: mail.Plain}, SMTP: mail.Endpoint{Host: "127.0.0.1", Port: 25, Security: mail.Plain}})
	if err != nil {
		b.Fatal(err)
	}
	f, err := store.EnsureFolder(ctx, acct.ID, "INBOX", mail.RoleInbox)
	if err != nil {
		b.Fatal(err)
	}
	const n = 100000
	now := time.Date(2026, 3, 3, 17, 0, 0, 0, time.UTC)
	for start := 0; start < n; start += 5000 {
		batch := make([]mail.Incoming, 0, 5000)
		for i := start; i < start+5000; i++ {
			id := fmt.Sprintf("m%d@big.example", i)
			at := now.Add(-time.Duration(n-i) * 36 * time.Second) // 100,000 messages over 41 days
			subj := fmt.Sprintf("Order %d", i%20000)
			p := &mail.Parsed{MessageID: id, Subject: subj, SubjectKey: strings.ToLower(subj),
				From: mail.Address{Name: fmt.Sprintf("Customer %d", i%5000), Email: fmt.Sprintf("c%d@example.net", i%5000)}, Date: at,
				Text: "Where is my order?", Snippet: "Where is my order?"}
			raw := fmt.Appendf(nil, "Message-ID: <%s>\r\nSubject: %s\r\n\r\nWhere is my order?\r\n", id, subj)
			batch = append(batch, mail.Incoming{UID: uint32(i + 1), ReceivedAt: at, Raw: raw, Parsed: p})
		}
		if _, err := store.Ingest(ctx, f.ID, batch, uint32(start+5001)); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		note, err := handover.Build(ctx, w, handover.Options{Since: now.Add(-8 * time.Hour), Now: now})
		if err != nil {
			b.Fatal(err)
		}
		if len(note.Sections) == 0 || note.Sections[1].Summary == "" {
			b.Fatalf("empty note: %+v", note.Sections[1])
		}
	}
}
