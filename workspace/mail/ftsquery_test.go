package mail

import "testing"

func TestFTSQuery(t *testing.T) {
	for in, want := range map[string]string{
		`kůň`:               `"kůň"`,
		`order 4821*`:       `"order" "4821"*`,
		`"NEAR(a b)" OR -x`: `"NEAR(a" "b)" "OR" "-x"`,
		`елкин`:             `("елкин" OR "ёлкин")`,
		`Ёжик`:              `("Ежик" OR "Ёжик")`,
		`всё*`:              `("все"* OR "всё"*)`,
		`перепечатанное`:    `"перепечатанное"`, // four places: typed as written
		`   `:               ``,
	} {
		if got := FTSQuery(in); got != want {
			t.Errorf("FTSQuery(%q) = %s, want %s", in, got, want)
		}
	}
}
