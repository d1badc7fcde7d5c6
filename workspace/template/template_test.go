package template

import (
	"errors"
	"strings"
	"testing"
)

func TestRender(t *testing.T) {
	anna := NewValues("Anna-Karin Lindqvist", "Sofia", "Nordlys Coffee")
	nobody := NewValues("", "Sofia", "Nordlys Coffee")
	tests := []struct {
		name, src string
		vals      Values
		want      string
	}{
		{"en", "Hi {{first_name}}, {{agent}} from {{brand}} here.", anna, "Hi Anna-Karin, Sofia from Nordlys Coffee here."},
		{"en fallback unused", "Hi {{first_name|there}}!", anna, "Hi Anna-Karin!"},
		{"en fallback used", "Hi {{first_name|there}}!", nobody, "Hi there!"},
		{"sv", "Hej {{ first_name | du }}! Mvh {{agent}}, {{brand}}", nobody, "Hej du! Mvh Sofia, Nordlys Coffee"},
		{"cs", "Dobrý den, {{name|vážený zákazníku}}, kůň čeká.", NewValues("Jiří Dvořák", "", ""), "Dobrý den, Jiří Dvořák, kůň čeká."},
		{"es", "¡Hola {{first_name|amigo}}! Soy {{agent}}.", NewValues("Lindqvist, María José", "Sofia", ""), "¡Hola María! Soy Sofia."},
		{"pt", "Olá {{first_name|cliente}}, obrigado — {{brand}}", NewValues("joao@example.com", "", "Nordlys"), "Olá cliente, obrigado — Nordlys"},
		{"ru", "Здравствуйте, {{first_name|друг}}! С уважением, {{agent}}", NewValues("Ольга Петрова", "Иван", ""), "Здравствуйте, Ольга! С уважением, Иван"},
		{"spaces only value", "Hi {{first_name|there}}", Values{FirstName: "  "}, "Hi there"},
		{"empty fallback", "Hi{{first_name|}}!", nobody, "Hi!"},
		{"no variables", "Plain text, {single} braces", nil, "Plain text, {single} braces"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Render(tc.src, tc.vals)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestUnresolvedNamesTheVariable(t *testing.T) {
	tests := []struct {
		src   string
		names []string
	}{
		{"Hej {{first_name}}!", []string{"first_name"}},
		{"Hola {{name}}, soy {{agent}} de {{agent}}", []string{"agent", "name"}},
		{"Привет, {{first_name}} — {{brand|мы}}", []string{"first_name"}},
	}
	for _, tc := range tests {
		_, err := Render(tc.src, Values{})
		var ue *UnresolvedError
		if !errors.As(err, &ue) {
			t.Fatalf("%q: want *UnresolvedError, got %v", tc.src, err)
		}
		if got := strings.Join(ue.Names(), ","); got != strings.Join(tc.names, ",") {
			t.Errorf("%q: names %s, want %v", tc.src, got, tc.names)
		}
		for _, n := range tc.names {
			if !strings.Contains(err.Error(), "{{"+n+"}}") {
				t.Errorf("%q: message %q does not name {{%s}}", tc.src, err, n)
			}
		}
	}
}

func TestCheckReportsPositions(t *testing.T) {
	tests := []struct {
		name, src string
		want      []Problem
	}{
		{"typo", "Hi {{frist_name}}", []Problem{{Kind: UnknownVariable, Name: "frist_name", Suggest: "first_name", Pos: Pos{1, 4, 3}}}},
		{"second line, non-ASCII before", "Hej!\nTack för ditt köp, {{kund}}.", []Problem{{Kind: UnknownVariable, Name: "kund", Pos: Pos{2, 20, 26}}}},
		{"case", "Здравствуйте {{First_Name}}", []Problem{{Kind: UnknownVariable, Name: "First_Name", Suggest: "first_name", Pos: Pos{1, 14, 25}}}},
		{"empty and unclosed", "{{ }} then {{agent", []Problem{{Kind: EmptyVariable, Pos: Pos{1, 1, 0}}, {Kind: Unclosed, Pos: Pos{1, 12, 11}}}},
		{"fine", "{{agent}} {{brand|us}}", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Check(tc.src)
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("problem %d: got %+v, want %+v", i, got[i], tc.want[i])
				}
			}
		})
	}
	if msg := Check("Hi {{frist_name}}").Error(); msg != "unknown variable {{frist_name}} at line 1, column 4 (did you mean {{first_name}}?)" {
		t.Errorf("message: %s", msg)
	}
}

func TestPlain(t *testing.T) {
	tests := []struct{ name, md, want string }{
		{"emphasis", "**Free** shipping on *all* orders over __500 kr__, ~~not~~ today", "Free shipping on all orders over 500 kr, not today"},
		{"snake case and maths", "Use {{first_name}} and 2 * 3 * 4 and file_name_here", "Use {{first_name}} and 2 * 3 * 4 and file_name_here"},
		{"emphasis around variable", "Hej _{{first_name}}_!", "Hej {{first_name}}!"},
		{"link", "See [our shipping page](https://nordlys.example/shipping \"Shipping\").", "See our shipping page (https://nordlys.example/shipping)."},
		{"bare link text", "[https://nordlys.example](https://nordlys.example) or <https://x.example/a>", "https://nordlys.example or https://x.example/a"},
		{"mail", "Write to [support@nordlys.example](mailto:support@nordlys.example)", "Write to support@nordlys.example"},
		{"image", "![Grinder](https://x.example/g.png)", "Grinder (https://x.example/g.png)"},
		{"lists", "Steps:\n* Open **Account**\n+ Choose *Pause*\n  - nested\n1. one\n2) two", "Steps:\n- Open Account\n- Choose Pause\n  - nested\n1. one\n2) two"},
		{"heading and quote", "## Returns ##\n> Quoted *text*", "Returns\n> Quoted text"},
		{"setext", "Title\n=====\nBody", "Title\n\nBody"},
		{"code", "Run `pause --now` then:\n```\n**raw**\n```\ndone", "Run pause --now then:\n**raw**\ndone"},
		{"escapes", `Price \*not\* final, 5\_000`, "Price *not* final, 5_000"},
		{"cyrillic", "**Доставка** занимает _3–5 дней_", "Доставка занимает 3–5 дней"},
		{"unclosed", "a **b and c_", "a **b and c_"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Plain(tc.md); got != tc.want {
				t.Errorf("got\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

func TestRenderTextKeepsValuesLiteral(t *testing.T) {
	got, err := RenderText("Hi **{{first_name}}**, from _{{brand}}_", Values{FirstName: "*Star*", Brand: "A_B_"})
	if err != nil {
		t.Fatal(err)
	}
	if got != "Hi *Star*, from A_B_" {
		t.Errorf("got %q", got)
	}
	if _, err := RenderText("line\n**{{nme}}**", nil); err == nil || !strings.Contains(err.Error(), "line 2, column 3") {
		t.Errorf("want position in the source, got %v", err)
	}
}
