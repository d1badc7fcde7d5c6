package demo

import (
	"strings"
	"testing"
	"time"
)

func TestShiftDatesKeepsSpacingAndZones(t *testing.T) {
	now := time.Date(2030, 6, 1, 12, 0, 0, 0, time.UTC)
	msgs := []seedMessage{
		{name: "a", raw: []byte("From: a@example.com\r\nDate: Wed, 31 Dec 2025 10:00:00 +0100\r\nSubject: new\r\n\r\nDate: not a header\r\n")},
		{name: "b", raw: []byte("date:Tue, 30 Dec 2025 09:00:00 -0300\nSubject: old\n\nbody\n")},
	}
	if err := shiftDates(msgs, now); err != nil {
		t.Fatal(err)
	}
	if !msgs[0].date.Equal(now.Add(-newestAge)) || msgs[0].date.Sub(msgs[1].date) != 21*time.Hour {
		t.Errorf("dates %v, %v", msgs[0].date, msgs[1].date)
	}
	want := "From: a@example.com\r\nDate: Sat, 01 Jun 2030 12:00:00 +0100\r\nSubject: new\r\n\r\nDate: not a header\r\n"
	if string(msgs[0].raw) != want {
		t.Errorf("rewritten:\n%q\nwant\n%q", msgs[0].raw, want)
	}
	if !strings.HasPrefix(string(msgs[1].raw), "date: Fri, 31 May 2030 11:00:00 -0300\nSubject: old\n") {
		t.Errorf("rewritten: %q", msgs[1].raw)
	}

	bad := []seedMessage{{name: "x.eml", raw: []byte("Subject: hi\n\nDate: Wed, 31 Dec 2025 10:00:00 +0100\n")}}
	if err := shiftDates(bad, now); err == nil || !strings.Contains(err.Error(), "x.eml") {
		t.Errorf("a message without Date: %v", err)
	}
}
