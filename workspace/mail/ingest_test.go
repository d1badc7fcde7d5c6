package mail_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"switchboard/workspace/mail"
	"switchboard/workspace/workspacetest"
)

// incoming builds a message as sync hands it over: raw bytes with trace fields, and the
// few parsed fields ingest reads.
func incoming(id, from, subject, body, received string) mail.Incoming {
	raw := fmt.Sprintf("Received: %s\r\nReturn-Path: <%s>\r\nMessage-ID: <%s>\r\nFrom: %s\r\nTo: support@brand.example\r\n"+
		"Subject: %s\r\nDate: Tue, 2 Jan 2024 10:00:00 +0100\r\n\r\n%s\r\n", received, from, id, from, subject, body)
	return mail.Incoming{Raw: []byte(raw), ReceivedAt: time.Date(2024, 1, 2, 9, 0, 0, 0, time.UTC), Parsed: &mail.Parsed{
		MessageID: id, Subject: subject, SubjectKey: strings.ToLower(subject), From: mail.Address{Email: from},
		Date: time.Date(2024, 1, 2, 9, 0, 0, 0, time.UTC), Text: body, Snippet: body,
	}}
}

func messageCount(t *testing.T, s *mail.Store) int {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st.Messages
}

func TestReusedMessageID(t *testing.T) {
	ctx := context.Background()
	newStore := func(t *testing.T) *mail.Store {
		return mail.Open(workspacetest.Open(t, workspacetest.Root(t), "Nordlys"))
	}
	t.Run("a copy in INBOX and Sent, or a redelivery, is one message", func(t *testing.T) {
		s := newStore(t)
		a := incoming("same@x", "anna@customer.example", "Order 42", "Where is my order?", "from mx1 by mx2; Tue, 2 Jan 2024")
		b := incoming("same@x", "anna@customer.example", "Order 42", "Where is my order?", "from mx7 by mx9; Wed, 3 Jan 2024")
		b.Raw = []byte(strings.ReplaceAll(string(b.Raw), "\r\n", "\n")) // another server stores LF
		for _, folder := range []string{"INBOX", "Sent", "INBOX"} {
			if _, err := s.ImportLocal(ctx, folder, []mail.Incoming{a, b}); err != nil {
				t.Fatal(err)
			}
		}
		if n := messageCount(t, s); n != 1 {
			t.Errorf("%d messages, want 1", n)
		}
	})
	t.Run("different content under one Message-ID is shown as its own message", func(t *testing.T) {
		s := newStore(t)
		// A contact form that sends every submission with one fixed Message-ID.
		var msgs []mail.Incoming
		for i, who := range []string{"anna@customer.example", "bo@customer.example", "anna@customer.example"} {
			msgs = append(msgs, incoming("form@shop.example", who, "Contact form", fmt.Sprintf("Submission %d: my grinder broke", i), "x"))
		}
		res, err := s.ImportLocal(ctx, "INBOX", msgs)
		if err != nil {
			t.Fatal(err)
		}
		if res.New != 3 || messageCount(t, s) != 3 {
			t.Fatalf("stored %+v, %d messages; want all 3", res, messageCount(t, s))
		}
		hits, err := s.Search(ctx, "grinder", 10)
		if err != nil || len(hits) != 3 {
			t.Fatalf("search found %d, %v; want 3", len(hits), err)
		}
		// Anna's two submissions share a conversation (same subject, same customer);
		// Bo's is never folded into hers.
		if hits[0].ConversationID != hits[2].ConversationID || hits[1].ConversationID == hits[0].ConversationID {
			t.Errorf("conversations %d %d %d", hits[2].ConversationID, hits[1].ConversationID, hits[0].ConversationID)
		}
		// Syncing the same mail again adds nothing.
		if res, err := s.ImportLocal(ctx, "INBOX", msgs); err != nil || res.New != 0 {
			t.Errorf("second import %+v, %v", res, err)
		}
	})
	t.Run("a forged Message-ID does not join the customer's conversation", func(t *testing.T) {
		s := newStore(t)
		real := incoming("anna-1@customer.example", "anna@customer.example", "Refund", "Please refund order 42", "x")
		forged := incoming("anna-1@customer.example", "mallory@evil.example", "Refund", "Send the refund to my account instead", "x")
		if _, err := s.ImportLocal(ctx, "INBOX", []mail.Incoming{real, forged}); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := s.Workspace().DB().Read().QueryRowContext(ctx, "SELECT count(*) FROM conversations WHERE messages > 0").Scan(&n); err != nil || n != 2 {
			t.Fatalf("%d conversations, %v; want 2", n, err)
		}
	})
	t.Run("a database from before fingerprints keeps working", func(t *testing.T) {
		w := workspacetest.Open(t, workspacetest.Root(t), "Old")
		s := mail.Open(w)
		a := incoming("old@x", "anna@customer.example", "Hello", "First text", "x")
		if _, err := s.ImportLocal(ctx, "INBOX", []mail.Incoming{a}); err != nil {
			t.Fatal(err)
		}
		err := w.DB().Write(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, "UPDATE messages SET fingerprint = ''") // as migration 0009 leaves old rows
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		again := incoming("old@x", "anna@customer.example", "Hello", "First text", "y")
		other := incoming("old@x", "anna@customer.example", "Hello", "Different text", "y")
		if _, err := s.ImportLocal(ctx, "Sent", []mail.Incoming{again, other}); err != nil {
			t.Fatal(err)
		}
		if n := messageCount(t, s); n != 2 {
			t.Errorf("%d messages, want 2 (the copy folded, the different one kept)", n)
		}
	})
}
