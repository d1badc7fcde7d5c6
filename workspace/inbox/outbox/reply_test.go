package outbox

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"switchboard/workspace/faq"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxtest"
	"switchboard/workspace/template"
)

func TestDraftFillsVariables(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name, contact, body, want string
		unresolved                []string
	}{
		{"sv", "Åsa Berg", "Hej {{first_name}}! Hälsningar {{agent}}, {{brand}}", "Hej Åsa! Hälsningar Anna, Nordlys Coffee", nil},
		{"cs full name", "Jan Novák", "Dobrý den, {{name}}.", "Dobrý den, Jan Novák.", nil},
		{"ru fallback unused", "Ольга Иванова", "Здравствуйте, {{first_name|друг}}!", "Здравствуйте, Ольга!", nil},
		{"es fallback", "", "¡Hola {{first_name|amigo}}!", "¡Hola amigo!", nil},
		{"pt last, first", "Silva, Maria", "Olá {{first_name}}", "Olá Maria", nil},
		{"address as name", "pedro@example.pt", "Olá {{first_name|cliente}}", "Olá cliente", nil},
		{"unresolved kept visible", "", "Hi {{first_name}}, {{brand}} here", "Hi {{first_name}}, Nordlys Coffee here", []string{"first_name"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, clk := inboxtest.Store(t, New)
			from := c.contact + "|kund@example.com"
			conv, _ := inboxtest.Deliver(t, s.w, from, "Fråga", "?", clk.Now(), "")
			d, err := s.conv.NewDraft(ctx, conv, c.body)
			if err != nil {
				t.Fatal(err)
			}
			if d.Body != c.want || strings.Join(d.Unresolved, ",") != strings.Join(c.unresolved, ",") {
				t.Fatalf("draft %q unresolved %v, want %q %v", d.Body, d.Unresolved, c.want, c.unresolved)
			}
			_, err = s.Queue(ctx, Reply{ConversationID: conv, Body: d.Body})
			var ue *template.UnresolvedError
			if (c.unresolved != nil) != errors.As(err, &ue) {
				t.Fatalf("queue: %v", err)
			}
			items, _ := s.List(ctx, true)
			if (c.unresolved == nil) != (len(items) == 1) {
				t.Fatalf("outbox %+v", items)
			}
		})
	}
}

func TestQueueRefusesUnknownVariable(t *testing.T) {
	s, c := inboxtest.Store(t, New)
	conv, _ := inboxtest.Deliver(t, s.w, "Åsa|asa@example.se", "Fråga", "?", c.Now(), "")
	_, err := s.Queue(context.Background(), Reply{ConversationID: conv, Body: "Hej {{frist_name}}"})
	var probs template.Problems
	if !errors.As(err, &probs) || probs[0].Suggest != "first_name" {
		t.Fatalf("err %v", err)
	}
}

func TestDraftFromFAQWithSignatureAndSchedule(t *testing.T) {
	ctx := context.Background()
	s, c := inboxtest.Store(t, New)
	conv, key := inboxtest.Deliver(t, s.w, "Åsa Berg|asa@example.se", "Retur", "Hur returnerar jag?", c.Now(), "")
	fs := faq.NewStore(s.w)
	saved, err := fs.Save(ctx, "", faq.Draft{Question: "Hur returnerar jag?", Answer: "Hej {{first_name|där}}! Skicka **paketet** till oss inom 30 dagar."})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.conv.SetTone(ctx, inbox.Tone{Signature: "Vänliga hälsningar,\n{{agent}}, {{brand}}"}); err != nil {
		t.Fatal(err)
	}
	d, err := s.conv.DraftFromFAQ(ctx, conv, saved.Entry.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := "Hej Åsa! Skicka paketet till oss inom 30 dagar.\n\nVänliga hälsningar,\nAnna, Nordlys Coffee"
	if d.Body != want {
		t.Fatalf("draft %q, want %q", d.Body, want)
	}
	again, _ := s.conv.NewDraft(ctx, conv, d.Body)
	if again.Body != d.Body {
		t.Fatal("the signature was added twice")
	}
	it, err := s.Queue(ctx, Reply{ConversationID: conv, Body: d.Body, FAQID: d.FAQID, SendAt: c.Now().Add(2 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if it.InReplyTo != key || it.To[0].Email != "asa@example.se" || it.From.Email != "brand@nordlys.example" || !it.SendAt.Equal(c.Now().Add(2*time.Hour)) {
		t.Fatalf("item %+v", it)
	}
	e, _ := fs.Get(ctx, saved.Entry.ID)
	if e.Uses != 1 {
		t.Errorf("FAQ uses %d", e.Uses)
	}
	// Not due yet: a Mailer that must not be called.
	rep, err := s.SendDue(ctx, nil)
	if err != nil || rep.Sent != 0 {
		t.Fatalf("%+v %v", rep, err)
	}
}

// A note is internal: it never reaches the reply.
func TestNotesAreInternal(t *testing.T) {
	ctx := context.Background()
	s, c := inboxtest.Store(t, New)
	conv, _ := inboxtest.Deliver(t, s.w, "A|a@example.com", "Hi", "hi", c.Now(), "")
	if _, err := s.conv.AddNote(ctx, conv, "  "); err == nil {
		t.Error("empty note accepted")
	}
	if _, err := s.conv.AddNote(ctx, conv, "Kunden är VIP — var extra snäll."); err != nil {
		t.Fatal(err)
	}
	notes, _ := s.conv.Notes(ctx, conv)
	if len(notes) != 1 || notes[0].Author != "Anna" {
		t.Fatalf("notes %+v", notes)
	}
	it, err := s.Queue(ctx, Reply{ConversationID: conv, Body: "Hello"})
	if err != nil {
		t.Fatal(err)
	}
	if it.Body != "Hello" {
		t.Fatalf("a note leaked into the reply: %q", it.Body)
	}
}

func TestQueueFromSendsFromTheChosenAccountOfThisWorkspaceOnly(t *testing.T) {
	s, _ := inboxtest.Store(t, New)
	ctx := context.Background()
	second := inboxtest.AddAccount(t, s.w, "orders@nordlys.example")
	conv, _ := inboxtest.Deliver(t, s.w, "Anna|anna@example.se", "Order", "Where is it?", inboxtest.T0, "")
	recv, err := s.conv.ReplyAccount(ctx, conv)
	if err != nil || recv.Email != "brand@nordlys.example" {
		t.Fatalf("receiving account %q (%v), want brand@nordlys.example", recv.Email, err)
	}
	it, err := s.QueueFrom(ctx, Reply{ConversationID: conv, Body: "On its way"}, second.ID)
	if err != nil || it.From.Email != "orders@nordlys.example" || it.AccountID != second.ID {
		t.Fatalf("queued from %q (%v), want the chosen orders@nordlys.example", it.From.Email, err)
	}
	if _, err := s.QueueFrom(ctx, Reply{ConversationID: conv, Body: "x"}, "not-an-account-here"); err == nil {
		t.Fatal("a reply was queued from an account this workspace does not have")
	}
}
