package inbox

import (
	"context"
	"testing"
)

func TestCheckTone(t *testing.T) {
	formal := Tone{Formality: "formal"}
	informal := Tone{Formality: "informal"}
	avoid := Tone{Avoid: []string{"unfortunately", "tyvärr", "bohužel", "к сожалению"}}
	signed := Tone{Signature: "Med vänliga hälsningar,\n{{agent|Kundtjänst}}, {{brand}}", Agent: "Anna", Brand: "Nordlys"}
	cases := []struct {
		name  string
		tone  Tone
		draft string
		want  []FindingKind
		text  string // Text of the first finding
	}{
		{"sv informal in formal", formal, "Hej! Tack för att du hörde av dig om din beställning.", []FindingKind{FindInformalAddress, FindInformalAddress, FindInformalAddress}, "du"},
		{"sv formal ok", formal, "Hej! Tack för att ni hörde av er om er beställning.", nil, ""},
		{"sv formal in informal", informal, "Tack för att ni hörde av er.", []FindingKind{FindFormalAddress, FindFormalAddress}, "ni"},
		{"cs ty", formal, "Dobrý den, děkujeme, že jsi nám napsal. Tvoje objednávka je na cestě.", []FindingKind{FindInformalAddress}, "Tvoje"},
		{"cs vy ok", formal, "Dobrý den, děkujeme, že jste nám napsal. Vaše objednávka je na cestě.", nil, ""},
		{"ru ty", formal, "Здравствуйте! Спасибо, что ты написал нам, твой заказ уже в пути.", []FindingKind{FindInformalAddress, FindInformalAddress}, "ты"},
		{"ru vy ok", formal, "Здравствуйте! Спасибо, что вы написали нам, ваш заказ уже в пути.", nil, ""},
		{"es tú", formal, "Hola, gracias por escribirnos. ¿Tú pedido llegó bien? Te enviamos el código.", []FindingKind{FindInformalAddress, FindInformalAddress}, "Tú"},
		{"es usted ok", formal, "Hola, gracias por escribirnos. ¿Su pedido llegó bien? Le enviamos el código a usted.", nil, ""},
		{"pt teu", formal, "Olá, obrigado pela mensagem. O teu pedido já foi enviado para a tua morada.", []FindingKind{FindInformalAddress, FindInformalAddress}, "teu"},
		{"en slang", formal, "Hey, we're gonna sort this out for you.", []FindingKind{FindInformalAddress, FindInformalAddress}, "Hey"},
		{"no formality set", Tone{}, "Hej, tack för att du skrev!", nil, ""},
		{"avoid en", avoid, "Unfortunately the beans are sold out.", []FindingKind{FindAvoid}, "Unfortunately"},
		{"avoid sv accents ignored", avoid, "Tyvarr har vi slut på bönorna.", []FindingKind{FindAvoid}, "Tyvarr"},
		{"avoid ru phrase", avoid, "К сожалению, заказ задерживается.", []FindingKind{FindAvoid}, "К сожалению"},
		{"avoid whole words only", Tone{Avoid: []string{"sorry"}}, "Sorrybot is our robot.", nil, ""},
		{"shouting", Tone{}, "Please READ THIS before ordering.", []FindingKind{FindShouting}, "READ THIS"},
		{"acronym fine", Tone{}, "See our FAQ or track it with DHL.", nil, ""},
		{"shouting cyrillic", Tone{}, "ВНИМАНИЕ: заказ отправлен.", []FindingKind{FindShouting}, "ВНИМАНИЕ"},
		{"exclamations", Tone{}, "Thanks!! We love you!", []FindingKind{FindExclamations, FindExclamations}, "!!"},
		{"signature present", signed, "Hej Åsa,\n\nvi skickar en ny.\n\nMed vänliga hälsningar,\nAnna, Nordlys\n", nil, ""},
		{"signature missing", signed, "Hej Åsa, vi skickar en ny.", []FindingKind{FindMissingSignature}, ""},
		{"sign as brand", Tone{Signature: signed.Signature, Agent: "Anna", Brand: "Nordlys", SignAs: "brand"},
			"Hej!\nMed vänliga hälsningar,\nKundtjänst, Nordlys", nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := CheckTone(c.draft, c.tone)
			var kinds []FindingKind
			for _, f := range got {
				kinds = append(kinds, f.Kind)
				if f.Message == "" {
					t.Errorf("finding without an explanation: %+v", f)
				}
				if f.Offset >= 0 && f.Text != "" && c.draft[f.Offset:f.Offset+len(f.Text)] != f.Text {
					t.Errorf("offset %d does not point at %q", f.Offset, f.Text)
				}
			}
			if len(kinds) != len(c.want) {
				t.Fatalf("findings %+v, want kinds %v", got, c.want)
			}
			for i := range kinds {
				if kinds[i] != c.want[i] {
					t.Fatalf("findings %+v, want kinds %v", got, c.want)
				}
			}
			if c.text != "" && got[0].Text != c.text {
				t.Errorf("first finding text %q, want %q", got[0].Text, c.text)
			}
		})
	}
}

func TestToneSettingsRoundTrip(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	in := Tone{Formality: "formal", Guidance: "Varm och kort.", SignAs: "person", Signature: "Hälsningar,\n{{agent}}", Avoid: []string{"tyvärr", "problem"}}
	if err := s.SetTone(ctx, in); err != nil {
		t.Fatal(err)
	}
	out, err := s.Tone(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if out.Formality != in.Formality || out.Signature != in.Signature || len(out.Avoid) != 2 || out.Agent != "Anna" || out.Brand != "Nordlys Coffee" {
		t.Fatalf("read back %+v", out)
	}
	if err := s.SetTone(ctx, Tone{Signature: "{{agnet}}"}); err == nil {
		t.Error("a signature with an unknown variable was stored")
	}
}
