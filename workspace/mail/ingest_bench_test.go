package mail_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"switchboard/workspace/mail"
	"switchboard/workspace/workspacetest"
)

// BenchmarkIngest stores 4,000 messages in batches of 500, as a first sync does: 1,000
// conversations of a customer's message, our reply and two more of theirs, so every
// batch reopens, recomputes waiting times and threads. It measures what storing mail
// costs with the effects of mail on conversations (effects.go).
func BenchmarkIngest(b *testing.B) {
	const convs, batch = 1000, 500
	t0 := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	var msgs []mail.Incoming
	for round := range 4 {
		for c := range convs {
			p := &mail.Parsed{MessageID: fmt.Sprintf("m%d-%d@example.com", c, round), Subject: fmt.Sprintf("Order %d", c),
				SubjectKey: fmt.Sprintf("order %d", c), From: mail.Address{Email: fmt.Sprintf("c%d@example.com", c)},
				To: []mail.Address{{Email: "help@brand.example"}}, Date: t0.Add(time.Duration(round*convs+c) * time.Minute),
				Text: "Hello, where is my order?", Snippet: "Hello, where is my order?"}
			if round > 0 {
				p.InReplyTo = fmt.Sprintf("m%d-%d@example.com", c, round-1)
				p.References = []string{fmt.Sprintf("m%d-0@example.com", c), p.InReplyTo}
			}
			if round == 1 { // our reply, in the same folder as a Sent copy would be
				p.From, p.To = mail.Address{Email: "help@brand.example"}, []mail.Address{{Email: fmt.Sprintf("c%d@example.com", c)}}
			}
			msgs = append(msgs, mail.Incoming{ReceivedAt: p.Date, Raw: []byte("Message-ID: <" + p.MessageID + ">\r\n\r\nHello\r\n"), Parsed: p})
		}
	}
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		w := workspacetest.Open(b, workspacetest.Root(b), "Bench")
		store := mail.Open(w)
		if _, err := store.AddAccount(ctx, mail.Account{Email: "help@brand.example", IMAP: mail.Endpoint{Host: "127.0.0.1", Port: 143, Security: mail.Plain},
			SMTP: mail.Endpoint{Host: "127.0.0.1", Port: 25, Security: mail.Plain}}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		for i := 0; i < len(msgs); i += batch {
			if _, err := store.ImportLocal(ctx, "INBOX", msgs[i:i+batch]); err != nil {
				b.Fatal(err)
			}
		}
	}
}
