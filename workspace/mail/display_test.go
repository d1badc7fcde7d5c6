package mail

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDisplayIsolatesRightToLeftNames(t *testing.T) {
	// From the corpus (php-mime-mail-parser issue149): a Hebrew auto-reply subject.
	he := "מענה 'אני לא נמצא': Invoice 02722027"
	if got := DisplaySubject(he); got != "\u2068"+he+"\u2069" {
		t.Errorf("DisplaySubject = %q", got)
	}
	got := DisplayAddress(Address{Name: "محمد (الدعم)", Email: "m@example.com"})
	if got != "\u2068محمد (الدعم)\u2069 <m@example.com>" {
		t.Errorf("DisplayAddress = %q: the brackets must stay outside the isolate", got)
	}
	// A right-to-left override that would show "invoice‮fdp.exe" as a PDF is dropped.
	if got := IsolateBidi("invoice\u202efdp.exe"); got != "invoicefdp.exe" {
		t.Errorf("IsolateBidi = %q", got)
	}
	if got := DisplaySubject("Příliš žluťoučký kůň"); got != "Příliš žluťoučký kůň" {
		t.Errorf("left-to-right text changed: %q", got)
	}
}

func TestDisplayCapsHugeText(t *testing.T) {
	huge := strings.Repeat("ё", 1<<20)
	got := DisplaySubject(huge)
	if n := utf8.RuneCountInString(got); n != MaxDisplaySubjectRunes+1 || !strings.HasSuffix(got, "…") {
		t.Errorf("%d runes, suffix %q", n, got[len(got)-3:])
	}
	if n := utf8.RuneCountInString(DisplayBody(huge)); n != MaxDisplayBodyRunes+1 {
		t.Errorf("body: %d runes", n)
	}
	if got := CapRunes("short", 10); got != "short" {
		t.Errorf("CapRunes = %q", got)
	}
}
