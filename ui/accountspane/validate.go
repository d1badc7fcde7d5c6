package accountspane

import (
	"fmt"
	"net"
	netmail "net/mail"
	"strings"

	"fyne.io/fyne/v2/lang"

	"switchboard/workspace/mail"
)

// securities are the choices of the security selects, in order.
var securities = []mail.Security{mail.TLS, mail.StartTLS, mail.Plain}

func securityLabel(s mail.Security) string {
	switch s {
	case mail.StartTLS:
		return lang.L("STARTTLS")
	case mail.Plain:
		return lang.L("None")
	}
	return lang.L("TLS")
}

// defaultPort is used when the user types only a host name.
func defaultPort(imap bool, s mail.Security) int {
	switch {
	case imap && s == mail.TLS:
		return 993
	case imap:
		return 143
	case s == mail.TLS:
		return 465
	}
	return 587
}

// checkEmail returns a message for the field, or "".
func checkEmail(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return lang.L("Type the address customers write to.")
	}
	if a, err := netmail.ParseAddress(s); err != nil || a.Address != s {
		return lang.L("This is not an email address (name@example.com).")
	}
	return ""
}

// parseServer reads "host" or "host:port"; the message is for the server field.
func parseServer(s string, imap bool, sec mail.Security) (mail.Endpoint, string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return mail.Endpoint{}, lang.L("Type the server's name, such as mail.example.com.")
	}
	if _, _, err := net.SplitHostPort(s); err != nil {
		s = net.JoinHostPort(strings.Trim(s, "[]"), fmt.Sprint(defaultPort(imap, sec)))
	}
	ep, err := mail.ParseEndpoint(s, sec)
	if err != nil || ep.Host == "" {
		return ep, lang.L("Type host:port, such as mail.example.com:993; the port is a number from 1 to 65535.")
	}
	return ep, ""
}

// checkSecurity refuses an unencrypted connection to another machine.
func checkSecurity(ep mail.Endpoint) string {
	if ep.Security == mail.Plain && ep.Host != "" && !mail.IsLoopback(ep.Host) {
		return lang.L("Without encryption the password would cross the network readable: only allowed to this computer (localhost). Choose TLS or STARTTLS.")
	}
	return ""
}

// checkFingerprint accepts empty or a SHA-256 in hex, colons and spaces allowed.
func checkFingerprint(s string) string {
	fp := mail.NormalizeFingerprint(s)
	if fp == "" {
		return ""
	}
	if len(fp) != 64 || strings.Trim(fp, "0123456789abcdef") != "" {
		return lang.L("A SHA-256 fingerprint is 64 hexadecimal digits (colons allowed).")
	}
	return ""
}
