package inbox

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"switchboard/workspace/faq"
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
			s, clk := newStore(t)
			from := c.contact + "|kund@example.com"
			conv, _ := deliver(t, s, from, "Fråga", "?", clk.t, "")
			d, err := s.NewDraft(ctx, conv, c.body)
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
			items, _ := s.Outbox(ctx, true)
			if (c.unresolved == nil) != (len(items) == 1) {
				t.Fatalf("outbox %+v", items)
			}
		})
	}
}

func TestQueueRefusesUnknownVariable(t *testing.T) {
	s, c := newStore(t)
	conv, _ := deliver(t, s, "Åsa|asa@example.se", "Fråga", "?", c.t, "")
	_, err := s.Queue(context.Background(), Reply{ConversationID: conv, Body: "Hej {{frist_name}}"})
	var probs template.Problems
	if !errors.As(err, &probs) || probs[0].Suggest != "first_name" {
		t.Fatalf("err %v", err)
	}
}

func TestDraftFromFAQWithSignatureAndSchedule(t *testing.T) {
	ctx := context.Background()
	s, c := newStore(t)
	conv, key := deliver(t, s, "Åsa Berg|asa@example.se", "Retur", "Hur returnerar jag?", c.t, "")
	fs := faq.NewStore(s.w)
	saved, err := fs.Save(ctx, "", faq.Draft{Question: "Hur returnerar jag?", Answer: "Hej {{first_name|där}}! Skicka **paketet** till oss inom 30 dagar."})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetTone(ctx, Tone{Signature: "Vänliga hälsningar,\n{{agent}}, {{brand}}"}); err != nil {
		t.Fatal(err)
	}
	d, err := s.DraftFromFAQ(ctx, conv, saved.Entry.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := "Hej Åsa! Skicka paketet till oss inom 30 dagar.\n\nVänliga hälsningar,\nAnna, Nordlys Coffee"
	if d.Body != want {
		t.Fatalf("draft %q, want %q", d.Body, want)
	}
	again, _ := s.NewDraft(ctx, conv, d.Body)
	if again.Body != d.Body {
		t.Fatal("the signature was added twice")
	}
	it, err := s.Queue(ctx, Reply{ConversationID: conv, Body: d.Body, FAQID: d.FAQID, SendAt: c.t.Add(2 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if it.InReplyTo != key || it.To[0].Email != "asa@example.se" || it.From.Email != "brand@nordlys.example" || !it.SendAt.Equal(c.t.Add(2*time.Hour)) {
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
