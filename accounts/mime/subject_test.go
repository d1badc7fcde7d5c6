package mime

import "testing"

func TestNormalizeSubject(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Offer", "Offer"},
		{"Re: Offer", "Offer"},
		{"RE: Fwd: FW: Offer", "Offer"},
		{"AW: WG: Angebot", "Angebot"},
		{"SV: VS: Offert", "Offert"},
		{"Odp: Nabídka", "Nabídka"},
		{"RES: RV: Oferta", "Oferta"},
		{"Ответ: Отв: Предложение", "Предложение"},
		{"ОТВЕТ: Предложение", "Предложение"},
		{"Re[2]: Re(3): Offer", "Offer"},
		{"[team] Re: [team] Offer", "Offer"},
		{"  Re:   Offer   now ", "Offer now"},
		{"Resume: Offer", "Resume: Offer"},
		{"Re:", ""},
	}
	for _, tt := range tests {
		if got := NormalizeSubject(tt.in); got != tt.want {
			t.Errorf("NormalizeSubject(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if SubjectKey("Re: ÅSA offer") != SubjectKey("åsa Offer") {
		t.Error("SubjectKey is not case-insensitive")
	}
}

func TestReplySubject(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Offer", "Re: Offer"},
		{"Re: Offer", "Re: Offer"},
		{"RE: Offer", "RE: Offer"},
		{"SV: Offert", "SV: Offert"},
		{"Ответ: Предложение", "Ответ: Предложение"},
		{"Fwd: Offer", "Re: Fwd: Offer"},
		{"", "Re: "},
	}
	for _, tt := range tests {
		if got := ReplySubject(tt.in); got != tt.want {
			t.Errorf("ReplySubject(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
