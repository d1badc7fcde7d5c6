package schedule_test

import (
	"strings"
	"testing"

	"switchboard/workspace/schedule"
)

func TestAutoReplySuppressedByRFC3834AndLoopRules(t *testing.T) {
	own := []string{"hello@nordlys.example"}
	base := "Return-Path: <asa@example.se>\r\nFrom: Åsa <asa@example.se>\r\n"
	tests := []struct {
		name, header string
		want         string // a part of the reason; "" means answer
	}{
		{"a person", base, ""},
		{"Auto-Submitted: no is a person", base + "Auto-Submitted: no\r\n", ""},
		{"Auto-Submitted: auto-replied", base + "Auto-Submitted: auto-replied\r\n", "Auto-Submitted"},
		{"Auto-Submitted: auto-generated", base + "Auto-Submitted: auto-generated\r\n", "Auto-Submitted"},
		{"Precedence: bulk", base + "Precedence: bulk\r\n", "Precedence"},
		{"Precedence: list", base + "Precedence: list\r\n", "Precedence"},
		{"Precedence: junk", base + "Precedence: junk\r\n", "Precedence"},
		{"Precedence: auto_reply", base + "Precedence: auto_reply\r\n", "Precedence"},
		{"Precedence: first-class is fine", base + "Precedence: first-class\r\n", ""},
		{"List-Id", base + "List-Id: <news.example.com>\r\n", "List-Id"},
		{"List-Unsubscribe", base + "List-Unsubscribe: <mailto:u@example.com>\r\n", "List-Unsubscribe"},
		{"List-Post", base + "List-Post: <mailto:l@example.com>\r\n", "List-Post"},
		{"X-Auto-Response-Suppress", base + "X-Auto-Response-Suppress: All\r\n", "X-Auto-Response-Suppress"},
		{"X-Autoreply", base + "X-Autoreply: yes\r\n", "X-Autoreply"},
		{"X-Autorespond", base + "X-Autorespond: yes\r\n", "X-Autorespond"},
		{"null return path", "Return-Path: <>\r\nFrom: asa@example.se\r\n", "null Return-Path"},
		{"missing return path", "From: asa@example.se\r\n", "no Return-Path"},
		{"mailer-daemon", "Return-Path: <MAILER-DAEMON@mx.example.com>\r\nFrom: MAILER-DAEMON@mx.example.com\r\n", "mail system"},
		{"postmaster", "Return-Path: <postmaster@example.com>\r\nFrom: postmaster@example.com\r\n", "mail system"},
		{"no-reply", "Return-Path: <bounce@shop.example>\r\nFrom: Shop <no-reply@shop.example>\r\n", "takes no replies"},
		{"noreply", "Return-Path: <noreply@shop.example>\r\nFrom: noreply@shop.example\r\n", "takes no replies"},
		{"owner-", "Return-Path: <owner-coffee@lists.example>\r\nFrom: asa@example.se\r\n", "mailing list"},
		{"-request", "Return-Path: <coffee-request@lists.example>\r\nFrom: asa@example.se\r\n", "mailing list"},
		{"our own address", "Return-Path: <hello@nordlys.example>\r\nFrom: hello@nordlys.example\r\n", "own address"},
		{"our own address, other case", "Return-Path: <x@example.se>\r\nFrom: Hello@Nordlys.Example\r\n", "own address"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := schedule.Suppressed(schedule.ReadHeader([]byte(tt.header+"Subject: x\r\n\r\nbody")), own)
			switch {
			case tt.want == "" && got != "":
				t.Errorf("not answered: %s", got)
			case tt.want != "" && !strings.Contains(got, tt.want):
				t.Errorf("reason %q, want one naming %q", got, tt.want)
			}
		})
	}
}
