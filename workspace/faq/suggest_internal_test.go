package faq

import "testing"

func TestCustomerTextStopsAtTheQuotedMail(t *testing.T) {
	for _, lang := range []string{"Erik at Nordlys Coffee wrote:", "Den 3 mars 2026 skrev Erik:", "Dne 3. 3. 2026 napsal Erik:",
		"El lun, Erik escribió:", "Em seg, Erik escreveu:", "3 марта Эрик написал:"} {
		got := customerText("Still bitter, batch NC-2611.\n\n" + lang + "\nWe are sorry to hear that.")
		if got != "Still bitter, batch NC-2611.\n" {
			t.Errorf("%q: customer text %q keeps the quoted mail", lang, got)
		}
	}
}
